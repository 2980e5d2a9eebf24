/// Step 3, map: the AARRR stages each goal touches, and each department's contribution KPIs
/// (weight, floor / target / challenge, unit, data source, review cycle).
///
/// Mapping and contributing to a goal that is not adopted yet is allowed (the room often
/// sketches the map while a goal is still being voted on); those contributions are shown as
/// pending and join the department's letter, weights and the gate once the goal is adopted.
enum MapCommands {
    static var all: [CommandSpec] {
        [map, contribAdd, contribEdit, contribRemove, contribList, grid]
    }

    static let contribFlags = [
        FlagSpec("stage", "S"), FlagSpec("kpi", "NAME"), FlagSpec("metric", "KEY"), FlagSpec("target", "N"),
        FlagSpec("challenge", "N"), FlagSpec("floor", "N"), FlagSpec("unit", "U"), FlagSpec("weight", "W"),
        FlagSpec("source", "S"), FlagSpec("cycle", "C"),
    ]

    // MARK: map

    static let map = CommandSpec(
        "map", usage: "map GOAL STAGE...", example: "map G1 retention revenue 推薦", args: 1...1, unlimited: true,
        step: .map
    ) { inv, d, _ in
        var g = try GoalCommands.goal(inv.args[0], in: d.state)
        guard g.status != .dropped else { throw CommandError("map.dropped", ["goal": "\(g.ref)"]) }
        let words = inv.args.dropFirst().flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }
        if words.isEmpty { return Outcome(show(g, d.state)) }
        var stages = Set<Stage>()
        for w in words {
            guard let st = Stage(parsing: w) else {
                let nearest = Nearest.match(w.lowercased(), in: Stage.allCases.map(\.rawValue))
                throw CommandError(.suggesting("map.unknown-stage", ["stage": w, "all": Mapping.allStages], nearest: nearest))
            }
            stages.insert(st)
        }
        let new = stages.sorted()
        let stranded = d.state.contribs.filter { $0.goal == g.id && !stages.contains($0.stage) }
        if !stranded.isEmpty {
            let list = stranded.map { "\($0.ref) \(d.state.deptName($0.dept)) \($0.stage.label)" }.joined(separator: Punct.list)
            throw CommandError("map.stranded", ["goal": "\(g.ref)", "list": list])
        }
        guard new != g.stages else {
            return Outcome(t("map.unchanged", ["goal": "\(g.ref)", "stages": Mapping.stageList(new, chinese: true)]))
        }
        let old = g.stages
        g.stages = new
        d.put(g)
        var lines = [t(old.isEmpty ? "map.set" : "map.changed", [
            "goal": "\(g.ref)", "title": g.current.title, "stages": Mapping.stageList(new, chinese: true),
            "old": Mapping.stageList(old),
        ])]
        if g.status != .adopted { lines.append(Paint.warn(t("map.not-adopted", ["goal": "\(g.ref)"]))) }
        lines.append(show(g, d.state, title: false))
        return Outcome(lines.joined(separator: "\n"))
    }

    /// A goal's stages and who serves each.
    static func show(_ g: Goal, _ s: State, title: Bool = true) -> String {
        var lines: [String] = []
        if title {
            lines.append(t("map.show.title", ["goal": "\(g.ref)", "title": g.current.title, "status": Paint.strip(GoalText.status(g))]))
        }
        if g.stages.isEmpty {
            lines.append("  " + t("map.show.none", ["goal": "\(g.ref)"]))
            return lines.joined(separator: "\n")
        }
        var table = TextTable(indent: 2)
        for stage in g.stages.sorted() {
            let cs = s.contribs.filter { $0.goal == g.id && $0.stage == stage }
            let who = cs.isEmpty ? Paint.bad(t("map.show.unserved"))
                : cs.map { "\($0.ref) \(s.deptName($0.dept)) \(Num.show($0.weight))" }.joined(separator: " · ")
            table.row([Mapping.stageLabel(stage), who])
        }
        lines.append(table.render())
        if let unserved = g.stages.sorted().first(where: { st in !s.contribs.byKey.values.contains { $0.goal == g.id && $0.stage == st } }) {
            lines.append(t("map.show.next", ["goal": "\(g.ref)", "stage": unserved.rawValue]))
        }
        return lines.joined(separator: "\n")
    }

    // MARK: contrib

    static let contribAdd = CommandSpec(
        "contrib add",
        usage: "contrib add GOAL DEPT --stage S --kpi NAME [--metric KEY] --target N --challenge N --floor N --unit U --weight W --source S --cycle C",
        example: "contrib add G1 行銷部 --stage 推薦 --kpi 推薦註冊數 --metric referrals --target 300 --challenge 400 --floor 200 --unit 人 --weight 30 --source HubSpot --cycle monthly",
        flags: contribFlags, args: 2...2, step: .map
    ) { inv, d, _ in
        let g = try GoalCommands.goal(inv.args[0], in: d.state)
        guard g.status != .dropped else { throw CommandError("contrib.goal-dropped", ["goal": "\(g.ref)"]) }
        let dept = try Names.department(inv.args[1], in: d.state)
        let missing = ["stage", "kpi", "target", "challenge", "floor", "unit", "weight", "source", "cycle"]
            .filter { inv.flag($0) == nil && !($0 == "unit" && impliedUnit(inv) != nil) }
        if !missing.isEmpty {
            throw CommandError("contrib.missing", ["flags": missing.map { "--" + $0 }.joined(separator: Punct.list),
                                                     "usage": inv.spec.usage])
        }
        let catalog = Catalog(d.state)
        var c = Contribution(id: 0, goal: g.id, dept: dept.id, stage: .acquisition, kpi: "", metric: nil, target: 0,
                             challenge: 0, floor: 0, unit: "", weight: 0, source: "", cycle: .monthly)
        let match = try apply(inv, to: &c, catalog: catalog, state: d.state, isNew: true)
        c.id = d.nextID(.contribution)
        d.put(c)
        var lines = [t("contrib.added", ["id": "\(c.ref)", "line": describe(c, d.state, catalog: catalog, match: match)])]
        lines += notes(c, d.state)
        return Outcome(lines.joined(separator: "\n"))
    }

    static let contribEdit = CommandSpec(
        "contrib edit",
        usage: "contrib edit ID [--goal GOAL] [--dept DEPT] [--stage S] [--kpi NAME] [--metric KEY|auto|-] [--target N] [--challenge N] [--floor N] [--unit U] [--weight W] [--source S] [--cycle C]",
        example: "contrib edit X4 --target 320 --weight 40",
        flags: [FlagSpec("goal", "GOAL"), FlagSpec("dept", "DEPT")] + contribFlags, args: 1...1, step: .map
    ) { inv, d, _ in
        let old = try Mapping.contribution(inv.args[0], in: d.state)
        guard !inv.flags.isEmpty else { throw CommandError("contrib.edit-nothing", ["id": "\(old.ref)"]) }
        var c = old
        if let gname = inv.flag("goal") {
            let g = try GoalCommands.goal(gname, in: d.state)
            guard g.status != .dropped else { throw CommandError("contrib.goal-dropped", ["goal": "\(g.ref)"]) }
            c.goal = g.id
        }
        if let dn = inv.flag("dept") { c.dept = try Names.department(dn, in: d.state).id }
        let catalog = Catalog(d.state)
        let match = try apply(inv, to: &c, catalog: catalog, state: d.state, isNew: false)
        guard c != old else { return Outcome(t("contrib.unchanged", ["id": "\(c.ref)"])) }
        d.put(c)
        var lines = [t("contrib.edited", ["id": "\(c.ref)", "changes": diff(old, c, d.state)])]
        if match != nil || c.metric != old.metric {
            lines.append("  " + describe(c, d.state, catalog: catalog, match: match))
        }
        lines += notes(c, d.state)
        if c.dept != old.dept { lines += weightNote(old.dept, d.state) }
        return Outcome(lines.joined(separator: "\n"))
    }

    static let contribRemove = CommandSpec(
        "contrib rm", usage: "contrib rm ID", example: "contrib rm X4", args: 1...1, step: .map
    ) { inv, d, _ in
        let c = try Mapping.contribution(inv.args[0], in: d.state)
        d.remove(c)
        var lines = [t("contrib.removed", ["id": "\(c.ref)", "kpi": c.kpi, "dept": d.state.deptName(c.dept),
                                           "goal": "\(ID(.goal, c.goal))", "stage": c.stage.rawValue])]
        lines += weightNote(c.dept, d.state)
        return Outcome(lines.joined(separator: "\n"))
    }

    static let contribList = CommandSpec(
        "contrib list", usage: "contrib list [DEPT]", example: "contrib list Marketing   (or a goal: contrib list G1)", args: 0...1, step: .map
    ) { inv, d, ctx in
        let s = d.state
        var keep: (Contribution) -> Bool = { _ in true }
        var scope: String?
        if let arg = inv.args.first {
            if let dept = s.department(named: arg) {
                keep = { $0.dept == dept.id }; scope = dept.name
            } else if let id = ID(parsing: arg, as: .goal, bare: false), let g = s.goals[id.number] {
                keep = { $0.goal == g.id }; scope = "\(g.ref)"
            } else {
                _ = try Names.department(arg, in: s)
            }
        }
        let cs = s.contribs.filter(keep)
        guard !cs.isEmpty else { return Outcome(scope.map { t("contrib.none-in", ["scope": $0]) } ?? t("contrib.none")) }
        let catalog = Catalog(s)
        var table = TextTable(["ID", t("col.department"), t("letter.col.goal"), t("letter.col.stage"), "KPI", t("col.metric"),
                               t("letter.col.weight"), t("letter.col.floor"), t("letter.col.target"), t("letter.col.challenge"),
                               t("letter.col.unit"), t("letter.col.source"), t("letter.col.cycle")],
                              align: [.left, .left, .left, .left, .left, .left, .right, .right, .right, .right])
        table.wraps(1, 4, 11)
        table.drops(12, 11, 5, 7, 9)
        for c in cs {
            let pending = !Mapping.counts(c, in: s)
            let arrow = Mapping.direction(of: c, catalog: catalog).map { " " + $0.arrow } ?? ""
            let row = ["\(c.ref)", s.deptName(c.dept), "\(ID(.goal, c.goal))" + (pending ? "?" : ""), c.stage.label, c.kpi,
                       (c.metric ?? "–") + arrow, Num.show(c.weight), Num.show(c.floor), Num.show(c.target),
                       Num.show(c.challenge), c.unit, c.source, c.cycle.label]
            table.row(pending ? row.map(Paint.faint) : row)
        }
        var out = table.render(width: ctx.width)
        if cs.contains(where: { !Mapping.counts($0, in: s) }) { out += "\n" + Paint.faint(t("grid.legend.pending")) }
        return Outcome(out)
    }

    static let grid = CommandSpec("grid", usage: "grid", example: "grid", step: .map) { _, d, ctx in
        Outcome(GridText.render(Grid(d.state), d.state, width: ctx.width))
    }

    // MARK: helpers

    /// A unit written with all the numbers given (`--target 8% --challenge 10% --floor 5%`).
    static func impliedUnit(_ inv: Invocation) -> String? {
        let units = ["target", "challenge", "floor"].compactMap { inv.flag($0).flatMap(Num.parse)?.unit }
        guard units.count == 3, Set(units).count == 1 else { return nil }
        return units[0]
    }

    /// Applies the flags to a contribution and checks the result. Returns the catalog match
    /// made for the KPI name, if one was made.
    static func apply(_ inv: Invocation, to c: inout Contribution, catalog: Catalog, state s: State,
                      isNew: Bool) throws -> Catalog.Match? {
        if let raw = inv.flag("kpi") { c.kpi = try Names.clean(raw, what: "what.contrib-kpi") }
        if let raw = inv.flag("stage") {
            guard let st = Stage(parsing: raw) else {
                throw CommandError("map.unknown-stage", ["stage": raw, "all": Mapping.allStages])
            }
            c.stage = st
        }
        var match: Catalog.Match?
        if let raw = inv.flag("metric") {
            let v = raw.trimmingCharacters(in: .whitespaces)
            if v == "-" {
                c.metric = nil
            } else if v.lowercased() == "auto" {
                match = catalog.match(c.kpi); c.metric = match?.key
            } else {
                guard let key = catalog.resolve(v) else { throw CommandError(MetricRef.unknown(v, catalog)) }
                c.metric = key
            }
        } else if isNew {
            match = catalog.match(c.kpi); c.metric = match?.key
        }
        // numbers: a unit written with a number must agree with --unit (or the unit on record)
        var numberUnits: [(String, String)] = []
        for (flag, path) in [("target", \Contribution.target), ("challenge", \Contribution.challenge), ("floor", \Contribution.floor)] {
            guard let raw = inv.flag(flag) else { continue }
            guard let n = Num.parse(raw) else { throw CommandError("error.not-a-number", ["flag": "--" + flag, "value": raw]) }
            c[keyPath: path] = n.value
            if let u = n.unit { numberUnits.append((flag, u)) }
        }
        if let raw = inv.flag("unit") {
            c.unit = try Names.clean(raw, what: "what.unit")
        } else if isNew, let u = impliedUnit(inv) {
            c.unit = u
        }
        for (flag, u) in numberUnits where u.lowercased() != c.unit.lowercased() {
            throw CommandError("contrib.unit-clash", ["flag": "--" + flag, "value": inv.flag(flag)!, "unit": u, "declared": c.unit])
        }
        if let raw = inv.flag("weight") {
            guard let n = Num.parse(raw), n.unit == nil || n.unit == "%" else {
                throw CommandError("error.not-a-number", ["flag": "--weight", "value": raw])
            }
            guard n.value > 0, n.value <= 100 else { throw CommandError("contrib.bad-weight", ["value": raw]) }
            c.weight = n.value
        }
        if let raw = inv.flag("source") { c.source = try Names.clean(raw, what: "what.source") }
        if let raw = inv.flag("cycle") {
            guard let cy = Cycle(parsing: raw) else {
                throw CommandError("contrib.bad-cycle", ["value": raw, "all": Cycle.allCases.map(\.rawValue).joined(separator: Punct.list)])
            }
            c.cycle = cy
        }
        // the stage must be one the goal is mapped to
        guard let goal = s.goals[c.goal] else { throw CommandError("goal.unknown", ["id": "\(ID(.goal, c.goal))", "all": ""]) }
        if goal.stages.isEmpty {
            throw CommandError("contrib.goal-unmapped", ["goal": "\(goal.ref)", "stage": c.stage.rawValue])
        }
        guard goal.stages.contains(c.stage) else {
            let with = Mapping.stageList(goal.stages + [c.stage]).replacingOccurrences(of: " · ", with: " ")
            throw CommandError("contrib.stage-not-mapped", ["goal": "\(goal.ref)", "stage": c.stage.rawValue,
                                                              "stages": Mapping.stageList(goal.stages), "with": with])
        }
        // the order the metric's direction asks of floor, target and challenge
        let bounds = Bounds(floor: c.floor, target: c.target, challenge: c.challenge)
        let dir = c.metric.flatMap { catalog.metric($0)?.dir }
        let label = c.metric.map { "\($0) (\(catalog.label($0)))" }
        if let why = bounds.error(dir: dir, metric: label) { throw CommandError(why) }
        // one KPI name once per department
        let key = NameKey.of(c.kpi, simplify: false)
        if let dup = s.contribs.byKey.values.first(where: { $0.id != c.id && $0.dept == c.dept && NameKey.of($0.kpi, simplify: false) == key }) {
            throw CommandError("contrib.duplicate", ["dept": s.deptName(c.dept), "kpi": dup.kpi, "id": "\(dup.ref)"])
        }
        return match
    }

    /// `Marketing → G1 referral 推薦 · Referral program signups → referrals (Referrals · 推薦數) ↑ · floor 200 · target 300 · challenge 400 signups · weight 30 · HubSpot · monthly`
    static func describe(_ c: Contribution, _ s: State, catalog: Catalog, match: Catalog.Match?) -> String {
        var metric: String
        if let m = c.metric {
            var how = ""
            if case let .partial(_, via)? = match { how = " " + t("kpi.matched-via", ["via": via]) }
            metric = "→ \(m) (\(catalog.label(m)))\(how)"
        } else if case let .ambiguous(keys)? = match {
            metric = Paint.warn(t("kpi.ambiguous", ["keys": keys.joined(separator: Punct.list)]))
        } else {
            metric = Paint.warn(t("contrib.no-metric"))
        }
        if let dir = Mapping.direction(of: c, catalog: catalog) { metric += " " + dir.arrow }
        return t("contrib.line", [
            "dept": s.deptName(c.dept), "goal": "\(ID(.goal, c.goal))", "stage": Mapping.stageLabel(c.stage), "kpi": c.kpi,
            "metric": metric, "floor": Num.show(c.floor), "target": Num.show(c.target),
            "challenge": Num.show(c.challenge), "unit": c.unit, "weight": Num.show(c.weight),
            "source": c.source, "cycle": c.cycle.rawValue,
        ])
    }

    /// What the room should know after a contribution changed: its department's weights,
    /// too many KPIs, another department measuring the same metric from another source, a
    /// goal that is not adopted yet.
    static func notes(_ c: Contribution, _ s: State) -> [String] {
        var out = weightNote(c.dept, s)
        if let g = s.goals[c.goal], g.status != .adopted {
            out.append(Paint.warn(t("contrib.pending", ["id": "\(c.ref)", "goal": "\(g.ref)", "dept": s.deptName(c.dept)])))
        }
        if let m = c.metric {
            let others = s.contribs.filter {
                $0.dept != c.dept && $0.metric == m && Mapping.sourceKey($0.source) != Mapping.sourceKey(c.source)
            }
            if let o = others.first {
                out.append(Paint.warn(t("contrib.source-clash", ["dept": s.deptName(o.dept), "metric": m, "source": o.source,
                                                                 "id": "\(o.ref)", "mine": c.source])))
            }
        }
        return out
    }

    /// `Sales weights: 60 of 100.` / `Sales weights: 100 ✓`
    static func weightNote(_ dept: Int, _ s: State) -> [String] {
        guard s.depts[dept] != nil else { return [] }
        let total = Mapping.weight(of: dept, in: s)
        let n = s.contribs.byKey.values.filter { $0.dept == dept && Mapping.counts($0, in: s) }.count
        var out: [String] = []
        if Mapping.isFull(total) {
            out.append(Paint.good(t("contrib.weights-full", ["dept": s.deptName(dept)])))
        } else {
            out.append(t(total > 100 ? "contrib.weights-over" : "contrib.weights-partial",
                         ["dept": s.deptName(dept), "total": Num.show(total), "left": Num.show(100 - total)]))
        }
        if n > Grid.maxKPIs {
            out.append(Paint.warn(t("gap.overload", ["dept": s.deptName(dept), "n": "\(n)", "max": "\(Grid.maxKPIs)"])))
        }
        return out
    }

    /// `target 300 → 320, weight 30 → 40`
    static func diff(_ a: Contribution, _ b: Contribution, _ s: State) -> String {
        var out: [String] = []
        func show(_ key: String, _ x: String?, _ y: String?) {
            if x != y { out.append("\(t(key)) \(x ?? "–") → \(y ?? "–")") }
        }
        show("letter.col.goal", "\(ID(.goal, a.goal))", "\(ID(.goal, b.goal))")
        show("col.department", s.deptName(a.dept), s.deptName(b.dept))
        show("letter.col.stage", a.stage.label, b.stage.label)
        show("contrib.field.kpi", a.kpi, b.kpi)
        show("col.metric", a.metric, b.metric)
        show("letter.col.floor", Num.show(a.floor), Num.show(b.floor))
        show("letter.col.target", Num.show(a.target), Num.show(b.target))
        show("letter.col.challenge", Num.show(a.challenge), Num.show(b.challenge))
        show("letter.col.unit", a.unit, b.unit)
        show("letter.col.weight", Num.show(a.weight), Num.show(b.weight))
        show("letter.col.source", a.source, b.source)
        show("letter.col.cycle", a.cycle.label, b.cycle.label)
        return out.joined(separator: Punct.phrases)
    }
}
