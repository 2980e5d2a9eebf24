import Foundation
import Testing

/// The year after the signatures through the built binary (issue 15): the acme meeting, then
/// twelve months of actuals typed as commands (Tests/Fixtures/scenarios/acme-2027-year.txt:
/// a missing month and a missing quarter, leads below the floor in May and June, an
/// adjustment approved in July and signed again, trial conversion falling four months),
/// the tracking sheet and the review as goldens, replay, and a format-1 session carried on.
@Suite("The year after the signatures end to end")
struct YearEndToEndTests {
    static let session = "scenarios/acme.json"

    /// The acme meeting and its year, in `a`'s directory.
    static func year(_ a: Accord) throws {
        _ = try ReplayExportEndToEndTests.acme(a)
        let r = try a.run(["acme.json", "--script", "acme-2027-year.txt"], cwd: "scenarios")
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func aYearOfActualsIsTrackedAndReviewed() throws {
        let a = try Accord()
        try Self.year(a)
        let state = try a.state(Self.session)
        #expect((state["actuals"] as? [[String: Any]])?.count == 70)
        let adjustments = try #require(state["adjustments"] as? [[String: Any]])
        #expect(adjustments.count == 1 && adjustments[0]["status"] as? String == "approved")
        let goldens = ReplayExportEndToEndTests()
        for (command, golden) in [("track 2027-03", "acme-track-2027-03.txt"), ("track 2027-06", "acme-track-2027-06.txt"),
                                  ("track 2027-07 Marketing", "acme-track-2027-07-marketing.txt"),
                                  ("review 2027-Q2", "acme-review-2027-Q2.txt"), ("review 2027", "acme-review-2027.txt")] {
            let r = try a.script(Self.session, command + "\n")
            #expect(r.status == 0, "\(command): \(r.stderr)")
            try goldens.expectGolden(r.stdout, golden)
        }
        let june = try a.script(Self.session, "track 2027-06\n").stdout
        #expect(june.contains("X7 Sales-accepted leads (Marketing) below its floor in 2027-05, 2027-06"))
        // the letters hold: Marketing's was changed by A1 and signed again
        let v = try a.run(["verify", Self.session])
        #expect(v.status == 0, "\(v.stdout)")
        #expect(v.stdout.contains("4 letters: 4 signed, 0 partly, 0 unsigned, 0 void"))
        try a.expectReplayVerifies(Self.session)
        #expect(try a.validateSchema(Self.session).status == 0)
        // into the review, and the status shows both new steps
        let r = try a.script(Self.session, "next\nstatus\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("5 track   70 actuals · latest 2027-12"))
        #expect(r.stdout.contains("6 review  review 2027: Marketing B · Sales A · Customer Success A · Growth A"))
    }

    @Test func replayAtShowsTheYearAtThatPoint() throws {
        let a = try Accord()
        try Self.year(a)
        let events = try a.events(Self.session)
        let approve = try #require(events.first { $0["cmd"] as? String == "approve A1 \"Chris Wong\"" }?["seq"] as? Int)
        let before = try a.run(["replay", Self.session, "--at", "\(approve - 1)"])
        #expect(before.status == 0)
        #expect(before.stdout.contains("4 letters: 4 signed, 0 partly, 0 unsigned, 0 void"))
        #expect(before.stdout.contains("actuals · latest 2027-06"))
        let at = try a.run(["replay", Self.session, "--at", "\(approve)"])
        #expect(at.stdout.contains("4 letters: 3 signed, 0 partly, 0 unsigned, 1 void"))
        // the timeline narrates the year's events
        let timeline = try a.run(["replay", Self.session, "--step", "track"], env: ["COLUMNS": "300"])
        #expect(timeline.status == 0)
        #expect(timeline.stdout.contains("A1 approved by Chris Wong: X7 target 900 → 1,000 from 2027-07"))
        #expect(timeline.stdout.contains("X7 2027-05: miss recorded (the spring trade show moved to September)"))
        #expect(timeline.stdout.contains("Marketing 2027-Q2: review notes recorded"))
    }

    @Test(arguments: ["signed-demo-format1.json", "main-format1-signed.json"])
    func aFormat1SessionGetsActualsAndAReviewWithItsSignaturesValid(name: String) throws {
        let a = try Accord()
        try FileManager.default.copyItem(atPath: Accord.fixture("sessions/" + name), toPath: a.path(name))
        let signed = Set((try a.state(name)["signatures"] as! [[String: Any]]).map { $0["digest"] as! String })
        let r = try a.script(name, """
        next
        actual X1 2027-Q1 1,250,000
        actual X4 2027-01 310 --note "from the CRM export"
        actual X4 2027-02 280
        actual X4 2027-03 320
        miss X4 2027-02 --cause "holiday week" --action "two campaigns in March"
        review 2027-Q1
        track 2027-03
        """)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("voids"))
        #expect(r.stdout.contains("Review · 2027-Q1"))
        let v = try a.run(["verify", name])
        #expect(v.status == 0, "\(v.stdout)")
        #expect(v.stdout.contains("4 letters: 4 signed, 0 partly, 0 unsigned, 0 void"))
        try a.expectReplayVerifies(name)
        // the letters' digests are still the ones their signatures signed (version 1)
        let letters = try a.run(["export", name, "--what", "letters", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(letters.stdout.utf8)) as! [String: Any]
        let now = Set((json["letters"] as! [[String: Any]]).map { $0["digest"] as! String })
        #expect(now == signed)
        #expect((json["letters"] as! [[String: Any]]).allSatisfy { ($0["canonical"] as? String)?.hasPrefix("accord-letter/1\n") == true })
        #expect(try a.read(name).hasPrefix("{\"format\":\"accord-session\",\"version\":5,"))
        #expect(try a.validateSchema(name).status == 0)
    }

    /// HR's letters JSON says how a score becomes a grade: the session's bands, and the same
    /// bands in the text the letter prints.
    @Test func theLettersJSONCarriesTheGradeBands() throws {
        let a = try Accord()
        try Self.year(a)
        let r = try a.script(Self.session, "grade bands S:115 A:100 B:85 C:0\nexport letters --format json --out letters.json\n")
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(a.read("letters.json").utf8)) as! [String: Any]
        let scoring = try #require((doc["letters"] as? [[String: Any]])?.first?["scoring"] as? [String: Any])
        let grades = try #require(scoring["grades"] as? [[String: Any]])
        #expect(grades.map { "\($0["grade"]!):\($0["min"]!)" } == ["S:115", "A:100", "B:85", "C:0"])
        #expect((scoring["text"] as? String)?.contains("S ≥ 115 · A ≥ 100 · B ≥ 85 · C < 85") == true)
        #expect(try a.validateSchema("letters.json", schema: "export-letters.schema.json").status == 0)
    }
}
