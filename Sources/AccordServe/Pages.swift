import AccordCore
import Foundation

/// The two pages, as HTML built here: no external assets, no build step, every value from
/// the session escaped (`HTML.escape`), in the room's language.
public enum Pages {
    /// Escaped, without the style markers screen text carries (`Paint`).
    static func e(_ s: String) -> String { HTML.escape(Paint.strip(s)) }

    static let style = """
    body{font:16px/1.4 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:.8rem;color:#111;background:#fafafa}
    h1{font-size:1.25rem;margin:.2rem 0}h2{font-size:1.05rem;margin:.8rem 0 .3rem}
    .card{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:.7rem;margin:.6rem 0}
    .muted{color:#666}.bad{color:#b00020}.ok{color:#0a6b2d}.over{color:#b00020;font-weight:bold}
    label{display:block;padding:.25rem 0}textarea{width:100%;box-sizing:border-box;min-height:4rem;font:inherit}
    button{font:inherit;padding:.5rem 1.2rem;margin-top:.4rem}table{border-collapse:collapse;width:100%}
    td,th{border-bottom:1px solid #eee;padding:.25rem;text-align:left}
    pre.letter{white-space:pre;overflow-x:auto;font-size:.78rem;line-height:1.3}.digest{word-break:break-all}.timer{font-size:2rem;font-variant-numeric:tabular-nums}
    """

    static func document(title: String, lang: Language, body: String, script: String = "") -> String {
        """
        <!doctype html><html lang="\(lang.rawValue)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width,initial-scale=1">
        <meta name="referrer" content="no-referrer"><title>\(e(title))</title><style>\(style)</style></head>
        <body>\(body)\(script.isEmpty ? "" : "<script>\(script)</script>")</body></html>
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
                body += "<div class=\"card\">" + goalHTML(g, s, now: view.now) + votesHTML(g, s)
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
        let letter = Letter(dept, in: s)
        let sigs = Signatures.review(s, depts: [dept.id])[0]
        var b = "<div class=\"card\"><h2>\(e(t("serve.page.letter")))</h2><pre class=\"letter\">\(e(LetterText.render(letter, sigs, s, width: 48)))</pre>"
        b += "<p class=\"muted digest\">\(e(t("serve.page.digest", ["digest": letter.digest])))</p>"
        if letter.notReady == nil {
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

    public static func room(_ view: RoomView, lang: Language) -> String {
        let script = """
        var es=new EventSource('/room/events');es.onmessage=function(m){document.getElementById('room').innerHTML=m.data;};
        setInterval(function(){var t=document.querySelector('.timer');if(!t)return;var l=parseInt(t.dataset.left,10)-1;t.dataset.left=l;var a=Math.abs(l),h=Math.floor(a/3600),m=Math.floor(a%3600/60),s=a%60;var x=(h?h+':'+(m<10?'0':''):'')+m+':'+(s<10?'0':'')+s;t.querySelector('.left').textContent=(l<0?'-':'')+x;if(l<0)t.classList.add('over');},1000);
        """
        return document(title: "Accord", lang: lang, body: "<div id=\"room\">\(roomFragment(view, lang: lang))</div>", script: script)
    }

    /// A plain page for a refusal or an answer, with its status said.
    public static func answer(_ a: Answer, lang: Language, back: String?) -> String {
        let link = back.map { "<p><a href=\"\(e($0))\">\(e(Language.$scoped.withValue(lang) { t("serve.page.back") }))</a></p>" } ?? ""
        return document(title: "\(a.status)", lang: lang, body: "<p class=\"\(a.status == 200 ? "ok" : "bad")\">\(e(a.text))</p>\(link)")
    }
}
