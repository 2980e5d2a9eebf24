/// The arithmetic of the year, pure and derived from the state: which values apply to a
/// contribution in a month (adjustments), what its target is for any period (its cycle and
/// aggregation), what its actual is over a period (the recorded pieces inside it, never a
/// zero for a missing one), and its completion by the signed letter's rule.
///
///     let f = YearFigures(state)
///     let q2 = f.figure(contribution, .quarter(2027, 2))
///     q2.actual       // the months of Q2 that were recorded, added up (sum), averaged (mean) or the latest (last)
///     q2.bounds       // floor/target/challenge for exactly those months
///     q2.completion   // ScoringRule.standard on the two, nil when nothing was recorded
///     q2.missing      // the months of Q2 without an actual
///
/// docs/decisions/year-review.md explains the choices (period targets, coverage, adjustments).
public struct YearFigures: Sendable {
    public let state: State
    public let rule: ScoringRule
    /// Approved adjustments per contribution, by the period they take effect from.
    private var adjusted: [Int: [Adjustment]] = [:]

    public init(_ state: State, rule: ScoringRule = .standard) {
        self.state = state
        self.rule = rule
        for a in state.adjustments.byKey.values where a.status == .approved { adjusted[a.contrib, default: []].append(a) }
        for k in adjusted.keys { adjusted[k]!.sort { ($0.from, $0.id) < ($1.from, $1.id) } }
    }

    // MARK: aggregation and targets

    /// How the contribution's periods add up: its own override, else its metric's (a metric
    /// the session added says so with `--agg`; the built-in catalog's say it in
    /// `BuiltinAggregation`), else by its unit.
    public func aggregation(_ c: Contribution) -> Aggregation {
        if let a = c.aggregation { return a }
        if let m = c.metric, let a = state.metrics[m]?.aggregation { return a }
        return YearFigures.aggregation(metric: c.metric, unit: c.unit)
    }

    /// The catalog's aggregation of a metric (`BuiltinAggregation`); for a metric the catalog
    /// does not know, by its unit: a percentage, a score or a ratio is averaged, anything
    /// else adds up.
    public static func aggregation(metric: String?, unit: String?) -> Aggregation {
        if let m = metric, let a = BuiltinAggregation.of(m) { return a }
        let u = (unit ?? "").lowercased()
        if u.contains("%") || u.contains("score") || u.contains("分") || u.contains("ratio") || u.contains("率") { return .mean }
        return .sum
    }

    /// Approved adjustments of a contribution, in the order they take effect.
    public func adjustments(_ contrib: Int) -> [Adjustment] { adjusted[contrib] ?? [] }

    /// The floor, target and challenge in force in `month`, as the letter states them (per
    /// its cycle): before the first approved adjustment's period the values it replaced,
    /// from an adjustment's period on its values; from the last one on, the contribution's
    /// current values (what the letter now shows).
    public func letterBounds(_ c: Contribution, in month: YearPeriod) -> Bounds {
        let current = Bounds(floor: c.floor, target: c.target, challenge: c.challenge)
        guard let list = adjusted[c.id], let first = list.first, let last = list.last else { return current }
        let effective = { (a: Adjustment) in month.ordinal >= a.from.ordinal }
        if effective(last) { return current }
        return list.last(where: effective)?.newBounds ?? first.oldBounds
    }

    /// Months one cycle of the contribution spans (a weekly target is 12/52 of a month).
    static func cycleMonths(_ cycle: Cycle) -> Double {
        switch cycle {
        case .weekly: return 12.0 / 52.0
        case .monthly: return 1
        case .quarterly: return 3
        case .annual: return 12
        }
    }

    /// The month's share of the contribution's values: for a metric that adds up, the
    /// letter's per-cycle values scaled to one month (a quarterly target of 900 is 300 a
    /// month; an annual one of 1,200 is 100); for a mean or a level, the values themselves.
    public func monthBounds(_ c: Contribution, _ month: YearPeriod) -> Bounds { monthBounds(c, month, aggregation(c)) }

    func monthBounds(_ c: Contribution, _ month: YearPeriod, _ agg: Aggregation) -> Bounds {
        let b = letterBounds(c, in: month)
        guard agg == .sum else { return b }
        let k = 1 / YearFigures.cycleMonths(c.cycle)
        return Bounds(floor: b.floor * k, target: b.target * k, challenge: b.challenge * k)
    }

    /// The period's floor, target and challenge: its months' values combined as the
    /// contribution's aggregation says (added, averaged, or the last month's).
    public func periodBounds(_ c: Contribution, _ p: YearPeriod) -> Bounds { periodBounds(c, p, aggregation(c)) }

    func periodBounds(_ c: Contribution, _ p: YearPeriod, _ agg: Aggregation) -> Bounds {
        var sum = Combined(agg)
        for m in p.firstMonth...p.lastMonth { sum.add(monthBounds(c, .month(p.year, m), agg), 1) }
        return sum.bounds
    }

    /// Whether the values in force change inside `p` (an adjustment takes effect in it or
    /// after its first month).
    public func adjustedWithin(_ c: Contribution, _ p: YearPeriod) -> Bool {
        guard adjusted[c.id] != nil else { return false }
        let first = letterBounds(c, in: p.months[0])
        return p.months.contains { letterBounds(c, in: $0) != first }
    }

    // MARK: actuals

    /// The recorded actuals that make up `p`, coarse first: `p`'s own, else those of its
    /// parts (a year's halves, a half's quarters, a quarter's months), recursively.
    public func pieces(_ contrib: Int, _ p: YearPeriod) -> [Actual] {
        var out: [Actual] = []
        collect(contrib, p, into: &out)
        return out
    }

    private func collect(_ contrib: Int, _ p: YearPeriod, into out: inout [Actual]) {
        if let a = state.actuals[PeriodKey(contrib, p)] { out.append(a); return }
        switch p.kind {
        case .year: for h in 1...2 { collect(contrib, .half(p.year, h), into: &out) }
        case .half: for q in (p.index * 2 - 1)...(p.index * 2) { collect(contrib, .quarter(p.year, q), into: &out) }
        case .quarter: for m in p.firstMonth...p.lastMonth { collect(contrib, .month(p.year, m), into: &out) }
        case .month: break
        }
    }

    /// The figure of a contribution for a period: its actual over the recorded pieces, the
    /// bounds for exactly those pieces, the completion, and what is missing.
    public func figure(_ c: Contribution, _ p: YearPeriod) -> PeriodFigure {
        let agg = aggregation(c)
        let got = pieces(c.id, p)
        // the months the pieces cover (all inside p, so of p's year): bit m for month m
        var covered: UInt16 = 0
        for a in got { for m in a.period.firstMonth...a.period.lastMonth { covered |= 1 << m } }
        var missing: [YearPeriod] = []
        for m in p.firstMonth...p.lastMonth where covered & (1 << m) == 0 { missing.append(.month(p.year, m)) }
        var f = PeriodFigure(period: p, aggregation: agg, pieces: got.map(\.period), missing: missing,
                             fullBounds: periodBounds(c, p, agg))
        guard !got.isEmpty else { return f }
        var actual = Combined(agg), bounds = Combined(agg)
        for a in got {
            let w = Double(a.period.kind.months)
            actual.add(Bounds(floor: a.value, target: a.value, challenge: a.value), w)
            bounds.add(periodBounds(c, a.period, agg), w)
        }
        f.actual = actual.bounds.floor
        f.bounds = bounds.bounds
        if let a = f.actual, let b = f.bounds {
            f.completion = rule.completion(a, floor: b.floor, target: b.target, challenge: b.challenge)
        }
        return f
    }

    /// Values combined as a row aggregates, added one at a time, in order: a sum from 0; a
    /// mean as Σ value × weight / Σ weight (weight: the months a piece spans); the last one.
    struct Combined {
        let agg: Aggregation
        var weight = 0.0
        var floor = 0.0, target = 0.0, challenge = 0.0

        init(_ agg: Aggregation) { self.agg = agg }

        mutating func add(_ b: Bounds, _ w: Double) {
            switch agg {
            case .sum:
                floor = floor + b.floor; target = target + b.target; challenge = challenge + b.challenge
            case .mean:
                weight = weight + w
                floor = floor + b.floor * w; target = target + b.target * w; challenge = challenge + b.challenge * w
            case .last:
                floor = b.floor; target = b.target; challenge = b.challenge
            }
        }

        var bounds: Bounds {
            agg == .mean ? Bounds(floor: floor / weight, target: target / weight, challenge: challenge / weight)
                : Bounds(floor: floor, target: target, challenge: challenge)
        }
    }
}

/// One contribution's figures for one period.
public struct PeriodFigure: Equatable, Sendable {
    public var period: YearPeriod
    public var aggregation: Aggregation
    /// The recorded periods the actual is made of (`[2027-04, 2027-06]`, or `[2027-Q2]`).
    public var pieces: [YearPeriod]
    /// Months of the period without an actual (missing, never zero).
    public var missing: [YearPeriod]
    /// The bounds of the whole period (what a full period would be held to).
    public var fullBounds: Bounds
    /// The actual over the recorded pieces; nil when none was recorded.
    public var actual: Double?
    /// The bounds for exactly the recorded pieces; nil when none was recorded.
    public var bounds: Bounds?
    /// Completion (%) by the letter's rule, 0…120; nil when there is no actual.
    public var completion: Double?

    public init(period: YearPeriod, aggregation: Aggregation, pieces: [YearPeriod], missing: [YearPeriod], fullBounds: Bounds) {
        self.period = period; self.aggregation = aggregation; self.pieces = pieces; self.missing = missing
        self.fullBounds = fullBounds
    }

    /// Months with an actual / months in the period.
    public var coveredMonths: Int { period.kind.months - missing.count }
    public var isComplete: Bool { missing.isEmpty }

    /// How the actual stands against its bounds.
    public var mark: Mark {
        guard let a = actual, let b = bounds, let dir = b.implied else { return .none }
        let k = dir == .up ? 1.0 : -1.0
        if a * k < b.floor * k { return .belowFloor }
        if a * k < b.target * k { return .belowTarget }
        return .met
    }

    public enum Mark: String, Sendable {
        /// Below the floor (✗, red).
        case belowFloor
        /// Between the floor and the target (⚠, yellow).
        case belowTarget
        /// At or beyond the target.
        case met
        /// No actual, or bounds that run neither way.
        case none

        public var symbol: String {
            switch self {
            case .belowFloor: return "✗"
            case .belowTarget: return "⚠"
            case .met: return "✓"
            case .none: return ""
            }
        }
    }
}

/// The catalog's aggregation of each built-in metric (a catalog attribute kept beside the
/// catalog, so the metric entries and their JSON stay as they were): counts and money add
/// up, levels take the last value, everything else (rates, averages, costs per unit,
/// scores) is averaged.
public enum BuiltinAggregation {
    static let sum: Set<String> = [
        "traffic", "page_views", "ad_traffic", "impressions", "leads", "qualified_leads", "new_customers", "ad_spend",
        "content_output", "sales_calls", "signups", "tickets_closed", "complaints", "revenue", "short_term_revenue",
        "new_paying_users", "orders", "gmv", "referrals",
    ]
    static let last: Set<String> = ["followers", "active_users", "paying_users", "recurring_revenue", "pipeline"]

    /// The aggregation of a built-in metric, nil for a key the built-in catalog does not have.
    public static func of(_ metric: String) -> Aggregation? {
        if sum.contains(metric) { return .sum }
        if last.contains(metric) { return .last }
        return known.contains(metric) ? .mean : nil
    }

    static let known = Set(BuiltinMetrics.all.map(\.id))
}
