/// A department judged on one metric alone: everything else it does is invisible, and the
/// one number will be gamed. Says so when that metric is an activity (output, not a result).
public struct SingleMetric: AuditRule {
    public init() {}
    public let id = "single-metric"
    public let severity = Severity.low
    public let detail = KPIDetail.plain
    public let relational = false

    public var examples: [RuleExample] {
        [
            .triggers("內容組 judged on articles published only", [ExampleKPI("內容組", "文章產出數")]),
            .passes("two KPIs", [ExampleKPI("Sales", "Revenue"), ExampleKPI("Sales", "Win rate")]),
        ]
    }

    public func check(_ input: AuditInput) -> [Finding] {
        var out: [Finding] = []
        for d in input.deptOrder {
            guard let idx = input.byDept[d], idx.count == 1 else { continue }
            let k = input.kpis[idx[0]]
            let dept = input.deptName(d)
            let activity = input.kindOf[idx[0]] == .activity
            out.append(Finding(
                rule: id, identity: Finding.identity(id, dept: d), severity: severity,
                kpis: [k.id], depts: [d], metrics: input.metricKeys(idx),
                explanation: text(activity ? "why.activity" : "why", ["dept": .text(dept), "kpi": .text(k.name)]),
                remedy: activity ? text("remedy.activity", ["kpi": .text(k.name)]) : remedyText))
        }
        return out
    }
}
