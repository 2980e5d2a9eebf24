import Foundation

/// Step 1, audit: the departments' current KPIs (typed or imported), the metric catalog,
/// the checks, and the conflict register.
enum AuditCommands {
    static var all: [CommandSpec] {
        [kpiAdd, kpiEdit, kpiRemove, kpiList, kpiImport, audit, conflictList, conflictShow, conflictResolve,
         conflictAccept, conflictReopen, metricList, metricShow, metricAdd, tensionAdd, tensionList]
    }

    static let kpiFlags = [
        FlagSpec("metric", "KEY"), FlagSpec("dir", "up|down"), FlagSpec("target", "N"), FlagSpec("unit", "U"),
        FlagSpec("source", "S"), FlagSpec("cycle", "monthly|quarterly|annual"), FlagSpec("weight", "W"),
        FlagSpec("owner", "PERSON"),
    ]

    // MARK: kpi

    static let kpiAdd = CommandSpec(
        "kpi add", usage: "kpi add DEPT NAME [--metric KEY] [--dir up|down] [--target N] [--unit U] [--source S] [--cycle monthly|quarterly|annual] [--weight W] [--owner PERSON]",
        example: "kpi add 行銷部 網站流量 --target 200萬 --unit 訪次 --source GA4 --cycle monthly --weight 30 --owner 林經理",
        flags: kpiFlags, args: 2...2, step: .audit
    ) { inv, d, _ in
        let dept = try Names.department(inv.args[0], in: d.state)
        let name = try Names.clean(inv.args[1], what: t("what.kpi"))
        if let dup = KPIEntry.duplicate(of: name, in: dept.id, d.state) {
            throw CommandError(t("kpi.exists", ["id": "K\(dup.id)", "name": dup.name, "dept": dept.name]))
        }
        let catalog = Catalog(d.state)
        var k = KPI(id: d.nextID("K"), dept: dept.id, name: name)
        let match = try KPIEntry.apply(inv, to: &k, catalog: catalog, rename: true)
        d.put(k)
        return Outcome(t("kpi.added", ["id": "K\(k.id)", "name": k.name, "dept": dept.name]) + (k.metric == nil ? ": " : " ")
                       + KPIEntry.describe(k, match: match, catalog: catalog))
    }

    static let kpiEdit = CommandSpec(
        "kpi edit", usage: "kpi edit ID [--name NAME] [--dept DEPT] [--metric KEY] [--dir up|down] [--target N] [--unit U] [--source S] [--cycle monthly|quarterly|annual] [--weight W] [--owner PERSON]",
        example: "kpi edit K3 --source \"Google Ads\" --weight 20   (a value of - clears it)",
        flags: [FlagSpec("name", "NAME"), FlagSpec("dept", "DEPT")] + kpiFlags, args: 1...1, step: .audit
    ) { inv, d, _ in
        let old = try KPIEntry.find(inv.args[0], d.state)
        guard !inv.flags.isEmpty else { throw CommandError(t("kpi.edit-nothing", ["id": "K\(old.id)"])) }
        var k = old
        if let dn = inv.flag("dept") { k.dept = try Names.department(dn, in: d.state).id }
        var renamed = false
        if let n = inv.flag("name") {
            k.name = try Names.clean(n, what: t("what.kpi")); renamed = k.name != old.name
        }
        if renamed || k.dept != old.dept, let dup = KPIEntry.duplicate(of: k.name, in: k.dept, d.state), dup.id != k.id {
            throw CommandError(t("kpi.exists", ["id": "K\(dup.id)", "name": dup.name, "dept": d.state.deptName(k.dept)]))
        }
        let catalog = Catalog(d.state)
        let match = try KPIEntry.apply(inv, to: &k, catalog: catalog, rename: renamed)
        guard k != old else { return Outcome(t("kpi.unchanged", ["id": "K\(k.id)"])) }
        d.put(k)
        var text = t("kpi.edited", ["id": "K\(k.id)", "changes": KPIEntry.diff(old, k, d.state)])
        if match != nil || k.metric != old.metric { text += "\n  " + KPIEntry.describe(k, match: match, catalog: catalog) }
        return Outcome(text)
    }

    static let kpiRemove = CommandSpec("kpi rm", usage: "kpi rm ID", example: "kpi rm K3", args: 1...1, step: .audit) { inv, d, _ in
        let k = try KPIEntry.find(inv.args[0], d.state)
        d.remove(k)
        let involved = d.state.conflicts.all.filter { $0.status != .gone && $0.kpis.contains(k.id) }.map(\.id)
        var text = t("kpi.removed", ["id": "K\(k.id)", "name": k.name, "dept": d.state.deptName(k.dept)])
        if !involved.isEmpty { text += " " + t("kpi.removed-conflicts", ["ids": AuditReport.ids(involved)]) }
        return Outcome(text)
    }

    static let kpiList = CommandSpec("kpi list", usage: "kpi list [DEPT]", example: "kpi list 行銷部", args: 0...1, step: .audit) { inv, d, ctx in
        let s = d.state
        var dept: Department?
        if let name = inv.args.first { dept = try Names.department(name, in: s) }
        let kpis = s.kpis.all.filter { dept == nil || $0.dept == dept!.id }
        guard !kpis.isEmpty else {
            return Outcome(dept.map { t("kpi.none-in", ["dept": $0.name]) } ?? t("kpi.none"))
        }
        let catalog = Catalog(s)
        var header = ["ID", t("col.department"), "KPI", t("audit.col.metric"), t("audit.col.dir"), t("audit.col.target"), t("audit.col.source"),
                      t("audit.col.cycle"), t("audit.col.weight"), t("audit.col.owner")]
        if dept != nil { header.remove(at: 1) }
        var table = TextTable(header, align: dept == nil ? [.left, .left, .left, .left, .left, .right, .left, .left, .right]
                                                       : [.left, .left, .left, .left, .right, .left, .left, .right])
        let col = { (i: Int) in dept != nil && i > 1 ? i - 1 : i }  // column i of the full table
        table.wraps(col(2), col(5), col(6), col(9))
        if dept == nil { table.wraps(1) }
        table.drops(col(7), col(9), col(6))
        var unknown: [KPI] = []
        for k in kpis {
            let metric: String
            if let m = k.metric { metric = m } else { metric = Paint.warn(t("kpi.unknown-metric")); unknown.append(k) }
            let dir = (k.dir ?? k.metric.flatMap { catalog.metric($0)?.dir })?.arrow ?? "?"
            let target = k.target.map { Num.format($0) + (k.unit.map { " " + $0 } ?? "") } ?? (k.unit ?? "–")
            var row = ["K\(k.id)", s.deptName(k.dept), k.name, metric, dir, target, k.source ?? "–",
                       k.cycle?.rawValue ?? "–", k.weight.map { Num.format($0) } ?? "–", k.owner ?? "–"]
            if dept != nil { row.remove(at: 1) }
            table.row(row)
        }
        var out = [table.render(width: ctx.width)]
        let depts = Set(kpis.map(\.dept)).count
        out.append(TextWrap.block(t("kpi.list-summary", ["n": "\(kpis.count)", "depts": "\(depts)"]), width: ctx.width, hanging: 2))
        if !unknown.isEmpty {
            out.append(TextWrap.block(Paint.warn(t("kpi.unknown-hint", ["ids": unknown.prefix(10).map { "K\($0.id)" }.joined(separator: " "),
                                                         "first": "K\(unknown[0].id)"])), width: ctx.width, hanging: 2))
        }
        return Outcome(out.joined(separator: "\n"))
    }

    static let kpiImport = CommandSpec(
        "kpi import", usage: "kpi import CSVFILE [--dry-run]", example: "kpi import ../data/kpi-sheet-zh-Hant.csv",
        flags: [FlagSpec("dry-run")], args: 1...1, step: .audit
    ) { inv, d, ctx in
        let path = inv.args[0]
        let data: Data
        do { data = try ctx.readFile(path) } catch {
            throw CommandError(t("import.cannot-read", ["path": path, "why": "\(error)"]))
        }
        let sheet: KPISheet.Sheet
        do { sheet = try KPISheet.parse(data) } catch let f as KPISheet.Failure {
            throw CommandError(t("import.failed", ["path": path, "why": f.message]))
        }
        if inv.has("dry-run") {
            // on a scratch draft: nothing of it reaches the session
            var scratch = Draft(d.state)
            return KPIImport.run(sheet, path: path, dryRun: true, &scratch)
        }
        return KPIImport.run(sheet, path: path, dryRun: false, &d)
    }

    // MARK: audit and the register

    static let audit = CommandSpec("audit", usage: "audit", example: "audit", step: .audit) { _, d, ctx in
        let findings = Auditor.findings(d.state)
        let update = Register.update(&d, with: findings)
        return Outcome(TextWrap.block(AuditReport(state: d.state, findings: findings, update: update).text(), width: ctx.width, hanging: 2))
    }

    static let conflictList = CommandSpec(
        "conflict list", usage: "conflict list [--all]", example: "conflict list", flags: [FlagSpec("all")], step: .audit
    ) { inv, d, _ in
        let report = AuditReport(state: d.state, findings: Auditor.findings(d.state), update: Register.Update())
        let list = report.conflicts.filter { inv.has("all") || $0.status != .gone }
        guard !list.isEmpty else { return Outcome(t("conflict.none")) }
        var table = TextTable(["ID", t("audit.col.severity"), t("audit.col.status"), t("audit.col.rule"), t("audit.col.departments"), "KPIs"])
        for c in list {
            table.row(["C\(c.id)", AuditReport.paint(c.severity, c.severity.rawValue), t("conflict.status." + c.status.rawValue),
                       c.rule, report.deptLabel(c), c.kpis.prefix(6).map { "K\($0)" }.joined(separator: " ") + (c.kpis.count > 6 ? " …" : "")])
        }
        return Outcome(table.render())
    }

    static let conflictShow = CommandSpec("conflict show", usage: "conflict show ID", example: "conflict show C1", args: 1...1, step: .audit) { inv, d, ctx in
        let c = try ConflictRef.find(inv.args[0], d.state)
        let report = AuditReport(state: d.state, findings: Auditor.findings(d.state), update: Register.Update())
        var lines = report.block(c, idWidth: "C\(c.id)".count, full: true)
        var status = t("conflict.status." + c.status.rawValue)
        if c.status == .gone, let was = c.settledStatus { status += " " + t("conflict.was", ["status": t("conflict.status." + was.rawValue)]) }
        lines.insert("     " + t("conflict.status-line", ["status": status]) + (c.note.map { " — \"\($0)\"" } ?? ""), at: 1)
        if let rule = Auditor.rule(c.rule) {
            lines.append("     " + Paint.faint(t("conflict.rule-line", ["rule": rule.id, "explanation": rule.explanation])))
        }
        let catalog = Catalog(d.state)
        var table = TextTable(["ID", t("col.department"), "KPI", t("audit.col.metric"), t("audit.col.dir"), t("audit.col.target"), t("audit.col.source"),
                               t("audit.col.cycle"), t("audit.col.owner")], indent: 5)
        table.wraps(1, 2, 5, 6, 8)
        table.drops(7, 8, 6)
        for k in c.kpis.compactMap({ d.state.kpis[$0] }) {
            table.row(["K\(k.id)", d.state.deptName(k.dept), k.name, k.metric ?? "?",
                       (k.dir ?? k.metric.flatMap { catalog.metric($0)?.dir })?.arrow ?? "?",
                       k.target.map { Num.format($0) + (k.unit.map { " " + $0 } ?? "") } ?? "–",
                       k.source ?? "–", k.cycle?.rawValue ?? "–", k.owner ?? "–"])
        }
        lines = lines.map { TextWrap.block($0, width: ctx.width, hanging: 2) }
        lines.append("")
        lines.append(table.render(width: ctx.width))
        if c.status == .open { lines.append(TextWrap.block(t("conflict.show-hint", ["id": "C\(c.id)"]), width: ctx.width, hanging: 2)) }
        return Outcome(lines.joined(separator: "\n"))
    }

    static let conflictResolve = CommandSpec(
        "conflict resolve", usage: "conflict resolve ID NOTE",
        example: "conflict resolve C1 \"Marketing and Sales judge lead quality by sales-accepted leads\"",
        args: 2...2, restJoins: true, step: .audit
    ) { inv, d, _ in
        try ConflictRef.settle(inv, .resolved, &d)
    }

    static let conflictAccept = CommandSpec(
        "conflict accept", usage: "conflict accept ID NOTE",
        example: "conflict accept C2 \"Handle time stays; CSAT is the lead indicator\"",
        args: 2...2, restJoins: true, step: .audit
    ) { inv, d, _ in
        try ConflictRef.settle(inv, .accepted, &d)
    }

    static let conflictReopen = CommandSpec(
        "conflict reopen", usage: "conflict reopen ID", example: "conflict reopen C2", args: 1...1, step: .audit
    ) { inv, d, _ in
        var c = try ConflictRef.find(inv.args[0], d.state)
        guard c.status == .resolved || c.status == .accepted else {
            throw CommandError(t("conflict.not-settled", ["id": "C\(c.id)", "status": t("conflict.status." + c.status.rawValue)]))
        }
        c.status = .open
        c.note = nil
        d.put(c)
        return Outcome(t("conflict.reopened", ["id": "C\(c.id)"]))
    }

    // MARK: the catalog

    static let metricList = CommandSpec(
        "metric list", usage: "metric list [TEXT] [--stage S] [--kind activity|outcome|business]",
        example: "metric list 轉化", flags: [FlagSpec("stage", "S"), FlagSpec("kind", "activity|outcome|business")],
        args: 0...1, step: .audit
    ) { inv, d, ctx in
        let catalog = Catalog(d.state)
        var metrics = catalog.metrics
        if let s = inv.flag("stage") {
            guard let stage = Stage(parsing: s) else { throw CommandError(t("metric.bad-stage", ["value": s])) }
            metrics = metrics.filter { $0.stage == stage }
        }
        if let k = inv.flag("kind") {
            guard let kind = MetricKind(rawValue: k.lowercased()) else { throw CommandError(t("metric.bad-kind", ["value": k])) }
            metrics = metrics.filter { $0.kind == kind }
        }
        if let text = inv.args.first {
            let needle = NameKey.of(text)
            metrics = metrics.filter { m in
                ([m.id, m.en, m.zhHant, m.zhHans] + m.synonyms).contains { NameKey.of($0).contains(needle) }
            }
        }
        guard !metrics.isEmpty else { return Outcome(t("metric.none-match")) }
        let session = Set(catalog.sessionMetrics.map(\.id))
        var table = TextTable([t("audit.col.key"), "English", "繁體", "简体", t("audit.col.stage"), t("audit.col.kind"), t("audit.col.dir"), t("audit.col.family")])
        table.wraps(1, 2, 3, 4)
        table.drops(7, 3, 5)
        for m in metrics {
            table.row([m.id + (session.contains(m.id) ? " +" : ""), m.en, m.zhHant, m.zhHans,
                       m.stage.map { "\($0.rawValue) \($0.zh)" } ?? "–", m.kind.rawValue, m.dir.arrow, m.family ?? ""])
        }
        var summary = t("metric.list-summary", ["n": "\(metrics.count)"])
        // the session's own metrics among the ones listed (marked +), not in the whole catalog
        let listedSession = metrics.filter { session.contains($0.id) }.count
        if listedSession > 0 { summary += " " + t("metric.list-session", ["n": "\(listedSession)"]) + " " + t("metric.list-session-mark") }
        return Outcome(table.render(width: ctx.width) + "\n" + TextWrap.block(summary, width: ctx.width, hanging: 2))
    }

    static let metricShow = CommandSpec(
        "metric show", usage: "metric show KEY", example: "metric show lead_conversion", args: 1...1, step: .audit
    ) { inv, d, ctx in
        let catalog = Catalog(d.state)
        guard let key = catalog.resolve(inv.args[0]), let m = catalog.metric(key) else {
            throw CommandError(MetricRef.unknown(inv.args[0], catalog))
        }
        var lines = [Paint.strong("\(m.id) · \(m.en) · \(m.zhHant) · \(m.zhHans)")]
        lines.append("  " + t("metric.show.facts", ["stage": m.stage.map { "\($0.rawValue) \($0.zh)" } ?? "–",
                                                    "kind": m.kind.rawValue, "dir": m.dir.arrow + " " + m.dir.rawValue]))
        if let f = m.family { lines.append("  " + t("metric.show.family", ["family": catalog.label(f)])) }
        let members = catalog.metrics.filter { $0.family == m.id }.map(\.id)
        if !members.isEmpty { lines.append("  " + t("metric.show.members", ["keys": members.joined(separator: ", ")])) }
        if !m.synonyms.isEmpty { lines.append("  " + t("metric.show.synonyms", ["list": m.synonyms.joined(separator: ", ")])) }
        let lineage = Set(catalog.lineage(m.id))
        for rule in catalog.tensions where (rule.a + rule.b).contains(where: { lineage.contains($0.metric) }) {
            lines.append("  " + t("metric.show.tension", ["pair": TensionText.pair(rule), "reason": rule.reasonEN]))
        }
        let kpis = d.state.kpis.all.filter { $0.metric == m.id }
        if !kpis.isEmpty { lines.append("  " + t("metric.show.kpis", ["ids": kpis.prefix(12).map { "K\($0.id)" }.joined(separator: " ")])) }
        return Outcome(TextWrap.block(lines.joined(separator: "\n"), width: ctx.width, hanging: 2))
    }

    static let metricAdd = CommandSpec(
        "metric add", usage: "metric add KEY --name NAME [--zh NAME] [--synonyms \"A, B\"] [--stage S] [--kind activity|outcome|business] [--dir up|down] [--family KEY]",
        example: "metric add inventory_days --name \"Inventory days\" --zh 庫存天數 --stage revenue --kind business --dir down",
        flags: [FlagSpec("name", "NAME"), FlagSpec("zh", "NAME"), FlagSpec("synonyms", "LIST"), FlagSpec("stage", "S"),
                FlagSpec("kind", "activity|outcome|business"), FlagSpec("dir", "up|down"), FlagSpec("family", "KEY")],
        args: 1...1, step: .audit
    ) { inv, d, _ in
        try MetricRef.add(inv, &d)
    }

    static let tensionAdd = CommandSpec(
        "tension add", usage: "tension add KEY:up|down KEY:up|down REASON [--zh REASON]",
        example: "tension add inventory_days:down fill_rate:up \"Less stock means more orders that cannot be filled\"",
        flags: [FlagSpec("zh", "REASON")], args: 3...3, restJoins: true, step: .audit
    ) { inv, d, _ in
        let catalog = Catalog(d.state)
        let a = try TensionText.side(inv.args[0], catalog)
        let b = try TensionText.side(inv.args[1], catalog)
        guard a.metric != b.metric else { throw CommandError(t("tension.same-metric")) }
        let reason = try Names.clean(inv.args[2], what: t("what.reason"))
        let zh = try inv.flag("zh").map { try Names.clean($0, what: t("what.reason")) }
        for rule in catalog.tensions {
            let has = { (sides: [TensionSide], s: TensionSide) in sides.contains(s) }
            if (has(rule.a, a) && has(rule.b, b)) || (has(rule.a, b) && has(rule.b, a)) {
                throw CommandError(t("tension.exists", ["pair": TensionText.pair(rule), "reason": rule.reasonEN]))
            }
        }
        let tension = Tension(id: d.nextID("T"), a: a.metric, aDir: a.dir, b: b.metric, bDir: b.dir,
                              reasonEN: reason, reasonZH: zh ?? reason)
        d.put(tension)
        return Outcome(t("tension.added", ["id": "T\(tension.id)", "pair": TensionText.pair(TensionRule(tension))]))
    }

    static let tensionList = CommandSpec("tension list", usage: "tension list", example: "tension list", step: .audit) { _, d, ctx in
        let catalog = Catalog(d.state)
        let width = catalog.tensions.map(\.key.count).max() ?? 6
        var lines: [String] = []
        for rule in catalog.tensions {
            let pad = String(repeating: " ", count: width + 3)
            lines.append(" " + Paint.strong(rule.key.padded(to: width)) + "  " + TensionText.pair(rule))
            lines.append(pad + rule.reasonEN)
            if rule.reasonZH != rule.reasonEN { lines.append(pad + Paint.faint(rule.reasonZH)) }
            if let r = rule.remedyEN { lines.append(pad + "→ " + r) }
        }
        return Outcome(TextWrap.block(lines.joined(separator: "\n"), width: ctx.width, hanging: 2))
    }
}

// MARK: - helpers

/// Reading and describing KPIs as commands type them.
enum KPIEntry {
    /// `K12`, `k12` or `12`.
    static func find(_ ref: String, _ s: State) throws -> KPI {
        let r = ref.trimmingCharacters(in: .whitespaces)
        let digits = r.uppercased().hasPrefix("K") ? String(r.dropFirst()) : r
        guard let n = Int(digits) else { throw CommandError(t("kpi.bad-id", ["ref": ref])) }
        guard let k = s.kpis[n] else {
            throw CommandError(t("kpi.no-such", ["id": "K\(n)", "n": "\(s.kpis.count)"]))
        }
        return k
    }

    /// The KPI of this department with this name (case, width, spacing aside).
    static func duplicate(of name: String, in dept: Int, _ s: State) -> KPI? {
        let key = NameKey.of(name, simplify: false)
        return s.kpis.byKey.values.first { $0.dept == dept && NameKey.of($0.name, simplify: false) == key }
    }

    /// Applies the flags of `kpi add` / `kpi edit`; matches the metric by name when it was
    /// not given (and the name is new). Returns the match made, if one was made.
    static func apply(_ inv: Invocation, to k: inout KPI, catalog: Catalog, rename: Bool) throws -> Catalog.Match? {
        func text(_ flag: String, _ what: String) throws -> String?? {
            guard let raw = inv.flag(flag) else { return nil }
            if raw.trimmingCharacters(in: .whitespaces) == "-" { return .some(nil) }
            return .some(try Names.clean(raw, what: what))
        }
        var match: Catalog.Match?
        // a direction that was the old metric's natural one follows the metric
        let oldMetric = k.metric
        let natural = k.dir == nil || k.dir == oldMetric.flatMap { catalog.metric($0)?.dir }
        if let raw = inv.flag("metric") {
            let v = raw.trimmingCharacters(in: .whitespaces)
            if v == "-" || v.lowercased() == "auto" {
                k.metricPinned = false
                match = catalog.match(k.name); k.metric = match?.key
            } else {
                guard let key = catalog.resolve(v) else { throw CommandError(MetricRef.unknown(v, catalog)) }
                k.metric = key; k.metricPinned = true
            }
        } else if rename && !k.metricPinned {
            match = catalog.match(k.name); k.metric = match?.key
        }
        if let raw = inv.flag("dir") {
            if raw == "-" { k.dir = nil } else {
                guard let dir = Direction(parsing: raw) else { throw CommandError(t("kpi.bad-dir", ["value": raw])) }
                k.dir = dir
            }
        } else if natural, let m = k.metric.flatMap({ catalog.metric($0) }) {
            k.dir = m.dir
        }
        if let raw = inv.flag("target") {
            if raw == "-" { k.target = nil } else {
                guard let n = Num.parse(raw) else {
                    throw CommandError(t("error.not-a-number", ["flag": "--target", "value": raw]))
                }
                k.target = n.value
                if inv.flag("unit") == nil, let u = n.unit { k.unit = u }
            }
        }
        if let u = try text("unit", t("what.kpi-unit")) { k.unit = u }
        if let s = try text("source", t("what.source")) { k.source = s }
        if let o = try text("owner", t("what.person")) { k.owner = o }
        if let raw = inv.flag("cycle") {
            if raw == "-" { k.cycle = nil } else {
                guard let c = Cycle(parsing: raw) else { throw CommandError(t("kpi.bad-cycle", ["value": raw])) }
                k.cycle = c
            }
        }
        if let raw = inv.flag("weight") {
            if raw == "-" { k.weight = nil } else {
                guard let n = Num.parse(raw), n.unit == nil || n.unit == "%" else {
                    throw CommandError(t("error.not-a-number", ["flag": "--weight", "value": raw]))
                }
                guard n.value >= 0, n.value <= 100 else { throw CommandError(t("kpi.bad-weight", ["value": raw])) }
                k.weight = n.value
            }
        }
        return match
    }

    /// "→ traffic (Website traffic · 網站流量) ↑ · target 2,000,000 訪次 · GA4 · monthly · weight 30 · 林經理"
    static func describe(_ k: KPI, match: Catalog.Match?, catalog: Catalog) -> String {
        var parts: [String] = []
        if let m = k.metric {
            var how = ""
            if case let .partial(_, via)? = match { how = " " + t("kpi.matched-via", ["via": via]) }
            parts.append("→ \(m) (\(catalog.label(m)))\(how) \((k.dir ?? catalog.metric(m)?.dir)?.arrow ?? "")")
        } else if case let .ambiguous(keys)? = match {
            parts.append(Paint.warn(t("kpi.ambiguous", ["keys": keys.joined(separator: ", ")])))
        } else {
            parts.append(Paint.warn(t("kpi.no-match")) + (k.dir.map { " " + $0.arrow } ?? ""))
        }
        if let v = k.target { parts.append(t("kpi.desc.target", ["value": Num.format(v) + (k.unit.map { " " + $0 } ?? "")])) }
        parts += [k.source, k.cycle?.rawValue].compactMap { $0 }
        if let w = k.weight { parts.append(t("kpi.desc.weight", ["value": Num.format(w)])) }
        if let o = k.owner { parts.append(o) }
        return parts.joined(separator: " · ")
    }

    /// "target 3.5 → 4, source Google Ads → GA4"
    static func diff(_ a: KPI, _ b: KPI, _ s: State) -> String {
        var out: [String] = []
        func show(_ label: String, _ x: String?, _ y: String?) {
            if x != y { out.append("\(label) \(x ?? "–") → \(y ?? "–")") }
        }
        show(t("col.department"), s.deptName(a.dept), s.deptName(b.dept))
        show(t("audit.col.name"), a.name, b.name)
        show(t("audit.col.metric"), a.metric, b.metric)
        show(t("audit.col.dir"), a.dir?.arrow, b.dir?.arrow)
        show(t("audit.col.target"), a.target.map { Num.format($0) }, b.target.map { Num.format($0) })
        show(t("audit.col.unit"), a.unit, b.unit)
        show(t("audit.col.source"), a.source, b.source)
        show(t("audit.col.cycle"), a.cycle?.rawValue, b.cycle?.rawValue)
        show(t("audit.col.weight"), a.weight.map { Num.format($0) }, b.weight.map { Num.format($0) })
        show(t("audit.col.owner"), a.owner, b.owner)
        return out.joined(separator: ", ")
    }
}

/// `kpi import`: the good rows of a sheet become KPIs in one event.
enum KPIImport {
    static func run(_ sheet: KPISheet.Sheet, path: String, dryRun: Bool, _ d: inout Draft) -> Outcome {
        let catalog = Catalog(d.state)
        var errors = sheet.errors
        var created: [String] = [], merged: [String] = []
        var added: [KPI] = []
        var lineOf: [Int: Int] = [:]
        var unknown: [KPI] = []
        // existing KPIs by department and name, for duplicates
        var taken: [String: Int] = [:]
        for k in d.state.kpis.byKey.values { taken["\(k.dept)|\(NameKey.of(k.name, simplify: false))"] = k.id }
        var deptByKey: [String: Int] = [:]
        for dept in d.state.departments { deptByKey[NameKey.of(dept.name)] = dept.id }
        for row in sheet.rows {
            func reject(_ key: String, _ args: [String: String] = [:]) {
                errors.append(KPISheet.RowError(line: row.line, reason: t(key, args)))
            }
            let deptName: String, name: String
            do {
                deptName = try Names.clean(row.dept, what: t("what.department"))
                name = try Names.clean(row.name, what: t("what.kpi"))
            } catch let e as CommandError { reject("import.raw", ["why": e.message]); continue } catch { continue }
            var metric: String?
            if let m = row.metric {
                guard let key = catalog.resolve(m) else { reject("import.bad-metric", ["value": m]); continue }
                metric = key
            }
            // the department: by name; else the same name in the other Chinese script; else a new one
            var deptID: Int
            if let dept = d.state.department(named: deptName) {
                deptID = dept.id
            } else if let id = deptByKey[NameKey.of(deptName)] {
                deptID = id
                let note = "\(deptName) → \(d.state.deptName(id))"
                if !merged.contains(note) { merged.append(note) }
            } else {
                deptID = d.nextID("D")
                d.put(Department(id: deptID, name: deptName))
                deptByKey[NameKey.of(deptName)] = deptID
                created.append(deptName)
            }
            let dupKey = "\(deptID)|\(NameKey.of(name, simplify: false))"
            if let other = taken[dupKey] {
                let where_ = lineOf[other].map { t("import.dup-in-file", ["line": "\($0)"]) }
                    ?? t("import.dup-in-session", ["id": "K\(other)"])
                reject("import.duplicate", ["name": name, "dept": d.state.deptName(deptID), "where": where_])
                continue
            }
            var k = KPI(id: d.nextID("K"), dept: deptID, name: name)
            let match = metric == nil ? catalog.match(name) : nil
            k.metric = metric ?? match?.key
            k.metricPinned = metric != nil
            k.dir = row.dir ?? k.metric.flatMap { catalog.metric($0)?.dir }
            k.target = row.target; k.unit = row.unit; k.source = row.source; k.cycle = row.cycle
            k.weight = row.weight; k.owner = row.owner
            d.put(k)
            taken[dupKey] = k.id
            lineOf[k.id] = row.line
            added.append(k)
            if k.metric == nil { unknown.append(k) }
        }
        errors.sort { $0.line < $1.line }
        var lines: [String] = []
        if added.isEmpty {
            lines.append(Paint.bad(t("import.nothing", ["path": path])))
        } else {
            let depts = Set(added.map(\.dept)).count
            let range = added.count == 1 ? "K\(added[0].id)" : "K\(added.first!.id)–K\(added.last!.id)"
            lines.append(Paint.good(t(dryRun ? "import.would-import" : "import.imported",
                                      ["n": "\(added.count)", "path": path, "depts": "\(depts)", "ids": range])))
            lines.append("  " + t("import.matched", ["matched": "\(added.count - unknown.count)", "unknown": "\(unknown.count)"]))
            if !unknown.isEmpty {
                let list = unknown.prefix(8).map { "K\($0.id) \($0.name)" }.joined(separator: ", ")
                lines.append("  " + Paint.warn(t("import.unknown-list", ["list": list + (unknown.count > 8 ? " …" : "")])))
                lines.append("  " + t("kpi.unknown-hint", ["ids": "", "first": "K\(unknown[0].id)"]).trimmingCharacters(in: .whitespaces))
            }
        }
        if !created.isEmpty { lines.append("  " + t("import.new-depts", ["list": created.joined(separator: ", ")])) }
        if !merged.isEmpty { lines.append("  " + t("import.merged-depts", ["list": merged.joined(separator: ", ")])) }
        if !sheet.ignored.isEmpty { lines.append("  " + t("import.ignored-columns", ["list": sheet.ignored.joined(separator: ", ")])) }
        if !errors.isEmpty {
            lines.append("  " + Paint.warn(t("import.skipped", ["n": "\(errors.count)"])))
            for e in errors.prefix(30) { lines.append("    " + e.description) }
            if errors.count > 30 { lines.append("    " + t("audit.and-more", ["n": "\(errors.count - 30)"])) }
        }
        // a refused outcome is rolled back by the engine
        if added.isEmpty { return .refused(lines.joined(separator: "\n")) }
        lines.append(t(dryRun ? "import.dry-run-note" : "import.next"))
        return Outcome(lines.joined(separator: "\n"))
    }
}

/// Conflicts as commands name them.
enum ConflictRef {
    static func find(_ ref: String, _ s: State) throws -> Conflict {
        let r = ref.trimmingCharacters(in: .whitespaces)
        let digits = r.uppercased().hasPrefix("C") ? String(r.dropFirst()) : r
        guard let n = Int(digits) else { throw CommandError(t("conflict.bad-id", ["ref": ref])) }
        guard let c = s.conflicts[n] else {
            if s.conflicts.isEmpty { throw CommandError(t("conflict.none-yet", ["id": "C\(n)"])) }
            throw CommandError(t("conflict.no-such", ["id": "C\(n)", "n": "\(s.conflicts.count)"]))
        }
        return c
    }

    static func settle(_ inv: Invocation, _ status: ConflictStatus, _ d: inout Draft) throws -> Outcome {
        var c = try find(inv.args[0], d.state)
        guard c.status != .gone else { throw CommandError(t("conflict.is-gone", ["id": "C\(c.id)"])) }
        let note = try Names.clean(inv.args[1], what: t("what.note"))
        let before = c.status
        c.status = status
        c.note = note
        d.put(c)
        var text = Paint.good(t("conflict.settled." + status.rawValue, ["id": "C\(c.id)", "note": note]))
        if before != .open && before != status {
            text += " " + t("conflict.was", ["status": t("conflict.status." + before.rawValue)])
        }
        let (open, unregistered) = Register.openHigh(d.state)
        if !open.isEmpty {
            text += "\n" + t("conflict.still-open", ["ids": AuditReport.ids(open.map(\.id))])
        } else if unregistered > 0 {
            text += "\n" + t("conflict.run-audit", ["n": "\(unregistered)"])
        } else if d.state.meta.step == .audit {
            text += "\n" + t("conflict.no-high-open")
        }
        return Outcome(text)
    }
}

/// Metrics as commands name them, and `metric add`.
enum MetricRef {
    static func unknown(_ name: String, _ catalog: Catalog) -> String {
        let hint = Nearest.match(name, in: catalog.keys).map { t("error.did-you-mean", ["what": $0]) } ?? ""
        return t("metric.unknown", ["name": name]) + hint
    }

    static func add(_ inv: Invocation, _ d: inout Draft) throws -> Outcome {
        let key = inv.args[0].trimmingCharacters(in: .whitespaces)
        guard key.count >= 2, key.count <= 40, key.first!.isASCII, key.first!.isLetter,
              key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw CommandError(t("metric.bad-key", ["key": key]))
        }
        let catalog = Catalog(d.state)
        if catalog.metric(key) != nil { throw CommandError(t("metric.exists", ["key": key])) }
        guard let rawName = inv.flag("name") else { throw CommandError(t("metric.needs-name")) }
        let name = try Names.clean(rawName, what: t("what.metric-name"))
        let zh = try inv.flag("zh").map { try Names.clean($0, what: t("what.metric-name")) }
        let synonyms = try (inv.flag("synonyms") ?? "").split(whereSeparator: { ",、，;".contains($0) })
            .map { try Names.clean(String($0), what: t("what.metric-name")) }
        let en = name
        let hant = zh ?? (NameKey.hasCJK(name) ? name : "")
        let hans = hant.isEmpty ? "" : Simplify.shared.simplified(hant)
        for n in [en, hant] + synonyms where !n.isEmpty {
            if let other = catalog.owner(ofName: n) {
                throw CommandError(t("metric.name-taken", ["name": n, "key": other]))
            }
        }
        var stage: Stage?
        if let s = inv.flag("stage") {
            guard let st = Stage(parsing: s) else { throw CommandError(t("metric.bad-stage", ["value": s])) }
            stage = st
        }
        var kind = MetricKind.outcome
        if let k = inv.flag("kind") {
            guard let kk = MetricKind(rawValue: k.lowercased()) else { throw CommandError(t("metric.bad-kind", ["value": k])) }
            kind = kk
        }
        var dir = Direction.up
        if let raw = inv.flag("dir") {
            guard let dd = Direction(parsing: raw) else { throw CommandError(t("kpi.bad-dir", ["value": raw])) }
            dir = dd
        }
        var family: String?
        if let f = inv.flag("family") {
            guard let fk = catalog.resolve(f) else { throw CommandError(unknown(f, catalog)) }
            family = fk
        }
        let metric = Metric(id: key, en: en, zhHant: hant, zhHans: hans, synonyms: synonyms, stage: stage, kind: kind,
                            dir: dir, family: family)
        d.put(metric)
        // KPIs that matched nothing and match the new metric now
        let updated = Catalog(d.state)
        var now: [Int] = []
        for var k in d.state.kpis.all where k.metric == nil && !k.metricPinned {
            guard updated.match(k.name).key == key else { continue }
            k.metric = key
            if k.dir == nil { k.dir = dir }
            d.put(k)
            now.append(k.id)
        }
        var text = t("metric.added", ["key": key, "label": updated.label(key), "stage": stage?.rawValue ?? "–",
                                      "kind": kind.rawValue, "dir": dir.arrow])
        if !now.isEmpty { text += "\n  " + t("metric.rematched", ["ids": now.map { "K\($0)" }.joined(separator: " ")]) }
        return Outcome(text)
    }
}

/// Tensions as commands type and show them.
enum TensionText {
    /// `lead_conversion:up` (or a metric's name before the colon).
    static func side(_ text: String, _ catalog: Catalog) throws -> TensionSide {
        guard let colon = text.lastIndex(of: ":") ?? text.lastIndex(of: "：") else {
            throw CommandError(t("tension.bad-side", ["text": text]))
        }
        let name = String(text[..<colon]), dirText = String(text[text.index(after: colon)...])
        guard let dir = Direction(parsing: dirText) else { throw CommandError(t("tension.bad-side", ["text": text])) }
        guard let key = catalog.resolve(name) else { throw CommandError(MetricRef.unknown(name, catalog)) }
        return TensionSide(key, dir)
    }

    /// "ctr ↑ vs lead_conversion ↑"
    static func pair(_ rule: TensionRule) -> String {
        func side(_ s: [TensionSide]) -> String { s.map { "\($0.metric) \($0.dir.arrow)" }.joined(separator: " / ") }
        return side(rule.a) + " vs " + side(rule.b)
    }
}
