/// Last year's letter row had no actual for most of the year's months: the KPI was not
/// measurable in practice, whatever its definition said. Only a KPI carried from last year's
/// letter (`LastYear`) has the months to count.
public struct NotMeasurable: AuditRule {
    public init() {}
    public let id = "not-measurable"
    public let severity = Severity.medium
    public let detail = KPIDetail.lastYear
    public let relational = false

    /// More than half the months without an actual.
    public static func unmeasured(_ l: LastYear) -> Bool { l.months > 0 && l.missing * 2 > l.months }

    static func year(missing: Int) -> LastYear {
        LastYear(period: "2027", contrib: "X2", goal: "Raise customer lifetime value",
                 bounds: Bounds(floor: 100, target: 110, challenge: 115), actual: missing < 12 ? 108 : nil,
                 completion: missing < 12 ? 92 : nil, grade: nil, months: 12, missing: missing)
    }

    public var examples: [RuleExample] {
        [
            .triggers("retention had figures for 4 months of 12",
                      [ExampleKPI("Customer Success", "Net revenue retention", target: 110, unit: "%", last: Self.year(missing: 8))]),
            .triggers("no figure was recorded all year",
                      [ExampleKPI("Customer Success", "Net revenue retention", target: 110, unit: "%", last: Self.year(missing: 12))]),
            .passes("a quarter missing (9 months of 12 recorded)",
                    [ExampleKPI("Customer Success", "Net revenue retention", target: 110, unit: "%", last: Self.year(missing: 3))]),
            .passes("half the months missing is not most of them",
                    [ExampleKPI("Customer Success", "Net revenue retention", target: 110, unit: "%", last: Self.year(missing: 6))]),
            .passes("a KPI typed afresh has no last year to count",
                    [ExampleKPI("Customer Success", "Net revenue retention", target: 110, unit: "%")]),
        ]
    }

    public func check(_ input: AuditInput) -> [Finding] {
        var out: [Finding] = []
        for (i, k) in input.kpis.enumerated() {
            guard let l = k.last, Self.unmeasured(l) else { continue }
            out.append(Finding(
                rule: id, identity: Finding.identity(id, kpis: [input.ids[i]]), severity: severity,
                kpis: [input.ids[i]], depts: [k.dept], metrics: input.metricKeys([i]),
                explanation: text(l.missing == l.months ? "why.none" : "why", [
                    "kpi": .text(k.name), "dept": .text(input.deptName(k.dept)), "period": .text(l.period),
                    "missing": "\(l.missing)", "months": "\(l.months)", "contrib": .text(l.contrib),
                ]),
                remedy: remedyText))
        }
        return out
    }
}
