/// A department judged on one metric alone: everything else it does is invisible, and the
/// one number will be gamed. Says so when that metric is an activity (output, not a result).
public struct SingleMetric: AuditRule {
    public init() {}
    public let id = "single-metric"
    public let severity = Severity.low
    public let explanation = "A department judged on one metric alone."
    public let explanationZH = "部門只用單一指標考核。"
    public let remedy = "Add a counterweight KPI, ideally an outcome the metric is meant to drive."
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
                explanation: "\(dept) is judged on one metric alone (\(k.name))"
                    + (activity ? ", and it is an activity metric: output, not a result." : "."),
                explanationZH: "\(dept)只用「\(k.name)」一項指標考核" + (activity ? "，而且是活動量指標，不是成果。" : "。"),
                remedy: activity ? "Add an outcome KPI that \(k.name) is meant to drive (engagement, conversion, revenue)." : remedy))
        }
        return out
    }
}
