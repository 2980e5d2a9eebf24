/// A department judged only on activity (posts, visits, calls): effort is rewarded whether
/// or not it moves a customer or the business.
///
/// A department with a single KPI is single-metric's finding, which says when that one
/// metric is an activity; this rule speaks for two or more.
public struct VanityOnly: AuditRule {
    public init() {}
    public let id = "vanity-only"
    public let severity = Severity.low
    public let detail = KPIDetail.plain
    public let relational = false

    public var examples: [RuleExample] {
        [
            .triggers("articles and followers, nothing they lead to", [
                ExampleKPI("內容組", "文章產出數"), ExampleKPI("內容組", "粉絲數"),
            ]),
            .passes("an outcome beside the activity", [
                ExampleKPI("社群組", "粉絲數"), ExampleKPI("社群組", "互動率"),
            ]),
            .passes("one activity metric alone is single-metric's finding", [ExampleKPI("內容組", "文章產出數")]),
            .passes("an unknown metric might be an outcome: no judgement", [
                ExampleKPI("內容組", "文章產出數"), ExampleKPI("內容組", "讀者來信數"),
            ]),
        ]
    }

    public func check(_ input: AuditInput) -> [Finding] {
        var out: [Finding] = []
        for d in input.deptOrder {
            guard let idx = input.byDept[d], idx.count > 1,
                  idx.allSatisfy({ input.kindOf[$0] == .activity }) else { continue }
            let dept = input.deptName(d)
            out.append(Finding(
                rule: id, identity: Finding.identity(id, dept: d), severity: severity,
                kpis: input.ids(idx), depts: [d], metrics: input.metricKeys(idx),
                explanation: text("why", ["dept": .text(dept), "kpis": .list(idx.prefix(6).map { input.kpis[$0].name }),
                                          "more": idx.count > 6 ? " …" : ""]),
                remedy: remedyText))
        }
        return out
    }
}
