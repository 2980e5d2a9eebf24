/// The conflict register: what `audit` keeps between runs.
///
/// - A finding with the identity of a registered conflict keeps its id and status (its
///   explanation, KPIs and severity are brought up to date).
/// - A new finding gets the next id, C1, C2 … (never reused), numbered in the audit's order.
/// - A registered conflict that is no longer found becomes `gone`, remembering its status;
///   if it is found again it resumes that status.
public enum Register {
    public struct Update: Equatable, Sendable {
        public var added: [Int] = []
        public var gone: [Int] = []
        /// Gone conflicts found again.
        public var returned: [Int] = []
        /// Registered conflicts whose details changed.
        public var changed: [Int] = []
        public init() {}
    }

    /// Brings the register in the draft up to date with `findings` (in audit order).
    @discardableResult
    public static func update(_ d: inout Draft, with findings: [Finding]) -> Update {
        var u = Update()
        var byIdentity: [String: Conflict] = [:]
        byIdentity.reserveCapacity(d.state.conflicts.count)
        for c in d.state.conflicts.byKey.values { byIdentity[c.identity] = c }
        var found = Set<String>()
        found.reserveCapacity(findings.count)
        for f in findings {
            found.insert(f.identity)
            if var c = byIdentity[f.identity] {
                let before = c
                c.severity = f.severity; c.kpis = f.kpis; c.depts = f.depts; c.metrics = f.metrics
                c.explanation = .catalog(f.explanation); c.remedy = .catalog(f.remedy); c.rule = f.rule
                if c.status == .gone {
                    c.status = c.settledStatus ?? .open
                    c.settledStatus = nil
                    u.returned.append(c.id)
                } else if c != before {
                    u.changed.append(c.id)
                }
                if c != before { d.put(c) }
            } else {
                let id = d.nextID(.conflict)
                d.put(Conflict(id: id, rule: f.rule, identity: f.identity, severity: f.severity, kpis: f.kpis,
                               depts: f.depts, metrics: f.metrics, explanation: .catalog(f.explanation), remedy: .catalog(f.remedy)))
                u.added.append(id)
            }
        }
        for var c in d.state.conflicts.all where c.status != .gone && !found.contains(c.identity) {
            c.settledStatus = c.status
            c.status = .gone
            d.put(c)
            u.gone.append(c.id)
        }
        return u
    }

    /// The status a finding has in the register: its conflict's, resuming a gone one's
    /// earlier status; nil when the finding is not registered yet.
    public static func status(of f: Finding, in byIdentity: [String: Conflict]) -> ConflictStatus? {
        guard let c = byIdentity[f.identity] else { return nil }
        return c.status == .gone ? (c.settledStatus ?? .open) : c.status
    }

    public static func byIdentity(_ s: State) -> [String: Conflict] {
        var m: [String: Conflict] = [:]
        for c in s.conflicts.byKey.values { m[c.identity] = c }
        return m
    }

    /// What still blocks leaving the audit: high-severity findings that are open, as
    /// registered conflicts, plus how many are not registered yet (`audit` has not seen them).
    /// Without `findings`, a register that is current (`AuditInputDigest.registerIsCurrent`)
    /// is read as it is, without running the rules.
    public static func openHigh(_ s: State, findings: [Finding]? = nil) -> (conflicts: [Conflict], unregistered: Int) {
        if findings == nil, AuditInputDigest.registerIsCurrent(s) { return openHighRegistered(s) }
        let fs = findings ?? Auditor.findings(s)
        let reg = byIdentity(s)
        var open: [Conflict] = [], unregistered = 0
        for f in fs where f.severity == .high {
            switch status(of: f, in: reg) {
            case nil: unregistered += 1
            case .open?, .gone?: open.append(reg[f.identity]!)
            case .resolved?, .accepted?: break
            }
        }
        return (open.sorted { $0.id < $1.id }, unregistered)
    }

    /// `openHigh` for a register that is current: every live conflict is a finding of the
    /// same severity (`update` brought it up to date), every finding is registered, and a
    /// found conflict is never gone, so the open high ones are the register's own.
    public static func openHighRegistered(_ s: State) -> (conflicts: [Conflict], unregistered: Int) {
        (s.conflicts.byKey.values.filter { $0.status == .open && $0.severity == .high }.sorted { $0.id < $1.id }, 0)
    }
}
