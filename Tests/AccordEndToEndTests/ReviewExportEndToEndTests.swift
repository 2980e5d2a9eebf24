import Foundation
import Testing

/// The year after the acme meeting: the shared actuals imported (with their bad rows refused
/// by line number), a miss, review notes, an adjustment approved in July; the review exported
/// in every format for a quarter and the year (goldens in Tests/Fixtures/golden/review-*;
/// `ACCORD_UPDATE_GOLDEN=1` records them).
@Suite("Actuals import and the review export end to end")
struct ReviewExportEndToEndTests {
    /// Runs commands on scenarios/acme.json, as a script in its folder.
    @discardableResult
    static func cmds(_ a: Accord, lang: String? = nil, _ text: String) throws -> Accord.Run {
        let name = "cmds-\(UUID().uuidString.prefix(8)).txt"
        try a.write("scenarios/" + name, text)
        return try a.run((lang.map { ["--lang", $0] } ?? []) + ["acme.json", "--script", name], cwd: "scenarios")
    }

    static func year(_ a: Accord) throws {
        _ = try ReplayExportEndToEndTests.acme(a)
        let r = try a.run(["acme.json", "--script", "acme-year-2027.txt"], cwd: "scenarios")
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
    }

    @Test func theSharedActualsImportWithTheirBadRowsRefusedByLine() throws {
        let a = try Accord()
        _ = try ReplayExportEndToEndTests.acme(a)
        let r = try a.run(["acme.json", "--script", "acme-year-2027.txt"], cwd: "scenarios")
        #expect(r.stdout.contains("Imported 54 actuals from ../data/actuals-2027.csv: 8 contributions"), "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("line 56: no contribution X9 in this session"))
        #expect(r.stdout.contains("line 57: “2027-13” is not a period"))
        // the whole import is one event: one undo takes all of it back
        let events = try a.events("scenarios/acme.json")
        let imports = events.filter { ($0["cmd"] as? String)?.hasPrefix("actual import") == true }
        #expect(imports.count == 1)
        let before = (try a.state("scenarios/acme.json")["actuals"] as? [Any])?.count
        #expect(before == 54)
        // the Chinese sheet names the same contributions by department and KPI: nothing new but its notes
        let zh = try Self.cmds(a, "actual import ../data/actuals-2027-zh-Hant.csv\n")
        #expect(zh.stdout.contains("0 new, 2 replaced, 52 unchanged."), "\(zh.stdout)")
        #expect(zh.stdout.contains("line 56: actual `九百` is not a number"))
        let undo = try Self.cmds(a, "undo\nundo\nundo\nundo\nundo\nundo\n")
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(((try a.state("scenarios/acme.json")["actuals"] as? [Any]) ?? []).isEmpty)
        try a.expectReplayVerifies("scenarios/acme.json")
    }

    @Test func everyFormatOfTheReviewMatchesItsGoldenFile() throws {
        let a = try Accord()
        try Self.year(a)
        let g = ReplayExportEndToEndTests()
        for period in ["2027-Q2", "2027"] {
            for format in ["md", "csv", "html", "json"] {
                let out = "review-\(period).\(format)"
                let r = try Self.cmds(a, "export review --format \(format) --period \(period) --out \(out)\n")
                #expect(r.status == 0, "\(r.stderr)")
                try g.expectGolden(try a.read("scenarios/" + out), "acme-\(out)")
            }
        }
        let text = try a.run(["review", "scenarios/acme.json", "--period", "2027年第2季"])
        #expect(text.status == 0 && text.stdout.contains("Marketing — 104.3 points · grade A"), "\(text.stdout)")
        let json = try a.run(["review", "scenarios/acme.json", "--period", "2027", "--format", "json"])
        #expect(json.stdout == (try a.read("scenarios/review-2027.json")))
        try a.expectReplayVerifies("scenarios/acme.json")
    }

    /// Outside the REPL, `accord review FILE --format md|csv|html|json [--out PATH]` writes the
    /// same bytes as the REPL's `export review` (to standard output or atomically to PATH),
    /// and the session does not change; a format it does not know is one line and exit 64.
    @Test func theCommandLineReviewWritesTheSameFilesAsTheREPLExport() throws {
        let a = try Accord()
        try Self.year(a)
        let session = try Data(contentsOf: URL(fileURLWithPath: a.path("scenarios/acme.json")))
        for format in ["md", "csv", "html", "json"] {
            let r = try Self.cmds(a, "export review --format \(format) --period 2027 --out repl.\(format)\n")
            #expect(r.status == 0, "\(r.stderr)")
            let repl = try Data(contentsOf: URL(fileURLWithPath: a.path("scenarios/repl.\(format)")))
            let out = try a.run(["review", "scenarios/acme.json", "--period", "2027", "--format", format, "--out", "scenarios/cli.\(format)"])
            #expect(out.status == 0 && out.stdout.contains("Wrote scenarios/cli.\(format)"), "\(out.stdout) \(out.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("scenarios/cli.\(format)"))) == repl, "\(format)")
            let stdout = try a.run(["review", "scenarios/acme.json", "--period", "2027", "--format", format])
            #expect(stdout.status == 0 && Data(stdout.stdout.utf8) == repl, "\(format)")
        }
        let text = try a.run(["review", "scenarios/acme.json", "--period", "2027", "--out", "scenarios/review.txt"])
        let saved = try a.read("scenarios/review.txt")
        #expect(text.status == 0 && saved.contains("points · grade"), "\(text.stderr)")
        let bad = try a.run(["review", "scenarios/acme.json", "--format", "pdf"])
        #expect(bad.status == 64 && bad.stderr.contains("--format takes text, md, csv, html or json (not pdf)"), "\(bad.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("scenarios/acme.json"))) == session)
    }

    @Test func theZhHantReviewIsInTheRoomsLanguage() throws {
        let a = try Accord()
        try Self.year(a)
        let r = try Self.cmds(a, lang: "zh-Hant", "export review --format html --period 2027 --out review-zh.html\n")
        #expect(r.status == 0, "\(r.stderr)")
        let html = try a.read("scenarios/review-zh.html")
        #expect(html.contains("<html lang=\"zh-Hant\">") && html.contains("得分與績效等級") && html.contains("主要成功經驗"))
        try ReplayExportEndToEndTests().expectGolden(html, "acme-review-2027.zh-Hant.html")
    }

    @Test func theJSONReviewFollowsItsSchema() throws {
        let a = try Accord()
        try Self.year(a)
        for period in ["2027-Q2", "2027"] {
            let r = try a.run(["review", "scenarios/acme.json", "--period", period, "--format", "json"])
            try a.write("r.json", r.stdout)
            let v = try a.validateSchema("r.json", schema: "export-review.schema.json")
            #expect(v.status == 0, "\(v.stdout)")
        }
    }

    @Test func reviewCSVHasABOMNumbersAsNumbersAndNeutralisedFormulas() throws {
        let a = try Accord()
        try Self.year(a)
        _ = try Self.cmds(a, "retro Sales 2027-Q2 --went-well \"=HYPERLINK(1)\" --problem \"-2+3\" --next ok\n")
        let r = try Self.cmds(a, "export review --format csv --period 2027-Q2 --out r.csv\n")
        #expect(r.status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: a.path("scenarios/r.csv")))
        #expect(bytes.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("Sales,2027-Q2,'=HYPERLINK(1),'-2+3,ok\r\n"), "\(text)")
        #expect(text.contains("Marketing,X7,Sales-accepted leads,acquisition,70,leads,2100,2700,3300,870,940,1010,2820,3,104,met,72.8,A1\r\n"))
    }

    @Test func accordReviewReadsAFormat1SessionWithoutTouchingIt() throws {
        let a = try Accord()
        let src = Accord.fixture("sessions/signed-demo-format1.json")
        try FileManager.default.copyItem(atPath: src, toPath: a.path("f1.json"))
        let before = try Data(contentsOf: URL(fileURLWithPath: a.path("f1.json")))
        let r = try a.run(["review", "f1.json", "--period", "2027-Q1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Review · 2027-Q1") && r.stdout.contains("Marketing — no actual yet, not scored"), "\(r.stdout)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("f1.json"))) == before)
        #expect(!a.exists("f1.json.journal"))
        let bad = try a.run(["review", "f1.json", "--period", "2027-13"])
        #expect(bad.status == 64 && bad.stderr.contains("“2027-13” is not a period"), "\(bad.stderr)")
    }
}
