/// Steps 5 and 6, the year after the signatures: actuals, misses, the tracking sheet,
/// review notes, adjustments and their approval, grade bands, the review.
enum YearCommands {
    static var all: [CommandSpec] {
        [actual, actualList, miss, track, adjust, approve, aggregate, review, retro, gradeBands, director]
    }

    /// A period as typed, or the error that lists the spellings.
    static func period(_ raw: String) throws -> YearPeriod {
        guard let p = YearPeriod(parsing: raw) else {
            throw CommandError("year.bad-period", ["period": raw, "accepted": YearPeriod.accepted])
        }
        return p
    }

    /// A value as typed (2,650 · 8% · 200萬 · 1.2億), or the error that names it.
    static func value(_ raw: String, what: String) throws -> Double {
        guard let n = Num.parse(raw), n.value.isFinite else {
            throw CommandError("year.bad-value", ["value": raw, "what": t(what)])
        }
        return n.value
    }

    /// `650 leads`, `15.2%`
    static func withUnit(_ v: Double, _ unit: String) -> String {
        unit.isEmpty ? Num.show(v) : unit == "%" ? Num.format(v) + "%" : Num.show(v) + " " + unit
    }

    /// `X3 Sales-accepted leads`
    static func label(_ c: Contribution) -> String { "\(c.ref) \(c.kpi)" }

    /// `96% ⚠` — the completion and its mark, coloured.
    static func completionText(_ f: PeriodFigure) -> String {
        guard let c = f.completion else { return "–" }
        let text = YearText.fig(c) + "%"
        switch f.mark {
        case .belowFloor: return Paint.bad(text + " ✗")
        case .belowTarget: return Paint.warn(text + " ⚠")
        case .met: return Paint.good(text)
        case .none: return text
        }
    }

    static let actual = CommandSpec(
        "actual", usage: "actual ID PERIOD VALUE [--note TEXT]", example: "actual X1 2027-03 2650",
        flags: [FlagSpec("note", "TEXT")], args: 3...3, step: .track
    ) { inv, d, ctx in
        let c = try Mapping.contribution(inv.args[0], in: d.state)
        let p = try period(inv.args[1])
        let v = try value(inv.args[2], what: "what.actual")
        let note = try inv.flag("note").map { try Names.clean($0, what: "what.note") }
        let before = d.state.actuals[PeriodKey(c.id, p)]
        let a = Actual(contrib: c.id, period: p, value: v, note: note ?? before?.note, time: ctx.now)
        if let before, before.value == a.value, before.note == a.note {
            return Outcome(t("actual.same", ["id": "\(c.ref)", "period": p.label, "value": Num.show(v)]))
        }
        d.put(a)
        let fig = YearFigures(d.state).figure(c, p)
        var args = ["id": label(c), "period": p.label, "value": withUnit(v, c.unit),
                    "target": fig.bounds.map { Num.show($0.target) } ?? "–", "completion": completionText(fig)]
        var line: String
        if let before {
            args["old"] = Num.show(before.value)
            line = t("actual.replaced", args)
        } else {
            line = t("actual.recorded", args)
        }
        if fig.mark == .belowFloor || fig.mark == .belowTarget, d.state.misses[PeriodKey(c.id, p)] == nil {
            line += "\n" + t("actual.hint-miss", ["cmd": "miss \(c.ref) \(p.canonical) --cause … --action …"])
        }
        return Outcome(line, change: Proposal(kind: before == nil ? "actual.record" : "actual.replace", ops: []))
    }

    static let actualList = CommandSpec(
        "actual list", usage: "actual list [DEPT|ID]", example: "actual list 行銷部", args: 0...1, restJoins: true, step: .track
    ) { inv, d, ctx in
        let s = d.state
        var contribs: [Contribution]
        if let arg = inv.args.first {
            if let id = ID(parsing: arg, as: .contribution, bare: false), let c = s.contribs[id.number] {
                contribs = [c]
            } else {
                let dept = try Names.department(arg, in: s)
                contribs = s.contribs.filter { $0.dept == dept.id }
            }
        } else {
            contribs = s.contribs.all
        }
        let ids = Set(contribs.map(\.id))
        let rows = s.actuals.all.filter { ids.contains($0.contrib) }
        guard !rows.isEmpty else { return Outcome(t("actual.list.none")) }
        var table = TextTable([t("year.col.contribution"), t("year.col.department"), t("year.col.period"),
                               t("year.col.actual"), t("year.col.note"), t("year.col.recorded")],
                              align: [.left, .left, .left, .right, .left, .left])
        for a in rows {
            guard let c = s.contribs[a.contrib] else { continue }
            table.row([label(c), s.deptName(c.dept), a.period.label, Num.show(a.value), a.note ?? "", Time.short(a.time)])
        }
        table.wraps(0, 4)
        table.drops(5, 1)
        return Outcome(t("actual.list.title", ["n": "\(rows.count)"]) + "\n" + table.render(width: ctx.width))
    }

    static let miss = CommandSpec(
        "miss", usage: "miss ID PERIOD --cause TEXT --action TEXT [--owner PERSON]",
        example: "miss X1 2027-03 --cause \"trade show moved to April\" --action \"two webinars in April\" --owner \"Dana Reyes\"",
        flags: [FlagSpec("cause", "TEXT"), FlagSpec("action", "TEXT"), FlagSpec("owner", "PERSON")], args: 2...2, step: .track
    ) { inv, d, ctx in
        let c = try Mapping.contribution(inv.args[0], in: d.state)
        let p = try period(inv.args[1])
        guard let cause = inv.flag("cause"), let action = inv.flag("action") else {
            throw CommandError("miss.needs", ["usage": inv.spec.usage])
        }
        let owner = try inv.flag("owner").map { try Names.clean($0, what: "what.person") }
        let m = Miss(contrib: c.id, period: p, cause: try Names.clean(cause, what: "what.cause"),
                     action: try Names.clean(action, what: "what.measure"), owner: owner, time: ctx.now)
        let before = d.state.misses[m.key]
        if let before, before.cause == m.cause, before.action == m.action, before.owner == m.owner {
            return Outcome(t("miss.same", ["id": "\(c.ref)", "period": p.label]))
        }
        d.put(m)
        var line = t(before == nil ? "miss.recorded" : "miss.replaced", ["id": label(c), "period": p.label, "cause": m.cause,
                                                                      "action": m.action, "owner": owner ?? "–"])
        if d.state.actuals[m.key] == nil, YearFigures(d.state).pieces(c.id, p).isEmpty {
            line += "\n" + t("miss.no-actual", ["cmd": "actual \(c.ref) \(p.canonical) VALUE"])
        }
        return Outcome(line)
    }

    /// `[PERIOD] [DEPT]` in either order: the period when it reads as one, the department otherwise.
    static func periodAndDept(_ args: [String], _ s: State, default fallback: () -> YearPeriod?) throws -> (YearPeriod?, Set<Int>?) {
        var p: YearPeriod?
        var depts: Set<Int>?
        for a in args {
            if p == nil, let q = YearPeriod(parsing: a) { p = q; continue }
            if depts == nil, s.department(named: a) != nil || YearPeriod(parsing: a) == nil {
                depts = [try Names.department(a, in: s).id]; continue
            }
            throw CommandError("year.bad-period", ["period": a, "accepted": YearPeriod.accepted])
        }
        return (p ?? fallback(), depts)
    }

    static let track = CommandSpec(
        "track", usage: "track [PERIOD] [DEPT]", example: "track 2027-03 行銷部", args: 0...2, step: .track
    ) { inv, d, ctx in
        let s = d.state
        let (p, depts) = try periodAndDept(inv.args, s) { YearReview.latestMonth(s) }
        guard let period = p else { throw CommandError("track.nothing-yet") }
        let sheet = TrackingSheet(s, period: period, depts: depts)
        return Outcome(YearText.sheet(sheet, s, width: ctx.width))
    }

    static let review = CommandSpec(
        "review", usage: "review [PERIOD] [DEPT]", example: "review 2027-Q2", args: 0...2, step: .review
    ) { inv, d, ctx in
        let s = d.state
        let (p, depts) = try periodAndDept(inv.args, s) {
            YearReview.latestMonth(s).map { .whole($0.year) } ?? YearPeriod(parsing: s.meta.period)
        }
        guard let period = p else { throw CommandError("track.nothing-yet") }
        return Outcome(YearText.review(YearReview(s, period: period, depts: depts), s, width: ctx.width))
    }

    static let retro = CommandSpec(
        "retro", usage: "retro DEPT PERIOD --went-well TEXT --problem TEXT --next TEXT",
        example: "retro 行銷部 2027-Q1 --went-well \"webinars\" --problem \"trade show slipped\" --next \"two events a month\"",
        flags: [FlagSpec("went-well", "TEXT"), FlagSpec("problem", "TEXT"), FlagSpec("next", "TEXT")], args: 2...2, step: .review
    ) { inv, d, ctx in
        let dept = try Names.department(inv.args[0], in: d.state)
        let p = try period(inv.args[1])
        guard let well = inv.flag("went-well"), let problem = inv.flag("problem"), let next = inv.flag("next") else {
            throw CommandError("retro.needs", ["usage": inv.spec.usage])
        }
        let r = Retro(dept: dept.id, period: p, wentWell: try Names.clean(well, what: "what.note"),
                      problem: try Names.clean(problem, what: "what.note"), next: try Names.clean(next, what: "what.note"),
                      time: ctx.now)
        let before = d.state.retros[r.key]
        if let before, before.wentWell == r.wentWell, before.problem == r.problem, before.next == r.next {
            return Outcome(t("retro.same", ["dept": dept.name, "period": p.label]))
        }
        d.put(r)
        return Outcome(t(before == nil ? "retro.recorded" : "retro.replaced", ["dept": dept.name, "period": p.label]))
    }

    static let adjust = CommandSpec(
        "adjust", usage: "adjust ID --target N [--challenge N] [--floor N] --reason TEXT --from PERIOD [--basis TEXT]",
        example: "adjust X7 --target 1000 --challenge 1200 --floor 800 --reason \"new sales region\" --from 2027-07",
        flags: [FlagSpec("target", "N"), FlagSpec("challenge", "N"), FlagSpec("floor", "N"), FlagSpec("reason", "TEXT"),
                FlagSpec("from", "PERIOD"), FlagSpec("basis", "TEXT")],
        args: 1...1, step: .track
    ) { inv, d, ctx in
        let s = d.state
        let c = try Mapping.contribution(inv.args[0], in: s)
        guard Mapping.counts(c, in: s) else { throw CommandError("adjust.not-on-letter", ["id": "\(c.ref)"]) }
        guard let reasonRaw = inv.flag("reason"), let fromRaw = inv.flag("from"),
              inv.flag("target") != nil || inv.flag("challenge") != nil || inv.flag("floor") != nil else {
            throw CommandError("adjust.needs", ["usage": inv.spec.usage])
        }
        let from = try period(fromRaw)
        let old = Bounds(floor: c.floor, target: c.target, challenge: c.challenge)
        let new = Bounds(floor: try inv.flag("floor").map { try value($0, what: "what.floor") } ?? c.floor,
                         target: try inv.flag("target").map { try value($0, what: "what.target") } ?? c.target,
                         challenge: try inv.flag("challenge").map { try value($0, what: "what.challenge") } ?? c.challenge)
        guard new != old else { throw CommandError("adjust.no-change", ["id": "\(c.ref)"]) }
        if let problem = new.error(dir: Mapping.direction(of: c, catalog: Catalog(s)), metric: c.metric) {
            throw CommandError(problem)
        }
        let a = Adjustment(id: d.nextID(.adjustment), contrib: c.id, from: from, new: new, old: old,
                           reason: try Names.clean(reasonRaw, what: "what.reason"),
                           basis: try inv.flag("basis").map { try Names.clean($0, what: "what.reason") }, requested: ctx.now)
        d.put(a)
        let dept = s.depts[c.dept]
        return Outcome(t("adjust.requested", ["id": "\(a.ref)", "contrib": label(c), "change": YearText.boundsChange(old, new),
                                              "from": from.label, "who": dept?.supervisor ?? s.meta.director ?? "–",
                                              "cmd": "approve \(a.ref) \(Shell.quote(dept?.supervisor ?? s.meta.director ?? "NAME"))"]))
    }

    static let approve = CommandSpec(
        "approve", usage: "approve ADJUSTMENT NAME", example: "approve A1 \"Chris Wong\"", args: 2...2, restJoins: true, step: .track
    ) { inv, d, ctx in
        let s = d.state
        guard let id = ID(parsing: inv.args[0], as: .adjustment), var a = s.adjustments[id.number] else {
            let all = s.adjustments.all.map { "\($0.ref)" }
            throw CommandError(all.isEmpty ? "adjust.none-yet" : "adjust.unknown", ["id": inv.args[0], "all": all.joined(separator: Punct.list)])
        }
        guard a.status == .requested else {
            throw CommandError("adjust.already", ["id": "\(a.ref)", "who": a.approvedBy ?? "–", "time": Time.short(a.approved ?? "")])
        }
        guard var c = s.contribs[a.contrib] else { throw CommandError("adjust.contrib-gone", ["id": "\(a.ref)"]) }
        let name = try Names.clean(inv.args[1], what: "what.person")
        let dept = s.depts[c.dept]
        let allowed = [dept?.supervisor, s.meta.director].compactMap { $0 }
        guard let who = allowed.first(where: { $0 == name || $0.lowercased() == name.lowercased() }) else {
            throw CommandError("adjust.not-approver", ["name": name, "dept": dept?.name ?? "–",
                                                       "allowed": allowed.isEmpty ? "–" : allowed.joined(separator: Punct.list)])
        }
        a.status = .approved
        a.approvedBy = who
        a.approved = ctx.now
        d.put(a)
        c.floor = a.floor; c.target = a.target; c.challenge = a.challenge
        d.put(c)
        let revision = Letter(dept ?? Department(id: c.dept, name: ""), in: d.state).revision
        return Outcome(Paint.good(t("adjust.approved", ["id": "\(a.ref)", "who": who, "contrib": label(c),
                                                        "change": YearText.boundsChange(a.oldBounds, a.newBounds),
                                                        "from": a.from.label, "dept": dept?.name ?? "–", "n": "\(revision)"])))
    }

    static let aggregate = CommandSpec(
        "aggregate", usage: "aggregate ID sum|mean|last|default", example: "aggregate X4 last", args: 2...2, step: .track
    ) { inv, d, _ in
        var c = try Mapping.contribution(inv.args[0], in: d.state)
        let word = inv.args[1].lowercased()
        let agg: Aggregation?
        if word == "default" || word == "-" { agg = nil } else {
            guard let a = Aggregation(parsing: word) else { throw CommandError("aggregate.bad", ["value": inv.args[1]]) }
            agg = a
        }
        let before = YearFigures(d.state).aggregation(c)
        c.aggregation = agg
        d.put(c)
        let now = YearFigures(d.state).aggregation(c)
        return Outcome(t("aggregate.set", ["id": label(c), "agg": t("aggregation." + now.rawValue),
                                           "old": t("aggregation." + before.rawValue)]))
    }

    static let gradeBands = CommandSpec(
        "grade bands", usage: "grade bands [GRADE:MIN …]", example: "grade bands S:120 A:100 B:80 C:0", args: 0...8, step: .review
    ) { inv, d, _ in
        guard !inv.args.isEmpty else { return Outcome(t("grade.show", ["bands": d.state.meta.gradeBands.text])) }
        let bands: GradeBands
        switch GradeBands.parse(inv.args) {
        case let .success(b): bands = b
        case let .failure(e): throw e
        }
        d.meta { $0.grades = bands == .standard ? nil : bands }
        return Outcome(t("grade.set", ["bands": bands.text]))
    }

    static let director = CommandSpec(
        "director", usage: "director [NAME]", example: "director \"Chris Wong\"", args: 0...1, restJoins: true, step: .review
    ) { inv, d, _ in
        guard let raw = inv.args.first else {
            return Outcome(d.state.meta.director.map { t("director.show", ["name": $0]) } ?? t("director.none"))
        }
        let name = try Names.clean(raw, what: "what.person")
        d.meta { $0.director = name }
        return Outcome(t("director.set", ["name": name]))
    }
}
