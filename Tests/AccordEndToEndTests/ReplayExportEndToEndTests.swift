import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Replay, export and demo, driven through the built binary. Goldens live in
/// Tests/Fixtures/golden; `ACCORD_UPDATE_GOLDEN=1 swift test --filter ReplayExport` records
/// them again (then read the diff before committing).
@Suite("Replay, export and demo end to end")
struct ReplayExportEndToEndTests {
    // MARK: fixtures

    /// Runs the acme scenario (Tests/Fixtures/scenarios/acme-2027.txt) in `a`'s directory;
    /// the session is scenarios/acme.json.
    static func acme(_ a: Accord) throws -> Accord.Run {
        try a.copyFixtures()
        let r = try a.run(["acme.json", "--script", "acme-2027.txt"], cwd: "scenarios")
        // the first `goal adopt G1` is refused on purpose; everything else runs
        #expect(r.status == 1 && r.stderr.contains("1 command failed"), "\(r.stderr)")
        return r
    }

    /// Values that try to break out of a CSV cell, an HTML text node or an attribute.
    static let hostile = """
    title "Injection <b>test</b>"
    period 2027
    dept add '" onmouseover="x' --head '<img src=x onerror=alert(1)>' --supervisor "Boss & Co"
    dept add Sales --head "=cmd|' /C calc'!A0" --supervisor Boss
    goal add "<script>alert(1)</script> goal" --metric revenue --baseline 1 --target 2 --unit USD --by 2027-12-31
    vote G1 '" onmouseover="x' agree
    vote G1 Sales agree
    goal adopt G1
    map G1 revenue referral
    contrib add G1 '" onmouseover="x' --stage revenue --kpi '=HYPERLINK("http://x","y")' --target 10 --challenge 12 --floor 8 --unit "@SUM(1+1)" --weight 100 --source "+1+1" --cycle monthly
    contrib add G1 Sales --stage referral --kpi "<script>alert(1)</script>" --target 5 --challenge 6 --floor 4 --unit "-2+3" --weight 100 --source "a|b, \\"c\\"" --cycle quarterly
    step sign --force "test"
    sign '" onmouseover="x' head '<img src=x onerror=alert(1)>'
    sign Sales head "=cmd|' /C calc'!A0"
    """

    // MARK: goldens

    func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Accord.fixtures.appendingPathComponent("golden/\(name)")
        if ProcessInfo.processInfo.environment["ACCORD_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        // bytes, not strings: a BOM or a CR must match too
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("No golden file \(name): run the tests with ACCORD_UPDATE_GOLDEN=1 to record it.", sourceLocation: sourceLocation)
            return
        }
        guard expected != Data(actual.utf8) else { return }
        let diff = try Self.diff(expected: url, actual: actual)
        Issue.record(Comment(rawValue: "\(name) differs from its golden file (ACCORD_UPDATE_GOLDEN=1 records the new output):\n" + diff),
                     sourceLocation: sourceLocation)
    }

    /// `diff -u` of the golden file and the actual output, first 80 lines.
    static func diff(expected: URL, actual: String) throws -> String {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("actual-\(UUID().uuidString)-" + expected.lastPathComponent)
        try Data(actual.utf8).write(to: tmp)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["diff", "-u", "--label", "golden/" + expected.lastPathComponent, "--label", "actual", expected.path, tmp.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return lines.prefix(80).joined(separator: "\n") + (lines.count > 80 ? "\n… (\(lines.count - 80) more lines)" : "")
    }

    @Test func everyFormatOfTheAcmeScenarioMatchesItsGoldenFile() throws {
        let a = try Accord()
        _ = try Self.acme(a)
        for what in ["sheet", "letters"] {
            for format in ["md", "csv", "html", "json"] {
                let r = try a.run(["export", "acme.json", "--what", what, "--format", format], cwd: "scenarios")
                #expect(r.status == 0, "\(what) \(format): \(r.stderr)")
                try expectGolden(r.stdout, "acme-\(what).\(format)")
            }
        }
        let replay = try a.run(["replay", "acme.json", "--full"], cwd: "scenarios")
        #expect(replay.status == 0)
        try expectGolden(replay.stdout, "acme-replay.txt")
    }

    @Test func theREPLExportsAreTheSameBytesAsTheCommandLineOnes() throws {
        let a = try Accord()
        let r = try Self.acme(a)
        #expect(r.stdout.contains("Target sheet (csv): 8 rows, 4 letters: 4 signed, 0 partly, 0 unsigned, 0 void."))
        #expect(r.stdout.contains("Wrote acme-2027-sheet.csv ("))
        for (file, what, format) in [("acme-2027-sheet.csv", "sheet", "csv"), ("acme-2027-sheet.html", "sheet", "html"),
                                     ("acme-2027-letters.md", "letters", "md")] {
            let written = try Data(contentsOf: URL(fileURLWithPath: a.path("scenarios/" + file)))
            let out = a.path("cli-" + file)
            let cli = try a.run(["export", "scenarios/acme.json", "--what", what, "--format", format, "--out", out])
            #expect(cli.status == 0 && cli.stdout.contains("Wrote \(out)"), "\(cli.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == written, "\(file)")
        }
        // exporting recorded nothing: the log ends with the last signature
        let events = try a.events("scenarios/acme.json")
        #expect((events.last?["cmd"] as? String)?.hasPrefix("sign Growth supervisor") == true)
    }

    @Test func theJSONExportsFollowTheirSchemas() throws {
        let a = try Accord()
        _ = try Self.acme(a)
        for what in ["sheet", "letters"] {
            let r = try a.run(["export", "scenarios/acme.json", "--what", what, "--format", "json", "--out", "\(what).json"])
            #expect(r.status == 0)
            let v = try a.validateSchema("\(what).json", schema: "export-\(what).schema.json")
            #expect(v.status == 0, "\(what): \(v.stdout)")
        }
    }

    // MARK: CSV read back by python

    static let csvCheck = """
    import csv, json, re, sys
    rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
    doc = json.load(open(sys.argv[2], encoding="utf-8"))
    raw = open(sys.argv[1], "rb").read()
    problems = []
    if not raw.startswith(b"\\xef\\xbb\\xbf"): problems.append("no BOM")
    if b"\\r\\n" not in raw or re.search(rb"[^\\r]\\n", raw.replace(b'"\\n', b"")): problems.append("not CRLF line ends")
    FORMULA = set("=+-@\\t\\r＝＋－＠")
    def neut(s):
        s = s or ""
        first = s.lstrip(" \\u3000")[:1]
        return "'" + s if s and (s[0] in FORMULA or first in FORMULA) else s
    def num(v):
        t = ("%.4f" % v).rstrip("0").rstrip(".")
        return "0" if t == "-0" else t
    WORD = {"signed": "signed", "partly": "partly signed", "unsigned": "unsigned", "void": "VOID"}
    # a stage is written by its label in every format a person reads (JSON has its id)
    STAGE = {"acquisition": "acquisition 獲取", "activation": "activation 激活", "retention": "retention 留存",
             "revenue": "revenue 收入", "referral": "referral 推薦"}
    n = len(doc["rows"])
    for i, j in enumerate(doc["rows"]):
        want = [neut(j["goal"] + " " + j["goalTitle"]), STAGE[j["stage"]], neut(j["department"]), neut(j["kpi"]), num(j["target"]),
                num(j["challenge"]), num(j["floor"]), neut(j["unit"]), num(j["weight"]), neut(j.get("owner", "")), neut(j["source"]),
                j["cycle"], WORD[j["signature"]]]
        if rows[1 + i] != want: problems.append(f"row {i + 1}: {rows[1 + i]!r} != {want!r}")
    if rows[1 + n] != [] or rows[2 + n] != ["Adopted goals"]: problems.append(f"no goals section after the rows: {rows[1 + n:3 + n]!r}")
    for i, g in enumerate(doc["goals"]):
        got = rows[4 + n + i]
        if got[0] != g["id"] or got[1] != neut(g["title"]) or got[9] != ", ".join(STAGE[x] for x in g["stages"]) or got[10] != neut(g["tally"]): problems.append(f"goal {g['id']}: {got!r}")
    k = 4 + n + len(doc["goals"])
    if rows[k] != [] or rows[k + 1] != ["Settled conflicts"]: problems.append(f"no settled section: {rows[k:k + 2]!r}")
    for i, c in enumerate(doc["settled"]):
        got = rows[k + 3 + i]
        if got[0] != c["id"] or got[6] != neut(c.get("note", "")): problems.append(f"settled {c['id']}: {got!r}")
    # nothing a spreadsheet would run: every cell starting a formula is either ' or a number accord wrote
    for r, row in enumerate(rows):
        for cell in row:
            if cell[:1] in FORMULA and not re.fullmatch(r"-?[0-9]+(\\.[0-9]+)?", cell):
                problems.append(f"live formula in row {r + 1}: {cell!r}")
    print(json.dumps({"problems": problems, "cells": [c for row in rows for c in row]}, ensure_ascii=False))
    sys.exit(1 if problems else 0)
    """

    func python(_ code: String, _ args: [String]) throws -> Accord.Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", code] + args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Accord.Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    func csvCells(_ a: Accord, session: String) throws -> (run: Accord.Run, cells: [String]) {
        try a.run(["export", session, "--what", "sheet", "--format", "csv", "--out", "sheet.csv"])
        try a.run(["export", session, "--what", "sheet", "--format", "json", "--out", "sheet.json"])
        let r = try python(Self.csvCheck, [a.path("sheet.csv"), a.path("sheet.json")])
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return (r, doc?["cells"] as? [String] ?? [])
    }

    @Test func pythonsCSVReaderGetsBackTheSameCells() throws {
        let a = try Accord()
        _ = try Self.acme(a)
        let (r, cells) = try csvCells(a, session: "scenarios/acme.json")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(cells.contains("Handle time stays, but CSAT is the lead indicator for Customer Success"))
        #expect(cells.contains("Target 目標值"))
    }

    @Test func aFormulaInACellComesOutInert() throws {
        let a = try Accord()
        try a.write("hostile.txt", Self.hostile)
        let s = try a.run(["h.json", "--script", "hostile.txt"])
        #expect(s.status == 0, "\(s.stderr)")
        let (r, cells) = try csvCells(a, session: "h.json")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(cells.contains("'=HYPERLINK(\"http://x\",\"y\")"))
        #expect(cells.contains("'=cmd|' /C calc'!A0"))
        #expect(cells.contains("'@SUM(1+1)") && cells.contains("'+1+1") && cells.contains("'-2+3"))
        #expect(cells.contains("a|b, \"c\""))
        try a.expectReplayVerifies("h.json")
    }

    // MARK: HTML parsed by an independent parser

    static let htmlCheck = """
    import json, re, sys
    from html.parser import HTMLParser
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    class Strict(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack, self.errors, self.tags, self.attrs, self.text, self.doctype = [], [], set(), [], [], None
        def handle_starttag(self, tag, attrs):
            self.tags.add(tag); self.attrs += attrs
            if tag not in VOID: self.stack.append((tag, self.getpos()))
        def handle_startendtag(self, tag, attrs):
            self.tags.add(tag); self.attrs += attrs
        def handle_endtag(self, tag):
            if tag in VOID: self.errors.append(f"end tag of void element <{tag}> at {self.getpos()}")
            elif not self.stack: self.errors.append(f"stray </{tag}> at {self.getpos()}")
            elif self.stack[-1][0] != tag: self.errors.append(f"</{tag}> at {self.getpos()} closes <{self.stack[-1][0]}> of {self.stack[-1][1]}")
            else: self.stack.pop()
        def handle_data(self, d): self.text.append(d)
        def handle_decl(self, d): self.doctype = d
        def unknown_decl(self, d): self.errors.append(f"unknown declaration {d!r}")
        def handle_pi(self, d): self.errors.append(f"processing instruction {d!r}")
    html = open(sys.argv[1], encoding="utf-8").read()
    p = Strict(); p.feed(html); p.close()
    e = p.errors
    if p.stack: e.append("unclosed: " + ", ".join(f"<{t}> of {pos}" for t, pos in p.stack))
    if p.doctype != "DOCTYPE html": e.append(f"doctype {p.doctype!r}")
    bad_tags = p.tags & {"script", "img", "iframe", "object", "embed", "link", "base", "form", "input", "a"}
    if bad_tags: e.append(f"active or external elements: {sorted(bad_tags)}")
    for k, v in p.attrs:
        if k.startswith("on"): e.append(f"event handler attribute {k}={v!r}")
        if k in ("src", "href", "action", "srcset"): e.append(f"external reference {k}={v!r}")
    if re.search(r"url\\(|@import", html): e.append("the style sheet refers to something outside the page")
    print(json.dumps({"errors": e, "text": "".join(p.text), "tags": sorted(p.tags)}, ensure_ascii=False))
    sys.exit(1 if e else 0)
    """

    func parseHTML(_ a: Accord, _ file: String) throws -> (errors: [String], text: String, tags: [String]) {
        let r = try python(Self.htmlCheck, [a.path(file)])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        return (doc["errors"] as? [String] ?? ["no answer"], doc["text"] as? String ?? "", doc["tags"] as? [String] ?? [])
    }

    @Test func theHTMLPagesParseWithoutErrors() throws {
        let a = try Accord()
        _ = try Self.acme(a)
        for what in ["sheet", "letters"] {
            try a.run(["export", "scenarios/acme.json", "--what", what, "--format", "html", "--out", "\(what).html"])
            let page = try parseHTML(a, "\(what).html")
            #expect(page.errors.isEmpty, "\(what): \(page.errors)")
            #expect(page.text.contains("目標責任"))
        }
        let sheet = try parseHTML(a, "sheet.html")
        #expect(sheet.tags.contains("svg") && sheet.tags.contains("rect"))
        #expect(sheet.text.contains("Weights by department and stage"))
        let letters = try parseHTML(a, "letters.html")
        #expect(letters.text.components(separatedBy: "Responsibility letter — ").count - 1 == 4)
    }

    @Test func markupInNamesComesOutAsText() throws {
        let a = try Accord()
        try a.write("hostile.txt", Self.hostile)
        #expect(try a.run(["h.json", "--script", "hostile.txt"]).status == 0)
        for what in ["sheet", "letters"] {
            let r = try a.run(["export", "h.json", "--what", what, "--format", "html", "--out", "\(what).html"])
            #expect(r.status == 0, "\(r.stderr)")
            let page = try parseHTML(a, "\(what).html")
            #expect(page.errors.isEmpty, "\(what): \(page.errors)")
            #expect(page.text.contains("\" onmouseover=\"x"), "\(what)")
            #expect(page.text.contains("<img src=x onerror=alert(1)>"), "\(what)")
            #expect(page.text.contains("<script>alert(1)</script>"), "\(what)")
            // and none of it became an element
            #expect(!page.tags.contains("script") && !page.tags.contains("img"), "\(what): \(Set(page.tags))")
            if what == "letters" { #expect(page.text.contains("Boss & Co")) }
        }
        let md = try a.run(["export", "h.json", "--what", "sheet", "--format", "md"]).stdout
        #expect(md.contains("\\<script\\>alert(1)\\</script\\>") && md.contains("a\\|b, \"c\""))
        #expect(!md.contains("<script>"))
    }

    /// Issue 11 (items 11 and 20): a session typed in Chinese (the zh-Hant KPI sheet imported)
    /// prints as a zh-Hant page, and its letters speak to their reader, not to the REPL user.
    @Test func aChineseSessionPrintsAsZhHantAndItsLettersHoldNoCommands() throws {
        let a = try Accord()
        try a.copyFixtures()
        try a.write("zh.txt", """
        title "2027 年度目標對齊會議"
        period 2027
        kpi import data/kpi-sheet-zh-Hant.csv
        goal add "提升客戶終身價值" --metric cltv --baseline 12000 --target 14500 --unit 元 --by 2027-12-31 --owner 業務部
        vote G1 行銷部 agree
        vote G1 業務部 agree
        vote G1 客服部 agree
        vote G1 社群組 abstain
        vote G1 內容組 agree
        goal adopt G1
        map G1 acquisition revenue
        contrib add G1 行銷部 --stage acquisition --kpi 有效名單數 --target 900 --challenge 1100 --floor 700 --unit 筆 --weight 100 --source 數據來源系統 --cycle monthly
        dept edit 行銷部 --head 林經理 --supervisor 王副總
        step sign --force "test"
        sign 行銷部 head 林經理
        sign 行銷部 head 林經理 --replace
        """)
        let r = try a.run(["zh.json", "--script", "zh.txt"])
        #expect(r.status == 0, "\(r.stderr)")
        for what in ["sheet", "letters"] {
            try a.run(["export", "zh.json", "--what", what, "--format", "html", "--out", "\(what).html"])
            let page = try parseHTML(a, "\(what).html")
            #expect(page.errors.isEmpty, "\(what): \(page.errors)")
            let html = try String(contentsOfFile: a.path("\(what).html"), encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-Hant\">"), "\(what)")
            #expect(html.contains("word-break:keep-all"), "\(what)")
        }
        let letters = try parseHTML(a, "letters.html").text
        let md = try a.run(["export", "zh.json", "--what", "letters", "--format", "md"]).stdout
        for doc in [letters, md] {
            #expect(doc.contains("An earlier signature of this letter was replaced"))
            #expect(doc.contains("業務部 has no contribution to an adopted goal yet."))
            #expect(!doc.contains("`log`") && !doc.contains("`contrib add"))
        }
    }

    // MARK: replay

    @Test func replayVerifyPassesOnEverySessionTheseTestsProduce() throws {
        let a = try Accord()
        _ = try Self.acme(a)
        try a.expectReplayVerifies("scenarios/acme.json")
        // undo and redo, a removed department, a voided and renewed signature
        try a.write("more.txt", Self.hostile + """

        dept add Legal
        dept rename Legal 法務部
        undo
        redo
        undo
        dept rm Legal
        contrib edit X2 --target 5.5
        sign Sales head "=cmd|' /C calc'!A0"
        """)
        let r = try a.run(["more.json", "--script", "more.txt"])
        #expect(r.status == 0, "\(r.stderr)")
        try a.expectReplayVerifies("more.json")
        let v = try a.replayVerify("more.json")
        #expect(v.stdout.contains("✓ hash chain intact: 22 events, the head matches"))
        #expect(v.stdout.contains("more.json: the log and the state match."))
        let timeline = try a.run(["replay", "more.json", "--dept", "法務部"]).stdout
        #expect(timeline.contains("undo of #16 (dept rename Legal 法務部): 法務部 renamed to Legal"))
        #expect(timeline.contains("redo of #16 (dept rename Legal 法務部): Legal renamed to 法務部"))
        let sign = try a.run(["replay", "more.json", "--step", "sign", "--dept", "sales"]).stdout
        #expect(sign.contains("X2 edited: target 5 → 5.5; voids 1 signature: Sales head =cmd|' /C calc'!A0"))
    }

    @Test func replayVerifyFailsOnAnEditedFileAndRefusesAnUnreadableOne() throws {
        let a = try Accord()
        try a.write("s.txt", "title T\nperiod 2027\ndept add Sales\ndept add Growth\n")
        try a.run(["s.json", "--script", "s.txt"])
        let honest = try String(contentsOfFile: a.path("s.json"), encoding: .utf8)
        try a.write("edited.json", honest.replacingOccurrences(of: "\"cmd\":\"dept add Growth\"", with: "\"cmd\":\"dept add Sales2\""))
        let r = try a.replayVerify("edited.json")
        #expect(r.status == 1)
        #expect(r.stdout.contains("✗ event 4 was changed"))
        #expect(r.stdout.contains("edited.json: the log and the state do NOT match."))
        try a.write("garbage.json", "{ not json")
        #expect(try a.replayVerify("garbage.json").status == 65)
        #expect(try a.replayVerify("missing.json").status == 74)
    }

    @Test func theStateAtEventNIsTheStateAfterRunningTheFirstNCommands() throws {
        let a = try Accord()
        _ = try Self.acme(a)
        let commands = try a.events("scenarios/acme.json").map { $0["cmd"] as! String }
        #expect(commands.count == 49)
        for n in [0, 1, 7, 9, 17, 23, 32, 41, 45, 49] {
            let at = try a.run(["replay", "acme.json", "--at", "\(n)", "--format", "json"], cwd: "scenarios")
            #expect(at.status == 0, "\(at.stderr)")
            try a.write("scenarios/first-\(n).txt", commands.prefix(n).joined(separator: "\n") + "\n")
            let run = try a.run(["first-\(n).json", "--script", "first-\(n).txt"], cwd: "scenarios")
            #expect(run.status == 0, "\(n): \(run.stderr)")
            let replayed = try JSONSerialization.jsonObject(with: Data(at.stdout.utf8)) as! [String: Any]
            if n == 0 {
                // nothing ran, so no file was written: the empty session
                #expect((replayed["depts"] as? [Any])?.isEmpty == true && (replayed["meta"] as? [String: Any])?["title"] as? String == "")
            } else {
                let direct = try a.state("scenarios/first-\(n).json")
                #expect(NSDictionary(dictionary: replayed).isEqual(to: direct), "state after \(n) events")
            }
            if n > 0 { try a.expectReplayVerifies("scenarios/first-\(n).json") }
        }
        let view = try a.run(["replay", "acme.json", "--at", "23", "--show", "goals", "--show", "letters"], cwd: "scenarios")
        #expect(view.stdout.hasPrefix("State after event 23 of 49 · 2027-01-15 09:00 UTC · 2 goals · goal adopt G1\n"))
        #expect(view.stdout.contains("G1 Raise customer lifetime value · revision 2 · adopted (r2)"))
        #expect(view.stdout.contains("Letters\n"))
        #expect(try a.run(["replay", "acme.json", "--at", "50"], cwd: "scenarios").status == 64)
        // the worked demo's events carry the meeting's own times: the status at event 30 says how
        // long each step and each goal had taken by then, as `status` said it at that point
        #expect(try a.run(["demo", "d.json", "--no-open"]).status == 0)
        let timed = try a.run(["replay", "d.json", "--at", "30"])
        #expect(timed.status == 0, "\(timed.stderr)")
        #expect(timed.stdout.contains("\nTime per step: setup 6:00, audit 6:00, goals 19:00\nDiscussed until adopted: G1 11:00, G2 5:00\nNext:"), "\(timed.stdout)")
    }

    @Test func replayNeverWritesAndFiltersByStepDepartmentAndGoal() throws {
        let a = try Accord()
        _ = try Self.acme(a)
        let path = a.path("scenarios/acme.json")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let mtime = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        let goals = try a.run(["replay", "acme.json", "--step", "goals", "--dept", "Growth"], cwd: "scenarios")
        #expect(goals.status == 0)
        #expect(goals.stdout.contains("showing 6 (step goals, department Growth)"))
        #expect(goals.stdout.contains("G1 revision 2 adopted: 3 agree, 1 abstain"))
        #expect(!goals.stdout.contains("vote G1 Sales agree"))
        let g2 = try a.run(["replay", "acme.json", "--goal", "g2", "--format", "json"], cwd: "scenarios")
        let entries = try JSONSerialization.jsonObject(with: Data(g2.stdout.utf8)) as! [[String: Any]]
        #expect(entries.count == 11 && entries.allSatisfy { ($0["goals"] as? [String])?.contains("G2") == true })
        #expect(try a.run(["replay", "acme.json", "--dept", "Legal"], cwd: "scenarios").status == 64)
        #expect(try a.run(["replay", "acme.json", "--goal", "G9"], cwd: "scenarios").status == 64)
        #expect(try a.run(["replay", "acme.json", "--step", "lunch"], cwd: "scenarios").status == 64)
        #expect(try a.run(["replay", "acme.json", "--verify", "--at", "3"], cwd: "scenarios").status == 64)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == mtime)
        #expect(!a.exists("scenarios/acme.json.lock") && !a.exists("scenarios/acme.json.journal"))
    }

    @Test func stepThroughReadsEnterBackAndQuitFromAPipe() throws {
        let a = try Accord()
        _ = try Self.acme(a)
        let r = try a.run(["replay", "acme.json", "--step-through", "--step", "sign"], stdin: "\n\nb\nx\nq\n", cwd: "scenarios")
        #expect(r.status == 0, "\(r.stderr)")
        let out = r.stdout
        #expect(out.hasPrefix("Stepping through 8 events.\nEnter: next event · b: back one · q: quit\n"))
        #expect(out.contains("[1/8] #42 · 2027-01-15 09:00 UTC · 4 sign\n  sign Marketing head \"Dana Reyes\"\n  → Marketing head signed (Dana Reyes)"))
        #expect(out.contains("[2/8] #43"))
        #expect(out.contains("Back: #43 taken back.\n[1/8] #42"))
        #expect(!out.contains("#44"))
        // at the end of the input it stops
        let end = try a.run(["replay", "acme.json", "--step-through", "--goal", "G2"], stdin: String(repeating: "\n", count: 20), cwd: "scenarios")
        #expect(end.status == 0 && end.stdout.contains("End of the log (11 events)."))
    }

    // MARK: demo

    @Test func theDemoWritesAWholeMeetingAndOpensIt() throws {
        let a = try Accord()
        let r = try a.run(["demo"], stdin: "status\nlog 3\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Wrote the worked example accord-demo.json: 49 events"))
        #expect(r.stdout.contains("▶ 4 sign    4 letters: 4 signed, 0 partly, 0 unsigned, 0 void"))
        #expect(r.stdout.contains("sign Growth supervisor \"Chris Wong\""))
        #expect(!a.exists("accord-demo.json.lock") && !a.exists("accord-demo.json.journal"))
        let v = try a.validateSchema("accord-demo.json")
        #expect(v.status == 0, "\(v.stdout)")
        try a.expectReplayVerifies("accord-demo.json")
        let times = try a.events("accord-demo.json").map { $0["time"] as! String }
        #expect(times.first == "2027-01-15T09:00:00Z" && times.last == "2027-01-15T09:50:00Z")
        // never replaced without --force
        let again = try a.run(["demo"], stdin: "")
        #expect(again.status == 74 && again.stderr.contains("accord-demo.json exists already"))
        let forced = try a.run(["demo", "--force", "--no-open"])
        #expect(forced.status == 0)
        let verify = try a.run(["verify", "accord-demo.json"])
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func theDemoDoesNotOverwriteASessionOpenElsewhere() throws {
        let a = try Accord()
        // hold the session's lock as an open REPL does
        let fd = open(a.path("busy.json.lock"), O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        defer { close(fd) }
        let r = try a.run(["demo", "busy.json", "--force", "--no-open"])
        #expect(r.status == 73 && r.stderr.contains("busy.json is open in another accord"))
        #expect(!a.exists("busy.json"))
        #expect(a.exists("busy.json.lock"))  // the lock file of the other process is left alone
    }
}
