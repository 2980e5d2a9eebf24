@testable import AccordCore
import Foundation
import Testing

/// `meta.audited`: the digest of what the rules read, stored by an `audit` that changes the
/// register, so that `status` reads the register instead of running the rules again.
@Suite("The audit's input digest (status without re-running the rules)")
struct AuditMarkTests {
    func meeting() throws -> Meeting {
        var m = Meeting()
        try m.runAll(RegisterTests.room)
        try m.run("next")
        return m
    }

    /// What `status` says when it runs the rules (no mark), as every build before the mark did.
    func statusRunningTheRules(_ s: State) -> String {
        var old = s
        old.meta.audited = nil
        return Status.render(old, fileName: "test.json", saved: true)
    }

    @Test func anAuditThatChangesTheRegisterRecordsTheDigestOfItsInput() throws {
        var m = try meeting()
        #expect(m.state.meta.audited == nil)
        try m.run("audit")
        let mark = try #require(m.state.meta.audited)
        #expect(mark == AuditInputDigest.of(m.state))
        #expect(mark.hasPrefix("sha256:") && mark.count == 7 + 64)
        #expect(AuditInputDigest.registerIsCurrent(m.state))
        // the event carries it: a replay of the log rebuilds the same state
        let replayed = try State.folding(m.events)
        #expect(replayed.meta.audited == mark)
        #expect(ReplayVerify.foldProblems(m.lines, stored: m.state) == [])
        // undo takes it back with the register
        try m.run("undo")
        #expect(m.state.meta.audited == nil && m.state.conflicts.isEmpty)
    }

    @Test func statusReadsTheSameFromTheRegisterAsFromAFreshAudit() throws {
        var m = try meeting()
        try m.run("audit")
        #expect(AuditInputDigest.registerIsCurrent(m.state))
        #expect(Status.render(m.state, fileName: "test.json", saved: true) == statusRunningTheRules(m.state))
        try m.run("conflict accept C1 \"CTR stays for now\"")
        #expect(AuditInputDigest.registerIsCurrent(m.state), "settling a conflict is no change to the input")
        #expect(Status.render(m.state, fileName: "test.json", saved: true) == statusRunningTheRules(m.state))
        #expect(AuditGate.blockers(m.state) == AuditGate.blockers({ var s = m.state; s.meta.audited = nil; return s }()))
        // a KPI typed after the audit: the digest no longer matches, the rules run, the room is told
        try m.run("kpi add 業務部 網站流量 --target 1000 --source GA4 --cycle monthly --owner 張總監")
        #expect(!AuditInputDigest.registerIsCurrent(m.state))
        let stale = Paint.strip(Status.render(m.state, fileName: "test.json", saved: true))
        #expect(stale.contains("new finding"), "\(stale)")
        #expect(stale == Paint.strip(statusRunningTheRules(m.state)))
        // taking the KPI back makes the register current again
        try m.run("undo")
        #expect(AuditInputDigest.registerIsCurrent(m.state))
    }

    @Test func withACurrentDigestStatusReadsTheRegisterWithoutRunningTheRules() throws {
        var m = try meeting()
        try m.run("audit")
        // a register that says C1 is resolved, with the digest of the input it was taken from
        var s = m.state
        var c1 = try #require(s.conflicts[1])
        #expect(c1.severity == .high && c1.status == .open)
        c1.status = .resolved
        s.conflicts[1] = c1
        #expect(Register.openHigh(s).conflicts.map(\.id) == [], "read from the register")
        #expect(Register.openHigh(s, findings: Auditor.findings(s)).conflicts.map(\.id) == [])
        // with no digest the rules run: the same answer for the same register
        s.meta.audited = nil
        #expect(Register.openHigh(s).conflicts.map(\.id) == [])
        // and a register missing a finding is only noticed by running the rules
        var t = m.state
        t.conflicts[1] = nil
        #expect(Register.openHigh(t).unregistered == 0, "the digest vouches for the register")
        t.meta.audited = nil
        #expect(Register.openHigh(t).unregistered == 1)
    }

    @Test func anAuditThatChangesNothingStillRecordsNothing() throws {
        var m = try meeting()
        try m.run("audit")
        try m.run("kpi edit K1 --target 4%")
        let events = m.events.count
        try m.run("audit")
        #expect(m.events.count == events)
        #expect(!AuditInputDigest.registerIsCurrent(m.state), "the old digest is of the old target")
        #expect(Status.render(m.state, fileName: "test.json", saved: true) == statusRunningTheRules(m.state))
    }

    /// Every field of what the rules read changes the digest, so no change goes unnoticed.
    @Test func everyFieldTheRulesReadChangesTheDigest() throws {
        var m = try meeting()
        try m.run("audit")
        let s = m.state
        let base = AuditInputDigest.of(s)
        let k = try #require(s.kpis[1])
        let edits: [String: (inout KPI) -> Void] = [
            "id": { $0.id = 99 }, "dept": { $0.dept = 3 }, "name": { $0.name += "x" },
            "metric": { $0.metric = "revenue" }, "metricPinned": { $0.metricPinned.toggle() },
            "dir": { $0.dir = $0.dir == .down ? .up : .down }, "target": { $0.target = 1.25 },
            "unit": { $0.unit = "次" }, "source": { $0.source = "GA4" }, "cycle": { $0.cycle = .annual },
            "weight": { $0.weight = 7 }, "owner": { $0.owner = "someone" },
            "last": { $0.last = LastYear(period: "2026", contrib: "X1", goal: nil, bounds: Bounds(floor: 1, target: 2, challenge: 3),
                                          actual: 2, completion: 1, grade: nil, months: 12, missing: 0) },
        ]
        // the list above covers every stored property of KPI (a new field must join the digest)
        let fields = Set(Mirror(reflecting: k).children.compactMap(\.label))
        #expect(fields == Set(edits.keys), "KPI fields not in the digest: \(fields.subtracting(edits.keys))")
        for (name, edit) in edits {
            var changed = s
            var kk = k
            edit(&kk)
            changed.kpis[1] = nil
            changed.kpis[kk.id] = kk
            #expect(AuditInputDigest.of(changed) != base, "changing \(name)")
        }
        var renamed = s
        renamed.depts[1]?.name = "行銷處"
        #expect(AuditInputDigest.of(renamed) != base)
        let d = try #require(s.depts[1])
        let deptEdits: [String: (inout Department) -> Void] = [
            "id": { $0.id = 99 }, "name": { $0.name += "x" }, "head": { $0.head = "林經理" }, "supervisor": { $0.supervisor = "王副總" },
        ]
        #expect(Set(Mirror(reflecting: d).children.compactMap(\.label)) == Set(deptEdits.keys), "Department fields not in the digest")
        for (name, edit) in deptEdits {
            var changed = s
            var dd = d
            edit(&dd)
            changed.depts[1] = nil
            changed.depts[dd.id] = dd
            #expect(AuditInputDigest.of(changed) != base, "changing the department's \(name)")
        }
        var tension = s
        tension.tensions[1] = Tension(id: 1, a: "ctr", aDir: .up, b: "csat", bDir: .up, reasonEN: "r", reasonZH: "r")
        #expect(AuditInputDigest.of(tension) != base)
        var metric = s
        metric.metrics["fill_rate"] = Metric(id: "fill_rate", en: "Fill rate", zhHant: "訂單滿足率", zhHans: "订单满足率",
                                             stage: .revenue, kind: .outcome, dir: .up)
        #expect(AuditInputDigest.of(metric) != base)
        // what the rules do not read does not count: conflicts, goals, the step
        var settled = s
        settled.conflicts[1]?.status = .accepted
        settled.meta.step = .goals
        #expect(AuditInputDigest.of(settled) == base)
    }

    @Test func theDigestRoundTripsThroughTheSessionFileAndOldFilesHaveNone() throws {
        var m = try meeting()
        try m.run("audit")
        let line = try SessionFile.encodeState(m.state)
        #expect(String(decoding: line, as: UTF8.self).contains("\"audited\":\"sha256:"))
        let back = try TapeDecoder.decodeFast(State.self, from: line)
        #expect(back.meta.audited == m.state.meta.audited)
        #expect(back == m.state)
        // a state without it encodes as before: no key
        var old = m.state
        old.meta.audited = nil
        #expect(!String(decoding: try SessionFile.encodeState(old), as: UTF8.self).contains("audited"))
    }
}
