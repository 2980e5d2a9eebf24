import Foundation
import Testing

/// Issue 11 through the built binary: replay views before their step, each subcommand's
/// usage on a validation error, and input as the room types it.
@Suite("Input end to end")
struct InputEndToEndTests {
    /// The worked example, written without opening it (49 events; #8 imports the KPIs, #9 audits).
    func demo(_ a: Accord) throws {
        let r = try a.run(["demo", "d.json", "--no-open"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    // MARK: 3. replay --at N --show before the step has run

    @Test func replayBeforeTheAuditSaysTheAuditHasNotRun() throws {
        let a = try Accord()
        try demo(a)
        let r = try a.run(["replay", "d.json", "--at", "8", "--show", "conflicts"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("not audited yet"))
        #expect(!r.stdout.contains("No conflicts found"), "\(r.stdout)")
        #expect(r.stdout.contains("Conflict register\nNot audited yet at this point (the room was at 1 audit): no `audit` had registered conflicts among the 12 KPIs."),
                "\(r.stdout)")
        // after the audit the register itself
        let after = try a.run(["replay", "d.json", "--at", "9", "--show", "conflicts"])
        #expect(after.stdout.contains("Conflict register\n6 conflicts"), "\(after.stdout)")
    }

    @Test func replayBeforeGoalsMapAndSignSaysSo() throws {
        let a = try Accord()
        try demo(a)
        let r = try a.run(["replay", "d.json", "--at", "8", "--show", "goals", "--show", "grid", "--show", "letters"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Goals\nNo goals yet at this point: the room was at 1 audit; goals are proposed at 2 goals."), "\(r.stdout)")
        #expect(r.stdout.contains("Grid\nNothing mapped yet at this point: the room was at 1 audit"), "\(r.stdout)")
        #expect(r.stdout.contains("Letters\nNo letters yet at this point: the room was at 1 audit"), "\(r.stdout)")
        #expect(!r.stdout.contains("Content digest") && !r.stdout.contains("bring Marketing's weights"), "\(r.stdout)")
        // once the map has content, the grid and letters are shown as the commands show them
        let end = try a.run(["replay", "d.json", "--at", "49", "--show", "grid", "--show", "letters"])
        #expect(end.stdout.contains("Content digest") && !end.stdout.contains("Nothing mapped yet"))
    }

    // MARK: 9. a validation error shows the subcommand's usage

    func expectUsage(_ r: Accord.Run, _ command: String, _ message: String) {
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("Error: " + message), "\(r.stderr)")
        #expect(r.stderr.contains("Usage: accord \(command) "), "\(r.stderr)")
        #expect(r.stderr.contains("See 'accord \(command) --help'"), "\(r.stderr)")
        #expect(!r.stderr.contains("accord <subcommand>"), "\(r.stderr)")
    }

    @Test func eachSubcommandsValidationErrorShowsItsOwnUsage() throws {
        let a = try Accord()
        try demo(a)
        expectUsage(try a.run(["export", "d.json", "--format", "pdf"]), "export", "--format is md, csv, html or json, not `pdf`.")
        expectUsage(try a.run(["export", "d.json", "--what", "memo"]), "export", "")
        expectUsage(try a.run(["demo", "x.json", "--now", "soon"]), "demo", "--now / ACCORD_NOW must look like")
        #expect(!a.exists("x.json"))
        expectUsage(try a.run(["demo", "x.json"], env: ["ACCORD_NOW": "soon"]), "demo", "--now / ACCORD_NOW")
        expectUsage(try a.run(["replay", "d.json", "--show", "goals"]), "replay", "--show adds a view")
        expectUsage(try a.run(["replay", "d.json", "--verify", "--at", "3"]), "replay", "")
        expectUsage(try a.run(["audit", "d.json", "--format", "xml"]), "audit", "")
        expectUsage(try a.run(["verify"]), "verify", "Missing expected argument")
        // `accord FILE`: the fast path hands a bad --now to the parser; ACCORD_NOW fails in the fast path
        expectUsage(try a.run(["s.json", "--now", "soon"]), "open", "--now / ACCORD_NOW")
        expectUsage(try a.run(["s.json", "--script", "none.txt"], env: ["ACCORD_NOW": "soon"]), "open", "--now / ACCORD_NOW")
        #expect(!a.exists("s.json"))
    }

    @Test func theBenchmarksAreAnotherBinary() throws {
        let a = try Accord()
        let bench = try a.runBytes(["audit", "--kpis", "0"], stdin: Data(), binary: Accord.benchBinary)
        #expect(bench.status == 64, "\(bench.stderr)")
        #expect(bench.stderr.contains("Error: --kpis, --depts and --runs must be positive"), "\(bench.stderr)")
        #expect(bench.stderr.contains("accord-bench audit"), "\(bench.stderr)")
        let timed = try a.runBytes(["audit", "--kpis", "60", "--depts", "6", "--runs", "1", "--write", "g.json"],
                                   stdin: Data(), binary: Accord.benchBinary)
        #expect(timed.status == 0 && timed.stdout.contains("RESULT kpis=60 analysis_ms="), "\(timed.stderr)")
        #expect(try a.run(["verify", "g.json"]).status == 0, "the generated session opens and verifies")
        // accord itself has neither the subcommand nor the generator
        let binary = try Data(contentsOf: URL(fileURLWithPath: Accord.binary))
        #expect(binary.range(of: Data("bench-audit".utf8)) == nil)
        #expect(binary.range(of: Data("AuditBench".utf8)) == nil)
    }

    @Test func anErrorThatIsNotBadUsageKeepsItsExitCode() throws {
        let a = try Accord()
        let r = try a.run(["export", "missing.json"])
        #expect(r.status == 74)
        #expect(!r.stderr.contains("Usage:"), "\(r.stderr)")
        let help = try a.run(["export", "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: accord export"))
    }

    // MARK: 16–19 through a script

    @Test func theRoomsOwnWordsWorkInAScript() throws {
        let a = try Accord()
        let r = try a.script("s.json", """
        period 2027
        dept add Marketing --head "Dana Reyes" --supervisor "Chris Wong"
        dept add Sales --head "Omar Haddad" --supervisor "Chris Wong"
        goal add "Raise customer lifetime value" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027年12月31日
        goal add "Raise customer lifetime value" --baseline 1 --target 2 --unit x --by ２０２７/１/５
        vote G1 Sales 同意
        vote G1 Marketing 棄權
        sign Sales head "Omar Haddad" --delegate
        """)
        #expect(r.status == 1)
        #expect(r.stdout.contains("by 2027-12-31"), "\(r.stdout)")
        #expect(r.stdout.contains("No --metric: SMART S and R fail until one is set (`goal edit G2 --metric KEY`)."), "\(r.stdout)")
        #expect(r.stdout.contains("G2's title repeats G1 “Raise customer lifetime value”."), "\(r.stdout)")
        #expect(r.stdout.contains("Sales votes agree") && r.stdout.contains("Marketing votes abstain"), "\(r.stdout)")
        #expect(r.stderr.contains(":8: error: Unknown flag --delegate for `sign`. Did you mean `--as-delegate`?"), "\(r.stderr)")
        let goals = try a.state("s.json")["goals"] as! [[String: Any]]
        let bys = goals.map { (($0["revisions"] as! [[String: Any]]).last!["by"] as? String) }
        #expect(bys == ["2027-12-31", "2027-01-05"], "\(goals)")
        let votes = try a.state("s.json")["votes"] as! [[String: Any]]
        #expect(votes.map { $0["choice"] as! String } == ["agree", "abstain"])
        #expect(try a.replayVerify("s.json").status == 0)
    }

    @Test func nowTakesTheRoomsDateForms() throws {
        let a = try Accord()
        let r = try a.script("s.json", "period 2027\n", extra: ["--now", "2027/3/4"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect((try a.events("s.json").first?["time"] as? String) == "2027-03-04T00:00:00Z")
        let b = try a.script("t.json", "period 2027\n", extra: ["--now", "2027年3月4日T09:30:00Z"])
        #expect(b.status == 0, "\(b.stderr)")
        #expect((try a.events("t.json").first?["time"] as? String) == "2027-03-04T09:30:00Z")
    }
}
