import Foundation

/// `kpi import`: the good rows of a sheet become KPIs in one event.
enum KPIImport {
    /// Refused whole, nothing imported, when the session would then hold more than `kpiLimit` KPIs.
    static func run(_ sheet: KPISheet.Sheet, path: String, dryRun: Bool, _ d: inout Draft,
                    kpiLimit: Int = ImportLimits.kpisPerSession) -> Outcome {
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
        // `State.department(named:)` as two lookups: the exact name, else the name in lower
        // case (it scans every department, a second for 100,000 rows in 1,000 departments)
        var deptByName: [String: Int] = [:], deptByLower: [String: Int] = [:]
        for dept in d.state.departments {
            deptByKey[NameKey.of(dept.name)] = dept.id
            deptByName[dept.name] = dept.id
            if deptByLower[dept.name.lowercased()] == nil { deptByLower[dept.name.lowercased()] = dept.id }
        }
        var keyOfDept: [String: String] = [:]
        for row in sheet.rows {
            func reject(_ key: String, _ args: [String: String] = [:]) {
                errors.append(KPISheet.RowError(line: row.line, reason: t(key, args)))
            }
            let deptName: String, name: String
            do {
                deptName = try Names.clean(row.dept, what: "what.department")
                name = try Names.clean(row.name, what: "what.kpi")
            } catch let e as CommandError { reject("import.raw", ["why": e.message.rendered()]); continue } catch { continue }
            var metric: String?
            if let m = row.metric {
                guard let key = catalog.resolve(m) else { reject("import.bad-metric", ["value": m]); continue }
                metric = key
            }
            // the department: by name; else the same name in the other Chinese script; else a new one
            var deptID: Int
            let deptKey = keyOfDept[deptName] ?? NameKey.of(deptName)
            keyOfDept[deptName] = deptKey
            if let id = deptByName[deptName] ?? deptByLower[deptName.lowercased()] {
                deptID = id
            } else if let id = deptByKey[deptKey] {
                deptID = id
                let note = "\(deptName) → \(d.state.deptName(id))"
                if !merged.contains(note) { merged.append(note) }
            } else {
                deptID = d.nextID(.department)
                d.put(Department(id: deptID, name: deptName))
                deptByKey[deptKey] = deptID
                deptByName[deptName] = deptID
                if deptByLower[deptName.lowercased()] == nil { deptByLower[deptName.lowercased()] = deptID }
                created.append(deptName)
            }
            let dupKey = "\(deptID)|\(NameKey.of(name, simplify: false))"
            if let other = taken[dupKey] {
                let where_ = lineOf[other].map { t("import.dup-in-file", ["line": "\($0)"]) }
                    ?? t("import.dup-in-session", ["id": "\(ID(.kpi, other))"])
                reject("import.duplicate", ["name": name, "dept": d.state.deptName(deptID), "where": where_])
                continue
            }
            var k = KPI(id: d.nextID(.kpi), dept: deptID, name: name)
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
        if d.state.kpis.count > kpiLimit {
            // a refused outcome is rolled back by the engine
            return .refused(Paint.bad(t("import.session-full", ["path": path, "n": Num.format(Double(d.state.kpis.count)),
                                                                "limit": Num.format(Double(kpiLimit))])))
        }
        errors.sort { $0.line < $1.line }
        var lines: [String] = []
        if added.isEmpty {
            lines.append(Paint.bad(t("import.nothing", ["path": path])))
        } else {
            let depts = Set(added.map(\.dept)).count
            let range = added.count == 1 ? "\(added[0].ref)" : "\(added.first!.ref)–\(added.last!.ref)"
            lines.append(Paint.good(t(dryRun ? "import.would-import" : "import.imported",
                                      ["n": "\(added.count)", "path": path, "depts": "\(depts)", "ids": range])))
            lines.append("  " + t("import.matched", ["matched": "\(added.count - unknown.count)", "unknown": "\(unknown.count)"]))
            if !unknown.isEmpty {
                let list = unknown.prefix(8).map { "\($0.ref) \($0.name)" }.joined(separator: Punct.list)
                lines.append("  " + Paint.warn(t("import.unknown-list", ["list": list + (unknown.count > 8 ? " …" : "")])))
                lines.append("  " + t("kpi.unknown-hint", ["ids": "", "first": "\(unknown[0].ref)"]).trimmingCharacters(in: .whitespaces))
            }
        }
        if !created.isEmpty { lines.append("  " + t("import.new-depts", ["list": created.joined(separator: Punct.list)])) }
        if !merged.isEmpty { lines.append("  " + t("import.merged-depts", ["list": merged.joined(separator: Punct.list)])) }
        if !sheet.ignored.isEmpty { lines.append("  " + t("import.ignored-columns", ["list": sheet.ignored.joined(separator: Punct.list)])) }
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
