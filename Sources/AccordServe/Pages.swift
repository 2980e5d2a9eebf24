import AccordCore
import Foundation

/// The two pages, as HTML built here: no external assets, no build step, every value from
/// the session escaped (`HTML.escape`), in the room's language.
public enum Pages {
    /// Escaped, without the style markers screen text carries (`Paint`).
    static func e(_ s: String) -> String { HTML.escape(Paint.strip(s)) }
    /// A value from the session (a name, a KPI, a field's value): escaped and isolated in
    /// `<bdi>`, so that a right-to-left name or bidi controls cannot reorder the cells around it.
    static func d(_ s: String) -> String { "<bdi>" + e(s) + "</bdi>" }

    static let style = """
    body{font:16px/1.4 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:.8rem;color:#111;background:#fafafa}
    h1{font-size:1.25rem;margin:.2rem 0}h2{font-size:1.05rem;margin:.8rem 0 .3rem}
    .card{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:.7rem;margin:.6rem 0}
    .muted{color:#666}.bad{color:#b00020}.ok{color:#0a6b2d}.over{color:#b00020;font-weight:bold}
    label{display:block;padding:.25rem 0}textarea{width:100%;box-sizing:border-box;min-height:4rem;font:inherit}
    button{font:inherit;padding:.5rem 1.2rem;margin-top:.4rem}table{border-collapse:collapse;width:100%}
    td,th{border-bottom:1px solid #eee;padding:.25rem;text-align:left}
    .letter h3{font-size:.95rem;margin:.7rem 0 .2rem}.letter ul{margin:.2rem 0;padding-left:1.2rem}
    .letter .row{border:1px solid #e4e4e4;border-radius:.4rem;padding:.3rem .55rem;margin:.4rem 0}.letter h4{margin:.1rem 0 .2rem;font-size:1rem}
    .letter dl{display:grid;grid-template-columns:max-content 1fr;gap:.05rem .8rem;margin:0;font-size:.92rem}.letter dt{color:#666}.letter dd{margin:0}
    .letter .total{font-weight:bold}.letter .rule{font-size:.9rem;color:#444}.st{font-size:.85rem;padding:.05rem .4rem;border-radius:.3rem;background:#eee}
    .st-signed{background:#e3f4e8;color:#0a6b2d}.st-void{background:#fde7e9;color:#b00020}.nw{white-space:nowrap}.digest{word-break:break-all}.timer{font-size:2rem;font-variant-numeric:tabular-nums}
    bdi{unicode-bidi:isolate}table.diff{width:auto}table.diff caption{text-align:left}table.diff td,table.diff th{border:0;padding:.1rem .4rem .1rem 0}del{color:#b00020}ins{color:#0a6b2d;text-decoration:none;font-weight:bold}
    body.room{max-width:80rem;font-size:1.25rem}.scroll{overflow-x:auto}
    table.matrix th,table.matrix td{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top}
    table.matrix thead th{background:#f0f0f0}table.matrix tbody th{text-align:left;background:#f7f7f7;white-space:nowrap}
    table.walls{width:auto}table.walls td{text-align:center;font-variant-numeric:tabular-nums;min-width:3rem}td.hot{background:#fde7e9;color:#b00020;font-weight:bold}
    td.none{color:#aaa}.pending{color:#888;font-style:italic}.warn{color:#8a5a00}td.num{text-align:right;white-space:nowrap}
    .gloss,.kpi{display:block;font-weight:normal;color:#666;font-size:.85em}
    """

    static func document(title: String, lang: Language, body: String, script: String = "", bodyClass: String? = nil) -> String {
        """
        <!doctype html><html lang="\(lang.rawValue)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width,initial-scale=1">
        <meta name="referrer" content="no-referrer"><title>\(e(title))</title><style>\(style)</style></head>
        <body\(bodyClass.map { " class=\"\(e($0))\"" } ?? "")>\(body)\(script.isEmpty ? "" : "<script>\(script)</script>")</body></html>
        """
    }

    /// The goals the room votes on now: the proposed ones, in order.
    static func open(_ s: State) -> [Goal] { s.goals.all.filter { $0.status == .proposed } }

    static func votesHTML(_ g: Goal, _ s: State) -> String {
        if Consent.hidden(g, in: s) {
            return "<p class=\"muted\">\(e(t("serve.page.hidden"))) \(e(Consent.shownTally(g, in: s)))</p>"
        }
        let votes = Consent.currentVotes(g, in: s)
        var rows = ""
        for d in s.departments {
            let v = votes[d.id]
            rows += "<tr><td>\(e(d.name))</td><td>\(e(v?.choice.label ?? "–"))</td><td>\(e(v?.reason ?? ""))</td></tr>"
        }
        return "<p>\(e(Consent.tally(g, in: s)))</p><table>\(rows)</table>"
    }

    static func goalHTML(_ g: Goal, _ s: State, now: String) -> String {
        let r = g.current
        let grade = Smart.grade(r, goalID: g.id, in: s, now: now)
        return "<h2>\(e("\(g.ref) r\(r.number)")) · \(e(r.title))</h2><p class=\"muted\">SMART \(e(grade.line))</p>"
    }

    /// What changed from the goal's previous revision to the one under vote: the fields of
    /// `goal show`'s `r1 → r2` line (`GoalText.changes`), one per row; the first revision says so.
    static func diffHTML(_ g: Goal, _ s: State) -> String {
        let r = g.current
        guard g.revisions.count > 1 else { return "<p class=\"muted\">\(e(t("room.diff.first", ["n": "\(r.number)"])))</p>" }
        let prev = g.revisions[g.revisions.count - 2]
        let changes = GoalText.changes(prev, r, in: s)
        var b = "<table class=\"diff\"><caption class=\"muted\">\(e(t("room.diff.heading", ["from": "r\(prev.number)", "to": "r\(r.number)"])))</caption>"
        for c in changes {
            b += "<tr><th scope=\"row\">\(e(c.field))</th><td><del>\(d(c.old ?? "–"))</del></td><td>→</td><td><ins>\(d(c.new ?? "–"))</ins></td></tr>"
        }
        return b + "</table>"
    }

    /// The participant's page: who they are, each goal open for votes with its grade and its
    /// votes (or that they are hidden), and a vote form carrying the revision shown and a fresh
    /// idempotency key. Works without JavaScript; with it, reloads when the room changes.
    public static func participant(_ view: RoomView, _ p: Participant, token: String, lang: Language, notice: Answer? = nil) -> String {
        Language.$scoped.withValue(lang) {
            let s = view.state
            guard let dept = s.depts[p.dept] else { return document(title: "Accord", lang: lang, body: "<p>\(e(t("serve.page.unknown")))</p>") }
            let person = (p.role == .head ? dept.head : dept.supervisor) ?? ""
            var body = "<h1>\(e(s.meta.title.isEmpty ? "Accord" : s.meta.title))</h1>"
            body += "<p>\(e(t("serve.page.you", ["dept": dept.name, "role": p.role.label, "name": person])))</p>"
            if let n = notice {
                body += "<p class=\"\(n.status == 200 ? "ok" : "bad")\" role=\"status\">\(e(n.text))</p>"
            }
            if s.meta.step >= .sign { body += letterHTML(s, dept, p, token: token) }
            let goals = open(s)
            if goals.isEmpty && s.meta.step < .sign { body += "<p class=\"muted\">\(e(t("serve.page.nothing")))</p>" }
            for g in goals {
                body += "<div class=\"card\">" + goalHTML(g, s, now: view.now) + diffHTML(g, s) + votesHTML(g, s)
                if p.role == .head {
                    let key = TokenTable.newToken()
                    body += "<form method=\"post\" action=\"/p/\(e(token))/vote\">"
                    body += "<input type=\"hidden\" name=\"goal\" value=\"\(g.id)\"><input type=\"hidden\" name=\"revision\" value=\"\(g.current.number)\">"
                    body += "<input type=\"hidden\" name=\"dept\" value=\"\(p.dept)\"><input type=\"hidden\" name=\"key\" value=\"\(key)\">"
                    for c in VoteChoice.allCases {
                        body += "<label><input type=\"radio\" name=\"choice\" value=\"\(c.rawValue)\" required> \(e(c.label))</label>"
                    }
                    body += "<label>\(e(t("serve.page.reason")))<textarea name=\"reason\" maxlength=\"2000\"></textarea></label>"
                    body += "<button type=\"submit\">\(e(t("serve.page.send")))</button></form>"
                } else {
                    body += "<p class=\"muted\">\(e(t("serve.page.head-votes", ["dept": dept.name])))</p>"
                }
                body += "</div>"
            }
            // reason required for object/block, as the REPL requires (checked again in accord)
            let script = """
            document.querySelectorAll('form').forEach(function(f){f.addEventListener('change',function(){var c=f.querySelector('input[name=choice]:checked');f.reason.required=!!c&&(c.value==='object'||c.value==='block');});});
            var es=new EventSource('/p/\(e(token))/events');document.addEventListener('submit',function(){es.close();},true);es.onmessage=function(){var busy=Array.prototype.some.call(document.querySelectorAll('textarea'),function(t){return t.value!=='';})||document.querySelector('input[name=choice]:checked');if(!busy)location.replace(location.pathname);};
            """
            return document(title: dept.name, lang: lang, body: body, script: script + signScript(token: token))
        }
    }

    /// At signing: the participant's letter, its digest, and a button that signs that digest
    /// with a key made on this device (WebCrypto Ed25519, or ECDSA P-256 where the browser has
    /// no Ed25519; not extractable, kept in the browser's IndexedDB for this link). The digest
    /// sent is the one shown: a letter that changed since is refused by accord.
    static func letterHTML(_ s: State, _ dept: Department, _ p: Participant, token: String) -> String {
        let item = LetterSet.Item(Signatures.review(s, depts: [dept.id])[0], letter: Letter(dept, in: s))
        let letter = item.letter
        var b = "<div class=\"card letter\"><h2>\(e(t("serve.page.letter")))</h2>" + HTMLExport.letterCard(item, lang: Language.current.rawValue)
        b += "<p class=\"muted digest\">\(e(t("serve.page.digest", ["digest": letter.digest])))</p>"
        let mine = item.signatures.first { $0.role == p.role }
        if mine?.signature != nil && mine?.valid == true {
            b += "<p class=\"ok\" role=\"status\">✓ \(e(t("serve.page.signed-already")))</p>"
        } else if letter.notReady == nil {
            b += "<form id=\"sign\" method=\"post\" action=\"/p/\(e(token))/sign\"><input type=\"hidden\" name=\"digest\" value=\"\(e(letter.digest))\">"
            b += "<input type=\"hidden\" name=\"key\" value=\"\(TokenTable.newToken())\"><input type=\"hidden\" name=\"pub\"><input type=\"hidden\" name=\"sig\"><input type=\"hidden\" name=\"alg\">"
            b += "<button type=\"submit\">\(e(t("serve.page.sign")))</button><p class=\"bad\" id=\"nocrypto\" hidden>\(e(t("serve.page.no-crypto")))</p></form>"
        }
        return b + "</div>"
    }

    /// The signing script: one key per link, made on first use and kept in IndexedDB. Ed25519
    /// where the browser has it, ECDSA P-256 when it refuses (`generateKey` rejects); the form
    /// says which (`alg`), read from the key itself, so a key kept from before stays P-256.
    static func signScript(token: String) -> String {
        """
        (function(){var f=document.getElementById('sign');if(!f)return;
        function b64(a){var s='';a=new Uint8Array(a);for(var i=0;i<a.length;i++)s+=String.fromCharCode(a[i]);return btoa(s);}
        function db(){return new Promise(function(ok,no){var r=indexedDB.open('accord-keys',1);r.onupgradeneeded=function(){r.result.createObjectStore('keys');};r.onsuccess=function(){ok(r.result);};r.onerror=no;});}
        function get(d,k){return new Promise(function(ok){var q=d.transaction('keys').objectStore('keys').get(k);q.onsuccess=function(){ok(q.result);};q.onerror=function(){ok(null);};});}
        function put(d,k,v){return new Promise(function(ok){var tx=d.transaction('keys','readwrite');tx.objectStore('keys').put(v,k);tx.oncomplete=ok;});}
        function make(){return Promise.resolve().then(function(){return crypto.subtle.generateKey({name:'Ed25519'},false,['sign','verify']);})
        .catch(function(){return crypto.subtle.generateKey({name:'ECDSA',namedCurve:'P-256'},false,['sign','verify']);});}
        f.addEventListener('submit',function(ev){ev.preventDefault();if(!window.crypto||!crypto.subtle){document.getElementById('nocrypto').hidden=false;return;}
        var id='\(e(token))',d;db().then(function(x){d=x;return get(d,id);}).then(function(k){if(k)return k;
        return make().then(function(n){return put(d,id,n).then(function(){return n;});});})
        .then(function(k){var ed=k.privateKey.algorithm.name==='Ed25519';f.alg.value=ed?'ed25519':'p256';
        return Promise.all([crypto.subtle.exportKey('raw',k.publicKey),crypto.subtle.sign(ed?{name:'Ed25519'}:{name:'ECDSA',hash:'SHA-256'},k.privateKey,new TextEncoder().encode('accord-device-signature/1\\n'+f.digest.value))]);})
        .then(function(r){f.pub.value=b64(r[0]);f.sig.value=b64(r[1]);f.submit();})
        .catch(function(x){console.error(x);document.getElementById('nocrypto').hidden=false;});});})();
        """
    }

    /// The room page's live part (sent again, whole, over server-sent events at every event).
    public static func roomFragment(_ view: RoomView, lang: Language) -> String {
        Language.$scoped.withValue(lang) {
            let s = view.state
            var b = "<h1>\(e(s.meta.title.isEmpty ? "Accord" : s.meta.title))</h1>"
            b += "<p>\(e(t("serve.room.step", ["step": Status.stepTitle(s.meta.step)])))</p>"
            if let box = s.meta.timer, let left = box.left(at: view.now) {
                b += "<p class=\"timer \(left < 0 ? "over" : "")\" data-left=\"\(left)\"><span>\(e(box.label ?? ""))</span> <span class=\"left\">\(e(Timebox.text(left)))</span></p>"
            }
            let blockers = Gates.blockers(leaving: s.meta.step, s)
            if !blockers.isEmpty {
                b += "<div class=\"card\"><h2>\(e(t("serve.room.blockers")))</h2><ul>"
                for x in blockers { b += "<li>\(e(Paint.strip(x)))</li>" }
                b += "</ul></div>"
            }
            for g in open(s) { b += "<div class=\"card\">" + goalHTML(g, s, now: view.now) + votesHTML(g, s) + "</div>" }
            b += wallsHTML(s)
            b += gridHTML(s)
            if !s.signatures.isEmpty {
                b += "<div class=\"card\"><h2>\(e(t("serve.room.signatures")))</h2><ul>"
                for sig in s.signatures.all {
                    let d = s.depts[sig.dept]?.name ?? "?"
                    b += "<li>\(e(d)) · \(e(sig.role.label)) · \(e(sig.name))</li>"
                }
                b += "</ul></div>"
            }
            return b
        }
    }

    /// The walls, as the audit shows them (`Walls`, `AuditReport.render`): open conflicts
    /// between each pair of departments, a department × department table (on the diagonal,
    /// tensions inside one department); a room too large for a table, its busiest pairs.
    static func wallsHTML(_ s: State) -> String {
        let walls = Walls(s.conflicts.all, state: s)
        var b = "<div class=\"card\" id=\"walls\"><h2>\(e(t("audit.walls.heading")))</h2>"
        if walls.isEmpty {
            let key = s.kpis.isEmpty || s.conflicts.isEmpty ? "room.walls.not-yet" : "room.walls.none"
            return b + "<p class=\"muted\">\(e(t(key)))</p></div>"
        }
        if walls.depts.count > 12 {
            b += "<table class=\"matrix walls\"><tbody>"
            for (x, y, n) in walls.busiest(10) {
                let pair = x == y ? d(s.deptName(x)) + " " + e(t("audit.walls.inside")) : d(s.deptName(x)) + " ↔ " + d(s.deptName(y))
                b += "<tr><th scope=\"row\">\(pair)</th><td class=\"hot\">\(n)</td></tr>"
            }
            return b + "</tbody></table></div>"
        }
        let names = walls.depts.map { s.deptName($0) }
        b += "<div class=\"scroll\"><table class=\"matrix walls\"><thead><tr><th></th>"
        for name in names { b += "<th scope=\"col\">\(d(name))</th>" }
        b += "</tr></thead><tbody>"
        for (i, name) in names.enumerated() {
            b += "<tr><th scope=\"row\">\(d(name))</th>"
            for n in walls.counts[i] { b += n == 0 ? "<td class=\"none\">·</td>" : "<td class=\"hot\">\(n)</td>" }
            b += "</tr>"
        }
        return b + "</tbody></table></div></div>"
    }

    /// The grid, as `grid` shows it (`Grid`, `GridText`): each department's contributions
    /// at each AARRR stage with its weight total, and the goals mapped to each stage.
    static func gridHTML(_ s: State) -> String {
        var b = "<div class=\"card\" id=\"grid\"><h2>\(e(t("room.grid.heading")))</h2>"
        let grid = Grid(s)
        guard !grid.rows.isEmpty else { return b + "<p class=\"muted\">\(e(t("room.grid.no-depts")))</p></div>" }
        if s.contribs.isEmpty && grid.goals.isEmpty {
            return b + "<p class=\"muted\">\(e(t("room.grid.nothing")))</p></div>"
        }
        let mismatched = Set(grid.gaps.flatMap { gap -> [Int] in
            if case let .sourceMismatch(_, ids) = gap { return ids }; return []
        })
        let overloaded = Set(grid.gaps.compactMap { if case let .overload(d, _) = $0 { return d }; return nil })
        b += "<div class=\"scroll\"><table class=\"matrix grid\"><thead><tr><th></th>"
        for stage in Stage.allCases {
            b += "<th scope=\"col\">\(e(stage.label))\(Mapping.stageGloss(stage).map { "<span class=\"gloss\">\(e($0))</span>" } ?? "")</th>"
        }
        b += "<th scope=\"col\">\(e(t("grid.col.weight")))</th></tr></thead><tbody>"
        for row in grid.rows {
            b += "<tr><th scope=\"row\">\(d(row.dept.name))</th>"
            for stage in Stage.allCases {
                let here = row.cells[stage] ?? []
                if here.isEmpty { b += "<td class=\"none\">·</td>"; continue }
                let items = here.map { c -> String in
                    let pending = !Mapping.counts(c, in: s)
                    var text = d(Mapping.cell(c, pending: pending))
                    if mismatched.contains(c.id) { text += " !" }
                    text += "<span class=\"kpi\">" + d(c.kpi) + "</span>"
                    let cls = pending ? "pending" : mismatched.contains(c.id) ? "warn" : ""
                    return cls.isEmpty ? "<div>\(text)</div>" : "<div class=\"\(cls)\">\(text)</div>"
                }
                b += "<td>" + items.joined() + "</td>"
            }
            let full = Mapping.isFull(row.weight) && row.count > 0
            var w = Num.format(row.weight) + " " + (full ? "✓" : "✗")
            if overloaded.contains(row.dept.id) { w += " " + t("grid.overload-mark", ["n": "\(row.count)"]) }
            b += "<td class=\"num \(full && !overloaded.contains(row.dept.id) ? "ok" : "bad")\">\(e(w))</td></tr>"
        }
        b += "</tbody><tfoot><tr><th scope=\"row\">\(e(t("grid.row.goals")))</th>"
        for stage in Stage.allCases {
            let gs = grid.goals[stage] ?? []
            if gs.isEmpty { b += "<td class=\"none\">·</td>"; continue }
            let items = gs.map { g -> String in
                let ref = "\(ID(.goal, g.goal))"
                if !g.adopted { return "<span class=\"pending\">\(e(ref))?</span>" }
                return g.served ? e(ref) : "<span class=\"bad\">\(e(ref)) ✗</span>"
            }
            b += "<td>" + items.joined(separator: " ") + "</td>"
        }
        b += "<td></td></tr></tfoot></table></div>"
        b += "<p class=\"muted\">\(e(GridText.summary(grid, s)))</p>"
        if grid.rows.contains(where: { $0.pending > 0 }) || grid.goals.values.joined().contains(where: { !$0.adopted }) {
            b += "<p class=\"muted\">\(e(t("grid.legend.pending")))</p>"
        }
        if !grid.gaps.isEmpty {
            b += "<p>\(e(t("grid.gaps")))</p><ul>"
            for gap in grid.gaps { b += "<li class=\"\(gap.blocksNext ? "bad" : "warn")\">\(e(GridText.describe(gap, s, forGate: false)))</li>" }
            b += "</ul>"
        }
        return b + "</div>"
    }

    public static func room(_ view: RoomView, lang: Language) -> String {
        let script = """
        var es=new EventSource('/room/events');es.onmessage=function(m){document.getElementById('room').innerHTML=m.data;};
        setInterval(function(){var t=document.querySelector('.timer');if(!t)return;var l=parseInt(t.dataset.left,10)-1;t.dataset.left=l;var a=Math.abs(l),h=Math.floor(a/3600),m=Math.floor(a%3600/60),s=a%60;var x=(h?h+':'+(m<10?'0':''):'')+m+':'+(s<10?'0':'')+s;t.querySelector('.left').textContent=(l<0?'-':'')+x;if(l<0)t.classList.add('over');},1000);
        """
        return document(title: "Accord", lang: lang, body: "<div id=\"room\">\(roomFragment(view, lang: lang))</div>", script: script, bodyClass: "room")
    }

    /// A plain page for a refusal or an answer, with its status said.
    public static func answer(_ a: Answer, lang: Language, back: String?) -> String {
        let link = back.map { "<p><a href=\"\(e($0))\">\(e(Language.$scoped.withValue(lang) { t("serve.page.back") }))</a></p>" } ?? ""
        return document(title: "\(a.status)", lang: lang, body: "<p class=\"\(a.status == 200 ? "ok" : "bad")\">\(e(a.text))</p>\(link)")
    }
}
