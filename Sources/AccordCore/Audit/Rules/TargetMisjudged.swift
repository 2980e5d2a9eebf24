/// Last year's actual ended far beyond the challenge (the target was set too low) or far
/// short of the floor (set too high): "far" is at least as far again as the challenge lies
/// beyond the target, or the floor short of it. Only a KPI carried from last year's letter
/// (`LastYear`) has the figures to tell.
public struct TargetMisjudged: AuditRule {
    public init() {}
    public let id = "target-misjudged"
    public let severity = Severity.medium
    public let detail = KPIDetail.lastYear
    public let relational = false

    /// How the actual stands against last year's bounds, nil when it is not far off either
    /// way (or the bounds run neither way).
    public enum Verdict: Equatable, Sendable { case tooLow, tooHigh }

    public static func verdict(_ l: LastYear) -> Verdict? {
        guard let a = l.actual, let dir = l.bounds.implied else { return nil }
        let k = dir == .up ? 1.0 : -1.0
        let f = l.floor * k, tg = l.target * k, c = l.challenge * k, x = a * k
        if x >= c + (c - tg) { return .tooLow }
        if x <= f - (tg - f) { return .tooHigh }
        return nil
    }

    static func year(actual: Double?, floor: Double = 700, target: Double = 900, challenge: Double = 1_100) -> LastYear {
        LastYear(period: "2027", contrib: "X1", goal: "Lower blended acquisition cost",
                 bounds: Bounds(floor: floor, target: target, challenge: challenge), actual: actual,
                 completion: actual.flatMap { ScoringRule.standard.completion($0, floor: floor, target: target, challenge: challenge) },
                 grade: nil, months: 12, missing: 0)
    }

    public var examples: [RuleExample] {
        [
            .triggers("leads ended at 1,400 against a challenge of 1,100 (target 900): the target was set too low",
                      [ExampleKPI("Marketing", "Sales-accepted leads", target: 900, last: Self.year(actual: 1_400))]),
            .triggers("leads ended at 450, far below a floor of 700: the target was set too high",
                      [ExampleKPI("Marketing", "Sales-accepted leads", target: 900, last: Self.year(actual: 450))]),
            .triggers("a cost (lower is better) ended at 250 against a challenge of 350 (target 380)",
                      [ExampleKPI("Growth", "Customer acquisition cost", target: 380,
                                  last: Self.year(actual: 250, floor: 420, target: 380, challenge: 350))]),
            .passes("leads ended at 1,200, beyond the challenge but not far beyond it",
                    [ExampleKPI("Marketing", "Sales-accepted leads", target: 900, last: Self.year(actual: 1_200))]),
            .passes("leads ended at 600, below the floor but not far below it",
                    [ExampleKPI("Marketing", "Sales-accepted leads", target: 900, last: Self.year(actual: 600))]),
            .passes("a KPI typed afresh has no last year to judge by",
                    [ExampleKPI("Marketing", "Sales-accepted leads", target: 900)]),
        ]
    }

    public func check(_ input: AuditInput) -> [Finding] {
        var out: [Finding] = []
        for (i, k) in input.kpis.enumerated() {
            guard let l = k.last, let v = Self.verdict(l), let a = l.actual else { continue }
            let args: [String: CatalogText.Arg] = [
                "kpi": .text(k.name), "dept": .text(input.deptName(k.dept)), "period": .text(l.period),
                "actual": .text(Num.show(a)), "challenge": .text(Num.show(l.challenge)), "floor": .text(Num.show(l.floor)),
                "target": .text(Num.show(l.target)),
            ]
            out.append(Finding(
                rule: id, identity: Finding.identity(id, kpis: [input.ids[i]]), severity: severity,
                kpis: [input.ids[i]], depts: [k.dept], metrics: input.metricKeys([i]),
                explanation: text(v == .tooLow ? "why.low" : "why.high", args),
                remedy: text(v == .tooLow ? "remedy.low" : "remedy.high", ["kpi": .text(k.name), "actual": .text(Num.show(a))])))
        }
        return out
    }
}
