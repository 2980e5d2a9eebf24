import Foundation
import Testing

/// `accord diff` and `accord rollup` through the built binary. Goldens in
/// Tests/Fixtures/golden (compare-*); `ACCORD_UPDATE_GOLDEN=1` records them again.
@Suite("Compare and roll up end to end")
struct CompareEndToEndTests {
    let golden = ReplayExportEndToEndTests()
    static let wide = ["COLUMNS": "100"]

    /// The acme year (scenarios/acme.json) and the next year typed afresh (scenarios/acme-2028.json).
    static func years(_ a: Accord) throws {
        _ = try ReplayExportEndToEndTests.acme(a)
        let r = try a.run(["acme-2028.json", "--script", "acme-2028.txt", "--strict"], cwd: "scenarios")
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func diffOfTwoYearsMatchesItsGoldenInEveryFormat() throws {
        let a = try Accord()
        try Self.years(a)
        let before = try Data(contentsOf: URL(fileURLWithPath: a.path("scenarios/acme.json")))
        for (format, ext) in [("text", "txt"), ("md", "md"), ("json", "json")] {
            let r = try a.run(["diff", "acme.json", "acme-2028.json", "--format", format], env: Self.wide, cwd: "scenarios")
            #expect(r.status == 1, "\(format): \(r.stderr)")
            #expect(r.stderr.isEmpty)
            try golden.expectGolden(r.stdout, "compare-acme-diff.\(ext)")
        }
        let zh = try a.run(["diff", "acme.json", "acme-2028.json", "--lang", "zh-Hant"], env: Self.wide, cwd: "scenarios")
        #expect(zh.status == 1)
        try golden.expectGolden(zh.stdout, "compare-acme-diff.zh-Hant.txt")
        // read-only: the file is as it was, and nothing was left beside it
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("scenarios/acme.json"))) == before)
        #expect(!a.exists("scenarios/acme.json.lock") && !a.exists("scenarios/acme.json.journal"))
        // matched across ids: Sales is D2 in 2027 and D1 in 2028, and shows as changed, not replaced
        let json = try a.run(["diff", "acme.json", "acme-2028.json", "--format", "json"], cwd: "scenarios")
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let people = (doc?["sections"] as? [String: Any])?["people"] as? [[String: Any]]
        #expect(people?.first?["idA"] as? String == "D2" && people?.first?["idB"] as? String == "D1")
        #expect(doc?["same"] as? Bool == false)
    }

    @Test func diffOfASessionWithItselfExitsZero() throws {
        let a = try Accord()
        _ = try ReplayExportEndToEndTests.acme(a)
        for format in ["text", "md", "json"] {
            let r = try a.run(["diff", "acme.json", "acme.json", "--format", format], cwd: "scenarios")
            #expect(r.status == 0, "\(format): \(r.stdout)")
        }
        let r = try a.run(["diff", "acme.json", "acme.json"], cwd: "scenarios")
        #expect(r.stdout.contains("The two are the same."))
        let at = try a.run(["diff", "acme.json", "--at", "30", "--at", "30"], cwd: "scenarios")
        #expect(at.status == 0)
    }

    @Test func diffOfTwoPointsOfOneSession() throws {
        let a = try Accord()
        _ = try ReplayExportEndToEndTests.acme(a)
        // event 20 is in the goals step (before the map), 49 is the end: contributions and signatures appear
        let r = try a.run(["diff", "acme.json", "--at", "20", "--at", "49"], env: Self.wide, cwd: "scenarios")
        #expect(r.status == 1, "\(r.stderr)")
        try golden.expectGolden(r.stdout, "compare-acme-at.txt")
        let back = try a.run(["diff", "acme.json", "--at", "49", "--at", "20", "--format", "json"], cwd: "scenarios")
        let doc = try JSONSerialization.jsonObject(with: Data(back.stdout.utf8)) as? [String: Any]
        let contribs = (doc?["sections"] as? [String: Any])?["contributions"] as? [[String: Any]]
        #expect(contribs?.count == 8 && contribs?.allSatisfy { $0["change"] as? String == "removed" } == true)
    }

    @Test func diffUsageAndDataErrors() throws {
        let a = try Accord()
        _ = try ReplayExportEndToEndTests.acme(a)
        #expect(try a.run(["diff", "acme.json"], cwd: "scenarios").status == 64)
        #expect(try a.run(["diff", "acme.json", "acme.json", "--at", "1", "--at", "2"], cwd: "scenarios").status == 64)
        let range = try a.run(["diff", "acme.json", "--at", "0", "--at", "999"], cwd: "scenarios")
        #expect(range.status == 64 && range.stderr.contains("999"))
        let missing = try a.run(["diff", "acme.json", "nope.json"], cwd: "scenarios")
        #expect(missing.status == 74 && missing.stderr.contains("nope.json"))
        try a.write("garbage.json", "{not a session")
        #expect(try a.run(["diff", "scenarios/acme.json", "garbage.json"]).status == 65)
    }

    // MARK: rollup

    /// Three generated units (scripts/lib/gen_session.py unit), each its own meeting.
    static func units(_ a: Accord) throws -> [String] {
        var files: [String] = []
        for (i, name) in ["north", "south", "east"].enumerated() {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", Accord.root.appendingPathComponent("scripts/lib/gen_session.py").path, "unit",
                           "--seed", "\(i + 1)", "--title", "\(name) unit"]
            let pipe = Pipe()
            p.standardOutput = pipe
            try p.run()
            let script = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            try a.write("\(name).txt", String(decoding: script, as: UTF8.self))
            let r = try a.run(["\(name).json", "--script", "\(name).txt", "--strict"])
            #expect(r.status == 0, "\(r.stderr)")
            files.append("\(name).json")
        }
        return files
    }

    @Test func rollupOfThreeUnitsMatchesItsGolden() throws {
        let a = try Accord()
        let files = try Self.units(a)
        for (format, ext) in [("text", "txt"), ("md", "md"), ("json", "json"), ("html", "html")] {
            let r = try a.run(["rollup"] + files + ["--format", format], env: Self.wide)
            #expect(r.status == 0, "\(format): \(r.stderr)")
            #expect(r.stderr.isEmpty)
            try golden.expectGolden(r.stdout, "compare-rollup.\(ext)")
        }
        let zh = try a.run(["rollup"] + files + ["--lang", "zh-Hant"], env: Self.wide)
        try golden.expectGolden(zh.stdout, "compare-rollup.zh-Hant.txt")
        let html = try a.run(["rollup"] + files + ["--format", "html", "--lang", "zh-Hans"])
        #expect(html.stdout.contains("<html lang=\"zh-Hans\">"))
    }

    @Test func aTamperedUnitIsReportedAndLeftOut() throws {
        let a = try Accord()
        let files = try Self.units(a)
        // a target changed by hand in the stored state: the chain no longer holds
        var text = try a.read("south.json")
        let range = try #require(text.range(of: "\"weight\":"))
        text.replaceSubrange(range, with: "\"weight\":1")
        try a.write("south.json", text)
        #expect(try a.run(["verify", "south.json"]).status != 0)
        let r = try a.run(["rollup"] + files + ["--format", "json"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("south.json"))
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let units = (doc?["units"] as? [[String: Any]])?.compactMap { $0["file"] as? String }
        #expect(units == ["north.json", "east.json"])
        let left = doc?["excluded"] as? [[String: Any]]
        #expect(left?.first?["file"] as? String == "south.json")
        #expect((left?.first?["reasons"] as? [String])?.isEmpty == false)
        // the goal counts are over the two units that were counted
        let goals = doc?["goals"] as? [[String: Any]]
        #expect(goals?.allSatisfy { ($0["units"] as? [Any])?.count == 2 } == true)
        let txt = try a.run(["rollup"] + files)
        #expect(txt.status == 1 && txt.stdout.contains("south.json") && txt.stdout.contains("Roll-up of 2 units"))
        // a file that is not a session at all is named and left out as well
        try a.write("junk.json", "[]")
        let junk = try a.run(["rollup", "north.json", "junk.json", "missing.json"])
        #expect(junk.status == 1 && junk.stderr.contains("junk.json") && junk.stderr.contains("missing.json"))
        #expect(try a.run(["rollup"]).status == 64)
    }
    /// Runs of three or more Latin words outside `code` spans: an English sentence left in a
    /// Chinese screen (names here are `Dept 000`, `Head 1`: never three words).
    static func englishRuns(_ text: String) -> [String] {
        let plain = text.replacingOccurrences(of: "`[^`]*`", with: " ", options: .regularExpression)
        let re = try! NSRegularExpression(pattern: "[A-Za-z]{2,}(?:[ ,:;()]+[A-Za-z]{2,}){2,}")
        return re.matches(in: plain, range: NSRange(plain.startIndex..., in: plain)).map { String(plain[Range($0.range, in: plain)!]) }
    }

    /// A stored state edited by hand, verified and rolled up in Chinese: the problem is said in
    /// the catalog's words, in the session's own language as well as in one asked for.
    @Test func aStateEditedByHandIsReportedInChinese() throws {
        let a = try Accord()
        let files = try Self.units(a)
        try a.write("lang.txt", "lang zh-Hant\n")
        #expect(try a.run(["south.json", "--script", "lang.txt", "--strict"]).status == 0)
        var text = try a.read("south.json")
        let range = try #require(text.range(of: "\"weight\":"))
        text.replaceSubrange(range, with: "\"weight\":1")
        try a.write("south.json", text)
        let en = try a.run(["verify", "south.json", "--lang", "en"])
        #expect(en.status == 1 && en.stdout.contains("the stored state does not match its digest"))
        #expect(!Self.englishRuns(en.stdout).isEmpty)  // the check finds English where there is some
        // the session's own language (no --lang), then zh-Hant asked for
        for args in [["verify", "south.json"], ["verify", "south.json", "--lang", "zh-Hant"]] {
            let r = try a.run(args)
            #expect(r.status == 1)
            #expect(r.stdout.contains("儲存的狀態與其雜湊值不符"), "\(args): \(r.stdout)")
            #expect(Self.englishRuns(r.stdout + r.stderr).isEmpty, "\(args): \(Self.englishRuns(r.stdout + r.stderr))")
        }
        let hans = try a.run(["verify", "south.json", "--lang", "zh-Hans"])
        #expect(hans.stdout.contains("保存的状态与其哈希值不符") && Self.englishRuns(hans.stdout).isEmpty, "\(hans.stdout)")
        // rollup: the reason the file is left out, on stderr and in the report
        let r = try a.run(["rollup"] + files + ["--lang", "zh-Hant"], env: Self.wide)
        #expect(r.status == 1)
        #expect(r.stderr.contains("south.json") && r.stderr.contains("儲存的狀態與其雜湊值不符"), "\(r.stderr)")
        #expect(Self.englishRuns(r.stderr).isEmpty, "\(r.stderr)")
        let excluded = r.stdout.split(separator: "\n").filter { $0.contains("south.json") }.joined(separator: "\n")
        #expect(excluded.contains("儲存的狀態與其雜湊值不符") && Self.englishRuns(excluded).isEmpty, "\(excluded)")
        // a file that is not a session at all, in Chinese too
        try a.write("junk.json", "")
        let junk = try a.run(["rollup", "north.json", "junk.json", "--lang", "zh-Hant"])
        #expect(junk.stderr.contains("檔案是空的") && Self.englishRuns(junk.stderr).isEmpty, "\(junk.stderr)")
    }
}
