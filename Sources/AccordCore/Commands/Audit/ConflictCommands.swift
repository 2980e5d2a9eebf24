import Foundation

/// Step 1, audit: the checks and the conflict register (`audit`, `conflict list|show|resolve|accept|reopen`).
extension AuditCommands {
    static let audit = CommandSpec("audit", usage: "audit", example: "audit", step: .audit) { _, d, ctx in
        let findings = Auditor.findings(d.state)
        let update = Register.update(&d, with: findings)
        // the register now holds what the rules find in this input: `status` may read it as it
        // is. Recorded with an audit that changes the register (an audit that changes nothing
        // still records nothing; `status` then runs the rules, as before).
        if update != Register.Update() {
            let mark = AuditInputDigest.of(d.state)
            if d.state.meta.audited != mark { d.meta { $0.audited = mark } }
        }
        let report = TextWrap.block(AuditReport(state: d.state, findings: findings, update: update).text(), width: ctx.width, hanging: 2)
        // a carried session shows last year's figures before what the rules found in them
        return Outcome(CarryText.lastYearTable(d.state, width: ctx.width).map { $0 + "\n\n" + report } ?? report)
    }

    static let conflictList = CommandSpec(
        "conflict list", usage: "conflict list [--all]", example: "conflict list", flags: [FlagSpec("all")], step: .audit
    ) { inv, d, _ in
        let report = AuditReport(state: d.state, findings: Auditor.findings(d.state), update: Register.Update())
        let list = report.conflicts.filter { inv.has("all") || $0.status != .gone }
        guard !list.isEmpty else { return Outcome(t("conflict.none")) }
        var table = TextTable(["ID", t("audit.col.severity"), t("audit.col.status"), t("audit.col.rule"), t("audit.col.departments"), "KPIs"])
        for c in list {
            table.row(["\(c.ref)", AuditReport.paint(c.severity, c.severity.label), c.status.label,
                       c.rule, report.deptLabel(c), c.kpis.prefix(6).map { "\(ID(.kpi, $0))" }.joined(separator: " ") + (c.kpis.count > 6 ? " …" : "")])
        }
        return Outcome(table.render())
    }

    static let conflictShow = CommandSpec("conflict show", usage: "conflict show ID", example: "conflict show C1", args: 1...1, step: .audit) { inv, d, ctx in
        let c = try ConflictRef.find(inv.args[0], d.state)
        let report = AuditReport(state: d.state, findings: Auditor.findings(d.state), update: Register.Update())
        var lines = report.block(c, idWidth: "\(c.ref)".count, full: true)
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
            table.row(["\(k.ref)", d.state.deptName(k.dept), k.name, k.metric ?? "?",
                       (k.dir ?? k.metric.flatMap { catalog.metric($0)?.dir })?.arrow ?? "?",
                       k.target.map { Num.show($0) + (k.unit.map { " " + $0 } ?? "") } ?? "–",
                       k.source ?? "–", k.cycle?.rawValue ?? "–", k.owner ?? "–"])
        }
        lines = lines.map { TextWrap.block($0, width: ctx.width, hanging: 2) }
        lines.append("")
        lines.append(table.render(width: ctx.width))
        if c.status == .open { lines.append(TextWrap.block(t("conflict.show-hint", ["id": "\(c.ref)"]), width: ctx.width, hanging: 2)) }
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
            throw CommandError(Message("conflict.not-settled", ["id": "\(c.ref)"],
                                       nested: ["status": Message("conflict.status." + c.status.rawValue)]))
        }
        c.status = .open
        c.note = nil
        d.put(c)
        return Outcome(t("conflict.reopened", ["id": "\(c.ref)"]))
    }
}
