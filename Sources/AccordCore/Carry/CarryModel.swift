/// What a session carried over from last year's (`accord carry`, `kpi import-session`) keeps:
/// where it came from (`Lineage`, in `Meta`), last year's adopted goals (`PriorGoal`), and
/// beside each carried KPI the figures of the contribution it was (`LastYear`). All of it is
/// optional in the file (format 4): a session that carried nothing writes none of it.
/// docs/decisions/carry-over.md explains the choices.

/// The session a carried session came from: its file's name, the digest of its last event
/// (the head of its hash chain) and its number of events, so that `verify --lineage OLD`
/// can check that OLD is still the file it was; its title and period; and its adopted goals.
public struct Lineage: Codable, Equatable, Sendable {
    /// OLD's file name (no directory).
    public var file: String
    /// SHA-256 (hex) of OLD's last event line when it was carried (`head.last`).
    public var head: String
    public var events: Int
    public var title: String
    public var period: String
    /// The review period last year's figures are of (`2027`).
    public var review: String
    /// Last year's adopted goals, listed (never adopted again).
    public var goals: [PriorGoal]

    public init(file: String, head: String, events: Int, title: String, period: String, review: String, goals: [PriorGoal]) {
        self.file = file; self.head = head; self.events = events; self.title = title; self.period = period
        self.review = review; self.goals = goals
    }
}

/// One of last year's adopted goals, as it was adopted, with its year's progress.
public struct PriorGoal: Codable, Equatable, Sendable {
    /// Its id last year (`G2`): ids are per session, shown to tell goals apart.
    public var ref: String
    public var title: String
    public var metric: String?
    public var baseline: Double?
    public var target: Double?
    public var unit: String?
    public var by: String?
    /// The owning department's name.
    public var owner: String?
    public var stages: [Stage]
    /// The weight-averaged completion of its contributions over last year's review period.
    public var progress: Double?

    public init(ref: String, title: String) { self.ref = ref; self.title = title; self.stages = [] }
}

/// An approved mid-year adjustment of last year's letter row.
public struct PriorAdjustment: Codable, Equatable, Sendable {
    public var ref: String
    /// The period the new values applied from (`2027-07`).
    public var from: String
    public var oldTarget: Double
    public var target: Double
    public var reason: String

    public init(ref: String, from: String, oldTarget: Double, target: Double, reason: String) {
        self.ref = ref; self.from = from; self.oldTarget = oldTarget; self.target = target; self.reason = reason
    }
}

/// Last year's figures of a carried KPI: the letter row it was (its goal, bounds), its final
/// actual over the review period, the completion and the grade that completion earns by last
/// year's bands, how many months had data, and the adjustments approved during the year.
public struct LastYear: Codable, Equatable, Sendable {
    /// The review period (`2027`) and the contribution last year (`X7`).
    public var period: String
    public var contrib: String
    public var goal: String?
    /// The bounds the actual is judged against (those in force for the months recorded).
    public var floor: Double
    public var target: Double
    public var challenge: Double
    public var actual: Double?
    public var completion: Double?
    public var grade: String?
    /// Months of the period, and those without an actual.
    public var months: Int
    public var missing: Int
    public var adjustments: [PriorAdjustment]

    public init(period: String, contrib: String, goal: String?, bounds: Bounds, actual: Double?, completion: Double?,
                grade: String?, months: Int, missing: Int, adjustments: [PriorAdjustment] = []) {
        self.period = period; self.contrib = contrib; self.goal = goal
        floor = bounds.floor; target = bounds.target; challenge = bounds.challenge
        self.actual = actual; self.completion = completion; self.grade = grade
        self.months = months; self.missing = missing; self.adjustments = adjustments
    }

    public var bounds: Bounds { Bounds(floor: floor, target: target, challenge: challenge) }
}

extension State {
    /// Last year's goals: those of the session this one was carried from, then those of every
    /// session imported into it (`kpi import-session`), in that order.
    public var lastYearGoals: [(source: Lineage, goal: PriorGoal)] {
        var out: [(Lineage, PriorGoal)] = []
        for l in [meta.lineage].compactMap({ $0 }) + (meta.imports ?? []) { for g in l.goals { out.append((l, g)) } }
        return out
    }
}
