import Foundation

/// Step 1, audit: the KPIs the departments measure today (`kpi add|edit|rm|list|import`).
extension AuditCommands {
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
        try ImportLimits.checkRoom(forOneMore: d.state.kpis.count)
        let dept = try Names.department(inv.args[0], in: d.state)
        let name = try Names.clean(inv.args[1], what: "what.kpi")
        if let dup = KPIEntry.duplicate(of: name, in: dept.id, d.state) {
            throw CommandError("kpi.exists", ["id": "\(dup.ref)", "name": dup.name, "dept": dept.name])
        }
        let catalog = Catalog(d.state)
        var k = KPI(id: d.nextID(.kpi), dept: dept.id, name: name)
        let match = try KPIEntry.apply(inv, to: &k, catalog: catalog, rename: true)
        d.put(k)
        return Outcome(t("kpi.added", ["id": "\(k.ref)", "name": k.name, "dept": dept.name]) + (k.metric == nil ? ": " : " ")
                       + KPIEntry.describe(k, match: match, catalog: catalog))
    }

    static let kpiEdit = CommandSpec(
        "kpi edit", usage: "kpi edit ID [--name NAME] [--dept DEPT] [--metric KEY] [--dir up|down] [--target N] [--unit U] [--source S] [--cycle monthly|quarterly|annual] [--weight W] [--owner PERSON]",
        example: "kpi edit K3 --source \"Google Ads\" --weight 20   (a value of - clears it)",
        flags: [FlagSpec("name", "NAME"), FlagSpec("dept", "DEPT")] + kpiFlags, args: 1...1, step: .audit
    ) { inv, d, _ in
        let old = try KPIEntry.find(inv.args[0], d.state)
        guard !inv.flags.isEmpty else { throw CommandError("kpi.edit-nothing", ["id": "\(old.ref)"]) }
        var k = old
        if let dn = inv.flag("dept") { k.dept = try Names.department(dn, in: d.state).id }
        var renamed = false
        if let n = inv.flag("name") {
            k.name = try Names.clean(n, what: "what.kpi"); renamed = k.name != old.name
        }
        if renamed || k.dept != old.dept, let dup = KPIEntry.duplicate(of: k.name, in: k.dept, d.state), dup.id != k.id {
            throw CommandError("kpi.exists", ["id": "\(dup.ref)", "name": dup.name, "dept": d.state.deptName(k.dept)])
        }
        let catalog = Catalog(d.state)
        let match = try KPIEntry.apply(inv, to: &k, catalog: catalog, rename: renamed)
        guard k != old else { return Outcome(t("kpi.unchanged", ["id": "\(k.ref)"])) }
        d.put(k)
        var text = t("kpi.edited", ["id": "\(k.ref)", "changes": KPIEntry.diff(old, k, d.state)])
        if match != nil || k.metric != old.metric { text += "\n  " + KPIEntry.describe(k, match: match, catalog: catalog) }
        return Outcome(text)
    }

    static let kpiRemove = CommandSpec("kpi rm", usage: "kpi rm ID", example: "kpi rm K3", args: 1...1, step: .audit) { inv, d, _ in
        let k = try KPIEntry.find(inv.args[0], d.state)
        d.remove(k)
        let involved = d.state.conflicts.all.filter { $0.status != .gone && $0.kpis.contains(k.id) }.map(\.id)
        var text = t("kpi.removed", ["id": "\(k.ref)", "name": k.name, "dept": d.state.deptName(k.dept)])
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
            let target = k.target.map { Num.show($0) + (k.unit.map { " " + $0 } ?? "") } ?? (k.unit ?? "–")
            var row = ["\(k.ref)", s.deptName(k.dept), k.name, metric, dir, target, k.source ?? "–",
                       k.cycle?.rawValue ?? "–", k.weight.map { Num.show($0) } ?? "–", k.owner ?? "–"]
            if dept != nil { row.remove(at: 1) }
            table.row(row)
        }
        var out = [table.render(width: ctx.width)]
        let depts = Set(kpis.map(\.dept)).count
        out.append(TextWrap.block(t("kpi.list-summary", ["n": "\(kpis.count)", "depts": "\(depts)"]), width: ctx.width, hanging: 2))
        if !unknown.isEmpty {
            out.append(TextWrap.block(Paint.warn(t("kpi.unknown-hint", ["ids": unknown.prefix(10).map { "\($0.ref)" }.joined(separator: " "),
                                                         "first": "\(unknown[0].ref)"])), width: ctx.width, hanging: 2))
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
            throw CommandError(Message("import.cannot-read", ["path": path], nested: ["why": .of(error)]))
        }
        let sheet: KPISheet.Sheet
        do { sheet = try KPISheet.parse(data) } catch let f as KPISheet.Failure {
            throw CommandError("import.failed", ["path": path, "why": f.message])
        }
        if inv.has("dry-run") {
            // on a scratch draft: nothing of it reaches the session
            var scratch = Draft(d.state)
            return KPIImport.run(sheet, path: path, dryRun: true, &scratch)
        }
        return KPIImport.run(sheet, path: path, dryRun: false, &d)
    }
}
