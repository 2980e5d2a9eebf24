/// Consent for one goal without sorting every vote of the session each time (`State.votes(on:)`
/// sorts the whole vote table): `Consent` is asked about a state that holds the session's
/// departments and only this goal's votes, which gives the same answer.
enum GoalConsent {
    /// Every goal's votes, in one pass.
    static func index(_ s: State) -> [Int: [Vote]] {
        var out: [Int: [Vote]] = [:]
        for v in s.votes.byKey.values { out[v.goal, default: []].append(v) }
        return out
    }

    /// `Consent.tally` and `Consent.verdict` of `g`, given its votes.
    static func of(_ g: Goal, votes: [Vote], in s: State) -> (tally: String, verdict: Consent.Verdict) {
        var lite = State()
        lite.depts = s.depts
        lite.votes = Table(votes)
        return (Consent.tally(g, in: lite), Consent.verdict(g, in: lite))
    }
}

/// Numbers in exports, fast: whole numbers (nearly all targets and weights) are written
/// without going through `String(format:)`; anything else is `Num.format` / `Num.canonical`,
/// whose output this matches exactly.
enum ExportNumber {
    /// `Num.format(v)`: 1,200,000 · 3.5
    static func format(_ v: Double) -> String {
        guard let n = whole(v) else { return Num.format(v) }
        let digits = String(n.magnitude)
        guard digits.utf8.count > 3 else { return n < 0 ? "-" + digits : digits }
        var out = ""
        out.reserveCapacity(digits.utf8.count + digits.utf8.count / 3 + 1)
        if n < 0 { out.append("-") }
        let first = digits.utf8.count % 3
        for (i, ch) in digits.enumerated() {
            if i > 0 && (i - first) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// `Num.canonical(v)`: 1200000 · 3.5
    static func canonical(_ v: Double) -> String {
        guard let n = whole(v) else { return Num.canonical(v) }
        return String(n)
    }

    /// A coordinate with one decimal at most (SVG): 12 · 12.5
    static func coordinate(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        let whole = tenths / 10, frac = abs(tenths % 10)
        if frac == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-" : "") + String(whole) + "." + String(frac)
    }

    private static func whole(_ v: Double) -> Int? {
        guard v.isFinite, v == v.rounded(), abs(v) < 1e15 else { return nil }
        let n = Int(v)
        return n == 0 ? 0 : n  // -0 is 0, as Num.format writes it
    }
}
