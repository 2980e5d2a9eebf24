/// A department's responsibility letter (目標責任書), derived from the session, never typed:
/// the session, period, department, head and supervisor, the adopted goals it serves, its
/// contribution rows and the scoring rule. Its canonical text and that text's SHA-256 are
/// what signatures sign (docs/letter-digest.md).
///
///     let letter = Letter(dept, in: state)
///     letter.canonical   // "accord-letter/1\nsession \"Acme 2027 Annual Alignment\"\n…"
///     letter.digest      // "sha256:3f9a…"
public struct Letter: Equatable, Sendable {
    /// The first line of the version-1 canonical text (signatures made before version 2).
    public static let formatLine = "accord-letter/1"
    /// The version new signatures sign: 2 adds the letter's revision, each row's aggregation
    /// override, the approved adjustments and the grade bands (docs/letter-digest.md).
    public static let version = 2

    public struct GoalLine: Equatable, Sendable {
        public var id: Int
        /// The adopted revision.
        public var revision: Int
        public var title: String
        public var metric: String?
        public var baseline: Double?
        public var target: Double?
        public var unit: String?
        public var by: String?
    }

    public var session: String
    public var period: String
    public var deptID: Int
    public var dept: String
    public var head: String?
    public var supervisor: String?
    /// Adopted goals the department contributes to, by id.
    public var goals: [GoalLine]
    /// Contributions to adopted goals: by stage (AARRR), then goal, then id.
    public var rows: [Contribution]
    /// Contributions to goals that are not adopted: shown, not part of the content.
    public var pending: [Contribution]
    public var scoring: ScoringRule
    /// The grade bands of the year-end review.
    public var grades: GradeBands
    /// Approved adjustments of this letter's rows, by id: each one a revision.
    public var adjustments: [Adjustment]
    /// Whether the session set its grade bands (`grade bands …`), even to the standard ones.
    var gradesSet: Bool

    /// 1, and one more per approved adjustment.
    public var revision: Int { 1 + adjustments.count }

    public init(_ dept: Department, in s: State, index: LetterIndex? = nil) {
        session = s.meta.title
        period = s.meta.period
        deptID = dept.id
        self.dept = dept.name
        head = dept.head
        supervisor = dept.supervisor
        scoring = .standard
        grades = s.meta.gradeBands
        gradesSet = s.meta.grades != nil
        let mine = index?.contributions(of: dept.id) ?? s.contribs.filter { $0.dept == dept.id }
        var rows: [Contribution] = [], pending: [Contribution] = []
        for c in mine { if Mapping.counts(c, in: s) { rows.append(c) } else { pending.append(c) } }
        self.rows = rows.sorted { ($0.stage, $0.goal, $0.id) < ($1.stage, $1.goal, $1.id) }
        self.pending = pending.sorted { $0.id < $1.id }
        if s.adjustments.isEmpty {
            adjustments = []
        } else {
            let ids = Set(rows.map(\.id))
            adjustments = s.adjustments.filter { $0.status == .approved && ids.contains($0.contrib) }
        }
        goals = Set(rows.map(\.goal)).sorted().compactMap { id in
            guard let g = s.goals[id] else { return nil }
            let n = g.adoptedRevision ?? g.current.number
            let r = g.revisions.first { $0.number == n } ?? g.current
            return GoalLine(id: id, revision: n, title: r.title, metric: r.metric, baseline: r.baseline,
                            target: r.target, unit: r.unit, by: r.by)
        }
    }

    public var weightTotal: Double { rows.reduce(0) { $0 + $1.weight } }

    /// The scoring rule as the letter states it, with the grade bands:
    /// `below floor 0% · … at most 120%); grades S ≥ 120 · A ≥ 100 · B ≥ 80 · C < 80`
    public var ruleText: String { scoring.text + t("letter.grades", ["bands": grades.text]) }

    /// Why the letter cannot be signed yet, nil when it can.
    public var notReady: String? {
        if rows.isEmpty { return t("letter.not-ready.empty", ["dept": dept]) }
        if !Mapping.isFull(weightTotal) {
            return t("letter.not-ready.weights", ["dept": dept, "total": Num.format(weightTotal)])
        }
        return nil
    }

    // MARK: canonical content

    /// The canonical serialisation (docs/letter-digest.md): UTF-8 lines ending in LF; strings
    /// always quoted with `Canonical.quote`, an absent value is a bare `-`, numbers are
    /// `Num.canonical`.
    public var canonical: String { canonical(version: Letter.version)! }

    /// The canonical text in a given version; nil when version 1 cannot say what the letter
    /// holds (set grade bands, an approved adjustment, a row's aggregation override), so a
    /// version-1 signature of such a letter is void.
    public func canonical(version: Int) -> String? {
        typealias C = Canonical
        switch version {
        case 1:
            guard !gradesSet, adjustments.isEmpty, !rows.contains(where: { $0.aggregation != nil }) else { return nil }
        case 2: break
        default: return nil
        }
        var out = "accord-letter/\(version)\n"
        out += "session \(C.quote(session))\n"
        out += "period \(C.quote(period))\n"
        out += "department \(deptID) \(C.quote(dept))\n"
        out += "head \(C.quote(head))\n"
        out += "supervisor \(C.quote(supervisor))\n"
        if version >= 2 { out += "revision \(revision)\n" }
        for g in goals {
            out += "goal \(g.id) \(g.revision) \(C.quote(g.title)) metric \(C.quote(g.metric))"
            out += " baseline \(C.number(g.baseline)) target \(C.number(g.target)) unit \(C.quote(g.unit)) by \(C.quote(g.by))\n"
        }
        for r in rows {
            out += "row \(r.id) \(r.goal) \(r.stage.rawValue) \(C.quote(r.kpi)) metric \(C.quote(r.metric))"
            out += " weight \(C.number(r.weight)) floor \(C.number(r.floor)) target \(C.number(r.target))"
            out += " challenge \(C.number(r.challenge)) unit \(C.quote(r.unit)) source \(C.quote(r.source))"
            out += " cycle \(r.cycle.rawValue)"
            out += version >= 2 ? " aggregate \(r.aggregation?.rawValue ?? "-")\n" : "\n"
        }
        if version >= 2 {
            for a in adjustments {
                out += "adjustment \(a.id) row \(a.contrib) from \(a.from.canonical) floor \(C.number(a.floor))"
                out += " target \(C.number(a.target)) challenge \(C.number(a.challenge)) before floor \(C.number(a.oldFloor))"
                out += " target \(C.number(a.oldTarget)) challenge \(C.number(a.oldChallenge)) reason \(C.quote(a.reason))"
                out += " basis \(C.quote(a.basis)) approved \(C.quote(a.approvedBy))\n"
            }
        }
        out += scoring.canonical + "\n"
        if version >= 2 { out += "grades \(grades.canonical)\n" }
        return out
    }

    /// `sha256:<64 lowercase hex>` of the current version's canonical text's UTF-8 bytes.
    public var digest: String { "sha256:" + Digest.sha256(canonical) }

    /// The digest of the canonical text in `version`, nil when that version cannot say it.
    public func digest(version: Int) -> String? { canonical(version: version).map { "sha256:" + Digest.sha256($0) } }

    /// `sha256:3f9a…c21e`
    public static func short(_ digest: String) -> String {
        let hex = digest.hasPrefix("sha256:") ? String(digest.dropFirst(7)) : digest
        guard hex.count > 12 else { return digest }
        return "sha256:" + hex.prefix(4) + "…" + hex.suffix(4)
    }
}

/// Contributions grouped by department in one pass, for deriving many letters.
public struct LetterIndex {
    private var byDept: [Int: [Contribution]] = [:]

    public init(_ s: State) {
        for c in s.contribs.byKey.values { byDept[c.dept, default: []].append(c) }
    }

    public func contributions(of dept: Int) -> [Contribution] { byDept[dept] ?? [] }
}

/// The pieces of the canonical letter text.
public enum Canonical {
    /// `"text"` with `"` → `\"`, `\` → `\\`, and U+0000–U+001F and U+007F as `\u00XX`
    /// (lowercase hex); every other character as itself, in UTF-8. nil → `-`.
    public static func quote(_ text: String?) -> String {
        guard let text else { return "-" }
        var out = "\""
        for u in text.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if u.value < 0x20 || u.value == 0x7f {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// `Num.canonical` (1200000, 3.5; at most 4 decimals); nil → `-`.
    public static func number(_ v: Double?) -> String { v.map { Num.canonical($0) } ?? "-" }
}
