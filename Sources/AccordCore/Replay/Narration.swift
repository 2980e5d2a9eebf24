/// Longer than 400 lines on purpose: one concept, the one sentence per kind of op, kept in one
/// switch so that every op kind is narrated (the compiler checks the switch is exhaustive).
/// What one event changed, said in words and derived only from its ops (never from the
/// command text), plus the departments and goals it touched, for the replay filters.
/// One concept in one file (over 400 lines): one sentence per kind of op, side by side.
///
///     G1 revision 2 adopted: 3 agree, 1 abstain
///     K1–K12 imported (12 KPIs, 4 departments created)
///     undo of #12 (goal adopt G1): G1 back to proposed (r2)
public struct Narration: Equatable, Sendable {
    public var text: String
    /// Departments the event touched (a KPI's, a vote's, a signature's department …).
    public var depts: Set<Int>
    /// Goals the event touched (the goal itself, or a contribution to it).
    public var goals: Set<Int>

    public init(text: String, depts: Set<Int> = [], goals: Set<Int> = []) {
        self.text = text; self.depts = depts; self.goals = goals
    }
}

/// Turns events into narrations. Keeps the last known name of every department, so an
/// event that removes or renames one still names it as the room knew it.
public struct Narrator {
    /// Every name each department has had, in order (for `--dept OLDNAME`).
    public private(set) var names: [Int: [String]] = [:]
    /// Every goal's votes as they stand (goal → vote id → vote), kept as events go by, so a
    /// tally never scans the whole vote table.
    private var votes: [Int: [Int: Vote]] = [:]

    public init() {}

    /// Narrates `e`, whose ops are already applied to `after`. `original` is the event whose
    /// command an undo or redo goes back to (through any redos in between).
    public mutating func narrate(_ e: Event, after s: inout State, original: Event? = nil) throws -> Narration {
        learnNames(e.ops)
        learnVotes(e.ops)
        var parts = Parts()
        let voided = try Self.voided(e, &s)
        describe(e, s, into: &parts)
        if !voided.isEmpty {
            for v in voided { parts.depts.insert(v.signature.dept) }
            parts.add(tn("replay.fx.voids", voided.count, ["who": voided.map(\.label).joined(separator: Punct.list)]))
        }
        var text = parts.texts.isEmpty ? t("replay.fx.nothing") : parts.texts.joined(separator: Punct.clauses)
        if let seq = e.undoes {
            text = t("replay.fx.undo", ["seq": "\(seq)", "cmd": original?.command ?? "?", "what": text])
        } else if e.redoes != nil {
            text = t("replay.fx.redo", ["seq": original.map { "\($0.seq)" } ?? "?", "cmd": original?.command ?? "?", "what": text])
        }
        return Narration(text: text, depts: parts.depts, goals: parts.goals)
    }

    /// A department's name: as it is now, else the last name it had.
    func name(_ id: Int, _ s: State) -> String { s.depts[id]?.name ?? names[id]?.last ?? "\(ID(.department, id))" }

    private mutating func learnVotes(_ ops: [Op]) {
        for op in ops {
            guard case let .vote(c) = op else { continue }
            if let b = c.before { votes[b.goal]?[b.id] = nil }
            if let a = c.after { votes[a.goal, default: [:]][a.id] = a }
        }
    }

    /// A goal's votes as they stand.
    func votes(on goal: Int) -> [Vote] { votes[goal].map { Array($0.values) } ?? [] }

    private mutating func learnNames(_ ops: [Op]) {
        for op in ops {
            guard case let .dept(c) = op else { continue }
            for d in [c.before, c.after].compactMap({ $0 }) where names[d.id]?.last != d.name {
                names[d.id, default: []].append(d.name)
            }
        }
    }

    struct Parts {
        var texts: [String] = []
        var depts = Set<Int>()
        var goals = Set<Int>()
        mutating func add(_ text: String) { texts.append(text) }
    }

    // MARK: - by table

    private func describe(_ e: Event, _ s: State, into p: inout Parts) {
        var metas: [(Meta, Meta)] = []
        var depts: [Change<Department>] = [], kpis: [Change<KPI>] = [], conflicts: [Change<Conflict>] = []
        var goals: [Change<Goal>] = [], votes: [Change<Vote>] = [], contribs: [Change<Contribution>] = []
        var sigs: [Change<Signature>] = []
        var metrics: [Change<Metric>] = [], tensions: [Change<Tension>] = []
        var year: [Op] = []
        for op in e.ops {
            switch op {
            case let .meta(b, a): metas.append((b, a))
            case let .dept(c): depts.append(c)
            case let .kpi(c): kpis.append(c)
            case let .metric(c): metrics.append(c)
            case let .tension(c): tensions.append(c)
            case let .conflict(c): conflicts.append(c)
            case let .goal(c): goals.append(c)
            case let .vote(c): votes.append(c)
            case let .contrib(c): contribs.append(c)
            case let .signature(c): sigs.append(c)
            case .actual, .miss, .retro, .adjustment: year.append(op)
            }
        }
        if let first = metas.first, let last = metas.last { meta(first.0, last.1, e, &p) }
        // departments an import creates are said with its KPIs: "K1–K12 imported (12 KPIs, 4 departments created)"
        let deptsCreated = depts.filter { $0.before == nil }.count
        let withKPIs = deptsCreated > 0 && kpis.contains { $0.before == nil }
        self.depts(withKPIs ? depts.filter { $0.before != nil } : depts, s, &p)
        self.kpis(kpis, createdDepts: withKPIs ? deptsCreated : 0, e, s, &p)
        for d in depts { p.depts.insert(d.key) }
        self.metrics(metrics, &p)
        self.tensions(tensions, &p)
        self.conflicts(conflicts, s, &p)
        self.goals(goals, e, s, &p)
        self.votes(votes, s, &p)
        self.contribs(contribs, s, &p)
        self.signatures(sigs, s, &p)
        self.year(year, s, &p)
        if e.via?.channel == "device" { p.add(t("replay.fx.from-device")) }
    }

    private func meta(_ b: Meta, _ a: Meta, _ e: Event, _ p: inout Parts) {
        if b.title != a.title {
            p.add(b.title.isEmpty ? t("replay.fx.title", ["title": a.title])
                                  : t("replay.fx.title-changed", ["old": b.title, "new": a.title]))
        }
        if b.period != a.period {
            p.add(b.period.isEmpty ? t("replay.fx.period", ["period": a.period])
                                   : t("replay.fx.period-changed", ["old": b.period, "new": a.period]))
        }
        if b.grades != a.grades { p.add(t("replay.fx.grades", ["bands": a.gradeBands.text])) }
        if b.director != a.director, let d = a.director { p.add(t("replay.fx.director", ["name": d])) }
        if (b.hiddenVotes ?? false) != (a.hiddenVotes ?? false) { p.add(t(a.hiddenVotes == true ? "replay.fx.votes-hidden" : "replay.fx.votes-shown")) }
        if b.timer != a.timer {
            if let old = b.timer {
                let ran = (LocalTime.epoch(e.time) ?? 0) - (LocalTime.epoch(old.start) ?? 0)
                p.add(t("replay.fx.timer-stopped", ["label": old.label ?? t("timer.unnamed"), "ran": Timebox.text(max(0, ran)),
                                                    "of": Timebox.text(old.seconds)]))
            }
            if let new = a.timer {
                p.add(t("replay.fx.timer", ["label": new.label ?? t("timer.unnamed"), "time": Timebox.text(new.seconds)]))
            }
        }
        if b.step != a.step {
            let to = Status.stepTitle(a.step)
            if e.kind == "step.force" {
                let reason = Self.flagValue("force", in: e.command) ?? "?"
                p.add(t("replay.fx.step-forced", ["step": to, "reason": reason]))
            } else {
                p.add(t(a.step > b.step ? "replay.fx.step-next" : "replay.fx.step-back", ["step": to]))
            }
        }
    }

    private func depts(_ cs: [Change<Department>], _ s: State, _ p: inout Parts) {
        let created = cs.filter { $0.before == nil }.compactMap(\.after)
        if created.count > 2 {
            p.add(tn("replay.fx.depts-added", created.count, ["names": Self.list(created.map(\.name))]))
        } else {
            for d in created {
                var who: [String] = []
                if let h = d.head { who.append(t("replay.fx.head", ["name": h])) }
                if let sv = d.supervisor { who.append(t("replay.fx.supervisor", ["name": sv])) }
                p.add(t("replay.fx.dept-added", ["name": d.name]) + (who.isEmpty ? "" : " (" + who.joined(separator: Punct.phrases) + ")"))
            }
        }
        for c in cs {
            guard let b = c.before else { continue }
            guard let a = c.after else { p.add(t("replay.fx.dept-removed", ["name": b.name])); continue }
            if b.name != a.name { p.add(t("replay.fx.dept-renamed", ["old": b.name, "new": a.name])) }
            if b.head != a.head { p.add(t("replay.fx.dept-role", ["name": a.name, "role": Signatures.roleName(.head), "old": b.head ?? "–", "new": a.head ?? "–"])) }
            if b.supervisor != a.supervisor {
                p.add(t("replay.fx.dept-role", ["name": a.name, "role": Signatures.roleName(.supervisor), "old": b.supervisor ?? "–", "new": a.supervisor ?? "–"]))
            }
        }
    }

    private func kpis(_ cs: [Change<KPI>], createdDepts: Int, _ e: Event, _ s: State, _ p: inout Parts) {
        guard !cs.isEmpty else { return }
        for c in cs { if let k = c.after ?? c.before { p.depts.insert(k.dept) } }
        let created = cs.filter { $0.before == nil }.compactMap(\.after)
        let removed = cs.filter { $0.after == nil }.compactMap(\.before)
        let edited = cs.filter { $0.before != nil && $0.after != nil }
        if created.count == 1 && createdDepts == 0 {
            let k = created[0]
            p.add(t("replay.fx.kpi-added", ["id": "\(k.ref)", "name": k.name, "dept": name(k.dept, s)]))
        } else if !created.isEmpty {
            var what = tn("replay.fx.n-kpis", created.count)
            if createdDepts > 0 { what += Punct.list + tn("replay.fx.n-depts-created", createdDepts) }
            let key = e.kind == "kpi.import" ? "replay.fx.kpis-imported" : "replay.fx.kpis-added"
            p.add(t(key, ["ids": IDList.compact("K", created.map(\.id)), "what": what]))
        }
        if removed.count == 1 {
            let k = removed[0]
            p.add(t("replay.fx.kpi-removed", ["id": "\(k.ref)", "name": k.name, "dept": name(k.dept, s)]))
        } else if !removed.isEmpty {
            p.add(t("replay.fx.kpis-removed", ["ids": IDList.compact("K", removed.map(\.id)), "what": tn("replay.fx.n-kpis", removed.count)]))
        }
        if edited.count == 1, let b = edited[0].before, let a = edited[0].after {
            let diff = Self.kpiDiff(b, a, s)
            p.add(t("replay.fx.kpi-edited", ["id": "\(a.ref)", "diff": diff.isEmpty ? t("replay.fx.details") : diff]))
        } else if !edited.isEmpty {
            p.add(t("replay.fx.kpis-edited", ["ids": IDList.compact("K", edited.map(\.key))]))
        }
    }

    static func kpiDiff(_ b: KPI, _ a: KPI, _ s: State) -> String {
        var out: [String] = []
        func add(_ field: String, _ x: String?, _ y: String?) {
            if x != y { out.append("\(t(field)) \(x ?? "–") → \(y ?? "–")") }
        }
        add("replay.field.name", b.name, a.name)
        if b.dept != a.dept { add("replay.field.department", s.deptName(b.dept), s.deptName(a.dept)) }
        add("field.metric", b.metric, a.metric)
        add("replay.field.direction", b.dir?.rawValue, a.dir?.rawValue)
        if b.target != a.target { add("field.target", b.target.map { Num.show($0) }, a.target.map { Num.show($0) }) }
        add("field.unit", b.unit, a.unit)
        add("replay.field.source", b.source, a.source)
        add("replay.field.cycle", b.cycle?.rawValue, a.cycle?.rawValue)
        if b.weight != a.weight { add("replay.field.weight", b.weight.map { Num.show($0) }, a.weight.map { Num.show($0) }) }
        add("field.owner", b.owner, a.owner)
        return out.joined(separator: Punct.phrases)
    }

    private func metrics(_ cs: [Change<Metric>], _ p: inout Parts) {
        for c in cs {
            let key = c.before == nil ? "replay.fx.metric-added" : c.after == nil ? "replay.fx.metric-removed" : "replay.fx.metric-changed"
            p.add(t(key, ["key": c.key]))
        }
    }

    private func tensions(_ cs: [Change<Tension>], _ p: inout Parts) {
        for c in cs {
            guard let x = c.after ?? c.before else { continue }
            let pair = "\(x.a) \(x.aDir.arrow) ↔ \(x.b) \(x.bDir.arrow)"
            p.add(t(c.before == nil ? "replay.fx.tension-added" : c.after == nil ? "replay.fx.tension-removed" : "replay.fx.tension-changed",
                    ["pair": pair]))
        }
    }

    private func conflicts(_ cs: [Change<Conflict>], _ s: State, _ p: inout Parts) {
        guard !cs.isEmpty else { return }
        for c in cs { for d in (c.after ?? c.before)?.depts ?? [] { p.depts.insert(d) } }
        let created = cs.filter { $0.before == nil }.compactMap(\.after)
        if created.count == 1 {
            let c = created[0]
            p.add(t("replay.fx.conflict-found", ["id": "\(c.ref)", "severity": c.severity.label, "rule": c.rule,
                                                  "depts": c.depts.map { name($0, s) }.joined(separator: " ↔ ")]))
        } else if !created.isEmpty {
            let bySeverity = Severity.allCases.compactMap { sev -> String? in
                let n = created.filter { $0.severity == sev }.count
                return n == 0 ? nil : t("audit.summary.severity", ["n": "\(n)", "severity": sev.label])
            }
            p.add(t("replay.fx.conflicts-found", ["ids": IDList.compact("C", created.map(\.id)), "what": tn("replay.fx.n-conflicts", created.count),
                                                   "severity": bySeverity.joined(separator: Punct.list)]))
        }
        // status changes, grouped by the status they reach
        var reached: [ConflictStatus: [Conflict]] = [:]
        var other: [Int] = []
        for c in cs {
            guard let b = c.before, let a = c.after else { continue }
            if b.status != a.status { reached[a.status, default: []].append(a) } else if b != a { other.append(a.id) }
        }
        for status in ConflictStatus.allCases {
            guard let list = reached[status], !list.isEmpty else { continue }
            let ids = IDList.compact("C", list.map(\.id))
            switch status {
            case .resolved, .accepted:
                if list.count == 1, let note = list[0].note {
                    p.add(t("replay.fx.conflict-settled-note", ["ids": ids, "status": status.label, "note": note]))
                } else {
                    p.add(t("replay.fx.conflict-settled", ["ids": ids, "status": status.label]))
                }
            case .open:
                let fromGone = list.allSatisfy { c in cs.first { $0.key == c.id }?.before?.status == .gone }
                p.add(t(fromGone ? "replay.fx.conflict-back" : "replay.fx.conflict-reopened", ["ids": ids]))
            case .gone:
                p.add(t("replay.fx.conflict-gone", ["ids": ids]))
            }
        }
        if !other.isEmpty { p.add(t("replay.fx.conflict-updated", ["ids": IDList.compact("C", other)])) }
        let removed = cs.filter { $0.after == nil }.compactMap(\.before)
        if !removed.isEmpty { p.add(t("replay.fx.conflicts-removed", ["ids": IDList.compact("C", removed.map(\.id))])) }
    }

    private func goals(_ cs: [Change<Goal>], _ e: Event, _ s: State, _ p: inout Parts) {
        for c in cs {
            p.goals.insert(c.key)
            let id = "\(ID(.goal, c.key))"
            guard let a = c.after else {
                p.add(t("replay.fx.goal-removed", ["id": id, "title": c.before?.current.title ?? ""]))
                continue
            }
            if let o = a.current.owner { p.depts.insert(o) }
            guard let b = c.before else {
                let grade = Smart.grade(a.current, goalID: a.id, in: s, now: e.time)
                p.add(t("replay.fx.goal-proposed", ["id": id, "n": "\(a.current.number)", "title": a.current.title,
                                                     "smart": Self.smartWords(grade)]))
                continue
            }
            var said = false
            if a.revisions.count > b.revisions.count {
                let diff = GoalText.diff(b.current, a.current, in: s)
                p.add(t("replay.fx.goal-revised", ["id": id, "n": "\(a.current.number)",
                                                    "diff": diff.isEmpty ? t("replay.fx.details") : diff.joined(separator: Punct.clauses)]))
                said = true
            } else if a.revisions.count < b.revisions.count {
                p.add(t("replay.fx.goal-revision-back", ["id": id, "n": "\(a.current.number)"]))
                said = true
            } else if a.revisions != b.revisions {
                p.add(t("replay.fx.goal-revision-changed", ["id": id, "n": "\(a.current.number)"]))
                said = true
            }
            if a.status != b.status {
                switch a.status {
                case .adopted:
                    let cast = votes(on: a.id)
                    for v in cast where v.revision == a.current.number { p.depts.insert(v.dept) }
                    p.add(t("replay.fx.goal-adopted", ["id": id, "n": "\(a.adoptedRevision ?? a.current.number)",
                                                       "tally": Consent.tally(a, in: s, votes: cast)]))
                case .dropped:
                    p.add(t("replay.fx.goal-dropped", ["id": id, "reason": a.dropReason ?? "?"]))
                case .proposed:
                    if !said { p.add(t("replay.fx.goal-back-to-proposed", ["id": id, "n": "\(a.current.number)"])) }
                    else if b.status == .adopted { p.add(t("replay.fx.goal-unadopted", ["id": id])) }
                }
                said = true
            }
            if a.stages != b.stages {
                p.add(a.stages.isEmpty ? t("replay.fx.goal-unmapped", ["id": id])
                                       : t("replay.fx.goal-mapped", ["id": id, "stages": Mapping.stageNames(a.stages.sorted())]))
                said = true
            }
            if !said { p.add(t("replay.fx.goal-changed", ["id": id])) }
        }
    }

    /// Votes cast (with the tally after them) and votes withdrawn (an undo, a department removed).
    private func votes(_ cs: [Change<Vote>], _ s: State, _ p: inout Parts) {
        guard !cs.isEmpty else { return }
        var cast: [Vote] = [], withdrawn: [Int: Int] = [:]
        for c in cs {
            if let v = c.after ?? c.before { p.depts.insert(v.dept); p.goals.insert(v.goal) }
            if let a = c.after { cast.append(a) } else if let b = c.before { withdrawn[b.goal, default: 0] += 1 }
        }
        for v in cast {
            var text = t("replay.fx.vote", ["id": "\(ID(.goal, v.goal))", "n": "\(v.revision)", "dept": name(v.dept, s), "choice": v.choice.label])
            if let g = s.goals[v.goal], v.revision == g.current.number {
                text += ": " + Consent.tally(g, in: s, votes: votes(on: g.id))
            }
            p.add(text)
        }
        for goal in withdrawn.keys.sorted() {
            p.add(tn("replay.fx.votes-withdrawn", withdrawn[goal]!, ["id": "\(ID(.goal, goal))"]))
        }
    }

    private func contribs(_ cs: [Change<Contribution>], _ s: State, _ p: inout Parts) {
        guard !cs.isEmpty else { return }
        for c in cs {
            for x in [c.before, c.after].compactMap({ $0 }) { p.depts.insert(x.dept); p.goals.insert(x.goal) }
        }
        let created = cs.filter { $0.before == nil }.compactMap(\.after)
        let removed = cs.filter { $0.after == nil }.compactMap(\.before)
        let edited = cs.filter { $0.before != nil && $0.after != nil }
        if created.count <= 2 {
            for x in created {
                p.add(t("replay.fx.contrib-added", ["id": "\(x.ref)", "dept": name(x.dept, s), "goal": "\(ID(.goal, x.goal))",
                                                     "stage": x.stage.label, "kpi": x.kpi, "weight": Num.show(x.weight)]))
            }
        } else {
            p.add(t("replay.fx.contribs-added", ["ids": IDList.compact("X", created.map(\.id)), "what": tn("replay.fx.n-contribs", created.count)]))
        }
        if removed.count <= 2 {
            for x in removed {
                p.add(t("replay.fx.contrib-removed", ["id": "\(x.ref)", "dept": name(x.dept, s), "kpi": x.kpi]))
            }
        } else {
            p.add(t("replay.fx.contribs-removed", ["ids": IDList.compact("X", removed.map(\.id)), "what": tn("replay.fx.n-contribs", removed.count)]))
        }
        if edited.count == 1, let b = edited[0].before, let a = edited[0].after {
            let diff = Self.contribDiff(b, a, s)
            p.add(t("replay.fx.contrib-edited", ["id": "\(a.ref)", "diff": diff.isEmpty ? t("replay.fx.details") : diff]))
        } else if !edited.isEmpty {
            p.add(t("replay.fx.contribs-edited", ["ids": IDList.compact("X", edited.map(\.key))]))
        }
    }

    static func contribDiff(_ b: Contribution, _ a: Contribution, _ s: State) -> String {
        var out: [String] = []
        func add(_ field: String, _ x: String?, _ y: String?) {
            if x != y { out.append("\(field == "KPI" ? field : t(field)) \(x ?? "–") → \(y ?? "–")") }
        }
        func number(_ field: String, _ x: Double, _ y: Double) {
            if x != y { add(field, Num.show(x), Num.show(y)) }
        }
        add("replay.field.goal", "\(ID(.goal, b.goal))", "\(ID(.goal, a.goal))")
        if b.dept != a.dept { add("replay.field.department", s.deptName(b.dept), s.deptName(a.dept)) }
        add("replay.field.stage", b.stage.label, a.stage.label)
        add("KPI", b.kpi, a.kpi)
        add("field.metric", b.metric, a.metric)
        number("field.target", b.target, a.target)
        number("replay.field.challenge", b.challenge, a.challenge)
        number("replay.field.floor", b.floor, a.floor)
        add("field.unit", b.unit, a.unit)
        number("replay.field.weight", b.weight, a.weight)
        add("replay.field.source", b.source, a.source)
        add("replay.field.cycle", b.cycle.label, a.cycle.label)
        return out.joined(separator: Punct.phrases)
    }

    private func signatures(_ cs: [Change<Signature>], _ s: State, _ p: inout Parts) {
        for c in cs {
            guard let sig = c.after ?? c.before else { continue }
            p.depts.insert(sig.dept)
            let role = Signatures.roleName(sig.role)
            if c.before == nil {
                p.add(t(sig.delegate ? "replay.fx.signed-delegate" : "replay.fx.signed",
                        ["dept": name(sig.dept, s), "role": role, "name": sig.name]))
            } else if c.after == nil {
                p.add(t("replay.fx.signature-removed", ["dept": name(sig.dept, s), "role": role, "name": sig.name]))
            } else {
                p.add(t("replay.fx.signature-changed", ["dept": name(sig.dept, s), "role": role]))
            }
        }
    }

    /// Signatures this event voids (that still exist after it but no longer hold). `s` is the
    /// state after the event; it is taken back and forward in place.
    static func voided(_ e: Event, _ s: inout State) throws -> [VoidGuard.Voided] {
        guard !s.signatures.isEmpty else { return [] }
        // only a change to what a letter shows voids a signature; signing (or replacing a
        // signature, or taking one back) does not void another
        let changesLetters = e.ops.contains { op in
            switch op {
            case .dept, .goal, .contrib: return true
            case let .meta(b, a): return b.title != a.title || b.period != a.period
            default: return false
            }
        }
        guard changesLetters else { return [] }
        let voided = try VoidGuard.voided(by: e.ops, in: &s)
        return voided.filter { s.signatures[$0.signature.id] != nil }
    }

    // MARK: - helpers

    /// `t(key)` with the count as `{n}` (the catalog's `{n|one|other}` picks the plural form).
    func tn(_ key: String, _ n: Int, _ args: [String: String] = [:]) -> String { Self.tn(key, n, args) }

    static func tn(_ key: String, _ n: Int, _ args: [String: String] = [:]) -> String {
        var a = args
        a["n"] = "\(n)"
        return t(key, a)
    }

    /// `all pass`, or `2 warn, 1 fail`
    static func smartWords(_ g: Smart.Grade) -> String {
        let warn = g.checks.filter { $0.level == .warn }.count
        let fail = g.checks.filter { $0.level == .fail }.count
        if warn == 0 && fail == 0 { return t("replay.fx.smart-pass") }
        var parts: [String] = []
        if fail > 0 { parts.append(t("replay.fx.smart-fail", ["n": "\(fail)"])) }
        if warn > 0 { parts.append(t("replay.fx.smart-warn", ["n": "\(warn)"])) }
        return parts.joined(separator: Punct.list)
    }

    /// `a, b, c and 3 more`
    static func list(_ names: [String], max: Int = 4) -> String {
        guard names.count > max else { return names.joined(separator: Punct.list) }
        return names.prefix(max).joined(separator: Punct.list) + " " + t("replay.fx.and-more", ["n": "\(names.count - max)"])
    }

    /// The value of `--NAME` in a command line as typed (nil when absent).
    static func flagValue(_ name: String, in command: String) -> String? {
        guard let words = try? Shell.split(command) else { return nil }
        for (i, w) in words.enumerated() {
            if w == "--" + name, i + 1 < words.count { return words[i + 1] }
            if w.hasPrefix("--\(name)=") { return String(w.dropFirst(name.count + 3)) }
        }
        return nil
    }
}

/// Lists of IDs as people read them: `K1–K12`, `C1, C3–C5`.
public enum IDList {
    public static func compact(_ letter: String, _ ids: [Int], maxRuns: Int = 6) -> String {
        let sorted = Array(Set(ids)).sorted()
        guard !sorted.isEmpty else { return "" }
        var runs: [(Int, Int)] = []
        for n in sorted {
            if let last = runs.last, last.1 + 1 == n { runs[runs.count - 1].1 = n } else { runs.append((n, n)) }
        }
        var parts = runs.prefix(maxRuns).map { a, b -> String in
            a == b ? "\(letter)\(a)" : b == a + 1 ? "\(letter)\(a)\(Punct.list)\(letter)\(b)" : "\(letter)\(a)–\(letter)\(b)"
        }
        if runs.count > maxRuns { parts.append("…") }
        return parts.joined(separator: Punct.list)
    }
}
