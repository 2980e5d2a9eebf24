/// The completion standard of a letter: how the floor, target and challenge turn a result
/// into a completion rate for one contribution row (weighted by the row's weight).
///
/// Standard rule: below the floor 0%; at the floor 60%; rising in a straight line to 100% at
/// the target and to 120% at the challenge; never more than 120%. "Below" and "rising" follow
/// the metric's direction: for a lower-is-better metric, a result above the floor is below it.
///
///     ScoringRule.standard.completion(800, floor: 700, target: 900, challenge: 1100)  // 80
///     ScoringRule.standard.completion(365, floor: 420, target: 380, challenge: 350)  // 110
public struct ScoringRule: Equatable, Sendable {
    /// Completion (%) below the floor, at the floor, at the target, at the challenge.
    public var belowFloor: Double
    public var atFloor: Double
    public var atTarget: Double
    public var atChallenge: Double

    public static let standard = ScoringRule(belowFloor: 0, atFloor: 60, atTarget: 100, atChallenge: 120)

    public init(belowFloor: Double, atFloor: Double, atTarget: Double, atChallenge: Double) {
        self.belowFloor = belowFloor; self.atFloor = atFloor; self.atTarget = atTarget; self.atChallenge = atChallenge
    }

    /// The completion rate (%) of `actual`, nil when the three values are not ordered.
    public func completion(_ actual: Double, floor: Double, target: Double, challenge: Double) -> Double? {
        guard let dir = Bounds(floor: floor, target: target, challenge: challenge).implied else { return nil }
        // measure along the direction: for ↓, larger is worse, so flip the sign
        let k = dir == .up ? 1.0 : -1.0
        let a = actual * k, f = floor * k, tg = target * k, c = challenge * k
        if a < f { return belowFloor }
        if a <= tg { return atFloor + (atTarget - atFloor) * (a - f) / (tg - f) }
        if a <= c { return atTarget + (atChallenge - atTarget) * (a - tg) / (c - tg) }
        return atChallenge
    }

    /// `below floor 0% · floor 60% → target 100% → challenge 120% (straight lines; at most 120%)`
    public var text: String {
        t("letter.scoring", ["below": Num.format(belowFloor), "floor": Num.format(atFloor),
                             "target": Num.format(atTarget), "challenge": Num.format(atChallenge)])
    }

    /// The rule's line of the canonical letter text.
    public var canonical: String {
        "scoring linear below-floor \(Num.canonical(belowFloor)) floor \(Num.canonical(atFloor))"
            + " target \(Num.canonical(atTarget)) challenge \(Num.canonical(atChallenge)) cap \(Num.canonical(atChallenge))"
    }
}
