@testable import AccordCore
import Foundation
import Testing

/// The letter's wording from Mustache templates: the built-in one of each language, a
/// company's own, and the signed content that no wording changes.
struct LetterTemplateTests {
    static let info = ExportInfo(file: "test.json", events: 3, lastTime: "2027-01-15T09:00:00Z")

    static func letters(_ m: Meeting, _ lang: Language, template: LetterTemplate? = nil) throws -> String {
        try Language.$scoped.withValue(lang) {
            let data = try Export.make(.letters, .md, m.state, info: info, template: template ?? LetterTemplate.builtIn(lang)).data
            return String(decoding: data, as: UTF8.self)
        }
    }

    @Test(arguments: Language.allCases)
    func everyBuiltInTemplateRendersEveryRow(_ lang: Language) throws {
        let m = try MapSignFixture.signed()
        let md = try Self.letters(m, lang)
        for kpi in m.state.contribs.all.map(\.kpi) { #expect(md.contains(kpi), "\(lang): \(kpi)") }
        for d in m.state.departments {
            #expect(md.contains(Letter(d, in: m.state).digest), "\(lang): \(d.name)'s digest")
        }
        #expect(!md.contains("{{") && !md.contains("}}"), "\(lang): a tag left unrendered")
        let phrases: [String]
        switch lang {
        case .en: phrases = ["Responsibility letter — Marketing", "Goals served", "Completion: below floor 0%", "Content digest `sha256:"]
        case .zhHant: phrases = ["甲方（上級主管／公司）：Chris Wong", "乙方（部門負責人）：Dana Reyes（Marketing）", "考核期間：2027",
                                 "目標調整須經雙方書面同意", "印章", "簽名", "評分規則", "雜湊值"]
        case .zhHans: phrases = ["甲方（上级主管／公司）：Chris Wong", "乙方（部门负责人）：Dana Reyes（Marketing）", "考核期间：2027",
                                 "目标调整须经双方书面同意", "盖章", "签字", "评分规则", "哈希值"]
        }
        for p in phrases { #expect(md.contains(p), "\(lang): \(p)") }
        // each language's document holds no phrase of the other script's template
        if lang == .zhHans { #expect(!md.contains("甲方（上級主管")) }
        if lang == .zhHant { #expect(!md.contains("甲方（上级主管")) }
    }

    @Test func signedLettersShowTheirSignersAndDatesInTheSealTable() throws {
        let m = try MapSignFixture.signed()
        let md = try Self.letters(m, .zhHant)
        #expect(md.contains("| 簽名 | Chris Wong | Dana Reyes |"))
        // the signing day in the room's convention (2027/01/15), not the stored time
        let day = Language.$scoped.withValue(.zhHant) { LocalTime.day("2027-01-15T09:00:00Z") }
        #expect(day == "2027/01/15")
        #expect(md.contains("| 日期 | " + day + " | " + day + " |"))
        let unsigned = try Self.letters(try MapSignFixture.contributed(), .zhHant)
        #expect(unsigned.contains("| 日期 | 中華民國　　年　　月　　日 | 中華民國　　年　　月　　日 |"))
    }

    @Test func valuesAreEscapedForMarkdownNotForHTML() throws {
        var m = try MapSignFixture.contributed()
        _ = try m.run(#"dept rename Marketing 'R&D <b>|*x*'"#)
        let md = try Self.letters(m, .zhHant)
        #expect(md.contains(#"乙方（部門負責人）：Dana Reyes（R&D \<b\>\|\*x\*）"#))
        #expect(!md.contains("&lt;") && !md.contains("&amp;"))
    }

    @Test func aCompanyTemplateChangesTheWordingAndNoDigest() throws {
        let m = try MapSignFixture.signed()
        let before = Signatures.review(m.state).map(\.digest)
        let own = try LetterTemplate("# Zielvereinbarung {{dept}}\n{{#rows}}* {{goal}} {{kpi}} {{weight}}\n{{/rows}}Digest {{digest}}\n",
                                     kind: .markdown, file: "own.mustache")
        let mine = try Self.letters(m, .en, template: own)
        let builtIn = try Self.letters(m, .en)
        #expect(mine != builtIn)
        #expect(mine.contains("# Zielvereinbarung Marketing\n* G2 Sales-accepted leads 70\n* G1 Referral signups 30\nDigest sha256:"))
        for d in before { #expect(mine.contains(d) && builtIn.contains(d)) }
        // the letters' content, and so every signature, is the same whatever the wording
        #expect(Signatures.review(m.state).map(\.digest) == before)
        #expect(Signatures.review(m.state).allSatisfy { $0.status == .signed })
    }

    @Test func aBadTemplateSaysWhereAndWhy() throws {
        #expect(throws: CommandError.self) { try LetterTemplate("{{#rows}}x", kind: .markdown, file: "t.md") }
        do {
            _ = try LetterTemplate("ok\n{{#rows}}x{{/goals}}", kind: .markdown, file: "t.md")
            Issue.record("parsed")
        } catch let e as CommandError {
            let text = e.message.rendered(in: .en)
            #expect(text.hasPrefix("The template t.md cannot be used: a section is closed with another name"), "\(text)")
            #expect(text.contains("line 2"), "\(text)")
            #expect(!text.contains("\n"))
        }
        #expect(throws: CommandError.self) { try LetterTemplate(data: Data([0xFF, 0xFE, 0x41]), kind: .markdown, file: "t.md") }
    }

    @Test func theREPLExportReadsTheTemplateAndSplitsPerDepartment() throws {
        var m = try MapSignFixture.signed()
        let files = ["own.tpl": "Letter for {{dept}} / {{head}}\n"]
        let out = try m.run("export letters --template own.tpl", files: files)
        #expect(Paint.strip(out.output).contains("---\n\nLetter for Marketing / Dana Reyes\n\n---\n\nLetter for Sales / Omar Haddad"))
        let split = try m.run("export letters --split hr --template own.tpl", files: files)
        let writes = split.effects.compactMap { e -> (String, String)? in
            if case let .write(path, data) = e { return (path, String(decoding: data, as: UTF8.self)) }
            return nil
        }
        #expect(writes.map(\.0) == ["hr/Marketing.md", "hr/Sales.md", "hr/Growth.md"])
        #expect(writes[1].1.contains("Letter for Sales / Omar Haddad") && !writes[1].1.contains("Marketing"))
        #expect(m.error("export sheet --template own.tpl")?.contains("--template") == true)
        #expect(m.error("export letters --split hr --out x.md")?.contains("--out") == true)
        #expect(m.error("export letters --template nope.tpl")?.hasPrefix("Cannot read the template nope.tpl") == true)
    }

    @Test func theLetterOnTheScreenCanBeWordedByATemplate() throws {
        var m = try MapSignFixture.signed()
        let files = ["screen.tpl": "{{dept}}: {{#rows}}{{kpi}} {{weight}}; {{/rows}}\u{1B}[2J{{#headSignature}}{{name}} {{verdict}}{{/headSignature}}\n"]
        let text = try m.run("letter Marketing --template screen.tpl", files: files).output
        #expect(text == "Marketing: Sales-accepted leads 70; Referral signups 30; \\u{1B}[2JDana Reyes valid")
        #expect(m.error("letter Marketing --template screen.tpl")?.hasPrefix("Cannot read the template") == true)
    }

    @Test func fileNamesAreSafeAndDistinct() {
        #expect(FileName.safe("R/D: *new*", otherwise: "D1") == "R_D_ _new_")
        #expect(FileName.safe("行銷部", otherwise: "D1") == "行銷部")
        #expect(FileName.safe("..", otherwise: "D7") == "D7")
        #expect(FileName.safe("con", otherwise: "D2") == "D2")
        #expect(FileName.safe(" Sales. ", otherwise: "D2") == "Sales")
    }

    @Test func twoDepartmentsWhoseNamesMeetOnDiskGetTwoFiles() throws {
        var m = Meeting()
        try m.runAll("""
        dept add "R/D"
        dept add "R:D"
        """)
        let files = try Export.split(.md, m.state, info: Self.info)
        #expect(files.map(\.file) == ["R_D.md", "R_D-D2.md"])
    }
}
