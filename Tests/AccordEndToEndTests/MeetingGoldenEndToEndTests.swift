import Foundation
import Testing

/// A whole meeting in each language, against goldens: the built-in demo (`accord demo --lang
/// en|zh-Hant|zh-Hans`), its screens at 80 columns (status, the audit, goals, the grid, the
/// letters, verify, the log, help), its replay, and every export (sheet and letters in md,
/// html, csv, json). Tests/Fixtures/golden/meeting-LANG/; `ACCORD_UPDATE_GOLDEN=1 swift test
/// --filter MeetingGolden` records them again (read the diff before committing).
@Suite("A whole meeting's screens and exports in each language, against goldens")
struct MeetingGoldenEndToEndTests {
    /// The locale says English and nothing else chooses: what is shown comes from `--lang`
    /// and the session's own language, with the default display settings.
    static let env = ["LANG": "C", "LC_ALL": "", "LC_MESSAGES": "", "ACCORD_LANG": "", "ACCORD_NUMBERS": "", "ACCORD_DATES": ""]

    /// The meeting's screens, one command per run, each under the line that typed it.
    static func screens(_ a: Accord, _ file: String, depts: [String]) throws -> String {
        let commands = ["status", "kpi list", "audit", "goal list", "goal show G1", "grid", "contrib list", "letter"]
            + depts.map { "letter \"\($0)\"" } + ["verify", "log", "help"]
        var out = ""
        for c in commands {
            try a.write("screen.txt", c + "\n")   // one name: an error names the script's file
            let r = try a.run([file, "--script", "screen.txt"], env: env)
            out += "accord> \(c)\n" + r.stdout + (r.stderr.isEmpty ? "" : "[stderr] " + r.stderr)
            if !out.hasSuffix("\n") { out += "\n" }
            out += "\n"
        }
        return out
    }

    @Test(arguments: ["en", "zh-Hant", "zh-Hans"])
    func theDemoMeetingMatchesItsGoldens(_ lang: String) throws {
        let a = try Accord()
        let golden = ReplayExportEndToEndTests()
        let w = try a.run(["demo", "demo.json", "--lang", lang, "--no-open"], env: Self.env)
        #expect(w.status == 0, "\(w.stderr)")
        let depts = (try a.state("demo.json")["depts"] as! [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(depts.count == 4)
        let screens = try Self.screens(a, "demo.json", depts: depts)
        for line in screens.split(separator: "\n") {
            #expect(Self.width(String(line)) <= 80, "\(lang): wider than 80 columns: \(line)")
        }
        try golden.expectGolden(screens, "meeting-\(lang)/screens.txt")
        let replay = try a.run(["replay", "demo.json"], env: Self.env)
        #expect(replay.status == 0, "\(replay.stderr)")
        try golden.expectGolden(replay.stdout, "meeting-\(lang)/replay.txt")
        for what in ["sheet", "letters"] {
            for format in ["md", "html", "csv", "json"] {
                let out = "\(what).\(format)"
                let r = try a.run(["export", "demo.json", "--what", what, "--format", format, "--out", out], env: Self.env)
                #expect(r.status == 0, "\(lang) \(out): \(r.stderr)")
                let data = try Data(contentsOf: URL(fileURLWithPath: a.path(out)))
                try golden.expectGolden(String(decoding: data, as: UTF8.self), "meeting-\(lang)/\(out)")
                if format == "html" {
                    let page = String(decoding: data, as: UTF8.self)
                    #expect(page.contains("<html lang=\"\(lang)\">"), "\(lang) \(out): the page's lang attribute")
                }
            }
        }
    }

    /// Display columns (East Asian wide and fullwidth characters count two).
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return n + (wide ? 2 : 1)
        }
    }
}
