/// KPIs that cannot be measured as written: no target, unit, data source, review cycle,
/// owner or direction. One finding per department, listing what each KPI lacks.
public struct NotSmart: AuditRule {
    public init() {}
    public let id = "not-smart"
    public let severity = Severity.low
    public let detail = KPIDetail.missing
    public let relational = false

    public var examples: [RuleExample] {
        [
            .triggers("no target and no owner", [ExampleKPI("行銷部", "網站流量", target: nil, owner: nil)]),
            .triggers("an unknown metric with no direction", [ExampleKPI("Ops", "Widget index", dir: nil)]),
            .passes("everything filled in", [ExampleKPI("Sales", "Revenue")]),
        ]
    }

    /// What a KPI lacks, as the words the screen shows.
    public static func missing(_ k: KPI, dir: Direction?) -> [String] {
        var out: [String] = []
        if k.target == nil { out.append("target") }
        if (k.unit ?? "").isEmpty { out.append("unit") }
        if (k.source ?? "").isEmpty { out.append("source") }
        if k.cycle == nil { out.append("cycle") }
        if (k.owner ?? "").isEmpty { out.append("owner") }
        if dir == nil { out.append("direction") }
        return out
    }

    public func check(_ input: AuditInput) -> [Finding] {
        var out: [Finding] = []
        for d in input.deptOrder {
            guard let idx = input.byDept[d] else { continue }
            var lacking: [Int] = []
            var fields: [String] = []
            for i in idx {
                let m = Self.missing(input.kpis[i], dir: input.dirOf[i])
                guard !m.isEmpty else { continue }
                lacking.append(i)
                for f in m where !fields.contains(f) { fields.append(f) }
            }
            guard !lacking.isEmpty else { continue }
            let dept = input.deptName(d)
            out.append(Finding(
                rule: id, identity: Finding.identity(id, dept: d), severity: severity,
                kpis: input.ids(lacking), depts: [d], metrics: input.metricKeys(lacking),
                explanation: text("why", ["n": "\(lacking.count)", "dept": .text(dept), "fields": .list(fields)]),
                remedy: remedyText))
        }
        return out
    }
}
