/// The monthly tracking sheet (月度追蹤表) of one period: per department, per letter row, the
/// period's target, the actual, the completion, the change against the previous period
/// (環比), the mark (✗ below floor, ⚠ below target), and the cause, measure and owner of a
/// miss; plus the early warnings. A value built from the state, for `track` and the exports.
///
///     let sheet = TrackingSheet(state, period: .month(2027, 3))
///     sheet.departments[0].rows[0].figure.completion   // 95
///     sheet.warnings                                   // below floor twice, falling three times
public struct TrackingSheet: Sendable {
    public var period: YearPeriod
    public var departments: [Department]
    public var warnings: [EarlyWarning]

    public struct Department: Sendable {
        public var dept: AccordCore.Department
        public var rows: [Row]
    }

    public struct Row: Sendable {
        public var contribution: Contribution
        public var figure: PeriodFigure
        /// The previous period's actual (same kind of period), nil when not recorded.
        public var previous: Double?
        /// actual − previous, nil unless both exist.
        public var change: Double?
        /// The change as a percentage of |previous|, nil when previous is 0 or absent.
        public var changePercent: Double?
        /// The note recorded with the actual.
        public var note: String?
        /// The cause, measure and owner recorded with `miss` for this period.
        public var miss: Miss?
        /// The values in force changed inside this period (an approved adjustment).
        public var adjusted: Bool
    }

    /// The sheet of `period` for every department (or only `depts`), with the rows of each
    /// department's letter (contributions to adopted goals), in letter order.
    public init(_ s: State, period: YearPeriod, depts only: Set<Int>? = nil, figures: YearFigures? = nil) {
        let f = figures ?? YearFigures(s)
        self.period = period
        let index = LetterIndex(s)
        var out: [Department] = []
        var warnings: [EarlyWarning] = []
        for dept in s.departments where only?.contains(dept.id) ?? true {
            let letter = Letter(dept, in: s, index: index)
            guard !letter.rows.isEmpty else { continue }
            var rows: [Row] = []
            for c in letter.rows {
                let fig = f.figure(c, period)
                let prevFig = period.previous.map { f.figure(c, $0) }
                let prev = prevFig?.actual
                var row = Row(contribution: c, figure: fig, previous: prev, note: s.actuals[PeriodKey(c.id, period)]?.note,
                              miss: s.misses[PeriodKey(c.id, period)], adjusted: f.adjustedWithin(c, period))
                if let a = fig.actual, let p = prev {
                    row.change = a - p
                    if p != 0 { row.changePercent = (a - p) / abs(p) * 100 }
                }
                rows.append(row)
                warnings += EarlyWarning.find(c, upTo: period, f, known: prevFig.map { [fig, $0] } ?? [fig])
            }
            out.append(Department(dept: dept, rows: rows))
        }
        departments = out
        self.warnings = warnings
    }
}

/// A KPI that needs attention before the year is lost: below its floor in two consecutive
/// periods, or with a completion that has fallen in each of the last three periods.
public struct EarlyWarning: Equatable, Sendable {
    public enum Kind: String, Sendable { case belowFloorTwice, fallingThree }
    public var kind: Kind
    public var contrib: Int
    public var dept: Int
    /// The periods that make the warning, oldest first.
    public var periods: [YearPeriod]
    /// Their completions, in the same order.
    public var completions: [Double]

    /// The warnings of one contribution, judged on the periods of `upTo`'s kind that end with
    /// it (only periods with an actual count; a missing one breaks a run).
    public static func find(_ c: Contribution, upTo p: YearPeriod, _ f: YearFigures) -> [EarlyWarning] {
        find(c, upTo: p, f, known: [])
    }

    /// `known`: the figures of `p` and of the periods before it, latest first, already
    /// figured (the tracking sheet's row and its 環比), so as not to figure them twice.
    static func find(_ c: Contribution, upTo p: YearPeriod, _ f: YearFigures, known: [PeriodFigure]) -> [EarlyWarning] {
        var run: [(YearPeriod, PeriodFigure)] = []
        var cursor: YearPeriod? = p
        while let q = cursor, run.count < 4 {
            let fig = run.count < known.count ? known[run.count] : f.figure(c, q)
            guard fig.completion != nil else { break }
            run.insert((q, fig), at: 0)
            cursor = q.previous
        }
        var out: [EarlyWarning] = []
        if run.count >= 2 {
            let last2 = run.suffix(2)
            if last2.allSatisfy({ $0.1.mark == .belowFloor }) {
                out.append(EarlyWarning(kind: .belowFloorTwice, contrib: c.id, dept: c.dept, periods: last2.map(\.0),
                                        completions: last2.map { $0.1.completion! }))
            }
        }
        if run.count == 4 {
            let cs = run.map { $0.1.completion! }
            if cs[1] < cs[0], cs[2] < cs[1], cs[3] < cs[2] {
                out.append(EarlyWarning(kind: .fallingThree, contrib: c.id, dept: c.dept, periods: run.map(\.0), completions: cs))
            }
        }
        return out
    }

    /// Every warning of the session at its latest month with an actual (for `status`).
    public static func current(_ s: State) -> (YearPeriod, [EarlyWarning])? {
        guard let month = YearReview.latestMonth(s) else { return nil }
        let f = YearFigures(s)
        var out: [EarlyWarning] = []
        let index = LetterIndex(s)
        for dept in s.departments {
            for c in Letter(dept, in: s, index: index).rows { out += find(c, upTo: month, f) }
        }
        return (month, out)
    }
}
