/// A department whose KPI weights do not add up to 100: its score cannot be computed,
/// and the letters of step 4 need weights that do.
public struct WeightSum: AuditRule {
    public init() {}
    public let id = "weight-sum"
    public let severity = Severity.medium
    public let detail = KPIDetail.weight
    public let relational = false

    public var examples: [RuleExample] {
        [
            .triggers("weights that add up to 90", [
                ExampleKPI("行銷部", "網站流量", weight: 40), ExampleKPI("行銷部", "線索量", weight: 50),
            ]),
            .triggers("the weights add up to 100 but one KPI has none", [
                ExampleKPI("Sales", "Revenue", weight: 100), ExampleKPI("Sales", "Win rate", weight: nil),
            ]),
            .passes("weights that add up to 100", [
                ExampleKPI("Sales", "Revenue", weight: 60), ExampleKPI("Sales", "Win rate", weight: 40),
            ]),
            .passes("no weights entered yet", [
                ExampleKPI("Sales", "Revenue"), ExampleKPI("Sales", "Win rate"),
            ]),
        ]
    }

    public func check(_ input: AuditInput) -> [Finding] {
        var out: [Finding] = []
        for d in input.deptOrder {
            guard let idx = input.byDept[d] else { continue }
            var sum = 0.0, weighted = 0
            for i in idx { if let w = input.kpis[i].weight { sum += w; weighted += 1 } }
            guard weighted > 0 else { continue }
            let missing = idx.count - weighted
            guard abs(sum - 100) > 0.001 || missing > 0 else { continue }
            let dept = input.deptName(d)
            let total = Num.format(sum)
            let which = abs(sum - 100) <= 0.001 ? "why.missing" : missing > 0 ? "why.total-missing" : "why.total"
            out.append(Finding(
                rule: id, identity: Finding.identity(id, dept: d), severity: severity,
                kpis: input.ids(idx), depts: [d], metrics: input.metricKeys(idx),
                explanation: text(which, ["dept": .text(dept), "total": .text(total), "n": "\(missing)"]),
                remedy: remedyText))
        }
        return out
    }
}
