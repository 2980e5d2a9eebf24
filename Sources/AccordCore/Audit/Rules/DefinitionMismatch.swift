/// The same metric with a different unit or review cycle: figures that cannot be compared
/// or added up, so a shared target on them means nothing.
public struct DefinitionMismatch: AuditRule {
    public init() {}
    public let id = "definition-mismatch"
    public let severity = Severity.medium
    public let detail = KPIDetail.definition
    public let relational = true

    public var examples: [RuleExample] {
        [
            .triggers("leads counted monthly by one department, quarterly by the other", [
                ExampleKPI("行銷部", "線索量", cycle: .monthly), ExampleKPI("業務部", "線索量", cycle: .quarterly),
            ]),
            .triggers("revenue in NT dollars and in US dollars", [
                ExampleKPI("Sales", "Revenue", unit: "元"), ExampleKPI("Finance", "營收", unit: "USD"),
            ]),
            .passes("the same unit written two ways (% and percent)", [
                ExampleKPI("Marketing", "CTR", unit: "%"), ExampleKPI("Growth", "Click-through rate", unit: "percent"),
            ]),
            .passes("a blank unit is not-smart's finding, not a mismatch", [
                ExampleKPI("Marketing", "Leads", unit: "leads"), ExampleKPI("Sales", "Leads", unit: nil),
            ]),
        ]
    }

    public func check(_ input: AuditInput) -> [Finding] {
        var out: [Finding] = []
        for group in input.byMetric where group.kpis.count > 1 {
            var units: [Int: String] = [:], unitOrder: [Int] = []
            var cycles: [Cycle] = []
            for i in group.kpis {
                let u = input.unitOf[i]
                if u >= 0, units[u] == nil { units[u] = input.kpis[i].unit!; unitOrder.append(u) }
                if let c = input.kpis[i].cycle, !cycles.contains(c) { cycles.append(c) }
            }
            guard units.count > 1 || cycles.count > 1 else { continue }
            var involved = Set<Int>()
            if units.count > 1 { for i in group.kpis where input.unitOf[i] >= 0 { involved.insert(i) } }
            if cycles.count > 1 { for i in group.kpis where input.kpis[i].cycle != nil { involved.insert(i) } }
            let which = units.count > 1 && cycles.count > 1 ? "why.both" : units.count > 1 ? "why.units" : "why.cycles"
            let idx = involved.sorted()
            let depts = input.depts(of: idx)
            let name = input.metricName(group.kpis)
            let ids = input.ids(idx)
            out.append(Finding(
                rule: id, identity: Finding.identity(id, kpis: ids),
                severity: depts.count > 1 ? severity : severity.lowered,
                kpis: ids, depts: depts, metrics: input.metricKeys(idx),
                explanation: text(which, ["metric": .text(name), "units": .list(unitOrder.prefix(6).map { units[$0]! }),
                                          "cycles": .list(cycles.map(\.rawValue))]),
                remedy: text("remedy.metric", ["metric": .text(name)])))
        }
        return out
    }
}
