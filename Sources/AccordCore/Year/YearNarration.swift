/// Replay's sentences for the year's ops (actuals, misses, review notes, adjustments).
extension Narrator {
    func year(_ ops: [Op], _ s: State, _ p: inout Parts) {
        guard !ops.isEmpty else { return }
        var actuals: [Change<Actual>] = []
        for op in ops {
            switch op {
            case let .actual(c): actuals.append(c)
            case let .miss(c):
                let m = c.after ?? c.before!
                p.goals.formUnion(goal(m.contrib, s))
                p.depts.formUnion(dept(m.contrib, s))
                if let a = c.after {
                    p.add(t("replay.fx.miss", ["id": "\(ID(.contribution, a.contrib))", "period": a.period.label, "cause": a.cause]))
                } else {
                    p.add(t("replay.fx.miss-removed", ["id": "\(ID(.contribution, m.contrib))", "period": m.period.label]))
                }
            case let .retro(c):
                let r = c.after ?? c.before!
                p.depts.insert(r.dept)
                p.add(t(c.after == nil ? "replay.fx.retro-removed" : "replay.fx.retro",
                        ["dept": name(r.dept, s), "period": r.period.label]))
            case let .adjustment(c):
                let a = c.after ?? c.before!
                p.goals.formUnion(goal(a.contrib, s))
                p.depts.formUnion(dept(a.contrib, s))
                let args = ["id": "\(a.ref)", "contrib": "\(ID(.contribution, a.contrib))", "from": a.from.label,
                            "old": Num.show(a.oldTarget), "new": Num.show(a.target), "who": a.approvedBy ?? ""]
                if c.after == nil { p.add(t("replay.fx.adjust-removed", args)) }
                else if c.before == nil { p.add(t("replay.fx.adjust-requested", args)) }
                else if a.status == .approved, c.before?.status != .approved { p.add(t("replay.fx.adjust-approved", args)) }
                else { p.add(t("replay.fx.adjust-changed", args)) }
            default: break
            }
        }
        for c in actuals {
            let a = c.after ?? c.before!
            p.goals.formUnion(goal(a.contrib, s))
            p.depts.formUnion(dept(a.contrib, s))
        }
        if actuals.count > 2 {
            p.add(tn("replay.fx.actuals", actuals.count))
            return
        }
        for c in actuals {
            let id = "\(ID(.contribution, (c.after ?? c.before!).contrib))"
            if let a = c.after, let b = c.before {
                p.add(t("replay.fx.actual-replaced", ["id": id, "period": a.period.label, "value": Num.show(a.value),
                                                       "old": Num.show(b.value)]))
            } else if let a = c.after {
                p.add(t("replay.fx.actual", ["id": id, "period": a.period.label, "value": Num.show(a.value)]))
            } else if let b = c.before {
                p.add(t("replay.fx.actual-removed", ["id": id, "period": b.period.label]))
            }
        }
    }

    private func goal(_ contrib: Int, _ s: State) -> Set<Int> { s.contribs[contrib].map { [$0.goal] } ?? [] }
    private func dept(_ contrib: Int, _ s: State) -> Set<Int> { s.contribs[contrib].map { [$0.dept] } ?? [] }
}
