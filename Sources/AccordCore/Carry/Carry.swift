import Foundation

/// Carrying last year's session into this year's (`accord carry OLD NEW --period 2028`,
/// `kpi import-session OLD [DEPT…]`): OLD's departments with their heads and supervisors,
/// its letter rows (contributions) as the departments' current KPIs, each with last year's
/// final figures beside it (`LastYear`, from `YearReview` of OLD's whole period), and its
/// adopted goals listed as last year's (`Lineage.goals`), never adopted again. Pure: the
/// front ends read and verify OLD and hand over its parsed image.
///
///     let old = try Carry.Source.verified(bytes, file: "acme.json")
///     let (state, event, summary) = try Carry.newSession(from: old, period: "2028", title: nil,
///                                                        now: "2028-01-10T09:00:00Z", command: "carry …")
public enum Carry {
    /// OLD as read and verified: its file name, its head and its state.
    public struct Source: Sendable {
        public var file: String
        public var head: SessionFile.Head
        public var state: State

        public init(file: String, head: SessionFile.Head, state: State) {
            self.file = file; self.head = head; self.state = state
        }

        /// Parses and verifies OLD's bytes: a file that is not a session, or that does not
        /// verify (`accord verify` would fail), is refused with what is wrong.
        public static func verified(_ data: Data, file: String) throws -> Source {
            let image: SessionFile.Image
            do { image = try SessionFile.parse(data) } catch let e as SessionFile.LoadError {
                throw CommandError("carry.not-a-session", ["file": file, "why": "\(e)"])
            }
            let (report, state) = Verifier.check(image)
            guard report.holds else {
                throw CommandError("carry.old-fails", ["file": file, "why": Rollup.problems(report).joined(separator: t("list.separator"))])
            }
            return Source(file: file, head: image.head, state: state)
        }
    }

    /// `accord carry`: OLD's bytes parsed once, then verified while the new session is built
    /// from them on the other core (nothing is kept unless OLD verifies: a file that does not is
    /// refused as `Source.verified` refuses it). Verifying OLD is most of the time.
    public static func carry(_ data: Data, file: String, period: String, title: String?, now: String,
                             command: String) throws -> (state: State, event: Event, summary: Summary, lang: Language?) {
        let image: SessionFile.Image
        do { image = try SessionFile.parse(data) } catch let e as SessionFile.LoadError {
            throw CommandError("carry.not-a-session", ["file": file, "why": "\(e)"])
        }
        let source = Source(file: file, head: image.head, state: image.state)
        var report: VerifyReport?
        var made: Result<(state: State, event: Event, summary: Summary), Error>?
        // disjoint writes (report, made); both only read `image` and `source`
        Both.run({ report = Verifier.check(image).report },
                 { made = Result { try newSession(from: source, period: period, title: title, now: now, command: command) } })
        guard let report, report.holds else {
            throw CommandError("carry.old-fails", ["file": file, "why": report.map { Rollup.problems($0).joined(separator: t("list.separator")) } ?? "?"])
        }
        let (state, event, summary) = try made!.get()
        return (state, event, summary, image.state.meta.lang)
    }

    /// The new session's file: its state, its one event and the seals of `sealer` over the
    /// head (as a fold writes them).
    public static func fileBytes(_ state: State, _ event: Event, sealedBy sealer: Sealer?) throws -> Data {
        let stateLine = try SessionFile.encodeState(state)
        let lines = [try EventLine.encode(event)]
        var book = SealBook()
        if let sealer { book = sealer.sealFold(book, head: SessionFile.head(stateLine: stateLine, lines: lines), lines: lines, adopting: nil) }
        return SessionFile.encode(stateLine: stateLine, lines: lines, seal: book)
    }

    /// What an import brought in.
    public struct Summary: Equatable, Sendable {
        public var departments: [String] = []
        public var newDepartments: [String] = []
        public var kpis = 0
        /// Rows of OLD not carried because the department already has a KPI of that name.
        public var skipped: [String] = []
        public var goals = 0
        /// The review period last year's figures are of; nil when OLD has none.
        public var review: YearPeriod?
    }

    /// The period last year's figures are reviewed over: OLD's period as a whole year when it
    /// reads as one (`2027`), else the year of its latest actual; nil when neither exists.
    public static func reviewPeriod(_ s: State) -> YearPeriod? {
        YearPeriod(parsing: s.meta.period).map { .whole($0.year) } ?? YearReview.latestMonth(s).map { .whole($0.year) }
    }

    /// The first (and only) event of a session carried from `src`: the new session's title and
    /// period, where it came from, and everything `importing` brings, as one `carry` event.
    public static func newSession(from src: Source, period: String, title: String?, now: String,
                                  command: String) throws -> (state: State, event: Event, summary: Summary) {
        let p = period.trimmingCharacters(in: .whitespaces)
        guard !p.isEmpty else { throw CommandError("carry.no-period") }
        var state = State()
        var d = Draft(taking: &state)
        let old = src.state.meta
        let name = title?.trimmingCharacters(in: .whitespaces).nilIfEmpty
            ?? (old.period.isEmpty || !old.title.contains(old.period) ? (old.title.isEmpty ? p : old.title + " " + p)
                : old.title.replacingOccurrences(of: old.period, with: p))
        d.meta {
            $0.title = name
            $0.period = p
            $0.lang = old.lang
            $0.grades = old.grades
            $0.director = old.director
        }
        let summary = try importing(src, depts: nil, into: &d, asLineage: true)
        guard let proposal = d.proposal(kind: "carry") else { throw CommandError("carry.nothing") }
        let e = proposal.event(seq: 1, prev: Event.genesis, time: now, step: .setup, command: command)
        d.giveBack(to: &state)
        state.record(e)
        return (state, e, summary)
    }

    /// Brings OLD's departments (all, or those named), their people and their letter rows as
    /// KPIs with last year's figures into `d`, and records where they came from: as the
    /// session's lineage (`carry`) or as one more import (`kpi import-session`). A department
    /// the session has (by name) is kept as it is; a KPI the department already has (by name)
    /// is not carried again.
    public static func importing(_ src: Source, depts named: [String]?, into d: inout Draft, asLineage: Bool) throws -> Summary {
        let old = src.state
        var chosen: [Department]
        if let named, !named.isEmpty {
            chosen = []
            for n in named {
                guard let dept = old.department(named: n) else {
                    throw CommandError("carry.no-dept", ["dept": n, "file": src.file,
                                                          "depts": old.departments.map(\.name).joined(separator: t("list.separator"))])
                }
                if !chosen.contains(where: { $0.id == dept.id }) { chosen.append(dept) }
            }
        } else {
            chosen = old.departments
        }
        let review = reviewPeriod(old)
        var summary = Summary()
        summary.review = review
        let figures = review.map { YearReview(old, period: $0, depts: Set(chosen.map(\.id))) }
        var rowOf: [Int: YearReview.Row] = [:]
        for dr in figures?.departments ?? [] { for r in dr.rows { rowOf[r.contribution.id] = r } }
        let bands = old.meta.gradeBands
        let catalog = Catalog(old)
        // last year's KPIs by department and metric (else name), for the direction and owner
        var oldKPI: [String: KPI] = [:]
        for k in old.kpis.all {
            let key = "\(k.dept)|" + (k.metric ?? "~" + NameKey.of(k.name))
            if oldKPI[key] == nil { oldKPI[key] = k }
        }
        var taken = Set<String>()
        for k in d.state.kpis.byKey.values { taken.insert("\(k.dept)|\(NameKey.of(k.name, simplify: false))") }
        let contribs = old.contribs.all
        var byDept: [Int: [Contribution]] = [:]
        for c in contribs { byDept[c.dept, default: []].append(c) }
        var served = Set<Int>()
        for od in chosen {
            let id: Int
            if let here = d.state.department(named: od.name) { id = here.id } else {
                id = d.nextID(.department)
                d.put(Department(id: id, name: od.name, head: od.head, supervisor: od.supervisor))
                summary.newDepartments.append(od.name)
            }
            summary.departments.append(od.name)
            for c in byDept[od.id] ?? [] {
                served.insert(c.goal)
                let dup = "\(id)|\(NameKey.of(c.kpi, simplify: false))"
                guard taken.insert(dup).inserted else { summary.skipped.append("\(c.ref)"); continue }
                let was = oldKPI["\(od.id)|" + (c.metric ?? "~" + NameKey.of(c.kpi))]
                var k = KPI(id: d.nextID(.kpi), dept: id, name: c.kpi)
                k.metric = c.metric
                k.metricPinned = c.metric != nil
                let bounds = Bounds(floor: c.floor, target: c.target, challenge: c.challenge)
                k.dir = was?.dir ?? c.metric.flatMap { catalog.metric($0)?.dir } ?? bounds.implied
                k.target = c.target; k.unit = c.unit; k.source = c.source; k.cycle = c.cycle; k.weight = c.weight
                k.owner = was?.owner ?? od.head
                if let review, let row = rowOf[c.id] {
                    let f = row.figure
                    k.last = LastYear(
                        period: review.canonical, contrib: "\(c.ref)", goal: old.goals[c.goal]?.current.title,
                        bounds: f.bounds ?? f.fullBounds, actual: f.actual, completion: f.completion,
                        grade: f.completion.map { bands.grade($0) }, months: f.period.kind.months, missing: f.missing.count,
                        adjustments: row.adjustments.map {
                            PriorAdjustment(ref: "\($0.ref)", from: $0.from.canonical, oldTarget: $0.oldTarget, target: $0.target, reason: $0.reason)
                        })
                }
                d.put(k)
                summary.kpis += 1
            }
        }
        let progress = Dictionary((figures?.goals ?? []).compactMap { p in p.goal.map { ($0, p.completion) } }, uniquingKeysWith: { a, _ in a })
        let whole = named?.isEmpty ?? true
        var goals: [PriorGoal] = []
        for g in old.goals.all where g.status == .adopted && (whole || served.contains(g.id)) {
            let r = g.revisions.first { $0.number == g.adoptedRevision } ?? g.current
            var p = PriorGoal(ref: "\(g.ref)", title: r.title)
            p.metric = r.metric; p.baseline = r.baseline; p.target = r.target; p.unit = r.unit; p.by = r.by
            p.owner = r.owner.map { old.deptName($0) }
            p.stages = g.stages
            p.progress = progress[g.id] ?? nil
            goals.append(p)
        }
        summary.goals = goals.count
        let lineage = Lineage(file: src.file, head: src.head.last, events: src.head.events, title: old.meta.title,
                              period: old.meta.period, review: review?.canonical ?? "", goals: goals)
        if asLineage { d.meta { $0.lineage = lineage } } else { d.meta { $0.imports = ($0.imports ?? []) + [lineage] } }
        return summary
    }
}

/// What `verify --lineage OLD` finds: OLD is the file the session was carried from, as it was.
public enum LineageCheck: Equatable, Sendable {
    /// OLD's head is the one recorded.
    case holds
    /// OLD's log still holds the point carried from, and has `after` events since (OLD was
    /// changed after the carry).
    case grown(after: Int)
    /// OLD's log does not hold the point carried from: its history is not the one recorded.
    case differs(events: Int, head: String)

    /// Compares OLD's parsed image (its canonical event lines) with the recorded lineage.
    public static func check(_ lineage: Lineage, old image: SessionFile.Image) -> LineageCheck {
        if image.head.events == lineage.events && image.head.last == lineage.head { return .holds }
        if image.lines.count > lineage.events, lineage.events >= 1,
           Digest.sha256(image.lines[lineage.events - 1]) == lineage.head {
            return .grown(after: image.lines.count - lineage.events)
        }
        return .differs(events: image.head.events, head: image.head.last)
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
