/// What keeps the room from moving on. `next` from a step is allowed when `blockers` for
/// that step is empty; otherwise it says exactly what blocks it (and `--force REASON` passes).
public enum Gates {
    public static func blockers(leaving step: Step, _ state: State) -> [String] {
        switch step {
        case .setup: return setupBlockers(state)
        case .audit: return AuditGate.blockers(state)
        case .goals: return goalsBlockers(state)
        case .map: return MapGate.blockers(state)
        case .sign: return []
        }
    }

    static func goalsBlockers(_ s: State) -> [String] {
        s.goals.byKey.values.contains { $0.status == .adopted } ? [] : [t("gate.goals.none-adopted")]
    }

    static func setupBlockers(_ s: State) -> [String] {
        var out: [String] = []
        if s.depts.count < 2 { out.append(t("gate.setup.depts", ["n": "\(s.depts.count)"])) }
        if s.meta.period.isEmpty { out.append(t("gate.setup.period")) }
        return out
    }
}
