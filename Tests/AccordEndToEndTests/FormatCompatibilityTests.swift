import Foundation
import Testing

/// Signed files are promises: sessions written by earlier builds (format 1) open, replay,
/// verify with every signature valid, and export under this build. Two fixtures:
/// `signed-demo-format1.json`, the demo as the first release signed it, and
/// `main-format1-signed.json`, the demo plus a session metric, a session tension and a
/// re-audit, written by main before format 2 (commit 30d8e96).
@Suite("format 1 sessions under this build")
struct FormatCompatibilityTests {
    static let fixtures = ["signed-demo-format1.json", "main-format1-signed.json"]

    func copy(_ name: String, into a: Accord) throws {
        try FileManager.default.copyItem(atPath: Accord.fixture("sessions/" + name), toPath: a.path(name))
    }

    @Test(arguments: fixtures)
    func aFormat1SessionVerifiesReplaysAndExports(name: String) throws {
        let a = try Accord()
        try copy(name, into: a)
        let before = try Data(contentsOf: URL(fileURLWithPath: a.path(name)))
        #expect(String(decoding: before.prefix(40), as: UTF8.self).contains("\"version\":1,"))
        let v = try a.run(["verify", name])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        #expect(v.stdout.contains("4 letters: 4 signed, 0 partly, 0 unsigned, 0 void"))
        #expect(v.stdout.contains("✓ Everything holds."))
        try a.expectReplayVerifies(name)
        // each letter's digest today is the digest its signatures were made on
        let letters = try a.run(["export", name, "--what", "letters", "--format", "json"])
        #expect(letters.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(letters.stdout.utf8)) as! [String: Any]
        let state = try a.state(name)
        let signed = Set((state["signatures"] as! [[String: Any]]).map { $0["digest"] as! String })
        let now = Set((json["letters"] as! [[String: Any]]).map { $0["digest"] as! String })
        #expect(signed == now)
        for format in ["md", "csv", "html"] {
            #expect(try a.run(["export", name, "--what", "sheet", "--format", format]).status == 0)
        }
        // the English sentences the file stored are shown as they were
        let audit = try a.run(["audit", name], env: ["COLUMNS": "300"])
        #expect(audit.status == 0)
        #expect(audit.stdout.contains("Buying traffic and exposure brings visitors who do not buy; the conversion rate is diluted."))
        // reading changed nothing
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path(name))) == before)
    }

    @Test(arguments: fixtures)
    func workingOnAFormat1SessionWritesTheCurrentFormatAndKeepsTheSignatures(name: String) throws {
        let a = try Accord()
        try copy(name, into: a)
        // a re-audit turns the stored English into catalog sentences; no letter changes
        let r = try a.script(name, "audit\nstatus\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("voids"))
        let after = try String(contentsOfFile: a.path(name), encoding: .utf8)
        #expect(after.hasPrefix("{\"format\":\"accord-session\",\"version\":5,"))
        let conflicts = try a.state(name)["conflicts"] as! [[String: Any]]
        #expect(conflicts.contains { ($0["explanation"] as? [String: Any])?["key"] != nil })
        let v = try a.run(["verify", name])
        #expect(v.status == 0, "\(v.stdout)")
        #expect(v.stdout.contains("0 void"))
        try a.expectReplayVerifies(name)
        #expect(try a.validateSchema(name).status == 0)
        // and the old events still read: the whole log replays to the stored state
        let events = try a.events(name)
        #expect(events.count > 49)
    }

    @Test func aFormat1FileIsValidUnderTheSchema() throws {
        let a = try Accord()
        for name in Self.fixtures {
            try copy(name, into: a)
            #expect(try a.validateSchema(name).status == 0, "\(name)")
        }
    }
}
