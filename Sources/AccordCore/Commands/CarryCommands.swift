import Foundation

/// Last year in this year's meeting: `kpi import-session OLD.json [DEPT…]` brings a reviewed
/// session's departments, letter rows (as KPIs, with last year's figures) and adopted goals
/// into this one as one change (`undo` takes it back); `kpi last-year` and `goal last-year`
/// show what was carried. `accord carry` does the same into a new session (Carry).
enum CarryCommands {
    static var all: [CommandSpec] { [kpiImportSession, kpiLastYear, goalLastYear] }

    static let kpiImportSession = CommandSpec(
        "kpi import-session", usage: "kpi import-session OLD.json [DEPT...]", example: "kpi import-session acme-2027.json Marketing",
        args: 1...1, unlimited: true, step: .audit
    ) { inv, d, ctx in
        let path = inv.args[0]
        let data: Data
        do { data = try ctx.readSession(path) } catch {
            throw CommandError(Message("import.cannot-read", ["path": path], nested: ["why": .of(error)]))
        }
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let source = try Carry.Source.verified(data, file: file)
        let summary = try Carry.importing(source, depts: Array(inv.args.dropFirst()), into: &d, asLineage: false)
        guard summary.kpis > 0 || !summary.newDepartments.isEmpty || summary.goals > 0 else {
            return .refused(t("carry.nothing-new", ["file": file]))
        }
        var out = [CarryText.summary(summary, file: file)]
        out.append(t("carry.import.hint"))
        return Outcome(TextWrap.block(out.joined(separator: "\n"), width: ctx.width, hanging: 2))
    }

    static let kpiLastYear = CommandSpec(
        "kpi last-year", usage: "kpi last-year [DEPT]", example: "kpi last-year Marketing", args: 0...1, step: .audit
    ) { inv, d, ctx in
        let s = d.state
        let dept = try inv.args.first.map { try Names.department($0, in: s) }
        guard let table = CarryText.lastYearTable(s, dept: dept?.id, width: ctx.width) else { return Outcome(t("carry.none")) }
        return Outcome(table)
    }

    static let goalLastYear = CommandSpec("goal last-year", usage: "goal last-year", example: "goal last-year", step: .goals) { _, d, ctx in
        guard let text = CarryText.goals(d.state, width: ctx.width) else { return Outcome(t("carry.goals.none")) }
        return Outcome(text)
    }
}
