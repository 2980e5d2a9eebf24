/// Adoption by consent: every department votes on the current revision; a goal is adopted
/// only when all have voted, nobody blocks, and no objection stands.
public enum Consent {
    /// Each department's latest vote on a revision. `votes`: the goal's votes when the caller
    /// already has them (replaying or exporting many goals), else they are looked up.
    public static func currentVotes(_ g: Goal, in s: State, revision: Int? = nil, votes: [Vote]? = nil) -> [Int: Vote] {
        let r = revision ?? g.current.number
        var latest: [Int: Vote] = [:]
        for v in votes ?? s.votes(on: g.id) where v.revision == r { latest[v.dept] = v }
        return latest
    }

    public struct Verdict: Equatable, Sendable {
        public var missing: [Int]
        public var blocks: [Vote]
        public var objections: [Vote]
        public var agree: Int
        public var abstain: Int

        public var canAdopt: Bool { missing.isEmpty && blocks.isEmpty && objections.isEmpty }
    }

    public static func verdict(_ g: Goal, in s: State, votes cast: [Vote]? = nil) -> Verdict {
        let votes = currentVotes(g, in: s, votes: cast)
        let depts = s.departments
        return Verdict(
            missing: depts.map(\.id).filter { votes[$0] == nil },
            blocks: depts.compactMap { votes[$0.id] }.filter { $0.choice == .block },
            objections: depts.compactMap { votes[$0.id] }.filter { $0.choice == .object },
            agree: votes.values.filter { $0.choice == .agree && s.depts[$0.dept] != nil }.count,
            abstain: votes.values.filter { $0.choice == .abstain && s.depts[$0.dept] != nil }.count)
    }

    /// "3 agree, 1 abstain" / "2 agree, 1 object, 1 to vote"
    public static func tally(_ g: Goal, in s: State, votes cast: [Vote]? = nil) -> String {
        tally(verdict(g, in: s, votes: cast))
    }

    public static func tally(_ v: Verdict) -> String {
        var parts: [String] = []
        if v.agree > 0 { parts.append(t("tally.agree", ["n": "\(v.agree)"])) }
        if v.abstain > 0 { parts.append(t("tally.abstain", ["n": "\(v.abstain)"])) }
        if !v.objections.isEmpty { parts.append(t("tally.object", ["n": "\(v.objections.count)"])) }
        if !v.blocks.isEmpty { parts.append(t("tally.block", ["n": "\(v.blocks.count)"])) }
        if !v.missing.isEmpty { parts.append(t("tally.missing", ["n": "\(v.missing.count)"])) }
        return parts.isEmpty ? t("tally.none") : parts.joined(separator: Punct.list)
    }
}
