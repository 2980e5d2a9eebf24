import Foundation

/// Something stored in one of the session's tables, addressed by a key.
public protocol Entity: Codable, Equatable, Sendable {
    associatedtype Key: Hashable & Comparable & Codable & Sendable
    var key: Key { get }
}

/// Session-wide facts: title, period, the current step, ID counters.
public struct Meta: Codable, Equatable, Sendable {
    public var title: String = ""
    public var period: String = ""
    public var step: Step = .setup
    /// Next number to hand out per ID letter (D, K, C, G, X, S, T). IDs are never reused.
    public var counters: [String: Int] = [:]
    /// Steps the room left with `next --force REASON` while their gate was not met, by step
    /// name, with the reason. Absent in files from builds before it existed (none forced).
    public var forced: [String: String]?
    /// The room's language (`lang zh-Hant`): what replay and exports of the session use
    /// unless `--lang` or `ACCORD_LANG` say otherwise. Absent: the reader's locale decides.
    public var lang: Language?
    /// The grade bands of the year-end review (`grade bands …`); absent: `GradeBands.standard`.
    public var grades: GradeBands?
    /// The session's director (`director NAME`): may approve any department's adjustments.
    public var director: String?
    /// The session this one was carried from (`accord carry`); absent: started afresh.
    public var lineage: Lineage?
    /// Sessions imported into this one (`kpi import-session`), in order; absent: none.
    public var imports: [Lineage]?
    /// `vote reveal on`: nobody sees another department's vote on a revision until every
    /// department has voted on it. Absent: off (votes are shown as they come).
    public var hiddenVotes: Bool?
    /// The running timebox (`timer 15m LABEL`); absent when none runs.
    public var timer: Timebox?
    /// `AuditInputDigest` of what the rules read when `audit` last brought the conflict
    /// register up to date; while the session's digest equals it, the register's live
    /// conflicts are what a fresh audit finds. Absent in files from builds before it.
    public var audited: String?

    public init() {}

    /// The bands in force.
    public var gradeBands: GradeBands { grades ?? .standard }

    public func nextNumber(_ letter: String) -> Int { (counters[letter] ?? 0) + 1 }
}

public struct Department: Entity {
    public var id: Int
    public var name: String
    public var head: String?
    public var supervisor: String?
    public var key: Int { id }

    public init(id: Int, name: String, head: String? = nil, supervisor: String? = nil) {
        self.id = id; self.name = name; self.head = head; self.supervisor = supervisor
    }
}

/// A timebox: started at `start` (ISO 8601 UTC) for `seconds`, with an optional label.
public struct Timebox: Codable, Equatable, Sendable {
    public var start: String
    public var seconds: Int
    public var label: String?
    public init(start: String, seconds: Int, label: String?) { self.start = start; self.seconds = seconds; self.label = label }

    /// Seconds left at `now` (negative: overtime); nil when a time does not parse.
    public func left(at now: String) -> Int? {
        guard let a = LocalTime.epoch(start), let b = LocalTime.epoch(now) else { return nil }
        return seconds - (b - a)
    }

    /// `12:31`, `-0:42` in overtime; `1:05:00` past an hour.
    public static func text(_ left: Int) -> String {
        let neg = left < 0, n = abs(left)
        let h = n / 3600, m = (n % 3600) / 60, s = n % 60
        let body = h > 0 ? "\(h):" + pad(m) + ":" + pad(s) : "\(m):" + pad(s)
        return (neg ? "-" : "") + body
    }
    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `15m`, `90s`, `1h`, `1h30m`, `10` (minutes): seconds, or nil.
    public static func parse(_ raw: String) -> Int? {
        let s = raw.lowercased()
        if let n = Int(s) { return n > 0 && n <= 24 * 60 ? n * 60 : nil }
        var total = 0, digits = "", sawUnit = false
        for ch in s {
            if ch.isASCII && ch.isNumber { digits.append(ch); continue }
            guard let n = Int(digits), n >= 0 else { return nil }
            switch ch {
            case "h": total += n * 3600
            case "m": total += n * 60
            case "s": total += n
            default: return nil
            }
            digits = ""; sawUnit = true
        }
        guard digits.isEmpty, sawUnit, total > 0, total <= 24 * 3600 else { return nil }
        return total
    }
}

/// A department's current KPI, as entered in the audit step.
public struct KPI: Entity {
    public var id: Int
    public var dept: Int
    public var name: String
    /// The catalog metric this KPI was matched to, nil when unknown.
    public var metric: String?
    /// True when the metric was given with `--metric` rather than matched by name.
    public var metricPinned: Bool = false
    public var dir: Direction?
    public var target: Double?
    public var unit: String?
    public var source: String?
    public var cycle: Cycle?
    public var weight: Double?
    public var owner: String?
    /// Last year's figures, when the KPI was carried from last year's letter (format 4).
    public var last: LastYear?
    public var key: Int { id }

    public init(id: Int, dept: Int, name: String) {
        self.id = id; self.dept = dept; self.name = name
    }
}

/// A metric in the catalog: built in, or added to this session with `metric add`.
public struct Metric: Entity {
    public var id: String
    public var en: String
    public var zhHant: String
    public var zhHans: String
    public var synonyms: [String]
    public var stage: Stage?
    public var kind: MetricKind
    public var dir: Direction
    /// A broader metric this one is a case of (lead conversion is a conversion rate),
    /// so that a tension stated for the family covers its members.
    public var family: String?
    /// How its periods add up to a quarter or a year, for a metric this session added
    /// (`metric add … --agg last`); absent: by its unit, as for any metric the built-in
    /// catalog does not know (`YearFigures.aggregation`). Optional, absent from older files.
    public var aggregation: Aggregation?
    public var key: String { id }

    public init(id: String, en: String, zhHant: String, zhHans: String, synonyms: [String] = [],
                stage: Stage?, kind: MetricKind, dir: Direction, family: String? = nil, aggregation: Aggregation? = nil) {
        self.id = id; self.en = en; self.zhHant = zhHant; self.zhHans = zhHans; self.synonyms = synonyms
        self.stage = stage; self.kind = kind; self.dir = dir; self.family = family; self.aggregation = aggregation
    }
}

/// "A moving this way pulls against B moving that way."
public struct Tension: Entity {
    public var id: Int
    public var a: String
    public var aDir: Direction
    public var b: String
    public var bDir: Direction
    public var reasonEN: String
    public var reasonZH: String
    public var key: Int { id }

    public init(id: Int, a: String, aDir: Direction, b: String, bDir: Direction, reasonEN: String, reasonZH: String) {
        self.id = id; self.a = a; self.aDir = aDir; self.b = b; self.bDir = bDir
        self.reasonEN = reasonEN; self.reasonZH = reasonZH
    }
}

public enum ConflictStatus: String, Codable, CaseIterable, Sendable {
    case open, resolved, accepted, gone
}

/// An entry of the conflict register, kept across audits by its identity (rule + KPIs).
public struct Conflict: Entity {
    public var id: Int
    public var rule: String
    /// Rule id plus the KPIs involved; the same finding keeps its id and status.
    public var identity: String
    public var severity: Severity
    /// In the finding's order; shared with other conflicts where they name the same long list.
    public var kpis: RefList
    public var depts: RefList
    /// Metrics involved (catalog keys), for goal suggestions.
    public var metrics: [String]
    /// What is wrong and what to do: catalog sentences rendered in the reader's language
    /// (format 2), or the English a format-1 file stored.
    public var explanation: StoredText
    public var remedy: StoredText
    public var status: ConflictStatus
    /// Status before it went gone, so a finding that comes back resumes where it was.
    public var settledStatus: ConflictStatus?
    public var note: String?
    public var key: Int { id }

    public init(id: Int, rule: String, identity: String, severity: Severity, kpis: RefList, depts: RefList,
                metrics: [String], explanation: StoredText, remedy: StoredText, status: ConflictStatus = .open,
                note: String? = nil) {
        self.id = id; self.rule = rule; self.identity = identity; self.severity = severity
        self.kpis = kpis; self.depts = depts; self.metrics = metrics
        self.explanation = explanation; self.remedy = remedy; self.status = status; self.note = note
    }
}

public struct GoalRevision: Codable, Equatable, Sendable {
    public var number: Int
    public var title: String
    public var metric: String?
    public var baseline: Double?
    public var target: Double?
    public var unit: String?
    /// YYYY-MM-DD
    public var by: String?
    public var owner: Int?
    public var time: String

    public init(number: Int, title: String, time: String) {
        self.number = number; self.title = title; self.time = time
    }
}

public enum VoteChoice: String, Codable, CaseIterable, Sendable {
    case agree, abstain, object, block
}

/// One department's vote on one revision of a goal. Every vote is kept; the latest per
/// department and revision is the one that counts. Its own table, so that a vote event
/// records one small entity, not the goal's whole voting history.
public struct Vote: Entity {
    public var id: Int
    public var goal: Int
    public var revision: Int
    public var dept: Int
    public var choice: VoteChoice
    public var reason: String?
    public var time: String
    public var key: Int { id }

    public init(id: Int, goal: Int, revision: Int, dept: Int, choice: VoteChoice, reason: String?, time: String) {
        self.id = id; self.goal = goal; self.revision = revision; self.dept = dept; self.choice = choice
        self.reason = reason; self.time = time
    }
}

public enum GoalStatus: String, Codable, CaseIterable, Sendable {
    case proposed, adopted, dropped
}

/// A shared goal: its revisions, its status, and the stages it is mapped to (its votes are
/// in `State.votes`).
public struct Goal: Entity {
    public var id: Int
    public var revisions: [GoalRevision]
    public var status: GoalStatus
    public var adoptedRevision: Int?
    public var dropReason: String?
    public var stages: [Stage]
    public var key: Int { id }

    public init(id: Int, first: GoalRevision) {
        self.id = id; self.revisions = [first]; self.status = .proposed; self.stages = []
    }

    public var current: GoalRevision { revisions[revisions.count - 1] }
}

/// A department's contribution to a goal at one stage: the rows of its letter.
public struct Contribution: Entity {
    public var id: Int
    public var goal: Int
    public var dept: Int
    public var stage: Stage
    public var kpi: String
    public var metric: String?
    public var target: Double
    public var challenge: Double
    public var floor: Double
    public var unit: String
    public var weight: Double
    public var source: String
    public var cycle: Cycle
    /// How this row's periods add up (`aggregate X1 mean`), overriding its metric's; nil: the metric's.
    public var aggregation: Aggregation?
    public var key: Int { id }

    public init(id: Int, goal: Int, dept: Int, stage: Stage, kpi: String, metric: String?, target: Double,
                challenge: Double, floor: Double, unit: String, weight: Double, source: String, cycle: Cycle) {
        self.id = id; self.goal = goal; self.dept = dept; self.stage = stage; self.kpi = kpi; self.metric = metric
        self.target = target; self.challenge = challenge; self.floor = floor; self.unit = unit
        self.weight = weight; self.source = source; self.cycle = cycle
    }
}

public enum SignatureRole: String, Codable, CaseIterable, Sendable {
    case head, supervisor
}

/// A signature on a department's responsibility letter. Kept forever; it is void when
/// the letter's content no longer has the digest that was signed.
public struct Signature: Entity {
    public var id: Int
    public var dept: Int
    public var role: SignatureRole
    public var name: String
    public var time: String
    /// "sha256:<hex>" of the letter's canonical content when signed.
    public var digest: String
    public var delegate: Bool
    /// The version of the letter's canonical content that was signed (`accord-letter/2`);
    /// nil: version 1 (every signature made before version 2 existed).
    public var letter: Int?
    /// Made on the signer's own device (`serve`): its public key and its signature over the
    /// digest. Absent: signed at the terminal.
    public var device: DeviceSignature?
    public var key: Int { id }

    public init(id: Int, dept: Int, role: SignatureRole, name: String, time: String, digest: String, delegate: Bool) {
        self.id = id; self.dept = dept; self.role = role; self.name = name; self.time = time
        self.digest = digest; self.delegate = delegate
    }
}
