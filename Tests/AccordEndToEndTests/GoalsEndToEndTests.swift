import Foundation
import Testing

@Suite("Goals end to end")
struct GoalsEndToEndTests {
    /// The scenario's lines up to the end of step 2 (before `# 3 map`).
    static func scenarioThroughGoals() throws -> String {
        let all = try String(contentsOfFile: Accord.fixture("scenarios/acme-2027.txt"), encoding: .utf8)
        let lines = all.split(separator: "\n", omittingEmptySubsequences: false)
        let end = lines.firstIndex { $0.hasPrefix("# 3 map") }!
        return lines[..<end].joined(separator: "\n") + "\ngoal show G1\ngoal list\nstatus\n"
    }

    @Test func theGoalsPartOfTheAcmeMeeting() throws {
        let a = try Accord()
        try a.copyFixtures()
        try a.write("scenarios/goals.txt", try Self.scenarioThroughGoals())
        // wide enough that no line wraps (LayoutEndToEndTests checks 80 columns)
        let r = try a.run(["../acme.json", "--script", "goals.txt"], env: ["COLUMNS": "200"], cwd: "scenarios")
        // the only failing command is the first `goal adopt G1`, line 33
        #expect(r.status == 1)
        let errors = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1, "\(r.stderr)")
        #expect(errors.first?.hasPrefix("goals.txt:33: error: G1 \"Raise customer lifetime value\" (revision 1) cannot be adopted yet:") == true)
        // the objection is named, with its reason
        #expect(r.stderr.contains("objection — Customer Success: \"Retention work needs a support headcount decision first\""))
        // the edit makes revision 2, shows the diff and resets the votes
        #expect(r.stdout.contains("G1 revision 2: target 15,000 → 14,500."))
        #expect(r.stdout.contains("Votes reset: every department votes again on G1's new revision."))
        // the second adoption succeeds
        #expect(r.stdout.contains("✓ G1 \"Raise customer lifetime value\" revision 2 adopted: 3 agree, 1 abstain."))
        #expect(r.stdout.contains("✓ G2 \"Lower blended acquisition cost\" revision 1 adopted: 3 agree, 1 abstain."))
        // goal show: both revisions' votes and the change
        #expect(r.stdout.contains("G1 Raise customer lifetime value · revision 2 · adopted (r2)"))
        #expect(r.stdout.contains("r1 → r2  target 15,000 → 14,500"))
        #expect(r.stdout.contains("r2 votes  agree: Marketing, Sales, Customer Success · abstain: Growth"))
        #expect(r.stdout.contains("r1 votes  agree: Marketing, Sales, Growth · object: Customer Success (\"Retention work needs a support headcount decision first\")"))
        #expect(r.stdout.contains("Now at 3 map."))

        // the JSON holds every vote, with its time and revision
        let goals = try a.state("acme.json")["goals"] as! [[String: Any]]
        let g1 = goals.first { $0["id"] as? Int == 1 }!
        let votes = (try a.state("acme.json")["votes"] as! [[String: Any]]).filter { $0["goal"] as? Int == 1 }
        #expect(votes.count == 8)
        #expect(votes.map { $0["revision"] as! Int } == [1, 1, 1, 1, 2, 2, 2, 2])
        #expect(votes.allSatisfy { ($0["time"] as? String)?.hasPrefix("2027-01-15T") == true })
        #expect(votes[2]["choice"] as? String == "object")
        #expect(votes[2]["reason"] as? String == "Retention work needs a support headcount decision first")
        #expect(g1["status"] as? String == "adopted")
        #expect(g1["adoptedRevision"] as? Int == 2)
        let revisions = g1["revisions"] as! [[String: Any]]
        #expect(revisions.map { $0["target"] as! Double } == [15000, 14500])
        // and each vote is its own event in the log
        let voteEvents = try a.events("acme.json").filter { $0["kind"] as? String == "vote" }
        #expect(voteEvents.count == 12)
        #expect(try a.validateSchema("acme.json").status == 0)
        try a.expectReplayVerifies("acme.json")
    }

    @Test func goalSuggestProposesASharedOutcomeForEachOpenCrossDepartmentTension() throws {
        let a = try Accord()
        try a.copyFixtures()
        let script = """
        title "年度目標對齊"
        period 2027
        kpi import data/kpi-sheet-zh-Hant.csv
        audit
        goal suggest
        """
        let r = try a.script("zh.json", script)
        #expect(r.status == 0, "\(r.stderr)")
        // every open conflict between departments on a tension gets at least one shared outcome
        let conflicts = try a.state("zh.json")["conflicts"] as! [[String: Any]]
        let tensions = conflicts.filter {
            $0["status"] as? String == "open" && Set($0["depts"] as! [Int]).count >= 2
                && ["known-tension", "opposing-direction"].contains($0["rule"] as! String)
        }
        #expect(tensions.count >= 3, "\(conflicts.map { $0["rule"]! })")
        let out = r.stdout
        let section = out.components(separatedBy: "Shared goals both sides move:").last ?? ""
        for c in tensions {
            let id = "C\(c["id"] as! Int)"
            let block = section.components(separatedBy: "\n \(id) ").dropFirst().first?.components(separatedBy: "\n C").first ?? ""
            #expect(block.contains("goal add "), "no suggestion for \(id)")
            #expect(block.contains("--by 2027-12-31"), "\(block)")
        }
        // the suggested lines are shared outcome or business metrics, not activity ones
        let suggested = section.split(separator: "\n").filter { $0.contains("goal add ") }
        #expect(!suggested.isEmpty)
        for line in suggested {
            #expect(!line.contains("--metric traffic") && !line.contains("--metric followers") && !line.contains("--metric content_output"))
        }
        // and they are ready to type: running the first one proposes a goal
        let first = String(suggested[0]).trimmingCharacters(in: .whitespaces)
        let added = try a.script("zh.json", first + "\ngoal list\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Proposed G1"))
        try a.expectReplayVerifies("zh.json")
    }
}
