import Foundation

/// `actual import FILE.csv [--dry-run]`: a sheet of actuals (a BI or Excel export) recorded in
/// one event, so one `undo` takes it back. Rows are read by `ActualSheet`; here each finds its
/// contribution (by id, or by department and KPI name, the department in either Chinese
/// script), and a row that cannot be placed is reported with its line number, as
/// `kpi import` reports its rows.
enum ActualImportCommand {
    static var all: [CommandSpec] { [actualImport] }

    static let actualImport = CommandSpec(
        "actual import", usage: "actual import CSVFILE [--dry-run]", example: "actual import ../data/actuals-2027.csv",
        flags: [FlagSpec("dry-run")], args: 1...1, step: .track
    ) { inv, d, ctx in
        let path = inv.args[0]
        let data: Data
        do { data = try ctx.readFile(path) } catch {
            throw CommandError(Message("import.cannot-read", ["path": path], nested: ["why": .of(error)]))
        }
        let sheet: ActualSheet.Sheet
        do { sheet = try ActualSheet.parse(data) } catch let f as KPISheet.Failure {
            throw CommandError("import.failed", ["path": path, "why": f.message])
        }
        if inv.has("dry-run") {
            var scratch = Draft(d.state)
            return run(sheet, path: path, dryRun: true, &scratch, now: ctx.now)
        }
        return run(sheet, path: path, dryRun: false, &d, now: ctx.now)
    }

    /// Records the sheet's good rows; a refused outcome (nothing recorded) when none is good.
    static func run(_ sheet: ActualSheet.Sheet, path: String, dryRun: Bool, _ d: inout Draft, now: String) -> Outcome {
        var errors = sheet.errors
        // departments by exact name, by lower case, and by name key (the other Chinese script)
        var deptByName: [String: Int] = [:], deptByLower: [String: Int] = [:], deptByKey: [String: Int] = [:]
        for dept in d.state.departments {
            deptByName[dept.name] = dept.id
            if deptByLower[dept.name.lowercased()] == nil { deptByLower[dept.name.lowercased()] = dept.id }
            if deptByKey[NameKey.of(dept.name)] == nil { deptByKey[NameKey.of(dept.name)] = dept.id }
        }
        // contributions by department and KPI name key; a name two contributions share is ambiguous
        var byName: [String: [Int]] = [:]
        for c in d.state.contribs.byKey.values { byName["\(c.dept)|\(NameKey.of(c.kpi))", default: []].append(c.id) }
        var seen: [PeriodKey: Int] = [:]
        var recorded = 0, replaced = 0, unchanged = 0
        var contribs = Set<Int>()
        var first: YearPeriod?, last: YearPeriod?
        for row in sheet.rows {
            func reject(_ key: String, _ args: [String: String] = [:]) {
                errors.append(KPISheet.RowError(line: row.line, reason: t(key, args)))
            }
            var contribution: Contribution?
            if let raw = row.contribution {
                guard let id = ID(parsing: raw, as: .contribution), let c = d.state.contribs[id.number] else {
                    reject("actual.import.unknown-contribution", ["id": raw]); continue
                }
                contribution = c
            } else if let deptName = row.dept, let kpi = row.kpi {
                guard let dept = deptByName[deptName] ?? deptByLower[deptName.lowercased()] ?? deptByKey[NameKey.of(deptName)] else {
                    reject("actual.import.unknown-dept", ["dept": deptName]); continue
                }
                let ids = byName["\(dept)|\(NameKey.of(kpi))"] ?? []
                guard !ids.isEmpty else {
                    reject("actual.import.unknown-kpi", ["kpi": kpi, "dept": d.state.deptName(dept)]); continue
                }
                guard ids.count == 1 else {
                    reject("actual.import.ambiguous-kpi", ["kpi": kpi, "dept": d.state.deptName(dept),
                                                           "ids": ids.sorted().map { "\(ID(.contribution, $0))" }.joined(separator: ", ")])
                    continue
                }
                contribution = d.state.contribs[ids[0]]
            }
            guard let c = contribution else { continue }
            let key = PeriodKey(c.id, row.period)
            if let other = seen[key] {
                reject("actual.import.duplicate", ["id": "\(c.ref)", "period": row.period.label, "line": "\(other)"]); continue
            }
            let note: String?
            do { note = try row.note.map { try Names.clean($0, what: "what.note") } } catch let e as CommandError {
                reject("import.raw", ["why": e.message.rendered()]); continue
            } catch { continue }
            seen[key] = row.line
            let before = d.state.actuals[key]
            if let before, before.value == row.value, before.note == (note ?? before.note) {
                unchanged += 1; continue
            }
            d.put(Actual(contrib: c.id, period: row.period, value: row.value, note: note ?? before?.note, time: now))
            if before == nil { recorded += 1 } else { replaced += 1 }
            contribs.insert(c.id)
            if first.map({ row.period < $0 }) ?? true { first = row.period }
            if last.map({ row.period.lastMonth + row.period.year * 12 > $0.lastMonth + $0.year * 12 }) ?? true { last = row.period }
        }
        errors.sort { $0.line < $1.line }
        var lines: [String] = []
        let done = recorded + replaced
        if done == 0 {
            lines.append(Paint.bad(t(unchanged > 0 ? "actual.import.nothing-new" : "import.nothing", ["path": path, "n": "\(unchanged)"])))
        } else {
            lines.append(Paint.good(t(dryRun ? "actual.import.would-import" : "actual.import.imported", [
                "n": "\(done)", "path": path, "contribs": "\(contribs.count)",
                "from": first?.label ?? "–", "to": last?.label ?? "–",
            ])))
            if replaced > 0 || unchanged > 0 {
                lines.append("  " + t("actual.import.counts", ["new": "\(recorded)", "replaced": "\(replaced)", "same": "\(unchanged)"]))
            }
        }
        if !sheet.ignored.isEmpty { lines.append("  " + t("import.ignored-columns", ["list": sheet.ignored.joined(separator: ", ")])) }
        if !errors.isEmpty {
            lines.append("  " + Paint.warn(t("import.skipped", ["n": "\(errors.count)"])))
            for e in errors.prefix(30) { lines.append("    " + e.description) }
            if errors.count > 30 { lines.append("    " + t("audit.and-more", ["n": "\(errors.count - 30)"])) }
        }
        // a refused outcome is rolled back by the engine
        if done == 0 { return .refused(lines.joined(separator: "\n")) }
        lines.append(t(dryRun ? "import.dry-run-note" : "actual.import.next"))
        return Outcome(lines.joined(separator: "\n"))
    }
}
