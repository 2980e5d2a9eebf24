@testable import AccordCore
import XCTest

/// `vote reveal`, `timer`, `serve` (parsing only: the server is the front end's), and the
/// events' optional `via`.
final class RoomCommandTests: XCTestCase {
    func meeting() throws -> Meeting {
        var m = Meeting()
        try m.runAll("""
        dept add Sales --head Ann
        dept add Ops --head Cy
        goal add "Raise CLTV" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027-12-31 --owner Ops
        """)
        return m
    }

    func testHiddenVotesSayHowManyAreInUntilEveryoneHasVoted() throws {
        var m = try meeting()
        try m.runAll("vote reveal on")
        XCTAssertEqual(m.state.meta.hiddenVotes, true)
        let first = try m.text("vote G1 Sales object \"needs budget\"")
        XCTAssertTrue(first.contains("1 of 2 votes in"), first)
        XCTAssertFalse(first.contains("object,") || first.contains("1 object"), first)
        let g = m.state.goals[1]!
        XCTAssertTrue(Consent.hidden(g, in: m.state))
        let list = try m.text("goal list")
        XCTAssertFalse(list.contains("1 object"), list)
        let last = try m.text("vote G1 Ops agree")
        XCTAssertTrue(last.contains("1 agree"), last)
        XCTAssertTrue(last.contains("1 object"), last)
        XCTAssertFalse(Consent.hidden(m.state.goals[1]!, in: m.state))
        try m.runAll("vote reveal off")
        XCTAssertNil(m.state.meta.hiddenVotes, "off is the absence: files without it read the same")
        XCTAssertNotNil(m.error("vote reveal maybe"))
    }

    func testVoteStillTakesAGoalNamedLikeASubcommand() throws {
        var m = try meeting()
        XCTAssertTrue(try m.text("vote G1 Sales agree").contains("agree"))
    }

    func testTimerStartAndStopAreEventsWithTheirDurations() throws {
        var m = try meeting()
        let started = try m.run("timer 15m G1 discussion")
        XCTAssertNotNil(started.change)
        XCTAssertEqual(m.state.meta.timer, Timebox(start: "2027-01-15T09:00:00Z", seconds: 900, label: "G1 discussion"))
        XCTAssertEqual(m.state.meta.timer?.left(at: "2027-01-15T09:02:29Z"), 751)
        m.now = "2027-01-15T09:17:30Z"
        let stopped = try m.text("timer stop")
        XCTAssertEqual(stopped, "Timer stopped: G1 discussion ran 17:30 of 15:00.")
        XCTAssertNil(m.state.meta.timer)
        XCTAssertNotNil(m.error("timer stop"))
        XCTAssertNotNil(m.error("timer soon"))
    }

    func testStatusAndReplaySayHowLongATimeboxRan() throws {
        var m = try meeting()
        try m.runAll("timer 15m G1 discussion")
        m.now = "2027-01-15T09:02:29Z"
        XCTAssertTrue(try m.text("status").contains("Timer: G1 discussion, 12:31 left"))
        m.now = "2027-01-15T09:16:00Z"
        XCTAssertTrue(try m.text("status").contains("Timer: G1 discussion, 1:00 over"))
        try m.runAll("timer stop")
        var n = Narrator(), s = State()
        var texts: [String] = []
        for var e in m.events {
            if e.kind == "vote" { e.via = Via(dept: 1, role: .head) }
            texts.append(Paint.strip(try n.narrate(e, after: &s).text))
        }
        XCTAssertTrue(texts.contains("timer 15:00: G1 discussion"), "\(texts)")
        XCTAssertTrue(texts.contains("timer of G1 discussion stopped after 16:00 of 15:00"), "\(texts)")
    }

    func testReplaySaysAVoteCameFromADevice() throws {
        var m = try meeting()
        try m.runAll("vote G1 Sales agree")
        var n = Narrator(), s = State()
        var last = ""
        for var e in m.events {
            if e.kind == "vote" { e.via = Via(dept: 1, role: .head) }
            last = Paint.strip(try n.narrate(e, after: &s).text)
        }
        XCTAssertTrue(last.hasSuffix("from a device"), last)
    }

    func testTimerText() {
        XCTAssertEqual(Timebox.text(751), "12:31")
        XCTAssertEqual(Timebox.text(-42), "-0:42")
        XCTAssertEqual(Timebox.text(3900), "1:05:00")
        XCTAssertEqual(Timebox.parse("15m"), 900)
        XCTAssertEqual(Timebox.parse("1h30m"), 5400)
        XCTAssertEqual(Timebox.parse("90s"), 90)
        XCTAssertEqual(Timebox.parse("10"), 600)
        XCTAssertNil(Timebox.parse("0m"))
        XCTAssertNil(Timebox.parse("25h"))
        XCTAssertNil(Timebox.parse("m"))
    }

    func testServeIsParsedHereAndRunByTheFrontEnd() throws {
        var m = try meeting()
        let o = try m.run("serve start --port 9000 --bind 0.0.0.0")
        XCTAssertEqual(o.effects, [.serve(ServeRequest(action: .start, port: 9000, bind: "0.0.0.0"))])
        XCTAssertNil(o.change)
        XCTAssertEqual(try m.run("serve revoke Sales head").effects, [.serve(ServeRequest(action: .revoke, dept: 1, role: .head))])
        XCTAssertNotNil(m.error("serve revoke Nobody"))
        XCTAssertNotNil(m.error("serve begin"))
        XCTAssertNotNil(m.error("serve stop --port 1"))
    }

    func testViaIsOptionalAndRoundTrips() throws {
        var m = try meeting()
        try m.runAll("vote G1 Sales agree")
        var e = m.events.last!
        let plain = try EventLine.encode(e)
        XCTAssertFalse(String(decoding: plain, as: UTF8.self).contains("via"), "a typed command's line is as before")
        e.via = Via(dept: 1, role: .head)
        let line = try EventLine.encode(e)
        XCTAssertTrue(String(decoding: line, as: UTF8.self).contains("\"via\":{\"channel\":\"device\",\"dept\":1,\"role\":\"head\"}"))
        XCTAssertEqual(try EventLine.decode(line), e)
        XCTAssertEqual(try EventLine.decode(plain).via, nil)
    }

    func testMetaWithTimerAndHiddenVotesDecodes() throws {
        var m = try meeting()
        try m.runAll("vote reveal on\ntimer 5m")
        let data = try JSONEncoder().encode(m.state.meta)
        let back = try TapeDecoder.decode(Meta.self, from: data)
        XCTAssertEqual(back, m.state.meta)
    }
}
