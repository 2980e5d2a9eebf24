import Foundation
import Testing

/// Issue 11 through the built binary: times in the room's zone, honest warnings when a
/// signed session changes, a forced step in `status`.
@Suite("defects from the new-user trial, end to end")
struct TrialDefectEndToEndTests {
    /// The demo (every letter signed) written in a fresh directory.
    static func demo(_ a: Accord, env: [String: String] = [:]) throws {
        let r = try a.run(["demo", "d.json", "--no-open"], env: env)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func timesAreShownInTheLocalZoneAndStoredInUTC() throws {
        let a = try Accord()
        try Self.demo(a)
        // a POSIX zone string: UTC+8 without relying on the zone database
        let taipei = ["TZ": "CST-8"]
        let r = try a.script("d.json", "log 1\nletter Growth\n", env: taipei)
        #expect(r.status == 0, "\(r.stderr)")
        // the demo's clock runs a minute per command from 09:00Z: Growth's head signed at 09:49Z
        #expect(r.stdout.contains("2027-01-15 17:49 UTC+8"), "\(r.stdout)")
        #expect(!r.stdout.contains(" 09:4"))
        let html = try a.run(["export", "d.json", "--what", "letters", "--format", "html"], env: taipei)
        #expect(html.stdout.contains("2027-01-15 17:49 UTC+8"))
        let md = try a.run(["export", "d.json", "--what", "sheet", "--format", "md"], env: taipei)
        #expect(md.stdout.contains("UTC+8"))
        let replay = try a.run(["replay", "d.json", "--step", "sign"], env: taipei)
        #expect(replay.stdout.contains("2027-01-15 17:49 UTC+8"))
        // the file itself keeps UTC
        let events = try a.events("d.json")
        #expect(events.allSatisfy { ($0["time"] as? String)?.hasSuffix("Z") == true })
        // and in UTC the zone is said too
        #expect(try a.script("d.json", "log 1\n").stdout.contains("2027-01-15 09:50 UTC  sign"))
    }

    @Test func aGoalEditOnASignedSessionSaysWhatItUndoesAndWhatComesNext() throws {
        let a = try Accord()
        try Self.demo(a)
        let r = try a.script("d.json", "goal edit G2 --target 1.45億\nstatus\nsign Marketing head \"Dana Reyes\"\n")
        #expect(r.stdout.contains("⚠ voids 6 signatures"))
        #expect(r.stdout.contains("G2 \"Lower blended acquisition cost\" is no longer adopted"))
        #expect(r.stdout.contains("Marketing's letter loses row X7 Sales-accepted leads."))
        #expect(r.stdout.contains("Growth's letter loses 2 rows"))
        #expect(r.stdout.contains("Next: G2 revision 2 is not adopted"))
        #expect(!r.stdout.contains("read the letter again and sign it"))
        try a.expectReplayVerifies("d.json")
    }

    @Test func theDemoShowsItsForcedAuditInStatus() throws {
        let a = try Accord()
        try Self.demo(a)
        let r = try a.script("d.json", "status\n", env: ["COLUMNS": "300"])   // whole lines
        let audit = try #require(r.stdout.split(separator: "\n").first { $0.contains("1 audit") })
        #expect(audit.contains("⚠"))
        #expect(r.stdout.contains("passed with `next --force` (\"remaining conflicts are carried into the goal discussion\"); still open: C3"))
        #expect(try a.validateSchema("d.json").status == 0)
    }

    @Test func aSignedFileFromTheFirstReleaseStillVerifiesAndShowsItsGateHonestly() throws {
        let a = try Accord()
        let fixture = Accord.root.appendingPathComponent("../shared/fixtures/signed-demo-format1.json").standardized
        guard FileManager.default.fileExists(atPath: fixture.path) else { return }
        try FileManager.default.copyItem(atPath: fixture.path, toPath: a.path("old.json"))
        #expect(try a.run(["verify", "old.json"]).status == 0)
        let r = try a.script("old.json", "status\n", env: ["COLUMNS": "300"])
        // no record of the force in a file from before it was recorded: the open gate is still shown
        #expect(r.stdout.contains("its gate is no longer met: C3"))
    }
}
