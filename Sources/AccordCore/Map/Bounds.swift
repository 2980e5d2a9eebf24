/// Floor, target and challenge of a contribution (底線值 / 目標值 / 挑戰值), and the order the
/// metric's direction asks of them.
///
/// For a metric where higher is better (↑) the values must run floor < target < challenge;
/// where lower is better (↓), challenge < target < floor. All three are distinct: a target
/// equal to its floor leaves nothing between "failed" and "met".
///
///     Bounds(floor: 700, target: 900, challenge: 1100).problem(for: .up)     // nil
///     Bounds(floor: 420, target: 380, challenge: 350).problem(for: .down)    // nil
///     Bounds(floor: 900, target: 800, challenge: 1000).problem(for: .up)     // "floor 900 is not below target 800"
public struct Bounds: Equatable, Sendable {
    public var floor: Double
    public var target: Double
    public var challenge: Double

    public init(floor: Double, target: Double, challenge: Double) {
        self.floor = floor; self.target = target; self.challenge = challenge
    }

    /// The direction the values themselves imply, nil when they run neither way.
    public var implied: Direction? {
        if floor < target && target < challenge { return .up }
        if challenge < target && target < floor { return .down }
        return nil
    }

    /// The expected order, as people read it: `floor < target < challenge`.
    public static func order(_ dir: Direction) -> String {
        dir == .up ? t("bounds.order.up") : t("bounds.order.down")
    }

    /// What breaks the order `dir` asks for (one clause per broken pair), nil when it holds.
    public func problem(for dir: Direction) -> String? {
        var broken: [String] = []
        func below(_ a: String, _ x: Double, _ b: String, _ y: Double) {
            if !(x < y) {
                broken.append(t("bounds.not-below", ["a": t("bounds.name." + a), "x": Num.show(x),
                                                    "b": t("bounds.name." + b), "y": Num.show(y)]))
            }
        }
        switch dir {
        case .up:
            below("floor", floor, "target", target)
            below("target", target, "challenge", challenge)
        case .down:
            below("challenge", challenge, "target", target)
            below("target", target, "floor", floor)
        }
        return broken.isEmpty ? nil : broken.joined(separator: Punct.clauses)
    }

    /// The full refusal for values out of order: which order was expected and what breaks it.
    /// `dir` nil: the metric's direction is unknown and the values run neither way.
    public func error(dir: Direction?, metric: String?) -> Message? {
        let values = Message("bounds.values", ["floor": Num.show(floor), "target": Num.show(target),
                                               "challenge": Num.show(challenge)])
        guard let dir else {
            guard implied == nil else { return nil }
            return Message("bounds.unknown-direction", nested: ["values": values])
        }
        guard let why = problem(for: dir) else { return nil }
        let key = dir == .up ? "bounds.wrong-order.up" : "bounds.wrong-order.down"
        return Message(key, ["metric": metric ?? "?", "order": Bounds.order(dir), "why": why], nested: ["values": values])
    }
}
