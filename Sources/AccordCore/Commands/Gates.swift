/// What keeps the room from moving on. `next` from a step is allowed when `blockers` for
/// that step is empty; otherwise it says exactly what blocks it (and `--force REASON` passes).
public enum Gates {
    public static func blockers(leaving step: Step, _ state: State) -> [String] {
        Workflow.definition(step).gate(state)
    }

    /// "2 goals: 1 adopted, 1 proposed"
    static func goalsSummary(_ s: State) -> String? {
        guard !s.goals.isEmpty else { return nil }
        let live = s.goals.byKey.values.filter { $0.status != .dropped }
        return t("status.goals", ["n": "\(live.count)", "adopted": "\(live.filter { $0.status == .adopted }.count)",
                                  "proposed": "\(live.filter { $0.status == .proposed }.count)"])
    }

    static func goalsBlockers(_ s: State) -> [String] {
        if s.goals.byKey.values.contains(where: { $0.status == .adopted }) { return [] }
        // nothing proposed yet: say how to propose before how to adopt
        let proposed = s.goals.byKey.values.contains { $0.status == .proposed }
        return [t(proposed ? "gate.goals.none-adopted" : "gate.goals.none-proposed")]
    }

    static func setupBlockers(_ s: State) -> [String] {
        var out: [String] = []
        if s.depts.count < 2 { out.append(t("gate.setup.depts", ["n": "\(s.depts.count)"])) }
        if s.meta.period.isEmpty { out.append(t("gate.setup.period")) }
        return out
    }
}
