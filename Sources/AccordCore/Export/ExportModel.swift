import Foundation

/// What an export says about where it came from (it never reads a clock: the same session
/// exports to the same bytes).
public struct ExportInfo: Equatable, Sendable {
    /// The session file's name, as `status` shows it.
    public var file: String
    /// Events in the log.
    public var events: Int
    /// The last event's time (ISO 8601), nil for an empty log.
    public var lastTime: String?
    /// The fingerprint of the key that seals the session (printed on every letter beside its
    /// digest: the trust anchor outside the file, docs/seal.md); nil when it is unsealed.
    public var sealKey: String?

    public init(file: String, events: Int, lastTime: String?, sealKey: String? = nil) {
        self.file = file; self.events = events; self.lastTime = lastTime; self.sealKey = sealKey
    }

    /// `From acme.json, 76 events, last at 2027-01-15 10:15.`
    public var line: String {
        guard events > 0, let lastTime else { return t("export.source-empty", ["file": file]) }
        return t("export.source", ["file": file, "n": "\(events)", "time": Time.short(lastTime)])
    }
}

/// The signature that counts for one role of a letter, as exports show it.
public struct SignatureLine: Equatable, Sendable {
    public var role: SignatureRole
    /// The person on record for the role (the department's head or supervisor).
    public var recorded: String?
    /// nil: not signed.
    public var signature: Signature?
    public var valid: Bool

    /// `valid`, `VOID: …`, `not signed`
    public var verdict: String {
        guard signature != nil else { return t("export.letter.unsigned") }
        return valid ? t("export.letter.valid") : t("export.letter.void")
    }

    /// `Dana Reyes` or `Lee Park, delegate for Mei Tanaka`
    public var signer: String? {
        guard let sig = signature else { return nil }
        return sig.delegate ? t("export.letter.delegate", ["name": sig.name, "for": recorded ?? "–"]) : sig.name
    }

    public static func lines(_ l: LetterSignatures) -> [SignatureLine] {
        SignatureRole.allCases.map { role in
            let check = l.check(role)
            return SignatureLine(role: role, recorded: role == .head ? l.dept.head : l.dept.supervisor,
                                 signature: check?.signature, valid: check?.valid ?? false)
        }
    }
}

/// The signed target sheet (the annual target table such teams keep in Excel): one row per
/// contribution on a letter, the adopted goals, the settled conflicts and who has signed.
/// Built once from the state; every format renders this.
public struct TargetSheet: Sendable {
    public struct Row: Equatable, Sendable {
        public var contribution: Int
        public var goal: Int
        public var goalTitle: String
        public var stage: Stage
        public var dept: Int
        public var department: String
        public var kpi: String
        public var metric: String?
        public var target: Double
        public var challenge: Double
        public var floor: Double
        public var unit: String
        public var weight: Double
        /// The department head.
        public var owner: String?
        public var source: String
        public var cycle: Cycle
        public var status: LetterStatus
    }

    public struct GoalRow: Equatable, Sendable {
        public var id: Int
        public var revision: Int
        public var title: String
        public var metric: String?
        /// `cltv (Customer lifetime value · 客戶終身價值)`
        public var metricLabel: String?
        public var baseline: Double?
        public var target: Double?
        public var unit: String?
        public var by: String?
        public var owner: String?
        public var stages: [Stage]
        /// `3 agree, 1 abstain`
        public var tally: String
        public var agree: Int
        public var abstain: Int
    }

    public struct Settled: Equatable, Sendable {
        public var id: Int
        public var severity: Severity
        public var rule: String
        public var departments: [String]
        /// `K4 Marketing qualified leads`
        public var kpis: [String]
        public var status: ConflictStatus
        public var note: String?
    }

    public struct LetterState: Equatable, Sendable {
        public var dept: Int
        public var department: String
        public var status: LetterStatus
        public var digest: String
        public var rows: Int
        public var weight: Double
        public var signatures: [SignatureLine]
    }

    public var title: String
    public var period: String
    public var info: ExportInfo
    public var rows: [Row]
    public var goals: [GoalRow]
    public var settled: [Settled]
    public var letters: [LetterState]

    public init(_ s: State, info: ExportInfo) {
        title = s.meta.title
        period = s.meta.period
        self.info = info
        let review = Signatures.review(s)
        let index = LetterIndex(s)
        var order: [Int: Int] = [:]
        for (i, d) in s.departments.enumerated() { order[d.id] = i }
        var goalTitles: [Int: String] = [:]
        var rows: [Row] = []
        var letters: [LetterState] = []
        for l in review {
            let letter = Letter(l.dept, in: s, index: index)
            for g in letter.goals { goalTitles[g.id] = g.title }
            for c in letter.rows {
                rows.append(Row(contribution: c.id, goal: c.goal, goalTitle: "", stage: c.stage, dept: c.dept,
                                department: l.dept.name, kpi: c.kpi, metric: c.metric, target: c.target,
                                challenge: c.challenge, floor: c.floor, unit: c.unit, weight: c.weight,
                                owner: l.dept.head, source: c.source, cycle: c.cycle, status: l.status))
            }
            letters.append(LetterState(dept: l.dept.id, department: l.dept.name, status: l.status, digest: l.digest,
                                       rows: letter.rows.count, weight: letter.weightTotal,
                                       signatures: SignatureLine.lines(l)))
        }
        for i in rows.indices { rows[i].goalTitle = goalTitles[rows[i].goal] ?? "" }
        rows.sort { a, b in
            (a.goal, a.stage, order[a.dept] ?? 0, a.contribution) < (b.goal, b.stage, order[b.dept] ?? 0, b.contribution)
        }
        self.rows = rows
        self.letters = letters
        let catalog = Catalog(s)
        var votes: [Int: [Vote]] = [:]
        for v in s.votes.byKey.values { votes[v.goal, default: []].append(v) }
        goals = s.goals.all.filter { $0.status == .adopted }.map { g in
            let n = g.adoptedRevision ?? g.current.number
            let r = g.revisions.first { $0.number == n } ?? g.current
            let verdict = Consent.verdict(g, in: s, votes: votes[g.id] ?? [])
            return GoalRow(id: g.id, revision: n, title: r.title, metric: r.metric,
                           metricLabel: r.metric.map { "\($0) (\(catalog.label($0)))" }, baseline: r.baseline,
                           target: r.target, unit: r.unit, by: r.by, owner: r.owner.map { s.deptName($0) },
                           stages: g.stages.sorted(), tally: Consent.tally(verdict), agree: verdict.agree,
                           abstain: verdict.abstain)
        }
        settled = s.conflicts.all.filter { $0.status == .resolved || $0.status == .accepted }.map { c in
            Settled(id: c.id, severity: c.severity, rule: c.rule, departments: c.depts.map { s.deptName($0) },
                    kpis: c.kpis.map { k in s.kpis[k].map { "K\($0.id) \($0.name)" } ?? "K\(k)" },
                    status: c.status, note: c.note)
        }
    }

    /// `4 letters: 4 signed, 0 partly, 0 unsigned, 0 void`
    public var lettersSummary: String { Self.summary(letters.map(\.status)) }

    static func summary(_ statuses: [LetterStatus]) -> String {
        var n: [LetterStatus: Int] = [:]
        for st in statuses { n[st, default: 0] += 1 }
        return t("sign.summary", ["n": "\(statuses.count)", "signed": "\(n[.signed] ?? 0)", "partly": "\(n[.partly] ?? 0)",
                                  "unsigned": "\(n[.unsigned] ?? 0)", "void": "\(n[.void] ?? 0)"])
    }

    /// `4 departments · 8 contributions to 2 adopted goals · 4 letters: …`
    public var summary: String {
        t("export.sheet.summary", ["depts": "\(letters.count)", "rows": "\(rows.count)", "goals": "\(goals.count)",
                                   "letters": lettersSummary])
    }

    /// `Acme 2027 Annual Alignment — target sheet`
    public var heading: String {
        t("export.sheet.title", ["title": title.isEmpty ? t("status.untitled") : title])
    }

    public var subheading: String { t("export.sheet.subtitle", ["period": period.isEmpty ? "–" : period]) }

    /// The chart's data: each department's weight per stage (rows that count), in department order.
    public var grid: [(department: String, weights: [Stage: Double], ids: [Stage: [Int]], total: Double)] {
        var byDept: [Int: (weights: [Stage: Double], ids: [Stage: [Int]])] = [:]
        for r in rows {
            byDept[r.dept, default: ([:], [:])].weights[r.stage, default: 0] += r.weight
            byDept[r.dept, default: ([:], [:])].ids[r.stage, default: []].append(r.contribution)
        }
        return letters.map { l in
            let cell = byDept[l.dept] ?? ([:], [:])
            return (l.department, cell.weights, cell.ids.mapValues { $0.sorted() }, l.weight)
        }
    }
}

/// Every department's letter, ready to print: the letter itself, its digest and the
/// signature that counts for each role.
extension LetterSet.Item {
    /// A department's letter as its signatures review it (`Signatures.review`).
    public init(_ review: LetterSignatures, letter: Letter) {
        self.init(letter: letter, digest: review.digest, status: review.status, signatures: SignatureLine.lines(review),
                  earlier: review.earlier, version: review.version)
    }
}

public struct LetterSet: Sendable {
    public struct Item: Sendable {
        public var letter: Letter
        public var digest: String
        public var status: LetterStatus
        public var signatures: [SignatureLine]
        /// Earlier signatures (replaced, or void and signed again).
        public var earlier: Int
        /// The version of the canonical content `digest` is of (docs/letter-digest.md).
        public var version: Int = Letter.version
    }

    public var title: String
    public var period: String
    public var info: ExportInfo
    public var items: [Item]

    public init(_ s: State, info: ExportInfo) {
        title = s.meta.title
        period = s.meta.period
        self.info = info
        let index = LetterIndex(s)
        items = Signatures.review(s).map { l in Item(l, letter: Letter(l.dept, in: s, index: index)) }
    }

    public var summary: String { TargetSheet.summary(items.map(\.status)) }

    public var heading: String {
        t("export.letters.title", ["title": title.isEmpty ? t("status.untitled") : title])
    }

    public var subheading: String {
        t("export.letters.subtitle", ["period": period.isEmpty ? "–" : period, "letters": summary])
    }
}

/// The two things that export, and the four formats.
public enum Export {
    public enum What: String, CaseIterable, Sendable {
        case sheet, letters
    }

    public enum Format: String, CaseIterable, Sendable {
        case md, csv, html, json

        /// Also accepts `markdown`.
        public init?(parsing text: String) {
            let t = text.lowercased()
            if t == "markdown" { self = .md; return }
            self.init(rawValue: t)
        }

        public var fileExtension: String { rawValue }
    }

    /// An export's bytes, and what it holds (for the line that says what was written).
    public struct Result: Sendable {
        public var data: Data
        /// Contribution rows (on the sheet, or on all the letters).
        public var rows: Int
        /// Each department's letter status, in department order.
        public var letters: [(department: String, status: LetterStatus)]
    }

    /// The export's bytes. Pure: the same state and info give the same bytes.
    public static func render(_ what: What, _ format: Format, _ s: State, info: ExportInfo) throws -> Data {
        try make(what, format, s, info: info).data
    }

    /// The export, built from one pass over the state. `template` words the Markdown or HTML letters
    /// (the built-in one of the current language when nil); it never changes a digest.
    public static func make(_ what: What, _ format: Format, _ s: State, info: ExportInfo,
                            template: LetterTemplate? = nil) throws -> Result {
        switch what {
        case .sheet:
            let sheet = TargetSheet(s, info: info)
            let data: Data
            switch format {
            case .md: data = Data(MarkdownExport.sheet(sheet).utf8)
            case .csv: data = CSVExport.sheet(sheet)
            case .html: data = Data(HTMLExport.sheet(sheet).utf8)
            case .json: data = try JSONExport.sheet(sheet)
            }
            return Result(data: data, rows: sheet.rows.count, letters: sheet.letters.map { ($0.department, $0.status) })
        case .letters:
            return try letters(LetterSet(s, info: info), format, template: template)
        }
    }

    /// The letters of `set` in `format`.
    static func letters(_ set: LetterSet, _ format: Format, template: LetterTemplate?) throws -> Result {
        let data: Data
        switch format {
        case .md: data = Data(MarkdownExport.letters(set, template: template).utf8)
        case .csv: data = CSVExport.letters(set)
        case .html: data = Data(HTMLExport.letters(set, template: template ?? LetterTemplate.builtInHTML()).utf8)
        case .json: data = try JSONExport.letters(set)
        }
        return Result(data: data, rows: set.items.reduce(0) { $0 + $1.letter.rows.count },
                      letters: set.items.map { ($0.letter.dept, $0.status) })
    }

    /// `export letters --split DIR`: one export per department (for HR's files), each named
    /// `<department>.<ext>` with a name every file system takes (`FileName.safe`), distinct
    /// even when two departments' names differ only in case or in characters made safe.
    public static func split(_ format: Format, _ s: State, info: ExportInfo,
                             template: LetterTemplate? = nil) throws -> [(file: String, result: Result)] {
        let all = LetterSet(s, info: info)
        var taken: Set<String> = []
        var out: [(file: String, result: Result)] = []
        for item in all.items {
            var one = all
            one.items = [item]
            var name = FileName.safe(item.letter.dept, otherwise: "D\(item.letter.deptID)")
            if taken.contains(name.lowercased()) { name += "-D\(item.letter.deptID)" }
            taken.insert(name.lowercased())
            out.append((name + "." + format.fileExtension, try letters(one, format, template: template)))
        }
        return out
    }

    /// Stage as exports name it in prose formats: `retention 留存`.
    static func stageLabel(_ s: Stage) -> String { Mapping.stageLabel(s) }

    /// `signed`, `partly signed`, `unsigned`, `VOID`
    static func statusWord(_ st: LetterStatus) -> String { t("sign.status." + st.rawValue) }

    /// `G1 Raise customer lifetime value`
    static func goalLabel(_ id: Int, _ title: String) -> String { title.isEmpty ? "G\(id)" : "G\(id) \(title)" }

    /// A goal a letter serves, on one line (plain text; each format escapes it):
    /// `G1 r2 Raise CLTV · cltv 12,000 → 14,500 USD · by 2027-12-31`
    static func goalLine(_ g: Letter.GoalLine) -> String {
        var line = "G\(g.id) r\(g.revision) " + g.title
        if let m = g.metric { line += " · \(m)" }
        if g.baseline != nil || g.target != nil {
            line += " " + (g.baseline.map { Num.show($0) } ?? "?") + " → " + (g.target.map { Num.show($0) } ?? "?")
            if let u = g.unit { line += " " + u }
        }
        if let by = g.by { line += " · " + t("goal.by", ["by": Dates.show(by)]) }
        return line
    }
}
