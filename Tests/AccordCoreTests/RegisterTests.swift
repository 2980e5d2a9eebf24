@testable import AccordCore
import Foundation
import Testing

@Suite("The conflict register across audits")
struct RegisterTests {
    static let room = """
    title "Acme 2027"
    period 2027
    dept add 行銷部
    dept add 業務部
    dept add 客服部
    kpi add 行銷部 廣告點擊率 --target 3.5% --source "Google Ads" --cycle monthly --owner 林經理
    kpi add 業務部 線索轉化率 --target 8% --source CRM --cycle quarterly --owner 張總監
    kpi add 客服部 平均處理時間 --target 5 --unit 分鐘 --source 客服系統 --cycle monthly --owner 陳主任
    kpi add 客服部 客戶滿意度 --target 90% --source 問卷系統 --cycle monthly --owner 陳主任
    """

    func meeting() throws -> Meeting {
        var m = Meeting()
        try m.runAll(Self.room)
        return m
    }

    func conflict(_ m: Meeting, _ rule: String, kpis: [Int]) -> Conflict? {
        m.state.conflicts.all.first { $0.identity == Finding.identity(rule, kpis: kpis) }
    }

    @Test func idsFollowSeverityAndTheSameFindingKeepsItsIdAndStatus() throws {
        var m = try meeting()
        try m.run("audit")
        let c1 = try #require(m.state.conflicts[1])
        #expect(c1.rule == "known-tension" && c1.severity == .high && c1.kpis == [1, 2])
        let c2 = try #require(m.state.conflicts[2])
        #expect(c2.severity == .medium && c2.kpis == [3, 4], "the tension inside 客服部 is medium")
        try m.run("conflict accept C1 \"CTR stays for now\"")
        try m.run("kpi edit K1 --target 4%")
        let events = m.events.count
        try m.run("audit")
        #expect(m.state.conflicts[1]?.status == .accepted)
        #expect(m.state.conflicts[1]?.note == "CTR stays for now")
        #expect(m.state.conflicts.count == 4, "a tension, the tension inside 客服部, two single-metric departments")
        #expect(m.events.count == events, "an audit that changes nothing records nothing")
    }

    @Test func aFindingThatNoLongerHoldsIsGoneAndComesBackWithItsStatus() throws {
        var m = try meeting()
        try m.run("audit")
        try m.run("conflict resolve C2 \"CSAT leads; handle time is watched only\"")
        try m.run("kpi edit K3 --dir up")   // no longer pushed down: the tension goes
        let out = try m.text("audit")
        #expect(m.state.conflicts[2]?.status == .gone)
        #expect(m.state.conflicts[2]?.settledStatus == .resolved)
        #expect(out.contains("gone (no longer found): C2"))
        #expect(m.error("conflict resolve C2 again") != nil, "a gone conflict cannot be settled")
        try m.run("kpi edit K3 --dir down")
        let again = try m.text("audit")
        #expect(m.state.conflicts[2]?.status == .resolved)
        #expect(again.contains("found again: C2"))
    }

    @Test func newFindingsGetNewIdsAndIdsAreNeverReused() throws {
        var m = try meeting()
        try m.run("audit")
        try m.run("kpi rm K1")
        try m.run("audit")
        #expect(m.state.conflicts[1]?.status == .gone)
        try m.run("kpi add 行銷部 網站流量 --target 200萬 --unit 訪次 --source GA4 --cycle monthly --owner 林經理")
        try m.run("audit")
        let new = try #require(m.state.conflicts.all.first { $0.rule == "known-tension" && $0.kpis == [5, 2] })
        #expect(new.id == 5, "C1 is gone but its number is not handed out again")
        #expect(m.state.conflicts[1]?.status == .gone)
        #expect(m.state.conflicts[3]?.status == .open, "行銷部 judged on one metric again: the same finding, C3")
    }

    @Test func theRegisterUpdatesThroughADraftAsOneChange() {
        var s = State()
        s.depts[1] = Department(id: 1, name: "A")
        var d = Draft(s)
        let f = Finding(rule: "single-metric", identity: "single-metric:D1", severity: .low, kpis: [1], depts: [1],
                        metrics: [], explanation: CatalogText("rule.single-metric.summary"), remedy: CatalogText("rule.single-metric.remedy"))
        let u = Register.update(&d, with: [f])
        #expect(u.added == [1])
        let p = d.proposal(kind: "audit")
        #expect(p?.ops.count == 2, "the counter and the conflict")
        var d2 = Draft(d.state)
        #expect(Register.update(&d2, with: [f]) == Register.Update())
        #expect(d2.proposal(kind: "audit") == nil)
        var d3 = Draft(d.state)
        let gone = Register.update(&d3, with: [])
        #expect(gone.gone == [1])
    }

    @Test func theGateNamesTheOpenHighConflictsAndFreshFindings() throws {
        var m = try meeting()
        try m.run("next")
        #expect(m.state.meta.step == .audit)
        var o = try m.run("next")
        #expect(o.failed)
        #expect(Paint.strip(o.output).contains(" not in the register yet: run `audit`"))
        try m.run("audit")
        o = try m.run("next")
        #expect(o.failed)
        #expect(Paint.strip(o.output).contains("C1 (known-tension, 行銷部 ↔ 業務部) is open at high severity"))
        #expect(!Paint.strip(o.output).contains("C2"), "medium conflicts do not block")
        #expect(Status.nextHint(m.state) == "Next: settle or accept C1 (high), or `next --force REASON`.")
        try m.run("conflict resolve C1 \"Both judged on sales-accepted leads\"")
        #expect(Gates.blockers(leaving: .audit, m.state).isEmpty)
        o = try m.run("next")
        #expect(!o.failed && m.state.meta.step == .goals)
    }

    @Test func statusCountsTheRegister() throws {
        var m = try meeting()
        #expect(AuditGate.summary(m.state) == "4 KPIs · not audited yet")
        try m.run("audit")
        try m.run("conflict accept C2 \"watched\"")
        let line = Paint.strip(AuditGate.summary(m.state) ?? "")
        #expect(line == "4 KPIs · 4 conflicts: 1 high open, 2 more open, 1 accepted")
        try m.run("conflict resolve C1 \"fixed\"")
        #expect(Paint.strip(AuditGate.summary(m.state) ?? "") == "4 KPIs · 4 conflicts: 2 open, 1 settled, 1 accepted")
    }
}
