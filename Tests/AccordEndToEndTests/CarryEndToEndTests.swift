import Foundation
import Testing

/// Carry over through the built binary (issue 16): the acme year (acme-2027.txt, then
/// acme-2027-year.txt) carried into 2028; the new audit with last year's actuals and the
/// findings only they give (golden); the lineage checked against OLD as it was, and refused
/// once OLD was changed or tampered with; `kpi import-session` as one change `undo` takes back.
@Suite("Carry over end to end")
struct CarryEndToEndTests {
    static let old = "scenarios/acme.json"
    static let new = "scenarios/acme-2028.json"
    static let next = ["ACCORD_NOW": "2028-01-10T09:00:00Z"]

    /// The acme year carried into 2028, in `a`'s directory.
    static func carried(_ a: Accord) throws -> Accord.Run {
        try YearEndToEndTests.year(a)
        let r = try a.run(["carry", "acme.json", "acme-2028.json", "--period", "2028"], env: next, cwd: "scenarios")
        #expect(r.status == 0, "\(r.stderr)")
        return r
    }

    @Test func theAcmeYearIsCarriedInto2028WithLastYearsActualsAndFindings() throws {
        let a = try Accord()
        let r = try Self.carried(a)
        #expect(r.stdout.contains("Carried acme.json into acme-2028.json (Acme 2028 Annual Alignment, 2028): one event."), "\(r.stdout)")
        #expect(r.stdout.contains("From acme.json: 8 KPIs in 4 departments, with last year's (2027) figures; 2 goals listed as last year's."))
        // one event, the carry, recording OLD's name, head and number of events
        let events = try a.events(Self.new)
        let oldEvents = try a.events(Self.old)
        #expect(events.count == 1 && events[0]["kind"] as? String == "carry")
        let meta = try #require(try a.state(Self.new)["meta"] as? [String: Any])
        let lineage = try #require(meta["lineage"] as? [String: Any])
        #expect(lineage["file"] as? String == "acme.json" && lineage["events"] as? Int == oldEvents.count)
        let oldHead = try #require(try a.json(Self.old)["head"] as? [String: Any])
        #expect(lineage["head"] as? String == oldHead["last"] as? String)
        #expect(try a.validateSchema(Self.new).status == 0)
        try a.expectReplayVerifies(Self.new)
        // setup holds the departments with their people; the audit last year's rows; the goals step last year's goals
        let screens = try a.script(Self.new, "dept list\nnext\nkpi last-year\naudit\ngoal last-year\ngoal list\n", env: Self.next)
        #expect(screens.status == 0, "\(screens.stderr)")
        #expect(screens.stdout.contains("Marketing         Dana Reyes   Chris Wong"))
        try ReplayExportEndToEndTests().expectGolden(screens.stdout, "carry-acme-2028.txt")
        let wide = try a.script(Self.new, "kpi last-year\naudit\n", env: ["COLUMNS": "200"])
        let leads = try #require(wide.stdout.split(separator: "\n").first { $0.contains("K2 Sales-accepted leads *") })
        #expect(leads.split(separator: " ").joined(separator: " ")
                == "K2 Sales-accepted leads * Marketing X7 11,400 9,000 / 13,800 11,065 12/12 94.4% B", "\(wide.stdout)")
        #expect(wide.stdout.contains("last year's X7 was adjusted in mid-2027 (A1 from 2027-07: target 900 → 1,000"), "\(wide.stdout)")
        #expect(screens.stdout.contains("G1 Raise customer"))
        #expect(screens.stdout.contains("Last year's goals (2 goals) are listed by `goal last-year`"), "\(screens.stdout)")
        // nothing adopted: the goals step starts empty
        let goals = try #require(try a.state(Self.new)["goals"] as? [Any])
        #expect(goals.isEmpty)
    }

    @Test func statusSaysWhereTheSessionWasCarriedFrom() throws {
        let a = try Accord()
        _ = try Self.carried(a)
        let events = try a.events(Self.old).count
        let r = try a.script(Self.new, "status\n", env: Self.next)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count > 1 && lines[1].hasPrefix("  Carried from acme.json: \(events) events, head "), "\(r.stdout)")
    }

    @Test func verifyReportsTheLineageAndChecksItAgainstOld() throws {
        let a = try Accord()
        _ = try Self.carried(a)
        let v = try a.run(["verify", Self.new])
        #expect(v.status == 0, "\(v.stdout)")
        let n = try a.events(Self.old).count
        #expect(v.stdout.contains("Carried from acme.json: \(n) events, head "))
        let ok = try a.run(["verify", Self.new, "--lineage", Self.old])
        #expect(ok.status == 0, "\(ok.stdout)")
        #expect(ok.stdout.contains("✓ \(Self.old) is the session this one was carried from, as it was then (\(n) events)."))
        // OLD changed after the carry: the lineage no longer holds
        let copy = try Data(contentsOf: URL(fileURLWithPath: a.path(Self.old)))
        let edit = try a.script(Self.old, "actual X1 2027-12 1,500,000\n")
        #expect(edit.status == 0, "\(edit.stderr)")
        let grown = try a.run(["verify", Self.new, "--lineage", Self.old])
        #expect(grown.status == 1)
        #expect(grown.stdout.contains("✗ \(Self.old) changed after it was carried: 1 event after event \(n), the point carried from."), "\(grown.stdout)")
        #expect(grown.stdout.contains("✗ The lineage does not hold."))
        // OLD tampered with (a head's name rewritten in place): it does not verify, and the lineage fails
        var text = String(decoding: copy, as: UTF8.self)
        text = text.replacingOccurrences(of: "Dana Reyes", with: "Dana Ruiz")
        try text.write(toFile: a.path(Self.old), atomically: true, encoding: .utf8)
        let tampered = try a.run(["verify", Self.new, "--lineage", Self.old])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("✗ \(Self.old) does not verify"), "\(tampered.stdout)")
        // another session is not OLD
        let other = try a.run(["verify", Self.new, "--lineage", Self.new])
        #expect(other.status == 1 && other.stdout.contains("is not the session this one was carried from"), "\(other.stdout)")
    }

    @Test func carryRefusesAnExistingNewAndAnOldThatDoesNotVerify() throws {
        let a = try Accord()
        _ = try Self.carried(a)
        let before = try Data(contentsOf: URL(fileURLWithPath: a.path(Self.new)))
        let again = try a.run(["carry", "acme.json", "acme-2028.json", "--period", "2028"], cwd: "scenarios")
        #expect(again.status == 1 && again.stderr.contains("acme-2028.json exists"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path(Self.new))) == before)
        var text = try String(contentsOfFile: a.path(Self.old), encoding: .utf8)
        text = text.replacingOccurrences(of: "Omar Haddad", with: "Omar Hadid")
        try text.write(toFile: a.path(Self.old), atomically: true, encoding: .utf8)
        let bad = try a.run(["carry", "acme.json", "acme-2029.json", "--period", "2029"], cwd: "scenarios")
        #expect(bad.status == 1 && bad.stderr.contains("acme.json does not verify"), "\(bad.stderr)")
        #expect(!a.exists("scenarios/acme-2029.json"))
        let none = try a.run(["carry", "missing.json", "x.json", "--period", "2029"], cwd: "scenarios")
        #expect(none.status == 74)
    }

    /// OLD open in an accord that was killed (or still runs): its last command is only in its
    /// journal. Carrying (or importing) OLD's file alone would leave it out and record a head
    /// that is not OLD's; both are refused, saying how many commands wait, and NEW is not made.
    /// Once OLD is opened and closed (the journal folded in), the carry takes them.
    @Test func carryAndImportRefuseAnOldWhoseJournalHoldsCommandsNotInItsFile() throws {
        let a = try Accord()
        try YearEndToEndTests.year(a)
        let before = try a.events(Self.old).count
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Accord.binary)
        p.arguments = ["acme.json"]
        p.currentDirectoryURL = a.dir.appendingPathComponent("scenarios")
        p.environment = ["ACCORD_NOW": "2027-12-31T09:00:00Z", "NO_COLOR": "1", "HOME": a.dir.path,
                         "XDG_CONFIG_HOME": a.path("config"), "XDG_STATE_HOME": a.path("state")]
        let inPipe = Pipe(), outPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = Pipe()
        try p.run()
        try inPipe.fileHandleForWriting.write(contentsOf: Data("timer 15m Review\n".utf8))
        var printed = Data()
        while !printed.contains(10) {   // the timer's line: the event is in the journal
            let chunk = outPipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed.append(chunk)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(a.exists("scenarios/acme.json.journal"))

        let r = try a.run(["carry", "acme.json", "acme-2028.json", "--period", "2028"], env: Self.next, cwd: "scenarios")
        #expect(r.status == 73 && r.stderr.contains("acme.json has 1 command in its journal not yet saved into the file"), "\(r.status) \(r.stderr)")
        #expect(!a.exists(Self.new))
        let i = try a.script("scenarios/next.json", "period 2028\ndept add Marketing\nkpi import-session scenarios/acme.json\n",
                             env: Self.next)
        #expect(i.status == 1 && i.stderr.contains("in its journal not yet saved into the file"), "\(i.stderr)")

        #expect(try a.run(["scenarios/acme.json", "--script", "/dev/null"]).status == 0)   // folds the journal in
        let again = try a.run(["carry", "acme.json", "acme-2028.json", "--period", "2028"], env: Self.next, cwd: "scenarios")
        #expect(again.status == 0, "\(again.stderr)")
        let lineage = (try a.state(Self.new)["meta"] as? [String: Any])?["lineage"] as? [String: Any]
        #expect(lineage?["events"] as? Int == before + 1)
    }

    @Test func importSessionBringsLastYearIntoAnExistingSessionAsOneChange() throws {
        let a = try Accord()
        try YearEndToEndTests.year(a)
        let r = try a.script("scenarios/next.json", """
        title "Acme 2028"
        period 2028
        dept add Marketing --head "Ana Silva" --supervisor "Chris Wong"
        kpi import-session scenarios/acme.json Marketing
        kpi last-year
        """, env: Self.next.merging(["COLUMNS": "200"]) { a, _ in a })
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("From acme.json: 2 KPIs in 1 department, with last year's (2027) figures; 2 goals listed as last year's."), "\(r.stdout)")
        #expect(r.stdout.contains("K2 Sales-accepted leads *"), "\(r.stdout)")
        let events = try a.events("scenarios/next.json")
        #expect(events.last?["kind"] as? String == "kpi.import-session")
        var state = try a.state("scenarios/next.json")
        #expect((state["kpis"] as? [Any])?.count == 2)
        #expect(((state["depts"] as? [[String: Any]])?.first?["head"]) as? String == "Ana Silva")
        let v = try a.run(["verify", "scenarios/next.json", "--lineage", Self.old])
        #expect(v.status == 0 && v.stdout.contains("Imported from acme.json"), "\(v.stdout)")
        let u = try a.script("scenarios/next.json", "undo\nkpi last-year\n")
        #expect(u.status == 0, "\(u.stderr)")
        #expect(u.stdout.contains("No KPI here was carried from last year"), "\(u.stdout)")
        state = try a.state("scenarios/next.json")
        #expect((state["kpis"] as? [Any])?.isEmpty ?? true)
        #expect((state["meta"] as? [String: Any])?["imports"] == nil)
        try a.expectReplayVerifies("scenarios/next.json")
    }

    /// Grades in `diff` (a section) and `rollup` (per unit and department), from the year-end review.
    @Test func gradesShowInDiffAndRollupOnceTheYearHasActuals() throws {
        let a = try Accord()
        try YearEndToEndTests.year(a)
        let events = try a.events(Self.old)
        let firstActual = try #require(events.first { ($0["cmd"] as? String)?.hasPrefix("actual ") == true }?["seq"] as? Int)
        let d = try a.run(["diff", Self.old, "--at", "\(firstActual - 1)", "--at", "\(events.count)", "--format", "json"])
        #expect(d.status == 1)
        try a.write("grades-diff.json", d.stdout)
        #expect(try a.validateSchema("grades-diff.json", schema: "diff.schema.json").status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(d.stdout.utf8)) as? [String: Any])
        let grades = try #require((doc["sections"] as? [String: Any])?["grades"] as? [[String: Any]])
        #expect(grades.map { $0["name"] as? String } == ["Marketing", "Sales", "Customer Success", "Growth"])
        #expect(grades.allSatisfy { $0["change"] as? String == "added" })
        let fields = grades.map { g in ((g["fields"] as? [[String: Any]]) ?? []).first { $0["name"] as? String == "grade" }?["new"] as? String }
        #expect(fields == ["B", "A", "A", "A"])
        let text = try a.run(["diff", Self.old, "--at", "\(firstActual - 1)", "--at", "\(events.count)"])
        #expect(text.stdout.contains("Grades (year-end review)"))
        #expect(text.stdout.contains("Marketing (D1)         grade B · score 96.6"), "\(text.stdout)")
        // a session compared with itself has no grade differences either
        #expect(try a.run(["diff", Self.old, Self.old]).status == 0)
        let r = try a.run(["rollup", Self.old, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        try a.write("grades-rollup.json", r.stdout)
        #expect(try a.validateSchema("grades-rollup.json", schema: "rollup.schema.json").status == 0)
        let unit = try #require(((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["units"] as? [[String: Any]])?.first)
        #expect(unit["review"] as? String == "2027")
        let depts = try #require(unit["departments"] as? [[String: Any]])
        #expect(depts.map { $0["grade"] as? String } == ["B", "A", "A", "A"])
        #expect(depts.map { ($0["score"] as? Double).map { ($0 * 10).rounded() / 10 } } == [96.6, 105, 103, 102.4])
        let rt = try a.run(["rollup", Self.old])
        #expect(rt.stdout.contains("Grades per unit and department"))
        #expect(rt.stdout.contains("acme.json  Growth            2027    102.4  A"), "\(rt.stdout)")
    }
}
