/// The review of a period (a quarter, a half, the year; a month works too): per department
/// its letter's rows with the targets in force, the actuals per part of the period, the
/// completion and points, the total, the score and the grade, and what was scored; per goal
/// the progress of the contributions that serve it and the weakest one; per AARRR stage the
/// same; the adjustments with their approvals, and the review notes. Built from the state,
/// pure: `review`, and the review exports, show it.
///
///     let r = YearReview(state, period: .whole(2027))
///     r.departments[0].points      // Σ weight × completion / 100 over the scored rows
///     r.departments[0].grade       // "A" by the session's grade bands
///     r.departments[0].coverage    // rows scored, weight scored, months recorded
public struct YearReview: Sendable {
    public var period: YearPeriod
    public var bands: GradeBands
    public var departments: [DepartmentReview]
    public var goals: [Progress]
    public var stages: [Progress]
    /// Every adjustment of a row in the review (requested or approved), by id.
    public var adjustments: [Adjustment]

    public struct DepartmentReview: Sendable {
        public var dept: Department
        public var rows: [Row]
        /// Σ weight × completion / 100 over the rows that have an actual.
        public var points: Double
        /// The weight of the rows that have an actual, and of all rows.
        public var scoredWeight: Double
        public var totalWeight: Double
        /// points × 100 / scoredWeight: the total when every row was scored, otherwise the
        /// total rescaled to the weight that was (a missing row counts as missing, not as zero);
        /// nil when nothing was scored.
        public var score: Double?
        /// The grade of `score` by the session's bands; nil when nothing was scored.
        public var grade: String?
        /// Review notes recorded for the period (and, for a longer period, for its parts).
        public var retros: [Retro]

        /// Every row has an actual for every month of the period.
        public var isComplete: Bool { rows.allSatisfy { $0.figure.isComplete } }
        /// Rows with an actual / all rows.
        public var scoredRows: Int { rows.filter { $0.figure.completion != nil }.count }
    }

    public struct Row: Sendable {
        public var contribution: Contribution
        public var figure: PeriodFigure
        /// The figures of the period's parts (`YearPeriod.reviewParts`: a year's quarters, a quarter's months).
        public var parts: [PeriodFigure]
        /// The figure of every month of the period (for charts of a KPI across the period
        /// against its floor, target and challenge; a month without an actual has none).
        /// Figured when read: the screen does not show them, and a year's are twelve figures
        /// a row.
        public var months: [PeriodFigure] { figure.period.months.map { figures.value.figure(contribution, $0) } }
        /// weight × completion / 100; nil when there is no actual.
        public var points: Double?
        /// Approved adjustments of the row: the values before apply to the periods before
        /// `from`, the new ones from `from` on.
        public var adjustments: [Adjustment]
        /// What `months` figures with (one reference, shared by the rows: a row copies cheaply).
        let figures: Shared
    }

    final class Shared: Sendable {
        let value: YearFigures
        init(_ value: YearFigures) { self.value = value }
    }

    /// A goal's or a stage's progress: the weight-averaged completion of the rows that serve
    /// it and have an actual, and the weakest of them.
    public struct Progress: Sendable {
        public var goal: Int?
        public var stage: Stage?
        /// Contribution ids serving it, in id order.
        public var contributions: [Int]
        public var completion: Double?
        /// The row with the lowest completion, nil when none has an actual.
        public var weakest: Int?
        public var weakestCompletion: Double?
    }

    public init(_ s: State, period: YearPeriod, depts only: Set<Int>? = nil) {
        let f = YearFigures(s)
        let shared = Shared(f)
        self.period = period
        let period = period
        let bands = s.meta.gradeBands
        self.bands = bands
        let index = LetterIndex(s)
        var out: [DepartmentReview] = []
        var all: [Row] = []
        for dept in s.departments where only?.contains(dept.id) ?? true {
            let letter = Letter(dept, in: s, index: index)
            guard !letter.rows.isEmpty else { continue }
            var rows: [Row] = []
            for c in letter.rows {
                let fig = f.figure(c, period)
                rows.append(Row(contribution: c, figure: fig, parts: period.reviewParts.map { f.figure(c, $0) },
                                points: fig.completion.map { c.weight * $0 / 100 }, adjustments: f.adjustments(c.id),
                                figures: shared))
            }
            let points = rows.compactMap(\.points).reduce(0, +)
            let scored = rows.filter { $0.points != nil }.reduce(0) { $0 + $1.contribution.weight }
            let total = rows.reduce(0) { $0 + $1.contribution.weight }
            let score: Double? = scored > 0 ? points * 100 / scored : nil
            let retros = s.retros.filter { $0.dept == dept.id && period.contains($0.period) }
            out.append(DepartmentReview(dept: dept, rows: rows, points: points, scoredWeight: scored, totalWeight: total,
                                        score: score, grade: score.map { bands.grade($0) }, retros: retros))
            all += rows
        }
        departments = out
        func progress(_ rows: [Row], goal: Int?, stage: Stage?) -> Progress {
            let scored = rows.filter { $0.figure.completion != nil }
            let w = scored.reduce(0) { $0 + $1.contribution.weight }
            let completion: Double? = scored.isEmpty ? nil
                : (w > 0 ? scored.reduce(0) { $0 + $1.contribution.weight * $1.figure.completion! } / w
                         : scored.reduce(0) { $0 + $1.figure.completion! } / Double(scored.count))
            let weakest = scored.min { ($0.figure.completion!, $0.contribution.id) < ($1.figure.completion!, $1.contribution.id) }
            return Progress(goal: goal, stage: stage, contributions: rows.map(\.contribution.id).sorted(), completion: completion,
                            weakest: weakest?.contribution.id, weakestCompletion: weakest?.figure.completion)
        }
        let byGoal = Dictionary(grouping: all, by: \.contribution.goal)
        goals = byGoal.keys.sorted().map { progress(byGoal[$0]!, goal: $0, stage: nil) }
        let byStage = Dictionary(grouping: all, by: \.contribution.stage)
        stages = Stage.allCases.filter { byStage[$0] != nil }.map { progress(byStage[$0]!, goal: nil, stage: $0) }
        let ids = Set(all.map(\.contribution.id))
        adjustments = s.adjustments.filter { ids.contains($0.contrib) }
    }

    /// The latest month that has an actual (of any contribution), nil when none was recorded.
    /// A quarter, half or year recorded as a whole counts as its last month.
    public static func latestMonth(_ s: State) -> YearPeriod? {
        var best: YearPeriod?
        for a in s.actuals.byKey.values {
            let m = YearPeriod.month(a.period.year, a.period.lastMonth)
            if best.map({ m > $0 }) ?? true { best = m }
        }
        return best
    }
}
