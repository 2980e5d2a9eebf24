import Foundation
import Testing

@Suite("Map and sign end to end")
struct MapSignEndToEndTests {
    static let scenario = "acme-2027.txt"

    /// Line numbers of the commands that failed, from `FILE:N: error:` lines.
    static func failedLines(_ stderr: String) -> [Int] {
        stderr.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(scenario + ":"), line.contains(": error: ") else { return nil }
            return Int(line.dropFirst(scenario.count + 1).prefix { $0.isNumber })
        }
    }

    /// Runs the whole Acme meeting into `acme.json`.
    static func meeting() throws -> (Accord, Accord.Run) {
        let a = try Accord()
        try a.copyFixtures()
        // wide enough that no table cell wraps (LayoutEndToEndTests checks 80 columns)
        let r = try a.run(["../acme.json", "--script", scenario], env: ["COLUMNS": "200"], cwd: "scenarios")
        return (a, r)
    }

    @Test func theWholeAcmeMeetingEndsWithFourSignedLettersAndACleanVerify() throws {
        let (a, r) = try Self.meeting()
        let failed = Self.failedLines(r.stderr)
        // the only failing command is the first `goal adopt G1` (line 33), refused while the
        // objection stands
        #expect(failed == [33], "\(r.stderr)")
        #expect(r.stderr.contains("acme-2027.txt:33: error: G1 \"Raise customer lifetime value\" (revision 1) cannot be adopted yet"))
        // step 3: the grid, every department at 100
        for row in ["Marketing         X7 70 (G2)", "Sales             ·            X8 40 (G2)", "goals             G2           G2          G1"] {
            #expect(r.stdout.contains(row), "\(row)")
        }
        #expect(r.stdout.contains("8 contributions · 4 departments · weights ✓"))
        #expect(r.stdout.contains("referrals is measured from different sources: Customer Success X3 (Salesforce) · Marketing X4 (HubSpot)"))
        #expect(r.stdout.contains("Now at 4 sign."))
        // step 4: the letter, the signatures, verify
        #expect(r.stdout.contains("目標責任書 · Responsibility letter — Marketing"))
        #expect(r.stdout.contains("Serves G1 Raise customer lifetime value (r2) · G2 Lower blended acquisition cost (r1)"))
        #expect(r.stdout.contains("Growth: signed · 4 letters: 4 signed, 0 partly, 0 unsigned, 0 void"))
        #expect(r.stdout.contains("✓ Everything holds."))
        #expect(r.stdout.contains("▶ 4 sign    4 letters: 4 signed, 0 partly, 0 unsigned, 0 void"))

        // the file: eight signatures, each with its letter's digest
        let sigs = try a.state("acme.json")["signatures"] as! [[String: Any]]
        #expect(sigs.count == 8)
        #expect(Set(sigs.map { "\($0["dept"]!) \($0["role"]!)" }).count == 8)
        #expect(sigs.allSatisfy { ($0["digest"] as? String)?.range(of: "^sha256:[0-9a-f]{64}$", options: .regularExpression) != nil })
        #expect(sigs.filter { $0["name"] as? String == "Chris Wong" }.count == 4)
        #expect(try a.validateSchema("acme.json").status == 0)

        let v = try a.run(["verify", "acme.json"])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        #expect(v.stdout.contains("4 letters: 4 signed, 0 partly, 0 unsigned, 0 void"))
        #expect(v.stdout.contains("✓ hash chain intact"))
        #expect(v.stdout.contains("✓ the stored state is the fold of the log"))
        #expect(try a.run(["verify", "acme.json", "--require-signed"]).status == 0)
    }

    @Test func aContributionEditAfterSigningVoidsExactlyThatDepartmentsSignatures() throws {
        let (a, _) = try Self.meeting()
        let edit = try a.script("acme.json", "contrib edit X1 --target 1250000\n")
        #expect(edit.status == 0)
        #expect(edit.stdout.contains("⚠ voids 2 signatures: Sales head Omar Haddad, Sales supervisor Chris Wong"), "\(edit.stdout)")
        let v = try a.run(["verify", "acme.json"])
        #expect(v.status == 1)
        #expect(v.stdout.contains("✗ VOID Sales head Omar Haddad"))
        #expect(v.stdout.contains("✗ VOID Sales supervisor Chris Wong"))
        #expect(!v.stdout.contains("VOID Marketing") && !v.stdout.contains("VOID Growth") && !v.stdout.contains("VOID Customer"))
        #expect(v.stdout.contains("4 letters: 3 signed, 0 partly, 0 unsigned, 1 void"))
        #expect(v.stdout.contains("✓ hash chain intact"))   // the log itself is fine
        // the void signatures stay in the file; signing again makes it whole
        let letter = try a.script("acme.json", "letter Sales\nsign Sales head \"Omar Haddad\"\nsign Sales supervisor \"Chris Wong\"\n")
        #expect(letter.stdout.contains("VOID: changed after signing"))
        #expect((try a.state("acme.json")["signatures"] as! [[String: Any]]).count == 10)
        #expect(try a.run(["verify", "acme.json"]).status == 0)
    }

    @Test func handEditingASignedLettersDataInTheSavedStateFailsVerifyAndNamesIt() throws {
        let (a, _) = try Self.meeting()
        var lines = try a.read("acme.json").components(separatedBy: "\n")
        let at = try #require(lines.firstIndex { $0.hasPrefix("\"state\":") })  // line 4 in format 3, after the seals
        // X4 is Marketing's "Referral program signups", target 300
        let x4 = "\"id\":4,\"kpi\":\"Referral program signups\""
        #expect(lines[at].components(separatedBy: x4).count == 2)
        lines[at] = lines[at].replacingOccurrences(of: "\"target\":300,\"unit\":\"signups\"", with: "\"target\":350,\"unit\":\"signups\"")
        try a.write("acme.json", lines.joined(separator: "\n"))
        let v = try a.run(["verify", "acme.json"])
        #expect(v.status == 1)
        #expect(v.stdout.contains("✗ VOID Marketing head Dana Reyes"))
        #expect(v.stdout.contains("✗ VOID Marketing supervisor Chris Wong"))
        #expect(!v.stdout.contains("VOID Sales"))
        #expect(v.stdout.contains("the state was edited by hand"))
        #expect(v.stdout.contains("differs from the fold of its"))
        #expect(v.stdout.contains("contribs X4"))
    }

    @Test func handEditingAnyEventOfTheSavedJSONFailsVerifyAndNamesIt() throws {
        let (a, _) = try Self.meeting()
        let original = try a.read("acme.json").components(separatedBy: "\n")
        let first = try #require(original.firstIndex(of: "\"events\":[")) + 1
        let last = try #require(original.lastIndex(of: "]}")) - 1
        let n = last - first + 1
        #expect(n > 40)
        for i in first...last {
            var lines = original
            let seq = i - first + 1
            lines[i] = lines[i].replacingOccurrences(of: "\"time\":\"2027-01-15T09:00:00Z\"", with: "\"time\":\"2027-01-15T09:00:01Z\"")
            #expect(lines[i] != original[i])
            try a.write("edited.json", lines.joined(separator: "\n"))
            let v = try a.run(["verify", "edited.json"])
            #expect(v.status == 1, "event \(seq)")
            let named = seq == n ? "event \(n) was changed" : "event \(seq + 1) does not follow event \(seq): event \(seq) was changed"
            #expect(v.stdout.contains(named), "event \(seq): \(v.stdout)")
        }
    }

    /// While a session is open its latest events are only in FILE.journal: verify checks them too.
    @Test func verifyChecksEventsStillInTheJournalOfAnOpenSession() throws {
        let (a, _) = try Self.meeting()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Accord.binary)
        p.arguments = ["acme.json"]
        p.currentDirectoryURL = a.dir
        var env = ProcessInfo.processInfo.environment
        env["ACCORD_NOW"] = "2027-01-15T10:00:00Z"
        env["NO_COLOR"] = "1"
        p.environment = env
        let input = Pipe()
        p.standardInput = input
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { try? input.fileHandleForWriting.close(); p.waitUntilExit() }
        try input.fileHandleForWriting.write(contentsOf: Data("contrib edit X1 --target 1250000\n".utf8))
        var waited = 0
        while waited < 100, (try? a.read("acme.json.journal"))?.contains("contrib edit X1") != true {
            usleep(50_000); waited += 1
        }
        #expect(a.exists("acme.json.journal"))
        let v = try a.run(["verify", "acme.json"])
        #expect(v.status == 1, "\(v.stdout)")
        #expect(v.stdout.contains("acme.json.journal holds events not folded into the file yet"))
        #expect(v.stdout.contains("✗ VOID Sales head Omar Haddad"))
    }

    @Test func verifySaysWhenTheFileIsNotASessionOrCannotBeRead() throws {
        let a = try Accord()
        try a.write("junk.json", "{ not json")
        let junk = try a.run(["verify", "junk.json"])
        #expect(junk.status == 65)
        #expect(junk.stderr.contains("junk.json: not valid JSON"))
        let missing = try a.run(["verify", "missing.json"])
        #expect(missing.status == 74)
        #expect(missing.stderr.contains("missing.json: no such session file"))
    }

    @Test func requireSignedFailsWhileALetterIsNotSignedByBoth() throws {
        let a = try Accord()
        try a.script("s.json", """
        title "Tiny"
        period 2027
        dept add A --head Ann --supervisor Sam
        dept add B --head Bo --supervisor Sam
        goal add "Grow revenue" --metric revenue --baseline 100 --target 120 --unit USD --by 2027-12-31
        vote G1 A agree
        vote G1 B agree
        goal adopt G1
        map G1 revenue
        contrib add G1 A --stage revenue --kpi "Revenue A" --metric revenue --target 60 --challenge 70 --floor 50 --unit USD --weight 100 --source ERP --cycle quarterly
        contrib add G1 B --stage revenue --kpi "Revenue B" --metric revenue --target 60 --challenge 70 --floor 50 --unit USD --weight 100 --source ERP --cycle quarterly
        step sign
        sign A head Ann
        """)
        let plain = try a.run(["verify", "s.json"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("2 letters: 0 signed, 1 partly, 1 unsigned, 0 void"))
        #expect(try a.run(["verify", "s.json", "--require-signed"]).status == 1)
    }
}
