/// Step 2, goals: shared goals, their SMART check, and adoption by consent.
enum GoalCommands {
    static var all: [CommandSpec] {
        [goalAdd, goalEdit, goalList, goalShow, goalSmart, goalSuggest, vote, goalAdopt, goalDrop]
    }

    static let goalFlags = [FlagSpec("metric", "KEY"), FlagSpec("baseline", "N"), FlagSpec("target", "N"),
                            FlagSpec("unit", "U"), FlagSpec("by", "YYYY-MM-DD"), FlagSpec("owner", "DEPT")]

    static let goalAdd = CommandSpec(
        "goal add", usage: "goal add TITLE --metric KEY --baseline N --target N --unit U --by YYYY-MM-DD [--owner DEPT]",
        example: "goal add \"Raise customer lifetime value\" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027-12-31 --owner Sales",
        flags: goalFlags, args: 1...1, step: .goals
    ) { inv, d, ctx in
        let title = try Names.clean(inv.args[0], what: "what.goal-title")
        var r = GoalRevision(number: 1, title: title, time: ctx.now)
        try apply(inv, to: &r, in: d.state)
        let id = d.nextID(.goal)
        d.put(Goal(id: id, first: r))
        let grade = Smart.grade(r, goalID: id, in: d.state, now: ctx.now)
        var lines: [String] = [t("goal.added", ["id": "\(ID(.goal, id))", "title": title])]
        lines.append("  " + GoalText.summary(r, in: d.state))
        lines.append("  SMART  " + grade.line)
        lines += GoalText.smartProblems(grade)
        if r.metric == nil { lines.append(Paint.warn(t("goal.added-no-metric", ["id": "\(ID(.goal, id))"]))) }
        if let other = sameTitle(title, except: id, in: d.state) {
            lines.append(Paint.warn(t("goal.same-title", ["id": "\(ID(.goal, id))", "other": "\(other.ref)", "title": other.current.title])))
        }
        lines.append(t("goal.vote-hint", ["id": "\(ID(.goal, id))"]))
        return Outcome(lines.joined(separator: "\n"))
    }

    static let goalEdit = CommandSpec(
        "goal edit", usage: "goal edit ID [--title TEXT] [--metric KEY] [--baseline N] [--target N] [--unit U] [--by YYYY-MM-DD] [--owner DEPT]",
        example: "goal edit G1 --target 14500", flags: [FlagSpec("title", "TEXT")] + goalFlags, args: 1...1, step: .goals
    ) { inv, d, ctx in
        var g = try goal(inv.args[0], in: d.state)
        guard g.status != .dropped else { throw CommandError("goal.dropped-already", ["id": "\(g.ref)"]) }
        var r = g.current
        r.number += 1
        r.time = ctx.now
        if let title = inv.flag("title") { r.title = try Names.clean(title, what: "what.goal-title") }
        try apply(inv, to: &r, in: d.state)
        let changes = GoalText.diff(g.current, r, in: d.state)
        guard !changes.isEmpty else { throw CommandError("goal.edit-nothing", ["id": "\(g.ref)"]) }
        let wasAdopted = g.status == .adopted
        g.revisions.append(r)
        g.status = .proposed
        g.adoptedRevision = nil
        d.put(g)
        let grade = Smart.grade(r, goalID: g.id, in: d.state, now: ctx.now)
        var lines = [t("goal.revised", ["id": "\(g.ref)", "n": "\(r.number)", "changes": changes.joined(separator: Punct.clauses)]),
                     "  SMART  " + grade.line] + GoalText.smartProblems(grade)
        if inv.flag("title") != nil, let other = sameTitle(r.title, except: g.id, in: d.state) {
            lines.append(Paint.warn(t("goal.same-title", ["id": "\(g.ref)", "other": "\(other.ref)", "title": other.current.title])))
        }
        lines.append(wasAdopted ? Paint.warn(t("goal.revised-was-adopted", ["id": "\(g.ref)"])) : t("goal.votes-reset", ["id": "\(g.ref)"]))
        return Outcome(lines.joined(separator: "\n"))
    }

    static let goalList = CommandSpec("goal list", usage: "goal list", example: "goal list", step: .goals) { _, d, ctx in
        let s = d.state
        // a carried session says last year's goals are there to look at (`goal last-year`)
        let lastYear = s.lastYearGoals.isEmpty ? nil : TextWrap.block(Paint.faint(t("carry.goals.in-list", ["n": "\(s.lastYearGoals.count)"])),
                                                                      width: ctx.width, hanging: 2)
        guard !s.goals.isEmpty else { return Outcome([t("goal.none"), lastYear].compactMap { $0 }.joined(separator: "\n")) }
        var table = TextTable([t("col.id"), t("col.goal"), t("col.metric"), t("col.from-to"), t("col.by"), t("col.status"), "SMART", t("col.votes")])
        table.wraps(1, 3, 5, 7)
        table.drops(4, 6, 2)
        for g in s.goals.all {
            let r = g.current
            let grade = Smart.grade(r, goalID: g.id, in: s, now: ctx.now)
            table.row(["\(g.ref)", r.title, r.metric ?? "–", GoalText.fromTo(r), r.by.map { Dates.show($0) } ?? "–",
                       GoalText.status(g), grade.line, g.status == .dropped ? "–" : Consent.shownTally(g, in: s)])
        }
        return Outcome([table.render(width: ctx.width), lastYear].compactMap { $0 }.joined(separator: "\n"))
    }

    static let goalShow = CommandSpec("goal show", usage: "goal show ID", example: "goal show G1", args: 1...1, step: .goals) { inv, d, ctx in
        let g = try goal(inv.args[0], in: d.state)
        return Outcome(TextWrap.block(GoalText.show(g, in: d.state, now: ctx.now), width: ctx.width, hanging: 2))
    }

    static let goalSmart = CommandSpec("goal smart", usage: "goal smart ID", example: "goal smart G1", args: 1...1, step: .goals) { inv, d, ctx in
        let g = try goal(inv.args[0], in: d.state)
        let grade = Smart.grade(g.current, goalID: g.id, in: d.state, now: ctx.now)
        var table = TextTable(indent: 2)
        for c in grade.checks { table.row([c.letter.rawValue, c.letter.name, c.level.mark + " " + c.level.rawValue, c.reason]) }
        return Outcome("\(g.ref) \(g.current.title) · r\(g.current.number)\n" + table.render())
    }

    static let goalSuggest = CommandSpec("goal suggest", usage: "goal suggest", example: "goal suggest", step: .goals) { _, d, _ in
        let s = d.state
        let tensions = Suggest.tensions(s)
        guard !tensions.isEmpty else {
            return Outcome(s.conflicts.isEmpty ? t("suggest.no-audit") : t("suggest.none-open"))
        }
        let all = Suggest.suggestions(s)
        var lines = [t("suggest.head", ["n": "\(tensions.count)"])]
        for c in tensions {
            let depts = c.depts.map { s.deptName($0) }.joined(separator: " ↔ ")
            lines.append("")
            lines.append(" \(c.ref)  \(depts)  " + Paint.faint(c.explanation.rendered()))
            let mine = all.filter { $0.conflict == c.id }
            if mine.isEmpty { lines.append("     " + t("suggest.nothing")) }
            for sg in mine { lines.append("     " + sg.line) }
        }
        if all.contains(where: { !$0.line.contains("--baseline") }) { lines += ["", t("suggest.fill-in")] }
        return Outcome(lines.joined(separator: "\n"))
    }

    static let vote = CommandSpec(
        "vote", usage: "vote ID DEPT agree|abstain|object|block [REASON]",
        example: "vote G1 \"Customer Success\" object \"Retention work needs a support headcount decision first\"",
        args: 3...4, restJoins: true, step: .goals
    ) { inv, d, ctx in
        let g = try goal(inv.args[0], in: d.state)
        let dept = try Names.department(inv.args[1], in: d.state)
        guard let choice = VoteChoice(parsing: inv.args[2]) else {
            let nearest = Nearest.match(inv.args[2], in: VoteChoice.allWords)
            throw CommandError(.suggesting("vote.bad-choice", ["choice": inv.args[2], "accepted": VoteChoice.accepted], nearest: nearest))
        }
        let reason = inv.args.count > 3 ? inv.args[3].trimmingCharacters(in: .whitespaces) : ""
        if (choice == .object || choice == .block) && reason.isEmpty {
            throw CommandError("vote.needs-reason", ["choice": choice.rawValue, "id": "\(g.ref)", "dept": Shell.quote(dept.name)])
        }
        switch g.status {
        case .adopted: throw CommandError("vote.adopted", ["id": "\(g.ref)"])
        case .dropped: throw CommandError("goal.dropped-already", ["id": "\(g.ref)"])
        case .proposed: break
        }
        let previous = Consent.currentVotes(g, in: d.state)[dept.id]
        d.put(Vote(id: d.nextID(.vote), goal: g.id, revision: g.current.number, dept: dept.id, choice: choice,
                   reason: reason.isEmpty ? nil : reason, time: ctx.now))
        var line = t("vote.recorded", ["id": "\(g.ref)", "n": "\(g.current.number)", "dept": dept.name, "choice": choice.label])
        if let p = previous { line += " " + t("vote.replaces", ["choice": p.choice.label]) }
        return Outcome(line + "\n  " + t("vote.tally", ["id": "\(g.ref)", "n": "\(g.current.number)", "tally": Consent.shownTally(g, in: d.state)]))
    }

    static let goalAdopt = CommandSpec("goal adopt", usage: "goal adopt ID", example: "goal adopt G1", args: 1...1, step: .goals) { inv, d, _ in
        var g = try goal(inv.args[0], in: d.state)
        switch g.status {
        case .adopted: throw CommandError("goal.adopted-already", ["id": "\(g.ref)", "n": "\(g.adoptedRevision ?? g.current.number)"])
        case .dropped: throw CommandError("goal.dropped-already", ["id": "\(g.ref)"])
        case .proposed: break
        }
        let v = Consent.verdict(g, in: d.state)
        guard v.canAdopt else {
            var lines = [Paint.bad(t("adopt.refused", ["id": "\(g.ref)", "title": g.current.title, "n": "\(g.current.number)"]))]
            for b in v.blocks { lines.append("  " + t("adopt.block", ["dept": d.state.deptName(b.dept), "reason": b.reason ?? ""])) }
            for o in v.objections { lines.append("  " + t("adopt.objection", ["dept": d.state.deptName(o.dept), "reason": o.reason ?? ""])) }
            if !v.missing.isEmpty {
                lines.append("  " + t("adopt.missing", ["depts": v.missing.map { d.state.deptName($0) }.joined(separator: Punct.list)]))
            }
            if !v.blocks.isEmpty || !v.objections.isEmpty {
                let who = (v.blocks + v.objections).map { d.state.deptName($0.dept) }
                lines.append("  " + t("adopt.answer", ["id": "\(g.ref)", "who": who.joined(separator: Punct.list)]))
            } else {
                lines.append("  " + t("adopt.vote-hint", ["id": "\(g.ref)"]))
            }
            return .refused(lines.joined(separator: "\n"))
        }
        g.status = .adopted
        g.adoptedRevision = g.current.number
        d.put(g)
        return Outcome(Paint.good(t("adopt.done", ["id": "\(g.ref)", "title": g.current.title, "n": "\(g.current.number)",
                                                   "tally": Consent.tally(g, in: d.state)])))
    }

    static let goalDrop = CommandSpec(
        "goal drop", usage: "goal drop ID REASON", example: "goal drop G3 \"folded into G1\"", args: 2...2, restJoins: true, step: .goals
    ) { inv, d, _ in
        var g = try goal(inv.args[0], in: d.state)
        guard g.status != .dropped else { throw CommandError("goal.dropped-already", ["id": "\(g.ref)"]) }
        let reason = inv.args[1].trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw CommandError("goal.drop-needs-reason") }
        g.status = .dropped
        g.dropReason = reason
        d.put(g)
        let contribs = d.state.contribs.filter { $0.goal == g.id }.count
        var out = t("goal.dropped", ["id": "\(g.ref)", "title": g.current.title, "reason": reason])
        if contribs > 0 { out += "\n" + Paint.warn(t("goal.dropped-contribs", ["n": "\(contribs)"])) }
        return Outcome(out)
    }

    // MARK: helpers

    /// G1, g1 or 1.
    static func goal(_ text: String, in s: State) throws -> Goal {
        guard let id = ID(parsing: text, as: .goal), let g = s.goals[id.number] else {
            let all = s.goals.all.map { "\($0.ref)" }
            throw CommandError(all.isEmpty ? Message("goal.none-yet", ["id": text])
                                            : Message("goal.unknown", ["id": text, "all": all.joined(separator: Punct.list)]))
        }
        return g
    }

    /// Another goal, not dropped, whose current title is this one (ignoring case and runs
    /// of spaces): a goal proposed twice.
    static func sameTitle(_ title: String, except id: Int, in s: State) -> Goal? {
        func key(_ t: String) -> String { t.lowercased().split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).joined(separator: " ") }
        let k = key(title)
        return s.goals.all.first { $0.id != id && $0.status != .dropped && key($0.current.title) == k }
    }

    /// Applies --metric, --baseline, --target, --unit, --by, --owner to a revision.
    static func apply(_ inv: Invocation, to r: inout GoalRevision, in s: State) throws {
        if let m = inv.flag("metric") {
            let catalog = Catalog(s)
            guard let key = catalog.resolve(m) else {
                let nearest = Nearest.match(m, in: catalog.keys).map { "--metric \($0)" }
                throw CommandError(.suggesting("goal.unknown-metric", ["key": m], nearest: nearest))
            }
            r.metric = key
        }
        for (flag, path) in [("baseline", \GoalRevision.baseline), ("target", \GoalRevision.target)] {
            guard let raw = inv.flag(flag) else { continue }
            guard let n = Num.parse(raw) else {
                throw CommandError("error.not-a-number", ["flag": "--" + flag, "value": raw])
            }
            r[keyPath: path] = n.value
            if r.unit == nil, inv.flag("unit") == nil, let u = n.unit { r.unit = u }
        }
        if let u = inv.flag("unit") { r.unit = try Names.clean(u, what: "what.unit") }
        if let by = inv.flag("by") {
            guard let date = Dates.parse(by) else { throw CommandError("goal.bad-date", ["value": by]) }
            r.by = date
        }
        if let o = inv.flag("owner") { r.owner = try Names.department(o, in: s).id }
    }
}
