@testable import AccordCore
import Foundation
import Testing

/// Carrying a reviewed session into next year's (issue 16, carry over): the new session's one
/// event, last year's figures beside the KPIs, last year's goals, the lineage and its check,
/// `kpi import-session` as one change, and the audit rules that only last year's figures feed.
@Suite("Carry over")
struct CarryTests {
    /// The signed fixture with a year of actuals that each of the new rules has something to
    /// say about: X1 leads far beyond the challenge all year, X2 referrals recorded for 3 months
    /// of 12, X3 revenue adjusted from July, X5 trial conversion far short of the floor.
    static func reviewed() throws -> Meeting {
        var m = try YearTests.tracking()
        var script = ""
        for month in 1...12 {
            let mm = String(format: "2027-%02d", month)
            script += "actual X1 \(mm) 1500\nactual X5 \(mm) 5%\n"
            if month <= 3 { script += "actual X2 \(mm) 300\n" }
        }
        for q in 1...4 { script += "actual X3 2027-Q\(q) 1,250,000\nactual X4 2027-Q\(q) 375\n" }
        script += """
        adjust X3 --target 1,300,000 --challenge 1,600,000 --floor 1,000,000 --reason "a second region" --from 2027-07
        approve A1 "Chris Wong"
        sign Sales head "Omar Haddad"
        sign Sales supervisor "Chris Wong"
        """
        try m.runAll(script)
        return m
    }

    static func source(_ m: Meeting, file: String = "acme-2027.json") throws -> Carry.Source {
        try Carry.Source.verified(try MapSignFixture.file(m), file: file)
    }

    @Test func aCarriedSessionHoldsLastYearsDepartmentsRowsAndGoalsInOneEvent() throws {
        let old = try Self.reviewed()
        let (s, e, summary) = try Carry.newSession(from: try Self.source(old), period: "2028", title: nil,
                                                   now: "2028-01-10T09:00:00Z", command: "carry acme-2027.json acme-2028.json --period 2028")
        #expect(e.seq == 1 && e.prev == Event.genesis && e.kind == "carry" && e.step == .setup)
        #expect(s.meta.title == "Acme 2028" && s.meta.period == "2028" && s.meta.step == .setup)
        #expect(s.departments.map(\.name) == ["Marketing", "Sales", "Growth"])
        #expect(s.department(named: "Sales")?.head == "Omar Haddad" && s.department(named: "Sales")?.supervisor == "Chris Wong")
        // every contribution is a KPI of its department, with its definition and last year's figures
        #expect(s.kpis.count == 5 && summary.kpis == 5 && summary.goals == 2)
        let leads = try #require(s.kpis.all.first { $0.name == "Sales-accepted leads" })
        #expect(leads.metric == "leads" && leads.dir == .up && leads.target == 900 && leads.unit == "leads")
        #expect(leads.source == "Salesforce" && leads.cycle == .monthly && leads.weight == 70 && leads.owner == "Dana Reyes")
        let last = try #require(leads.last)
        #expect(last.period == "2027" && last.contrib == "X1" && last.actual == 18_000 && last.months == 12 && last.missing == 0)
        #expect(last.completion == 120 && last.grade == "S" && last.bounds == Bounds(floor: 8_400, target: 10_800, challenge: 13_200))
        let revenue = try #require(s.kpis.all.first { $0.name == "Expansion revenue" })
        #expect(revenue.target == 1_300_000 && revenue.last?.adjustments.map(\.ref) == ["A1"])
        #expect(revenue.last?.adjustments.first?.oldTarget == 1_200_000 && revenue.last?.adjustments.first?.from == "2027-07")
        // last year's goals are listed, never goals of this session
        #expect(s.goals.isEmpty)
        #expect(s.lastYearGoals.map(\.goal.title) == ["Raise customer lifetime value", "Lower blended acquisition cost"])
        #expect(s.lastYearGoals[0].goal.metric == "cltv" && s.lastYearGoals[0].goal.owner == "Sales")
        // the lineage: OLD's name, head digest and event count
        let lineage = try #require(s.meta.lineage)
        #expect(lineage.file == "acme-2027.json" && lineage.events == old.events.count)
        #expect(lineage.head == Digest.sha256(old.lines.last!))
        // the one event folds to the state, and its line reads back (the fast decoder knows the new fields)
        #expect(try State.folding([e]) == s)
        let line = try EventLine.encode(e)
        #expect(try EventLine.decode(line) == e)
        let file = SessionFile.encode(stateLine: try SessionFile.encodeState(s), lines: [line])
        #expect(try SessionFile.parse(file).state == s)
        #expect(Verifier.check(try SessionFile.parse(file)).report.holds)
    }

    @Test func aTitleGivenIsKeptAndAPeriodIsNeeded() throws {
        let src = try Self.source(try Self.reviewed())
        #expect(try Carry.newSession(from: src, period: "2028", title: "FY28 kickoff", now: "2028-01-10T09:00:00Z", command: "carry").state.meta.title == "FY28 kickoff")
        #expect(throws: CommandError.self) { try Carry.newSession(from: src, period: " ", title: nil, now: "2028-01-10T09:00:00Z", command: "carry") }
    }

    @Test func aSessionThatDoesNotVerifyIsNotCarried() throws {
        let old = try Self.reviewed()
        var bytes = String(decoding: try MapSignFixture.file(old), as: UTF8.self)
        bytes = bytes.replacingOccurrences(of: "\"Dana Reyes\"", with: "\"Dana Ross\"")
        #expect(throws: CommandError.self) { try Carry.Source.verified(Data(bytes.utf8), file: "old.json") }
        do { _ = try Carry.Source.verified(Data(bytes.utf8), file: "old.json") } catch let e as CommandError {
            #expect(e.message.key == "carry.old-fails")
        }
        #expect(throws: CommandError.self) { try Carry.Source.verified(Data("{}".utf8), file: "x.json") }
        // `accord carry`'s path (verified while the new session is built) refuses it the same way
        do {
            _ = try Carry.carry(Data(bytes.utf8), file: "old.json", period: "2028", title: nil, now: "2028-01-10T09:00:00Z", command: "carry")
            Issue.record("a session that does not verify is carried")
        } catch let e as CommandError {
            #expect(e.message.key == "carry.old-fails" && e.message.rendered().contains("old.json does not verify (2 void signatures, the event log is broken"),
                    "\(e.message.rendered())")
        }
        // and builds what `newSession` builds from a file that verifies
        let good = try MapSignFixture.file(old)
        let both = try Carry.carry(good, file: "old.json", period: "2028", title: nil, now: "2028-01-10T09:00:00Z", command: "carry")
        let alone = try Carry.newSession(from: try Carry.Source.verified(good, file: "old.json"), period: "2028", title: nil,
                                         now: "2028-01-10T09:00:00Z", command: "carry")
        #expect(both.state == alone.state && both.event == alone.event)
    }

    @Test func theLineageHoldsForOldAsItWasAndNotOnceOldChanged() throws {
        var old = try Self.reviewed()
        let (s, _, _) = try Carry.newSession(from: try Self.source(old), period: "2028", title: nil, now: "2028-01-10T09:00:00Z", command: "carry")
        let lineage = try #require(s.meta.lineage)
        #expect(LineageCheck.check(lineage, old: try SessionFile.parse(try MapSignFixture.file(old))) == .holds)
        try old.run("actual X2 2027-04 310")
        #expect(LineageCheck.check(lineage, old: try SessionFile.parse(try MapSignFixture.file(old))) == .grown(after: 1))
        let other = try YearTests.tracking()
        if case .differs = LineageCheck.check(lineage, old: try SessionFile.parse(try MapSignFixture.file(other))) {} else {
            Issue.record("another session is not OLD")
        }
    }

    @Test func importSessionIsOneChangeThatUndoTakesBack() throws {
        let old = try Self.reviewed()
        let bytes = String(decoding: try MapSignFixture.file(old), as: UTF8.self)
        var m = Meeting()
        try m.runAll("""
        title "Acme 2028"
        period 2028
        dept add Sales --head "Nora Lim" --supervisor "Chris Wong"
        kpi add Sales "Expansion revenue" --target 1500000 --unit USD
        """)
        let before = m.state
        let events = m.events.count
        let out = Paint.strip(try m.run("kpi import-session old.json Sales Growth", files: ["old.json": bytes]).output)
        #expect(m.events.count == events + 1 && m.events.last?.kind == "kpi.import-session")
        #expect(out.contains("From old.json: 2 KPIs in 2 departments"), "\(out)")
        #expect(out.contains("Not carried (1 row; the department has a KPI of that name already): X3"), "\(out)")
        // Sales is kept as it is; Growth comes with its people; Marketing was not named
        #expect(m.state.department(named: "Sales")?.head == "Nora Lim")
        #expect(m.state.department(named: "Growth")?.head == "Lee Park")
        #expect(m.state.department(named: "Marketing") == nil)
        #expect(m.state.kpis.all.filter { $0.last != nil }.map(\.name) == ["Customer acquisition cost", "Trial to paid conversion"])
        // the goals the named departments served (Sales: G1, Growth: G2)
        #expect(m.state.meta.imports?.map(\.file) == ["old.json"] && m.state.meta.lineage == nil)
        #expect(m.state.lastYearGoals.map(\.goal.ref) == ["G1", "G2"])
        #expect(Paint.strip(try m.run("goal last-year").output).contains("G2 Lower blended acquisition cost"))
        try m.run("undo")
        var undone = m.state
        undone.undoable = before.undoable; undone.redoable = before.redoable
        #expect(undone == before)
        // an unknown department is named, and nothing changes
        let kpis = m.state.kpis
        do {
            _ = try m.run("kpi import-session old.json Growth Legal", files: ["old.json": bytes])
            Issue.record("an unknown department is refused")
        } catch let e as CommandError {
            #expect(e.message.rendered().contains("old.json has no department Legal; it has Marketing, Sales, Growth."))
        }
        #expect(m.state.kpis == kpis)
        // a department of one: only the goals it served
        try m.run("kpi import-session old.json Growth", files: ["old.json": bytes])
        #expect(m.state.meta.imports?.last?.goals.map(\.ref) == ["G2"])
    }

    @Test func theNewRulesFindWhatLastYearShows() throws {
        let (s, _, _) = try Carry.newSession(from: try Self.source(try Self.reviewed()), period: "2028", title: nil,
                                             now: "2028-01-10T09:00:00Z", command: "carry")
        let found = Auditor.findings(s)
        func rule(_ id: String) -> [String] {
            found.filter { $0.rule == id }.compactMap { f in f.kpis.first.flatMap { s.kpis[$0]?.name } }
        }
        #expect(rule("target-misjudged") == ["Sales-accepted leads", "Trial to paid conversion"])
        #expect(found.first { $0.rule == "target-misjudged" && s.kpis[$0.kpis[0]]?.name == "Sales-accepted leads" }?.explanation.key
                == "rule.target-misjudged.why.low")
        #expect(found.first { $0.rule == "target-misjudged" && s.kpis[$0.kpis[0]]?.name == "Trial to paid conversion" }?.explanation.key
                == "rule.target-misjudged.why.high")
        #expect(rule("not-measurable") == ["Referral signups"])
        #expect(rule("adjusted-mid-year") == ["Expansion revenue"])
        let adjusted = try #require(found.first { $0.rule == "adjusted-mid-year" })
        #expect(adjusted.explanation.rendered(in: .en).contains("A1 from 2027-07: target 1,200,000 → 1,300,000"))
        #expect(adjusted.explanation.rendered(in: .zhHant).contains("目標值 1,200,000 → 1,300,000") || adjusted.explanation.rendered(in: .zhHant).contains("目標值"))
        // the same KPIs typed afresh: no last year, no findings of these rules
        var fresh = s
        for k in fresh.kpis.all { var c = k; c.last = nil; fresh.kpis[k.id] = c }
        #expect(Auditor.findings(fresh).filter { ["target-misjudged", "not-measurable", "adjusted-mid-year"].contains($0.rule) }.isEmpty)
    }

    @Test func verdictsAreAsFarAgainAsTheStretch() {
        func v(_ a: Double, _ f: Double = 700, _ tg: Double = 900, _ c: Double = 1_100) -> TargetMisjudged.Verdict? {
            TargetMisjudged.verdict(LastYear(period: "2027", contrib: "X1", goal: nil, bounds: Bounds(floor: f, target: tg, challenge: c),
                                             actual: a, completion: nil, grade: nil, months: 12, missing: 0))
        }
        #expect(v(1_300) == .tooLow && v(1_299) == nil && v(500) == .tooHigh && v(501) == nil)
        // lower is better: the challenge is below the target
        #expect(v(320, 420, 380, 350) == .tooLow && v(460, 420, 380, 350) == .tooHigh && v(340, 420, 380, 350) == nil)
        // bounds that run neither way judge nothing
        #expect(v(5_000, 900, 900, 900) == nil)
        #expect(NotMeasurable.unmeasured(LastYear(period: "2027", contrib: "X1", goal: nil, bounds: Bounds(floor: 1, target: 2, challenge: 3),
                                                  actual: 1, completion: nil, grade: nil, months: 12, missing: 7)))
    }
}
