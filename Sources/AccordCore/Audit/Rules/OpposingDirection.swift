/// Two departments push the same metric in opposite directions: whatever one achieves,
/// the other is judged to have failed.
public struct OpposingDirection: AuditRule {
    public init() {}
    public let id = "opposing-direction"
    public let severity = Severity.high
    public let detail = KPIDetail.arrow
    public let relational = true

    public var examples: [RuleExample] {
        [
            .triggers("sales raises the discount rate, finance cuts it", [
                ExampleKPI("Sales", "Discount rate", dir: .up), ExampleKPI("Finance", "折扣率", dir: .down),
            ]),
            .triggers("an unknown metric typed the same way, pushed both ways", [
                ExampleKPI("Ops", "Inventory days", dir: .up), ExampleKPI("Finance", "inventory days", dir: .down),
            ]),
            .passes("both push it the same way", [
                ExampleKPI("Marketing", "Leads", dir: .up), ExampleKPI("Sales", "線索量", dir: .up),
            ]),
            .passes("opposite directions on different metrics", [
                ExampleKPI("Sales", "Revenue", dir: .up), ExampleKPI("Finance", "Discount rate", dir: .down),
            ]),
        ]
    }

    public func check(_ input: AuditInput) -> [Finding] {
        var out: [Finding] = []
        for group in input.byMetric where group.kpis.count > 1 {
            let up = group.kpis.filter { input.dirOf[$0] == .up }
            let down = group.kpis.filter { input.dirOf[$0] == .down }
            guard !up.isEmpty, !down.isEmpty else { continue }
            let upDepts = input.depts(of: up), downDepts = input.depts(of: down)
            let cross = !(upDepts.count == 1 && upDepts == downDepts)
            let involved = (up + down).sorted()
            let name = input.metricName(group.kpis)
            let ids = input.ids(involved)
            out.append(Finding(
                rule: id, identity: Finding.identity(id, kpis: ids),
                severity: cross ? severity : severity.lowered,
                kpis: ids, depts: input.depts(of: involved), metrics: input.metricKeys(involved),
                explanation: text("why", ["metric": .text(name), "up": .list(upDepts.map(input.deptName)),
                                          "down": .list(downDepts.map(input.deptName))]),
                remedy: text("remedy.metric", ["metric": .text(name)])))
        }
        return out
    }
}
