import Foundation
import Testing

@Suite("Foundation end to end: scripts, exit codes, the saved file")
struct FoundationEndToEndTests {
    static let setup = """
    title "Acme 2027 Annual Alignment"
    period 2027
    dept add Marketing --head "Dana Reyes" --supervisor "Chris Wong"
    dept add 行銷部 --head 林經理 --supervisor 王副總
    dept add "Customer Success" --head "Mei Tanaka"
    """

    @Test func aScriptRunsAndTheSessionIsSavedAsValidJSON() throws {
        let a = try Accord()
        let r = try a.script("s.json", Self.setup + "\ndept list\nstatus\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Added department 行銷部 (2 in the room)."))
        #expect(r.stdout.contains("Acme 2027 Annual Alignment · period 2027 · s.json"))
        #expect(r.stdout.contains("▶ setup     3 departments"))
        // columns line up by display width: 行銷部 is 6 columns wide, like "Marketing" minus 3
        let rows = r.stdout.split(separator: "\n").filter { $0.contains("林經理") || $0.contains("Dana Reyes") }
        #expect(rows.count == 2)
        let headCol = rows.map { row -> Int in
            let prefix = row.components(separatedBy: row.contains("林經理") ? "林經理" : "Dana Reyes")[0]
            return prefix.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x4E00 && $1.value <= 0x9FFF) ? 2 : 1) }
        }
        #expect(headCol[0] == headCol[1])
        #expect(!a.exists("s.json.journal"))
        #expect(!a.exists("s.json.lock"))
        let state = try a.state("s.json")
        let depts = state["depts"] as! [[String: Any]]
        #expect(depts.map { $0["name"] as! String } == ["Marketing", "行銷部", "Customer Success"])
        let events = try a.events("s.json")
        #expect(events.count == 5)
        #expect(events[3]["cmd"] as? String == "dept add 行銷部 --head 林經理 --supervisor 王副總")
        #expect(events[3]["time"] as? String == "2027-01-15T09:00:00Z")
        let v = try a.validateSchema("s.json")
        #expect(v.status == 0, "\(v.stdout)")
        try a.expectReplayVerifies("s.json")
    }

    @Test func aFailingCommandIsReportedWithItsLineAndTheRestStillRuns() throws {
        let a = try Accord()
        let r = try a.script("s.json", "dept add Sales\ndept ad Marketing\nstauts\ndept add Growth\n")
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("script-") && $0.contains(":2: error: `dept` has no sub-command `ad`") && $0.contains("Did you mean `dept add`?") })
        #expect(lines.contains { $0.contains(":3: error: Unknown command `stauts`. Did you mean `status`?") })
        #expect(lines.last?.contains("2 commands failed") == true)
        let depts = try a.state("s.json")["depts"] as! [[String: Any]]
        #expect(depts.count == 2)
    }

    @Test func strictStopsAtTheFirstFailure() throws {
        let a = try Accord()
        let r = try a.script("s.json", "dept add Sales\ndept add Sales\ndept add Growth\n", extra: ["--strict"])
        #expect(r.status == 1)
        #expect(r.stderr.contains(":2: error: There is already a department Sales."))
        #expect(r.stderr.contains(":2: stopped here (--strict)."))
        let depts = try a.state("s.json")["depts"] as! [[String: Any]]
        #expect(depts.count == 1)
    }

    @Test func unknownFlagsGetTheNearestSpelling() throws {
        let a = try Accord()
        let r = try a.script("s.json", "dept add Sales --haed Omar\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("Unknown flag --haed for `dept add`. Did you mean `--head`?"))
    }

    @Test func stdinThatIsNotATerminalIsReadLikeAScript() throws {
        let a = try Accord()
        let r = try a.run(["s.json"], stdin: "dept add Sales\nbogus\ndept list\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("stdin:2: error: Unknown command `bogus`."))
        #expect(r.stdout.contains("Sales"))
    }

    @Test func theEventLogRecordsUndoAndRedo() throws {
        let a = try Accord()
        let r = try a.script("s.json", Self.setup + "\nundo\nredo\nundo\nlog 3\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Undid #5: dept add \"Customer Success\" --head \"Mei Tanaka\""))
        let events = try a.events("s.json")
        #expect(events.map { $0["kind"] as! String }.suffix(3) == ["undo", "redo", "undo"])
        #expect(events[5]["undoes"] as? Int == 5)
        #expect(events[6]["redoes"] as? Int == 6)
        #expect(try a.validateSchema("s.json").status == 0)
        let depts = try a.state("s.json")["depts"] as! [[String: Any]]
        #expect(depts.count == 2)
        try a.expectReplayVerifies("s.json")
    }

    @Test func reopeningContinuesTheSameLog() throws {
        let a = try Accord()
        try a.script("s.json", "dept add Sales\n")
        let r = try a.script("s.json", "dept add Growth\nundo\nundo\nstatus\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try a.events("s.json").count == 4)
        #expect((try a.state("s.json")["depts"] as! [Any]).isEmpty)
    }

    @Test func nextIsGatedAndForceRecordsTheReason() throws {
        let a = try Accord()
        let r = try a.script("s.json", "dept add Sales\nnext\nnext --force \"only one department today\"\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains(":2: error: Cannot move to 1 audit yet:"))
        #expect(r.stderr.contains("add at least two departments"))
        #expect(r.stdout.contains("passing the gate because: only one department today"))
        let events = try a.events("s.json")
        #expect(events.last?["cmd"] as? String == "next --force \"only one department today\"")
        #expect((try a.state("s.json")["meta"] as! [String: Any])["step"] as? String == "audit")
    }

    @Test func helpListsEveryCommandAndShowsExamples() throws {
        let a = try Accord()
        let r = try a.script("s.json", "help\nhelp dept add\nhelp dept\nhelp nope\n")
        #expect(r.stdout.contains("dept add NAME [--head PERSON] [--supervisor PERSON]"))
        #expect(r.stdout.contains("e.g. dept add 行銷部 --head 林經理 --supervisor 王副總"))
        #expect(r.stdout.contains("dept rename OLD NEW"))
        #expect(r.stderr.contains("No command `nope`."))
    }

    @Test func saveWritesACopy() throws {
        let a = try Accord()
        let r = try a.script("s.json", "dept add Sales\nsave backup.json\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Saved a copy to backup.json (1 event)."))
        #expect(try a.validateSchema("backup.json").status == 0)
    }

    @Test func versionAndHelpFollowArgumentParser() throws {
        let a = try Accord()
        let v = try a.run(["--version"])
        #expect(v.status == 0)
        #expect(v.stdout.trimmingCharacters(in: .whitespacesAndNewlines).range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil)
        let h = try a.run(["--help"])
        #expect(h.status == 0)
        #expect(h.stdout.contains("USAGE: accord"))
        #expect(h.stdout.contains("Exit codes"))
        let c = try a.run(["--generate-completion-script", "bash"])
        #expect(c.status == 0)
        #expect(c.stdout.contains("complete"))
        let bad = try a.run(["s.json", "--bogus"])
        #expect(bad.status == 64)
    }

    @Test func theClockIsInjectable() throws {
        let a = try Accord()
        try a.run(["s.json", "--now", "2027-03-01T10:30:00Z", "--script", "/dev/stdin"], stdin: "dept add Sales\n")
        #expect(try a.events("s.json")[0]["time"] as? String == "2027-03-01T10:30:00Z")
        let bad = try a.run(["t.json", "--now", "yesterday"], stdin: "")
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--now"))
    }
}
