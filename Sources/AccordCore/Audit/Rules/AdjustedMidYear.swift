/// Last year's letter row was adjusted mid-year (an approved `adjust`): the target set at the
/// meeting did not hold for the year. Worth a look before this year's is set. Only a KPI
/// carried from last year's letter (`LastYear`) knows.
public struct AdjustedMidYear: AuditRule {
    public init() {}
    public let id = "adjusted-mid-year"
    public let severity = Severity.low
    public let detail = KPIDetail.lastYear
    public let relational = false

    static func year(_ adjustments: [PriorAdjustment]) -> LastYear {
        LastYear(period: "2027", contrib: "X7", goal: "Lower blended acquisition cost",
                 bounds: Bounds(floor: 700, target: 900, challenge: 1_100), actual: 11_065, completion: 94.4,
                 grade: "B", months: 12, missing: 0, adjustments: adjustments)
    }

    public var examples: [RuleExample] {
        [
            .triggers("leads' target was raised from 900 to 1,000 from July",
                      [ExampleKPI("Marketing", "Sales-accepted leads", target: 1_000,
                                  last: Self.year([PriorAdjustment(ref: "A1", from: "2027-07", oldTarget: 900, target: 1_000,
                                                                   reason: "the trade show moved to September")]))]),
            .passes("the same row, never adjusted",
                    [ExampleKPI("Marketing", "Sales-accepted leads", target: 1_000, last: Self.year([]))]),
            .passes("a KPI typed afresh has no letter of last year",
                    [ExampleKPI("Marketing", "Sales-accepted leads", target: 1_000)]),
        ]
    }

    public func check(_ input: AuditInput) -> [Finding] {
        var out: [Finding] = []
        for (i, k) in input.kpis.enumerated() {
            guard let l = k.last, !l.adjustments.isEmpty else { continue }
            // in every language, so the stored finding reads in the reader's
            var list: [String: String] = [:]
            for lang in Language.allCases {
                list[lang.rawValue] = l.adjustments.map {
                    t("rule.adjusted-mid-year.item", ["ref": $0.ref, "from": $0.from, "old": Num.show($0.oldTarget), "new": Num.show($0.target)],
                      in: lang)
                }.joined(separator: t("list.separator", in: lang))
            }
            out.append(Finding(
                rule: id, identity: Finding.identity(id, kpis: [input.ids[i]]), severity: severity,
                kpis: [input.ids[i]], depts: [k.dept], metrics: input.metricKeys([i]),
                explanation: text(l.adjustments.count == 1 ? "why" : "why.many", [
                    "kpi": .text(k.name), "dept": .text(input.deptName(k.dept)), "period": .text(l.period),
                    "contrib": .text(l.contrib), "n": "\(l.adjustments.count)",
                    "list": .typed(list), "reason": .text(l.adjustments[0].reason),
                ]),
                remedy: remedyText))
        }
        return out
    }
}
