/// Runs every rule over a session and orders what they find: by severity, then by rule in
/// the order below (facts before opinions: a data-source mismatch is settled first), then
/// by each rule's own order (a tension's place in the catalog), then by KPI.
///
/// Linear in the number of KPIs: the rules look at KPIs grouped by department, by metric
/// and by metric family (`AuditInput`), never at all pairs.
public enum Auditor {
    public static let rules: [any AuditRule] = [
        DataSourceMismatch(), OpposingDirection(), KnownTension(), DefinitionMismatch(), UnownedSharedMetric(),
        WeightSum(), KPIOverload(), VanityOnly(), SingleMetric(), NotSmart(),
        // from last year's figures (carried KPIs only)
        TargetMisjudged(), NotMeasurable(), AdjustedMidYear(),
    ]

    static let rank: [String: Int] = {
        var r: [String: Int] = [:]
        for (i, rule) in rules.enumerated() { r[rule.id] = i }
        return r
    }()

    public static func rule(_ id: String) -> (any AuditRule)? { byID[id] }

    static let byID: [String: any AuditRule] = {
        var m: [String: any AuditRule] = [:]
        for r in rules { m[r.id] = r }
        return m
    }()

    /// Everything the rules find in this state, in order; one finding per identity.
    public static func findings(_ state: State) -> [Finding] {
        findings(AuditInput(state))
    }

    public static func findings(_ input: AuditInput, rules: [any AuditRule] = Auditor.rules) -> [Finding] {
        var out: [Finding] = []
        var seen = Set<String>()
        for rule in rules {
            for f in rule.check(input) where seen.insert(f.identity).inserted { out.append(f) }
        }
        return out.sorted(by: precedes)
    }

    /// The order findings are listed and numbered in.
    public static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        let ra = rank[a.rule] ?? Int.max, rb = rank[b.rule] ?? Int.max
        if ra != rb { return ra < rb }
        if a.rank != b.rank { return a.rank < b.rank }
        if a.firstKPI != b.firstKPI { return a.firstKPI < b.firstKPI }
        return a.identity < b.identity
    }

    /// True for rules that find walls between departments (shown in the walls grid).
    public static func isRelational(_ rule: String) -> Bool { relational.contains(rule) }

    static let relational: Set<String> = Set(rules.filter(\.relational).map(\.id))
}
