import Foundation

/// What changed between two sessions (two years of one meeting, two units, or two points of
/// one log): a pure value, built from two states, rendered by `SessionDiffText`,
/// `SessionDiffMarkdown` and `SessionDiffJSON`.
///
/// Entities are matched by what they are, not by their ids (ids are handed out per session,
/// so K3 of one year is rarely K3 of the next): a department by its name, a KPI by its
/// department and metric, a goal by its metric, a contribution by its department, goal,
/// stage and metric, a signature by its department and role. The rule is written down in
/// docs/decisions/session-diff-matching.md; `Match` implements it.
///
///     let d = SessionDiff.compare(old, new, a: .init(label: "2027.json", …), b: …)
///     d.same            // false
///     d.count           // 12
///
/// Sections come in a fixed order (`Section.allCases`), every one present even when empty,
/// so a reader (or a later section: the year-end grades of issue 15 go after `signatures`)
/// can rely on it.
public struct SessionDiff: Codable, Equatable, Sendable {
    /// One side of the comparison: which file (and point of it), and what it is.
    public struct Side: Codable, Equatable, Sendable {
        /// The file's name, with `@N` when it is the state after event N.
        public var label: String
        public var title: String
        public var period: String
        public var events: Int

        public init(label: String, title: String, period: String, events: Int) {
            self.label = label; self.title = title; self.period = period; self.events = events
        }
    }

    public enum Change: String, Codable, Sendable, CaseIterable {
        case added, removed, changed
    }

    /// A field that differs, by its stable name (`target`, `weight`, `head` …; the text and
    /// Markdown show it through the catalog, `diff.field.*`), with its values as the session
    /// stores them (numbers in canonical form, enums by their raw value, nil when absent).
    public struct Field: Codable, Equatable, Sendable {
        public var name: String
        public var old: String?
        public var new: String?

        public init(_ name: String, _ old: String?, _ new: String?) {
            self.name = name; self.old = old; self.new = new
        }
    }

    /// One thing added, removed or changed.
    public struct Item: Codable, Equatable, Sendable {
        public var change: Change
        /// The department it belongs to (nil for the session itself, a department, a goal).
        public var dept: String?
        /// What it is called (B's name when it exists there, else A's). For a signature, the
        /// role (`head`, `supervisor`).
        public var name: String
        /// Its id in A and in B (nil on the side that lacks it): ids are shown, never matched.
        public var idA: String?
        public var idB: String?
        /// What differs (changed), or what it holds (added, removed: the fields that say most).
        public var fields: [Field]

        public init(change: Change, dept: String? = nil, name: String, idA: String? = nil, idB: String? = nil, fields: [Field] = []) {
            self.change = change; self.dept = dept; self.name = name; self.idA = idA; self.idB = idB; self.fields = fields
        }
    }

    /// The sections, in the order they are shown. Issue 15 (the year-end review) adds
    /// `grades` after `signatures`: a case here, its builder in `compare`, a heading in the
    /// catalog (`diff.section.grades`); the renderers iterate the cases and need nothing else.
    public enum Section: String, Codable, Sendable, CaseIterable {
        case session, departments, people, kpis, goals, contributions, signatures, grades
    }

    public struct Part: Codable, Equatable, Sendable {
        public var section: Section
        public var items: [Item]
    }

    public var a: Side
    public var b: Side
    /// Every section, in `Section.allCases` order.
    public var parts: [Part]

    public var same: Bool { parts.allSatisfy { $0.items.isEmpty } }
    public var count: Int { parts.reduce(0) { $0 + $1.items.count } }

    public func items(_ section: Section) -> [Item] { parts.first { $0.section == section }?.items ?? [] }

    public func count(_ change: Change) -> Int { parts.reduce(0) { $0 + $1.items.filter { $0.change == change }.count } }
}

// MARK: - building

extension SessionDiff {
    /// How to match: across sessions by what things are; within one session (`diff FILE
    /// --at N --at M`) by id first, so that a department renamed between N and M is the same
    /// department, then by what they are.
    public struct Options: Sendable {
        public var sameSession: Bool
        public init(sameSession: Bool = false) { self.sameSession = sameSession }
    }

    public static func compare(_ x: State, _ y: State, a: Side, b: Side, options: Options = Options()) -> SessionDiff {
        var m = Match(x, y, options)
        var parts: [Part] = []
        for section in Section.allCases {
            let items: [Item]
            switch section {
            case .session: items = m.session()
            case .departments: items = m.departments()
            case .people: items = m.people()
            case .kpis: items = m.kpis()
            case .goals: items = m.goals()
            case .contributions: items = m.contributions()
            case .signatures: items = m.signatures()
            case .grades: items = m.grades()
            }
            parts.append(Part(section: section, items: items))
        }
        return SessionDiff(a: a, b: b, parts: parts)
    }

    static func num(_ v: Double?) -> String? { v.map(Num.canonical) }

    /// The fields whose values differ, in the order given.
    static func changed(_ pairs: [(String, String?, String?)]) -> [Field] {
        pairs.filter { $0.1 != $0.2 }.map { Field($0.0, $0.1, $0.2) }
    }

    /// The fields that have a value, for an item added or removed (`old` or `new` side).
    static func present(_ pairs: [(String, String?)], added: Bool) -> [Field] {
        pairs.compactMap { p in p.1.map { added ? Field(p.0, nil, $0) : Field(p.0, $0, nil) } }
    }
}

/// The pairing of two sessions' entities (docs/decisions/session-diff-matching.md).
struct Match {
    let x: State, y: State
    let options: SessionDiff.Options
    /// Department id → its pairing token: the same token on both sides means the same department.
    var deptA: [Int: String] = [:], deptB: [Int: String] = [:]
    var goalA: [Int: String] = [:], goalB: [Int: String] = [:]
    var deptPairs: [(Department, Department)] = []
    var deptRemoved: [Department] = [], deptAdded: [Department] = []

    init(_ x: State, _ y: State, _ options: SessionDiff.Options) {
        self.x = x; self.y = y; self.options = options
        let p = Match.pair(x.departments, y.departments, id: options.sameSession ? { "\($0.id)" } : nil,
                           keys: [{ NameKey.of($0.name) }])
        deptPairs = p.pairs; deptRemoved = p.removed; deptAdded = p.added
        for (i, (a, b)) in p.pairs.enumerated() { deptA[a.id] = "d\(i)"; deptB[b.id] = "d\(i)" }
        for d in p.removed { deptA[d.id] = "a\(d.id)" }
        for d in p.added { deptB[d.id] = "b\(d.id)" }
        let g = Match.pair(x.goals.all, y.goals.all, id: options.sameSession ? { "\($0.id)" } : nil,
                           keys: [{ Match.goalIdentity($0) + "|" + NameKey.of($0.current.title) }, Match.goalIdentity])
        goalPairs = g.pairs; goalRemoved = g.removed; goalAdded = g.added
        for (i, (a, b)) in g.pairs.enumerated() { goalA[a.id] = "g\(i)"; goalB[b.id] = "g\(i)" }
        for d in g.removed { goalA[d.id] = "a\(d.id)" }
        for d in g.added { goalB[d.id] = "b\(d.id)" }
    }

    var goalPairs: [(Goal, Goal)] = []
    var goalRemoved: [Goal] = [], goalAdded: [Goal] = []

    // MARK: the rule

    /// A goal is the goal of its metric (its current revision's); a goal without a metric
    /// is the goal of its title, compared as `NameKey` compares names.
    static func goalIdentity(_ g: Goal) -> String {
        g.current.metric ?? "~" + NameKey.of(g.current.title)
    }

    /// A KPI's or contribution's metric: the catalog key, or its name's key when it has none.
    static func metricIdentity(_ metric: String?, name: String) -> String {
        metric ?? "~" + NameKey.of(name)
    }

    /// Pairs a's and b's items: by id first when asked (one session), then by each key in
    /// turn, each time taking the unpaired items in their order. Linear in the items.
    static func pair<T>(_ a: [T], _ b: [T], id: ((T) -> String)?, keys: [(T) -> String])
        -> (pairs: [(T, T)], removed: [T], added: [T]) {
        var partner = [Int?](repeating: nil, count: a.count)
        var taken = [Bool](repeating: false, count: b.count)
        for key in (id.map { [$0] } ?? []) + keys {
            var queue: [String: [Int]] = [:]
            for (j, item) in b.enumerated() where !taken[j] { queue[key(item), default: []].append(j) }
            var next: [String: Int] = [:]
            for (i, item) in a.enumerated() where partner[i] == nil {
                let k = key(item)
                guard let list = queue[k] else { continue }
                let n = next[k, default: 0]
                guard n < list.count else { continue }
                next[k] = n + 1
                partner[i] = list[n]
                taken[list[n]] = true
            }
        }
        var pairs: [(T, T)] = [], removed: [T] = []
        for (i, item) in a.enumerated() {
            if let j = partner[i] { pairs.append((item, b[j])) } else { removed.append(item) }
        }
        let added = b.enumerated().filter { !taken[$0.offset] }.map(\.element)
        return (pairs, removed, added)
    }

    // MARK: sections

    func session() -> [SessionDiff.Item] {
        let f = SessionDiff.changed([
            ("title", x.meta.title, y.meta.title), ("period", x.meta.period, y.meta.period),
            ("step", x.meta.step.rawValue, y.meta.step.rawValue),
        ])
        return f.isEmpty ? [] : [SessionDiff.Item(change: .changed, name: y.meta.title.isEmpty ? x.meta.title : y.meta.title, fields: f)]
    }

    func departments() -> [SessionDiff.Item] {
        var out: [SessionDiff.Item] = []
        for (a, b) in deptPairs where a.name != b.name {
            out.append(.init(change: .changed, name: b.name, idA: "\(a.ref)", idB: "\(b.ref)", fields: [.init("name", a.name, b.name)]))
        }
        for d in deptRemoved {
            out.append(.init(change: .removed, name: d.name, idA: "\(d.ref)",
                             fields: SessionDiff.present([("head", d.head), ("supervisor", d.supervisor)], added: false)))
        }
        for d in deptAdded {
            out.append(.init(change: .added, name: d.name, idB: "\(d.ref)",
                             fields: SessionDiff.present([("head", d.head), ("supervisor", d.supervisor)], added: true)))
        }
        return out
    }

    /// Heads and supervisors of the departments both sides have.
    func people() -> [SessionDiff.Item] {
        deptPairs.compactMap { a, b in
            let f = SessionDiff.changed([("head", a.head, b.head), ("supervisor", a.supervisor, b.supervisor)])
            return f.isEmpty ? nil : .init(change: .changed, name: b.name, idA: "\(a.ref)", idB: "\(b.ref)", fields: f)
        }
    }

    static func kpiFields(_ k: KPI) -> [(String, String?)] {
        [("name", k.name), ("metric", k.metric), ("dir", k.dir?.rawValue), ("target", SessionDiff.num(k.target)),
         ("unit", k.unit), ("source", k.source), ("cycle", k.cycle?.rawValue), ("weight", SessionDiff.num(k.weight)),
         ("owner", k.owner)]
    }

    func kpis() -> [SessionDiff.Item] {
        let dA = deptA, dB = deptB
        func keys(_ dept: [Int: String]) -> [(KPI) -> String] {
            [{ (dept[$0.dept] ?? "") + "|" + Match.metricIdentity($0.metric, name: $0.name) + "|" + NameKey.of($0.name) },
             { (dept[$0.dept] ?? "") + "|" + Match.metricIdentity($0.metric, name: $0.name) },
             { (dept[$0.dept] ?? "") + "|" + NameKey.of($0.name) }]
        }
        // the keys differ per side only in the department token table
        let a = x.kpis.all, b = y.kpis.all
        let ka = keys(dA), kb = keys(dB)
        let p = Match.pairSided(a, b, id: options.sameSession ? { "\($0.id)" } : nil, keysA: ka, keysB: kb)
        var out: [SessionDiff.Item] = []
        for (u, v) in p.pairs {
            let fa = Match.kpiFields(u), fb = Match.kpiFields(v)
            let f = SessionDiff.changed(zip(fa, fb).map { ($0.0, $0.1, $1.1) })
            if !f.isEmpty { out.append(.init(change: .changed, dept: y.deptName(v.dept), name: v.name, idA: "\(u.ref)", idB: "\(v.ref)", fields: f)) }
        }
        for k in p.removed {
            out.append(.init(change: .removed, dept: x.deptName(k.dept), name: k.name, idA: "\(k.ref)",
                             fields: SessionDiff.present(Array(Match.kpiFields(k).dropFirst()), added: false)))
        }
        for k in p.added {
            out.append(.init(change: .added, dept: y.deptName(k.dept), name: k.name, idB: "\(k.ref)",
                             fields: SessionDiff.present(Array(Match.kpiFields(k).dropFirst()), added: true)))
        }
        return out
    }

    /// `pair` with keys computed differently on each side (through each side's token tables).
    static func pairSided<T>(_ a: [T], _ b: [T], id: ((T) -> String)?, keysA: [(T) -> String], keysB: [(T) -> String])
        -> (pairs: [(T, T)], removed: [T], added: [T]) {
        // tag each item with its side, so one key function can use the side's table
        var ks: [((Bool, T)) -> String] = []
        for (fa, fb) in zip(keysA, keysB) { ks.append { $0.0 ? fa($0.1) : fb($0.1) } }
        let idKey: (((Bool, T)) -> String)? = id.map { f in { f($0.1) } }
        let p = pair(a.map { (true, $0) }, b.map { (false, $0) }, id: idKey, keys: ks)
        return (p.pairs.map { ($0.0.1, $0.1.1) }, p.removed.map(\.1), p.added.map(\.1))
    }

    func goalFields(_ g: Goal, in s: State) -> [(String, String?)] {
        let r = g.current
        return [("title", r.title), ("metric", r.metric), ("baseline", SessionDiff.num(r.baseline)),
                ("target", SessionDiff.num(r.target)), ("unit", r.unit), ("by", r.by), ("owner", r.owner.map { s.deptName($0) }),
                ("status", g.status.rawValue), ("revisions", "\(g.revisions.count)"),
                ("adopted", g.adoptedRevision.map { "\($0)" }), ("stages", g.stages.isEmpty ? nil : g.stages.map(\.rawValue).joined(separator: ","))]
    }

    func goals() -> [SessionDiff.Item] {
        var out: [SessionDiff.Item] = []
        for (u, v) in goalPairs {
            var fa = goalFields(u, in: x), fb = goalFields(v, in: y)
            // the owner is the same department when its token is (it may have been renamed)
            if let oa = u.current.owner, let ob = v.current.owner, deptA[oa] == deptB[ob] { fa[6].1 = nil; fb[6].1 = nil }
            let f = SessionDiff.changed(zip(fa, fb).map { ($0.0, $0.1, $1.1) })
            if !f.isEmpty { out.append(.init(change: .changed, name: v.current.title, idA: "\(u.ref)", idB: "\(v.ref)", fields: f)) }
        }
        for g in goalRemoved {
            out.append(.init(change: .removed, name: g.current.title, idA: "\(g.ref)",
                             fields: SessionDiff.present(Array(goalFields(g, in: x).dropFirst()), added: false)))
        }
        for g in goalAdded {
            out.append(.init(change: .added, name: g.current.title, idB: "\(g.ref)",
                             fields: SessionDiff.present(Array(goalFields(g, in: y).dropFirst()), added: true)))
        }
        return out
    }

    static func contribFields(_ c: Contribution, goal: String) -> [(String, String?)] {
        [("kpi", c.kpi), ("goal", goal), ("stage", c.stage.rawValue), ("metric", c.metric), ("target", SessionDiff.num(c.target)),
         ("challenge", SessionDiff.num(c.challenge)), ("floor", SessionDiff.num(c.floor)), ("unit", c.unit),
         ("weight", SessionDiff.num(c.weight)), ("source", c.source), ("cycle", c.cycle.rawValue)]
    }

    func contributions() -> [SessionDiff.Item] {
        let dA = deptA, dB = deptB, gA = goalA, gB = goalB
        func keys(_ d: [Int: String], _ g: [Int: String]) -> [(Contribution) -> String] {
            [{ (d[$0.dept] ?? "") + "|" + (g[$0.goal] ?? "") + "|" + $0.stage.rawValue + "|" + Match.metricIdentity($0.metric, name: $0.kpi) },
             { (d[$0.dept] ?? "") + "|" + (g[$0.goal] ?? "") + "|" + Match.metricIdentity($0.metric, name: $0.kpi) },
             { (d[$0.dept] ?? "") + "|" + Match.metricIdentity($0.metric, name: $0.kpi) + "|" + NameKey.of($0.kpi) }]
        }
        let p = Match.pairSided(x.contribs.all, y.contribs.all, id: options.sameSession ? { "\($0.id)" } : nil,
                                keysA: keys(dA, gA), keysB: keys(dB, gB))
        func title(_ s: State, _ id: Int) -> String { s.goals[id]?.current.title ?? "\(ID(.goal, id))" }
        var out: [SessionDiff.Item] = []
        for (u, v) in p.pairs {
            var fa = Match.contribFields(u, goal: title(x, u.goal)), fb = Match.contribFields(v, goal: title(y, v.goal))
            // the goal is the same goal when it is paired (its title may have been revised)
            if gA[u.goal] == gB[v.goal] { fa[1].1 = nil; fb[1].1 = nil }
            let f = SessionDiff.changed(zip(fa, fb).map { ($0.0, $0.1, $1.1) })
            if !f.isEmpty { out.append(.init(change: .changed, dept: y.deptName(v.dept), name: v.kpi, idA: "\(u.ref)", idB: "\(v.ref)", fields: f)) }
        }
        for c in p.removed {
            out.append(.init(change: .removed, dept: x.deptName(c.dept), name: c.kpi, idA: "\(c.ref)",
                             fields: SessionDiff.present(Array(Match.contribFields(c, goal: title(x, c.goal)).dropFirst()), added: false)))
        }
        for c in p.added {
            out.append(.init(change: .added, dept: y.deptName(c.dept), name: c.kpi, idB: "\(c.ref)",
                             fields: SessionDiff.present(Array(Match.contribFields(c, goal: title(y, c.goal)).dropFirst()), added: true)))
        }
        return out
    }

    /// The signature that counts per department and role: who, whether it still holds, and
    /// whether it was a delegate's. Digests are not compared across sessions (each letter's
    /// content is its own session's); whether each still holds its own letter is.
    func signatures() -> [SessionDiff.Item] {
        let ra = Dictionary(uniqueKeysWithValues: Signatures.review(x).map { ($0.dept.id, $0) })
        let rb = Dictionary(uniqueKeysWithValues: Signatures.review(y).map { ($0.dept.id, $0) })
        func fields(_ c: SignatureCheck?) -> [(String, String?)] {
            [("signer", c?.signature.name), ("status", c.map { $0.valid ? "valid" : "void" }),
             ("delegate", c.map { $0.signature.delegate ? "yes" : "no" })]
        }
        var out: [SessionDiff.Item] = []
        func add(_ a: LetterSignatures?, _ b: LetterSignatures?, dept: String) {
            for role in SignatureRole.allCases {
                let ca = a?.check(role), cb = b?.check(role)
                switch (ca, cb) {
                case (nil, nil): continue
                case let (c?, nil):
                    out.append(.init(change: .removed, dept: dept, name: role.rawValue, idA: "\(c.signature.ref)", fields: SessionDiff.present(fields(c), added: false)))
                case let (nil, c?):
                    out.append(.init(change: .added, dept: dept, name: role.rawValue, idB: "\(c.signature.ref)", fields: SessionDiff.present(fields(c), added: true)))
                case let (u?, v?):
                    let f = SessionDiff.changed(zip(fields(u), fields(v)).map { ($0.0, $0.1, $1.1) })
                    if !f.isEmpty { out.append(.init(change: .changed, dept: dept, name: role.rawValue, idA: "\(u.signature.ref)", idB: "\(v.signature.ref)", fields: f)) }
                }
            }
        }
        for (a, b) in deptPairs { add(ra[a.id], rb[b.id], dept: b.name) }
        for d in deptRemoved { add(ra[d.id], nil, dept: d.name) }
        for d in deptAdded { add(nil, rb[d.id], dept: d.name) }
        return out
    }

    /// Each department's year-end grade (and score) in its session's year (`Carry.reviewPeriod`;
    /// a session without actuals grades nobody): added, removed or changed per department,
    /// paired as the departments are.
    func grades() -> [SessionDiff.Item] {
        func graded(_ s: State) -> [Int: [(String, String?)]] {
            guard !s.actuals.isEmpty, let period = Carry.reviewPeriod(s) else { return [:] }
            var out: [Int: [(String, String?)]] = [:]
            for d in YearReview(s, period: period).departments where d.grade != nil {
                out[d.dept.id] = [("period", period.canonical), ("grade", d.grade),
                                  ("score", d.score.map { Num.canonical(($0 * 10).rounded() / 10) })]
            }
            return out
        }
        let ga = graded(x), gb = graded(y)
        guard !ga.isEmpty || !gb.isEmpty else { return [] }
        var out: [SessionDiff.Item] = []
        func add(_ a: Department?, _ b: Department?) {
            let fa = a.flatMap { ga[$0.id] }, fb = b.flatMap { gb[$0.id] }
            switch (fa, fb) {
            case (nil, nil): return
            case let (f?, nil):
                out.append(.init(change: .removed, name: a!.name, idA: "\(a!.ref)", fields: SessionDiff.present(f, added: false)))
            case let (nil, f?):
                out.append(.init(change: .added, name: b!.name, idB: "\(b!.ref)", fields: SessionDiff.present(f, added: true)))
            case let (u?, v?):
                // the grade and score are compared; the period is shown beside them when it differs
                let f = SessionDiff.changed(zip(u, v).dropFirst().map { ($0.0, $0.1, $1.1) })
                if !f.isEmpty {
                    out.append(.init(change: .changed, name: b!.name, idA: "\(a!.ref)", idB: "\(b!.ref)",
                                     fields: SessionDiff.changed([(u[0].0, u[0].1, v[0].1)]) + f))
                }
            }
        }
        for (a, b) in deptPairs { add(a, b) }
        for d in deptRemoved { add(d, nil) }
        for d in deptAdded { add(nil, d) }
        return out
    }
}
