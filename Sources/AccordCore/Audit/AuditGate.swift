import Foundation

/// What the audit step contributes to `next`, `status` and the "Next:" hint. The gate looks
/// at a fresh audit joined with the register, so a KPI typed after the last `audit` counts,
/// and a conflict that no longer holds does not.
public enum AuditGate {
    /// One line per open high-severity conflict (at most five, then a count), and one for
    /// high-severity findings that `audit` has not registered yet.
    public static func blockers(_ s: State) -> [String] {
        guard !s.kpis.isEmpty else { return [] }
        let (open, unregistered) = openHigh(s)
        var out: [String] = []
        for c in open.prefix(5) {
            out.append(t("gate.audit.high", ["id": "\(c.ref)", "rule": c.rule,
                                             "depts": c.depts.map { s.deptName($0) }.joined(separator: " ↔ ")]))
        }
        if open.count > 5 { out.append(t("gate.audit.more", ["n": "\(open.count - 5)"])) }
        if unregistered > 0 { out.append(t("gate.audit.unregistered", ["n": "\(unregistered)"])) }
        return out
    }

    /// "12 KPIs · 7 conflicts: 3 high open, 2 settled, 2 accepted"
    public static func summary(_ s: State) -> String? {
        guard !s.kpis.isEmpty else { return s.meta.step == .audit ? t("status.audit.none") : nil }
        var conflicts: String
        if s.conflicts.isEmpty {
            conflicts = t("status.audit.not-run")
        } else {
            let live = s.conflicts.byKey.values.filter { $0.status != .gone }
            let highOpen = live.filter { $0.status == .open && $0.severity == .high }.count
            let open = live.filter { $0.status == .open }.count - highOpen
            let resolved = live.filter { $0.status == .resolved }.count
            let accepted = live.filter { $0.status == .accepted }.count
            var parts: [String] = []
            if highOpen > 0 { parts.append(Paint.bad(t("status.audit.high-open", ["n": "\(highOpen)"]))) }
            if open > 0 { parts.append(t(highOpen > 0 ? "status.audit.more-open" : "status.audit.open", ["n": "\(open)"])) }
            if resolved > 0 { parts.append(t("status.audit.settled", ["n": "\(resolved)"])) }
            if accepted > 0 { parts.append(t("status.audit.accepted", ["n": "\(accepted)"])) }
            conflicts = live.isEmpty ? t("status.audit.clean")
                : t("status.audit.conflicts", ["n": "\(live.count)", "parts": parts.joined(separator: Punct.list)])
            let unregistered = unregisteredCount(s)
            if unregistered > 0 { conflicts += " · " + Paint.warn(t("status.audit.stale", ["n": "\(unregistered)"])) }
        }
        return t("status.audit", ["n": "\(s.kpis.count)", "conflicts": conflicts])
    }

    /// The "Next:" line while the room is at the audit step, nil when the gate is open
    /// and the general hint (`next`) applies.
    public static func nextHint(_ s: State) -> String? {
        guard s.meta.step == .audit else { return nil }
        if s.kpis.isEmpty { return t("status.next.audit.enter") }
        // before the first `audit` there is nothing to weigh: the hint is to run it
        if s.conflicts.isEmpty { return t("status.next.audit.run") }
        let (open, unregistered) = openHigh(s)
        if unregistered > 0 { return t("status.next.audit.run") }
        if !open.isEmpty { return t("status.next.audit.high", ["ids": AuditReport.ids(open.map(\.id), limit: 8)]) }
        return nil
    }

    /// `Register.openHigh` without running the rules when the register is current
    /// (`AuditInputDigest.registerIsCurrent`): then the live conflicts are the findings.
    static func openHigh(_ s: State) -> (conflicts: [Conflict], unregistered: Int) {
        if AuditInputDigest.registerIsCurrent(s) { return Register.openHighRegistered(s) }
        return Register.openHigh(s, findings: findings(s))
    }

    /// Findings `audit` has not registered yet: none while the register is current.
    static func unregisteredCount(_ s: State) -> Int {
        if AuditInputDigest.registerIsCurrent(s) { return 0 }
        let reg = Register.byIdentity(s)
        return findings(s).filter { reg[$0.identity] == nil }.count
    }

    /// `Auditor.findings(s)`, computed once for a given set of KPIs, departments, metrics and
    /// tensions (all that the rules read): `status` asks for it from the audit line, the
    /// "Next:" hint and the gates of later steps, and `next` asks again. On 100,000 KPIs one
    /// audit takes seconds; the comparison that finds it unchanged takes milliseconds.
    static func findings(_ s: State) -> [Finding] {
        FindingsMemo.shared.value(s)
    }
}

/// The value of the last audited input (its findings, its digest), computed again only when
/// what the rules read changed. `@unchecked Sendable` is safe: `last` is read and written
/// under `lock` only.
final class AuditInputMemo<Value>: @unchecked Sendable {
    struct Input: Equatable {
        var kpis: Table<KPI>
        var depts: Table<Department>
        var metrics: Table<Metric>
        var tensions: Table<Tension>
        init(_ s: State) { kpis = s.kpis; depts = s.depts; metrics = s.metrics; tensions = s.tensions }
    }

    private let lock = NSLock()
    private var last: (input: Input, value: Value)?
    private let compute: (State) -> Value

    init(_ compute: @escaping (State) -> Value) { self.compute = compute }

    func value(_ s: State) -> Value {
        let input = Input(s)
        lock.lock()
        if let last, last.input == input { lock.unlock(); return last.value }
        lock.unlock()
        let v = compute(s)
        lock.lock()
        last = (input, v)
        lock.unlock()
        return v
    }
}

enum FindingsMemo {
    static let shared = AuditInputMemo<[Finding]>(Auditor.findings)
}
