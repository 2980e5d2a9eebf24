/// What the year after the signatures adds to the session: actuals, misses (with their cause
/// and measure), review notes, adjustment requests, and the grade bands. Each lives in its
/// own table of the state, changed by its own kind of op, so that a recorded actual is one
/// small entity in the log (docs/decisions/year-review.md).

/// The key of an entity that belongs to one thing (a contribution, a department) for one
/// period: `12/2027-03` in the session file.
public struct PeriodKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var owner: Int
    public var period: YearPeriod

    public init(_ owner: Int, _ period: YearPeriod) { self.owner = owner; self.period = period }

    public static func < (a: PeriodKey, b: PeriodKey) -> Bool { (a.owner, a.period) < (b.owner, b.period) }

    public var description: String { "\(owner)/\(period.canonical)" }

    public init?(text: String) {
        guard let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")), let owner = Int(text[..<slash]),
              let p = YearPeriod(canonical: String(text[text.index(after: slash)...])) else { return nil }
        self.init(owner, p)
    }
}

extension PeriodKey: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let raw = try c.decode(String.self)
        guard let k = PeriodKey(text: raw) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a period key: \(raw)")
        }
        self = k
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// How a metric's periods add up to a longer one: a count or an amount of money adds up
/// (`sum`), a rate, an average or a score is averaged (`mean`), a level such as followers
/// is what it is at the end (`last`).
public enum Aggregation: String, Codable, CaseIterable, Sendable {
    case sum, mean, last

    public init?(parsing text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "sum", "total", "add", "加總", "加总", "合計", "合计", "累計", "累计": self = .sum
        case "mean", "average", "avg", "平均": self = .mean
        case "last", "level", "end", "期末", "最後", "最后", "末值": self = .last
        default: return nil
        }
    }
}

/// An actual result of one contribution for one period, as reported (`actual X1 2027-03 2650`).
/// Recording it again for the same period replaces it (the log keeps both).
public struct Actual: Entity {
    public var contrib: Int
    public var period: YearPeriod
    public var value: Double
    public var note: String?
    /// When it was recorded (ISO 8601 UTC).
    public var time: String
    public var key: PeriodKey { PeriodKey(contrib, period) }

    public init(contrib: Int, period: YearPeriod, value: Double, note: String? = nil, time: String) {
        self.contrib = contrib; self.period = period; self.value = value; self.note = note; self.time = time
    }
}

/// Why a contribution missed in a period, what will be done about it and by whom
/// (`miss X1 2027-03 --cause … --action … --owner …`): the right-hand columns of the
/// tracking sheet.
public struct Miss: Entity {
    public var contrib: Int
    public var period: YearPeriod
    public var cause: String
    public var action: String
    public var owner: String?
    public var time: String
    public var key: PeriodKey { PeriodKey(contrib, period) }

    public init(contrib: Int, period: YearPeriod, cause: String, action: String, owner: String?, time: String) {
        self.contrib = contrib; self.period = period; self.cause = cause; self.action = action; self.owner = owner
        self.time = time
    }
}

/// A department's review notes for a period (the quarterly review table): what worked
/// (主要成功經驗), the problems (存在問題), the direction for the next period (下期優化方向).
public struct Retro: Entity {
    public var dept: Int
    public var period: YearPeriod
    public var wentWell: String
    public var problem: String
    public var next: String
    public var time: String
    public var key: PeriodKey { PeriodKey(dept, period) }

    public init(dept: Int, period: YearPeriod, wentWell: String, problem: String, next: String, time: String) {
        self.dept = dept; self.period = period; self.wentWell = wentWell; self.problem = problem; self.next = next
        self.time = time
    }
}

public enum AdjustmentStatus: String, Codable, CaseIterable, Sendable {
    case requested, approved
}

/// A request to change a signed contribution's values mid-year (KPI調整申請): the new floor,
/// target and challenge, from which period on, why, and on what basis. Approved by the
/// department's supervisor (or the session's director), it changes the contribution, so the
/// letter has a new revision and is signed again; the values before stay here, for the
/// periods before `from`.
public struct Adjustment: Entity {
    public var id: Int
    public var contrib: Int
    /// The first period the new values apply to.
    public var from: YearPeriod
    public var floor: Double
    public var target: Double
    public var challenge: Double
    /// The contribution's values when the request was made (what applies before `from`).
    public var oldFloor: Double
    public var oldTarget: Double
    public var oldChallenge: Double
    public var reason: String
    public var basis: String?
    public var requested: String
    public var status: AdjustmentStatus
    public var approvedBy: String?
    public var approved: String?
    public var key: Int { id }

    public init(id: Int, contrib: Int, from: YearPeriod, new: Bounds, old: Bounds, reason: String, basis: String?, requested: String) {
        self.id = id; self.contrib = contrib; self.from = from
        floor = new.floor; target = new.target; challenge = new.challenge
        oldFloor = old.floor; oldTarget = old.target; oldChallenge = old.challenge
        self.reason = reason; self.basis = basis; self.requested = requested; status = .requested
    }

    public var newBounds: Bounds { Bounds(floor: floor, target: target, challenge: challenge) }
    public var oldBounds: Bounds { Bounds(floor: oldFloor, target: oldTarget, challenge: oldChallenge) }
}

extension Adjustment: Numbered { public static var idKind: IDKind { .adjustment } }

/// One grade band: a department whose score is at least `min` gets `grade`.
public struct GradeBand: Codable, Equatable, Sendable {
    public var grade: String
    public var min: Double

    public init(_ grade: String, _ min: Double) { self.grade = grade; self.min = min }
}

/// The grade bands of the session (`grade bands S:120 A:100 B:80 C:0`), highest first.
public struct GradeBands: Equatable, Sendable {
    public var bands: [GradeBand]

    public init(_ bands: [GradeBand]) { self.bands = bands.sorted { $0.min > $1.min } }

    /// S ≥ 120, A ≥ 100, B ≥ 80, C below.
    public static let standard = GradeBands([GradeBand("S", 120), GradeBand("A", 100), GradeBand("B", 80), GradeBand("C", 0)])

    /// The grade of a score: the first band whose minimum it reaches; the lowest band for
    /// anything below every minimum.
    public func grade(_ score: Double) -> String {
        bands.first { score >= $0.min }?.grade ?? bands.last?.grade ?? "-"
    }

    /// `S:120 A:100 B:80 C:0`, as the command types it and the letter's canonical line writes it.
    public var canonical: String { bands.map { "\($0.grade):\(Num.canonical($0.min))" }.joined(separator: " ") }

    /// `S ≥ 120 · A ≥ 100 · B ≥ 80 · C < 80`
    public var text: String {
        var parts: [String] = []
        for (i, b) in bands.enumerated() {
            if i == bands.count - 1, i > 0 { parts.append("\(b.grade) < \(Num.format(bands[i - 1].min))") }
            else { parts.append("\(b.grade) ≥ \(Num.format(b.min))") }
        }
        return parts.joined(separator: " · ")
    }

    /// Reads `S:120 A:100 B:80 C:0` (also `S=120`, full-width colons). Nil with the offending
    /// word when a band is malformed, a grade repeats, or no band starts at or below 0.
    public static func parse(_ words: [String]) -> Result<GradeBands, CommandError> {
        var out: [GradeBand] = []
        for w in words.flatMap({ $0.split(separator: " ").map(String.init) }) {
            let norm = w.replacingOccurrences(of: "：", with: ":").replacingOccurrences(of: "=", with: ":")
            let parts = norm.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, let n = Num.parse(String(parts[1])), n.value.isFinite else {
                return .failure(CommandError("grade.bad-band", ["band": w]))
            }
            let g = String(parts[0])
            if out.contains(where: { $0.grade == g }) { return .failure(CommandError("grade.repeated", ["grade": g])) }
            out.append(GradeBand(g, n.value))
        }
        guard !out.isEmpty else { return .failure(CommandError("grade.none")) }
        let bands = GradeBands(out)
        if Set(bands.bands.map(\.min)).count != bands.bands.count {
            return .failure(CommandError("grade.same-minimum"))
        }
        return .success(bands)
    }
}

extension GradeBands: Codable {
    public init(from decoder: Decoder) throws { self.init(try [GradeBand](from: decoder)) }
    public func encode(to encoder: Encoder) throws { try bands.encode(to: encoder) }
}

extension Actual: Tabled {
    public static var table: WritableKeyPath<State, Table<Actual>> { \.actuals }
    public static func op(_ c: Change<Actual>) -> Op { .actual(c) }
}
extension Miss: Tabled {
    public static var table: WritableKeyPath<State, Table<Miss>> { \.misses }
    public static func op(_ c: Change<Miss>) -> Op { .miss(c) }
}
extension Retro: Tabled {
    public static var table: WritableKeyPath<State, Table<Retro>> { \.retros }
    public static func op(_ c: Change<Retro>) -> Op { .retro(c) }
}
extension Adjustment: Tabled {
    public static var table: WritableKeyPath<State, Table<Adjustment>> { \.adjustments }
    public static func op(_ c: Change<Adjustment>) -> Op { .adjustment(c) }
}
