@testable import AccordCore
import Foundation
import Testing

/// HTML letters worded by a company's Mustache template: values escaped whatever the
/// template writes, no value where it could become markup or script, one file per department.
struct HTMLLetterTemplateTests {
    static let info = LetterTemplateTests.info
    static let hostile = "<script>alert(1)</script>\"' onmouseover=alert(2) &amp;"

    static let template = """
        <h1>{{title}}</h1>
        <p class="parties">甲方：{{supervisor}}　乙方：{{head}}（{{dept}}）</p>
        <p class="raw">{{{dept}}} {{&head}}</p>
        {{#hasRows}}{{{table}}}{{/hasRows}}
        <ul>{{#rows}}<li>{{kpi}} {{target}} {{unit}}</li>{{/rows}}</ul>
        <p class="rule">{{completion}}</p>
        {{{sealBlock}}}
        {{{signatureTable}}}
        <p>日期：{{#headSignature.signed}}{{headSignature.date}}{{/headSignature.signed}}</p>
        """

    static func html(_ m: Meeting, _ lang: Language, _ source: String = template) throws -> String {
        try DisplayStyleTests.inRoom(lang) {
            let t = try LetterTemplate(source, kind: .html, file: "own.html")
            return String(decoding: try Export.make(.letters, .html, m.state, info: info, template: t).data, as: UTF8.self)
        }
    }

    /// The signed meeting with hostile text in a department's name, its head and a KPI.
    static func hostileMeeting() throws -> Meeting {
        var m = Meeting()
        let setup = MapSignFixture.setup
            .replacingOccurrences(of: "dept add Growth --head \"Lee Park\"",
                                  with: "dept add Growth --head \"\(hostile.replacingOccurrences(of: "\"", with: "\\\""))\"")
        try m.runAll(setup)
        try m.runAll(MapSignFixture.contributions.replacingOccurrences(of: "\"Trial to paid conversion\"", with: "\"<img src=x onerror=alert(3)>\""))
        return m
    }

    @Test func everyLetterIsWordedByTheTemplateInAPageOfItsLanguage() throws {
        let m = try MapSignFixture.signed()
        let page = try Self.html(m, .zhHant)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-Hant\">"))
        #expect(page.components(separatedBy: "<article class=\"letter\"").count == 4)
        #expect(page.contains("<p class=\"parties\">甲方：Chris Wong　乙方：Omar Haddad（Sales）</p>"))
        #expect(page.contains("<li>Expansion revenue 120萬 USD</li>"))
        #expect(page.contains("<p>日期：2027/01/15</p>"))
        #expect(page.contains("<svg"), "the seal's QR code")
        for d in m.state.departments { #expect(page.contains(Letter(d, in: m.state).digest)) }
        let hans = try Self.html(m, .zhHans)
        #expect(hans.contains("<html lang=\"zh-Hans\">") && hans.contains("120万"))
    }

    @Test func nothingFromTheDataBecomesMarkup() throws {
        let page = try Self.html(try Self.hostileMeeting(), .en)
        // neither {{ }} nor {{{ }}} nor {{& }} writes a value unescaped
        #expect(!page.contains("<script>alert(1)"))
        #expect(!page.contains("<img src=x"))
        #expect(!page.contains("\" onmouseover") && !page.contains("' onmouseover"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39; onmouseover=alert(2) &amp;amp;"))
        #expect(page.contains("&lt;img src=x onerror=alert(3)&gt;"))
        #expect(page.components(separatedBy: "<script").count == 1)
    }

    @Test(arguments: [
        ("<a href=\"{{dept}}\">x</a>", "export.template.why.html-value-in-markup"),
        ("<p title={{dept}}>x</p>", "export.template.why.html-value-in-markup"),
        ("<p {{{head}}}>x</p>", "export.template.why.html-value-in-markup"),
        ("<!-- {{dept}} -->", "export.template.why.html-value-in-markup"),
        ("<style>p{color:{{dept}}}</style>", "export.template.why.html-value-in-markup"),
        ("<p>ok</p><SCRIPT>alert(1)</SCRIPT>", "export.template.why.html-script"),
        ("<p onclick=\"go()\">{{dept}}</p>", "export.template.why.html-script"),
        ("<a href=\"JavaScript:go()\">x</a>", "export.template.why.html-script"),
        ("{{=<% %>=}}<a href=\"<% dept %>\">x</a>", "export.template.why.html-delimiters"),
    ])
    func aTemplateThatCouldLetDataInIsRefused(_ source: String, _ why: String) {
        do {
            _ = try LetterTemplate(source, kind: .html, file: "own.html")
            Issue.record("accepted: \(source)")
        } catch let e as CommandError {
            #expect(e.message.key == "export.template.bad")
            #expect(e.message.nested["why"]?.key == why, "\(source)")
        } catch { Issue.record("\(error)") }
    }

    @Test func sectionsMayStandInATagAndValuesInText() throws {
        let ok = "<td {{#valid}}class=\"ok\"{{/valid}}>{{dept}}</td><style>td{color:red}</style><p>{{head}}</p>"
        _ = try LetterTemplate(ok, kind: .html, file: "own.html")
        // the same template is fine for Markdown, which escapes for Markdown
        _ = try LetterTemplate("<a href=\"{{dept}}\">x</a>", kind: .markdown, file: "own.md")
    }

    @Test func theREPLExportsHTMLLettersFromATemplateAndSplitsThem() throws {
        var m = try MapSignFixture.signed()
        let files = ["own.html": "<h2>{{dept}} · {{head}}</h2>\n"]
        let split = try DisplayStyleTests.inRoom(.en) { try m.run("export letters --format html --split hr --template own.html", files: files) }
        let writes = split.effects.compactMap { e -> (String, String)? in
            if case let .write(path, data) = e { return (path, String(decoding: data, as: UTF8.self)) }
            return nil
        }
        #expect(writes.map(\.0) == ["hr/Marketing.html", "hr/Sales.html", "hr/Growth.html"])
        #expect(writes[1].1.contains("<h2>Sales · Omar Haddad</h2>") && !writes[1].1.contains("Marketing"))
        #expect(writes.allSatisfy { $0.1.hasPrefix("<!DOCTYPE html>") && $0.1.hasSuffix("</html>\n") })
        let error = m.error("export sheet --format html --template own.html")
        #expect(error?.contains("--template") == true)
        let csv = m.error("export letters --format csv --template own.html")
        #expect(csv?.contains("--template") == true)
    }

    /// Without --template a Chinese room's HTML letters are the formal document: 甲方/乙方,
    /// the six articles, a signing table with a seal box per party and the dates; English keeps
    /// Accord's page.
    @Test func theBuiltInChineseHTMLLetterIsTheFormalDocument() throws {
        let signed = try MapSignFixture.signed()
        let unsigned = try MapSignFixture.contributed()
        func page(_ m: Meeting, _ lang: Language, dates: DateStyle = .auto) throws -> String {
            try DisplayStyleTests.inRoom(lang, dates: dates) {
                String(decoding: try Export.make(.letters, .html, m.state, info: Self.info).data, as: UTF8.self)
            }
        }
        let hant = try page(signed, .zhHant)
        for phrase in ["<html lang=\"zh-Hant\">", "<dt>甲方（上級主管／公司）</dt><dd>Chris Wong</dd>", "<dt>乙方（部門負責人）</dt><dd>Omar Haddad（Sales）</dd>",
                       "一、所服務之公司目標", "三、評分規則", "四、目標調整", "目標調整須經雙方書面同意", "六、簽署",
                       "<th class=\"role\">印章</th><td><span class=\"seal-box\"></span></td>", "<th class=\"role\">日期</th><td>2027/01/15</td>",
                       "120萬"] {
            #expect(hant.contains(phrase), "zh-Hant: \(phrase)")
        }
        #expect(hant.components(separatedBy: "<table class=\"signing\">").count == 4, "one signing table per letter")
        for d in signed.state.departments { #expect(hant.contains(Letter(d, in: signed.state).digest)) }
        #expect(try page(signed, .zhHant, dates: .minguo).contains("<th class=\"role\">日期</th><td>民國116年1月15日</td>"))
        #expect(try page(unsigned, .zhHant).contains("中華民國　　年　　月　　日"))
        let hans = try page(signed, .zhHans)
        for phrase in ["<html lang=\"zh-Hans\">", "甲方（上级主管／公司）", "乙方（部门负责人）", "<th class=\"role\">盖章</th>", "<th class=\"role\">签字</th>", "120万"] {
            #expect(hans.contains(phrase), "zh-Hans: \(phrase)")
        }
        #expect(!hans.contains("甲方（上級主管"), "no Traditional wording in the Simplified letter")
        let en = try page(signed, .en)
        #expect(!en.contains("甲方") && en.contains("<div class=\"sigs\">"), "English keeps Accord's page")
    }
}
