/// How the grid and its gaps read on the screen.
///
///                    acquisition  activation  retention   revenue     referral    weight
///                    獲取         激活        留存        收入        推薦
///      Marketing     X7 70 (G2)   ·           ·           ·           X4 30 (G1)  100 ✓
///      goals         G2           G2          G1          G1          G1
public enum GridText {
    public static func render(_ grid: Grid, _ s: State, width: Int = .max) -> String {
        guard !grid.rows.isEmpty else { return t("grid.no-depts") }
        var table = TextTable([""] + Stage.allCases.map(\.label) + [t("grid.col.weight")],
                              align: [.left] + Stage.allCases.map { _ in .left } + [.right])
        let glosses = Stage.allCases.map(Mapping.stageGloss)
        if glosses.contains(where: { $0 != nil }) {
            table.row([""] + glosses.map { Paint.faint($0 ?? "") } + [""])
        }
        for i in 0...Stage.allCases.count { table.wraps(i) }
        let overloaded = Set(grid.gaps.compactMap { if case let .overload(d, _) = $0 { return d }; return nil })
        let mismatched = Set(grid.gaps.flatMap { gap -> [Int] in
            if case let .sourceMismatch(_, ids) = gap { return ids }; return []
        })
        for row in grid.rows {
            let depth = max(1, Stage.allCases.map { row.cells[$0]?.count ?? 0 }.max() ?? 0)
            for line in 0..<depth {
                var cells: [String] = [line == 0 ? row.dept.name : ""]
                for stage in Stage.allCases {
                    let here = row.cells[stage] ?? []
                    guard line < here.count else { cells.append(line == 0 && here.isEmpty ? Paint.faint("·") : ""); continue }
                    let c = here[line]
                    let pending = !Mapping.counts(c, in: s)
                    var text = Mapping.cell(c, pending: pending)
                    if mismatched.contains(c.id) { text += " !" }
                    cells.append(pending ? Paint.faint(text) : mismatched.contains(c.id) ? Paint.warn(text) : text)
                }
                if line == 0 {
                    let full = Mapping.isFull(row.weight) && row.count > 0
                    var w = Num.format(row.weight) + " " + (full ? "✓" : "✗")
                    if overloaded.contains(row.dept.id) { w += " " + t("grid.overload-mark", ["n": "\(row.count)"]) }
                    cells.append(full && !overloaded.contains(row.dept.id) ? Paint.good(w) : Paint.bad(w))
                } else {
                    cells.append("")
                }
                table.row(cells)
            }
        }
        var goalCells = [Paint.strong(t("grid.row.goals"))]
        for stage in Stage.allCases {
            let gs = grid.goals[stage] ?? []
            if gs.isEmpty { goalCells.append(Paint.faint("·")); continue }
            goalCells.append(gs.map { g in
                if !g.adopted { return Paint.faint("\(ID(.goal, g.goal))?") }
                return g.served ? "\(ID(.goal, g.goal))" : Paint.bad("\(ID(.goal, g.goal)) ✗")
            }.joined(separator: " "))
        }
        table.row(goalCells + [""])
        var lines = [table.render(width: width), "", TextWrap.block(summary(grid, s), width: width, hanging: 2)]
        if grid.rows.contains(where: { $0.pending > 0 }) || grid.goals.values.joined().contains(where: { !$0.adopted }) {
            lines.append(Paint.faint(t("grid.legend.pending")))
        }
        if !grid.gaps.isEmpty {
            lines.append(Paint.strong(t("grid.gaps")))
            for gap in grid.gaps {
                let text = "  · " + describe(gap, s, forGate: false)
                lines.append(TextWrap.block(gap.blocksNext ? Paint.bad(text) : Paint.warn(text), width: width, hanging: 2))
            }
        }
        lines.append(TextWrap.block(nextHint(grid, s), width: width, hanging: 2))
        return lines.joined(separator: "\n")
    }

    /// `8 contributions · 4 departments · weights ✓ · 1 gap`
    public static func summary(_ grid: Grid, _ s: State) -> String {
        let counting = grid.rows.reduce(0) { $0 + $1.count }
        let weightsOK = !grid.gaps.contains { if case .weights = $0 { return true }; if case .noContribution = $0 { return true }; return false }
        var parts = [t("grid.summary.contribs", ["n": "\(counting)"]), t("grid.summary.depts", ["n": "\(grid.rows.count)"]),
                     weightsOK ? Paint.good(t("grid.summary.weights-ok")) : Paint.bad(t("grid.summary.weights-bad"))]
        parts.append(grid.gaps.isEmpty ? Paint.good(t("grid.summary.no-gaps")) : t("grid.summary.gaps", ["n": "\(grid.gaps.count)"]))
        return parts.joined(separator: " · ")
    }

    static func nextHint(_ grid: Grid, _ s: State) -> String {
        if let first = grid.blockers.first {
            switch first {
            case let .unmapped(g): return t("grid.next.map", ["goal": "\(ID(.goal, g))"])
            case let .unserved(g, stage): return t("grid.next.contrib", ["goal": "\(ID(.goal, g))", "stage": stage.label])
            case let .noContribution(d), let .weights(d, _):
                return t("grid.next.weights", ["dept": Shell.quote(s.deptName(d))])
            default: break
            }
        }
        return s.meta.step == .map ? t("grid.next.go", ["step": Status.stepTitle(.map.next ?? .map)]) : ""
    }

    /// One gap as a sentence. `forGate`: the wording `next` uses (says what to type).
    public static func describe(_ gap: Grid.Gap, _ s: State, forGate: Bool) -> String {
        let text = sentence(gap, s)
        guard forGate else { return text }
        switch gap {
        case let .unmapped(g): return text + t("gap.hint.unmapped", ["goal": "\(ID(.goal, g))"])
        case let .unserved(g, stage): return text + t("gap.hint.unserved", ["goal": "\(ID(.goal, g))", "stage": stage.label])
        case .weights: return text + t("gap.hint.weights")
        case let .noContribution(d): return text + t("gap.hint.no-contribution", ["dept": Shell.quote(s.deptName(d))])
        case .overload, .sourceMismatch: return text
        }
    }

    static func sentence(_ gap: Grid.Gap, _ s: State) -> String {
        switch gap {
        case let .unmapped(g):
            return t("gap.unmapped", ["goal": "\(ID(.goal, g))", "title": s.goals[g]?.current.title ?? ""])
        case let .unserved(g, stage):
            return t("gap.unserved", ["goal": "\(ID(.goal, g))", "stage": Mapping.stageLabel(stage)])
        case let .noContribution(d):
            return t("gap.no-contribution", ["dept": s.deptName(d)])
        case let .weights(d, total):
            return t("gap.weights", ["dept": s.deptName(d), "total": Num.format(total)])
        case let .overload(d, n):
            return t("gap.overload", ["dept": s.deptName(d), "n": "\(n)", "max": "\(Grid.maxKPIs)"])
        case let .sourceMismatch(metric, ids):
            let parts = ids.compactMap { s.contribs[$0] }.map {
                t("gap.source-part", ["dept": s.deptName($0.dept), "id": "\($0.ref)", "source": $0.source])
            }
            return t("gap.source-mismatch", ["metric": metric, "parts": parts.joined(separator: " · ")])
        }
    }
}
