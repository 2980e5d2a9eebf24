/// Too many KPIs in one department: more than 8 dilutes focus, and above 10 nobody can
/// steer by them (reported as high).
public struct KPIOverload: AuditRule {
    public init() {}
    public let id = "kpi-overload"
    public let severity = Severity.medium
    public let detail = KPIDetail.plain
    public let relational = false
    public static let warnAbove = 8
    public static let errorAbove = 10

    public var examples: [RuleExample] {
        [
            .triggers("nine KPIs in one department", (1...9).map { ExampleKPI("行銷部", "指標\($0)") }),
            .passes("eight KPIs in one department", (1...8).map { ExampleKPI("行銷部", "指標\($0)") }),
            .passes("twelve KPIs spread over two departments", (1...12).map { ExampleKPI($0 % 2 == 0 ? "A" : "B", "KPI \($0)") }),
        ]
    }

    public func check(_ input: AuditInput) -> [Finding] {
        var out: [Finding] = []
        for d in input.deptOrder {
            guard let idx = input.byDept[d], idx.count > Self.warnAbove else { continue }
            let dept = input.deptName(d)
            let over = idx.count > Self.errorAbove
            out.append(Finding(
                rule: id, identity: Finding.identity(id, dept: d), severity: over ? .high : severity,
                kpis: input.ids(idx), depts: [d], metrics: input.metricKeys(idx),
                explanation: text(over ? "why.over" : "why", ["dept": .text(dept), "n": "\(idx.count)"]),
                remedy: remedyText))
        }
        return out
    }
}
