import Foundation
import Testing

/// `accord export FILE --what letters --template FILE` and `--split DIR`, on the built binary.
@Suite("Letter templates and split exports end to end")
struct LetterTemplateEndToEndTests {
    @Test func aCompanyTemplateWordsTheLettersAndTheSignaturesStayValid() throws {
        let a = try Accord()
        _ = try ReplayExportEndToEndTests.acme(a)
        try a.write("ours.mustache", """
        # ACME Zielvereinbarung — {{dept}}
        {{#rows}}
        - {{goal}} {{kpi}}: {{weight}} ({{floor}} / {{target}} / {{challenge}} {{unit}})
        {{/rows}}
        Unterschrift {{head}} ____ · {{supervisor}} ____
        {{digest}}

        """)
        let builtIn = try a.run(["export", "scenarios/acme.json", "--what", "letters", "--format", "md"])
        let r = try a.run(["export", "scenarios/acme.json", "--what", "letters", "--format", "md", "--template", "ours.mustache"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("# ACME Zielvereinbarung — Marketing\n- G2 Sales-accepted leads: 70 (700 / 900 / 1,100 leads)"))
        #expect(!r.stdout.contains("### Goals served"))
        // the same digests under both wordings, and every signature still valid
        let pattern = try Regex("sha256:[0-9a-f]{64}")
        let digests = { (text: String) in text.matches(of: pattern).map { String(text[$0.range]) } }
        #expect(Set(digests(r.stdout)).isSubset(of: Set(digests(builtIn.stdout))) && digests(r.stdout).count == 4)
        let v = try a.run(["verify", "scenarios/acme.json"])
        #expect(v.status == 0, "\(v.stdout)")
    }

    @Test func aBadTemplateIsOneClearLine() throws {
        let a = try Accord()
        _ = try ReplayExportEndToEndTests.acme(a)
        try a.write("bad.mustache", "{{#rows}}\n{{kpi}}\n")
        let r = try a.run(["export", "scenarios/acme.json", "--what", "letters", "--template", "bad.mustache"])
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && r.stderr.contains("The template bad.mustache cannot be used: a section is opened and never closed"), "\(r.stderr)")
        let missing = try a.run(["export", "scenarios/acme.json", "--what", "letters", "--template", "nope.mustache"])
        #expect(missing.status == 64 && missing.stderr.contains("Cannot read the template nope.mustache"), "\(missing.stderr)")
        let sheet = try a.run(["export", "scenarios/acme.json", "--what", "sheet", "--template", "bad.mustache"])
        #expect(sheet.status == 64 && sheet.stderr.contains("--template"), "\(sheet.stderr)")
    }

    @Test func splitWritesOneFilePerDepartment() throws {
        let a = try Accord()
        _ = try ReplayExportEndToEndTests.acme(a)
        try FileManager.default.createDirectory(atPath: a.path("hr"), withIntermediateDirectories: true)
        let r = try a.run(["export", "scenarios/acme.json", "--what", "letters", "--format", "md", "--split", "hr"],
                          env: ["ACCORD_LANG": "zh-Hant"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: a.path("hr")).sorted()
        #expect(files == ["Customer Success.md", "Growth.md", "Marketing.md", "Sales.md"], "\(files)")
        let sales = try a.read("hr/Sales.md")
        #expect(sales.contains("乙方（部門負責人）：Omar Haddad（Sales）"))
        #expect(sales.contains("目標調整須經雙方書面同意"))
        #expect(!sales.contains("Marketing"))
        #expect(r.stdout.contains("hr/Sales.md"))
        // the REPL writes the same bytes
        try FileManager.default.createDirectory(atPath: a.path("repl-hr"), withIntermediateDirectories: true)
        let again = try a.script("scenarios/acme.json", "export letters --split \(a.path("repl-hr"))\n", env: ["ACCORD_LANG": "zh-Hant"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try a.read("repl-hr/Sales.md") == sales)
    }
}
