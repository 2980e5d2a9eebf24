@testable import AccordCore
import XCTest

/// How long each step and each goal's discussion took (`Pace`), from the events' times, as
/// `status` shows it. The clock is the test's (`Meeting.now`).
final class PaceTests: XCTestCase {
    func run(_ m: inout Meeting, _ hhmm: String, _ lines: String) throws {
        m.now = "2027-01-15T\(hhmm):00Z"
        try m.runAll(lines)
    }

    func status(_ m: Meeting, width: Int = 1000) throws -> String {
        var s = m.state
        var ctx = m.context()
        ctx.width = width
        return Paint.strip(try Engine.run("status", state: &s, ctx: ctx).output)
    }

    func testEachStepIsTimedFromTheEventThatEnteredItToTheOneThatLeftIt() throws {
        var m = Meeting()
        try run(&m, "09:00", "title T\nperiod 2027")
        try run(&m, "09:02", "dept add A --head Ann")
        try run(&m, "09:04", "dept add B --head Bo")
        try run(&m, "09:06", "next")                     // setup: 9:00 → 9:06
        try run(&m, "09:10", "back")                     // audit: 9:06 → 9:10
        try run(&m, "09:11", "next")                     // setup again: 1 minute more
        try run(&m, "09:20", "next --force \"later\"")   // audit: 9 minutes more
        try run(&m, "09:25", "goal add \"Raise CLTV\" --metric cltv --baseline 1 --target 2 --by 2027-12-31 --owner A")
        let pace = Pace(m.events)
        XCTAssertEqual(pace.seconds[.setup], 7 * 60)
        XCTAssertEqual(pace.seconds[.audit], 13 * 60)
        XCTAssertEqual(pace.seconds[.goals], 5 * 60)
        XCTAssertEqual(pace.count, m.events.count)
        let text = try status(m)
        XCTAssertTrue(text.contains("Time per step: setup 7:00, audit 13:00\n"), "the step the room is at is not over: \(text)")
        XCTAssertFalse(text.contains("goals 5:00"), text)

        // an undo that takes the room back is a move like the others
        try run(&m, "09:40", "undo")   // takes back the goal
        try run(&m, "09:41", "undo")   // takes back `next --force`: the room is at the audit again
        XCTAssertEqual(m.state.meta.step, .audit)
        let again = Pace(m.events)
        XCTAssertEqual(again.seconds[.goals], 5 * 60 + 15 * 60 + 1 * 60, "9:20 → 9:41, until the undo that left the step")
        let back = try status(m)
        XCTAssertTrue(back.contains("Time per step: setup 7:00, goals 21:00"), back)
    }

    func testAGoalsDiscussionRunsFromItsProposalToItsAdoptionWithItsTimer() throws {
        var m = Meeting()
        try m.runAll("dept add Sales --head Ann\ndept add Ops --head Cy\nstep goals --force \"no audit\"")
        try run(&m, "09:25", "goal add \"Raise CLTV\" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027-12-31 --owner Ops")
        try run(&m, "09:25", "timer 15m \"G1 discussion\"")
        try run(&m, "09:30", "vote G1 Sales agree\nvote G1 Ops agree")
        try run(&m, "09:36", "goal adopt G1")
        try run(&m, "09:41", "timer stop")
        var pace = Pace(m.events)
        XCTAssertEqual(pace.goals[1]?.discussion, 11 * 60)
        XCTAssertEqual(pace.goals[1]?.timed, 16 * 60)
        XCTAssertEqual(pace.goals[1]?.planned, 15 * 60)
        let adopted = try status(m)
        XCTAssertTrue(adopted.contains("Discussed until adopted: G1 11:00 (timer 16:00 of 15:00)"), adopted)

        // a new revision takes the adoption back: the discussion goes on
        try run(&m, "09:45", "goal edit G1 --target 14500")
        pace = Pace(m.events)
        XCTAssertNil(pace.goals[1]?.discussion)
        let revised = try status(m)
        XCTAssertTrue(revised.contains("Discussed until adopted: G1 still open (timer 16:00 of 15:00)"), revised)
        try run(&m, "09:50", "vote G1 Sales agree\nvote G1 Ops agree\ngoal adopt G1")
        XCTAssertEqual(Pace(m.events).goals[1]?.discussion, 25 * 60)
        try run(&m, "09:51", "undo")
        XCTAssertNil(Pace(m.events).goals[1]?.discussion, "undo of the adoption")

        // a second goal: dropped, and one never timed nor adopted is not listed
        try run(&m, "10:00", "goal add \"Lower CAC\" --metric cac --baseline 300 --target 250 --by 2027-12-31 --owner Sales")
        try run(&m, "10:04", "goal drop G2 \"not this year\"")
        try run(&m, "10:05", "goal add \"Third\" --metric cac --baseline 1 --target 2 --by 2027-12-31 --owner Sales")
        let text = try status(m)
        XCTAssertTrue(text.contains("G2 dropped after 4:00"), text)
        XCTAssertFalse(text.contains("G3"), text)
    }

    func testAScriptWithAFixedClockHasNothingToTime() throws {
        var m = Meeting()
        try m.runAll("period 2027\ndept add A\ndept add B\nnext")
        XCTAssertEqual(Pace(m.events).seconds[.setup], 0)
        XCTAssertEqual(Pace(m.events).lines(current: .audit, in: m.state), [])
        XCTAssertFalse(try status(m).contains("Time per step"))
    }

    func testATimerNamesItsGoalsByTheirIDs() {
        XCTAssertEqual(Pace.goalsNamed(in: "G1 discussion"), [1])
        XCTAssertEqual(Pace.goalsNamed(in: "g2"), [2])
        XCTAssertEqual(Pace.goalsNamed(in: "G1討論"), [1])
        XCTAssertEqual(Pace.goalsNamed(in: "G1/G3, G1 again"), [1, 3])
        XCTAssertEqual(Pace.goalsNamed(in: "BG1 G12x Go G"), [])
        XCTAssertEqual(Pace.goalsNamed(in: nil), [])
    }

    func testDurationsPastADayCountDays() {
        XCTAssertEqual(Pace.text(0), "0:00")
        XCTAssertEqual(Pace.text(3 * 60 + 5), "3:05")
        XCTAssertEqual(Pace.text(86_400 + 3661), "1 day 1:01:01")
        XCTAssertEqual(Language.$scoped.withValue(.zhHant) { Pace.text(2 * 86_400) }, "2 天 0:00")
    }

    func testStatusStaysWithinEightyColumnsWithItsTimes() throws {
        var m = Meeting()
        try run(&m, "09:00", "title \"Acme 2027 Annual Alignment\"\nperiod 2027\ndept add 行銷部 --head 林\ndept add 業務部 --head 王")
        try run(&m, "09:06", "next")
        try run(&m, "09:12", "next --force \"carried\"")
        for g in 1...6 {
            try run(&m, String(format: "09:%02d", 12 + g), "goal add \"Goal \(g)\" --metric cltv --baseline 1 --target 2 --by 2027-12-31 --owner 行銷部")
        }
        for g in 1...6 { try run(&m, String(format: "09:%02d", 20 + g), "vote G\(g) 行銷部 agree\nvote G\(g) 業務部 agree\ngoal adopt G\(g)") }
        try run(&m, "09:40", "next")
        for width in [80, 120] {
            let text = try status(m, width: width)
            XCTAssertTrue(text.contains("Time per step: setup 6:00, audit 6:00, goals 28:00"), text)
            XCTAssertTrue(text.contains("Discussed until adopted: G1 8:00, G2 8:00"), text)
            for line in text.split(separator: "\n") { XCTAssertLessThanOrEqual(String(line).displayWidth, width, "\(width): \(line)") }
        }
        let zh = Language.$scoped.withValue(.zhHant) { try? status(m, width: 80) } ?? ""
        XCTAssertTrue(zh.contains("各步驟用時：準備 6:00、盤點 6:00、目標 28:00"), zh)
    }

    func testTheFrontEndsPaceIsUsedWhenItHasOne() throws {
        var m = Meeting()
        try run(&m, "09:00", "period 2027\ndept add A\ndept add B")
        try run(&m, "09:05", "next")
        var s = m.state
        var ctx = m.context()
        ctx.pace = { nil }
        XCTAssertTrue(Paint.strip(try Engine.run("status", state: &s, ctx: ctx).output).contains("not counted here for a session this large"))
        var kept = Pace()
        for e in m.events { kept.add(e) }
        ctx.pace = { kept }
        XCTAssertTrue(Paint.strip(try Engine.run("status", state: &s, ctx: ctx).output).contains("Time per step: setup 5:00"))
    }
}
