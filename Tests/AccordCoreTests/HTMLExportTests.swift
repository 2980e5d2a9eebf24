@testable import AccordCore
import Foundation
import Testing

/// Issue 11's defects in the printed (HTML and Markdown) documents: CLI text, the page's
/// language, CJK line breaking, the sheet's width, the chart's bar labels.
@Suite("HTML export: language, line breaking, page width, chart labels, reader-facing text")
struct HTMLExportTests {
    static let info = ExportInfo(file: "x.json", events: 1, lastTime: "2027-01-15T09:00:00Z")

    /// A small meeting typed in Traditional Chinese, one letter signed (its head signed twice),
    /// one partly signed, one department without a contribution.
    static func chineseMeeting() throws -> Meeting {
        var m = Meeting()
        try m.runAll("""
        title "2027 年度目標對齊會議"
        period 2027
        dept add 行銷部 --head 林經理 --supervisor 王副總
        dept add 業務部 --head 張總監 --supervisor 王副總
        dept add 客服部 --head 陳主任 --supervisor 王副總
        goal add "提升客戶終身價值" --metric cltv --baseline 12000 --target 14500 --unit 元 --by 2027-12-31 --owner 業務部
        vote G1 行銷部 agree
        vote G1 業務部 agree
        vote G1 客服部 agree
        goal adopt G1
        map G1 acquisition revenue
        contrib add G1 行銷部 --stage acquisition --kpi 有效名單數 --target 900 --challenge 1100 --floor 700 --unit 筆 --weight 70 --source 數據來源系統 --cycle monthly
        contrib add G1 行銷部 --stage revenue --kpi 廣告帶來的營收 --target 300 --challenge 400 --floor 200 --unit 萬元 --weight 30 --source 財務系統 --cycle quarterly
        contrib add G1 業務部 --stage revenue --kpi 銷售額 --target 12000 --challenge 15000 --floor 9000 --unit 萬元 --weight 100 --source 財務系統 --cycle quarterly
        step sign --force "straight to signing"
        sign 行銷部 head 林經理
        sign 行銷部 supervisor 王副總
        sign 行銷部 head 林經理 --replace
        sign 業務部 head 張總監
        """)
        return m
    }

    static func page(_ what: Export.What, _ s: State) throws -> String {
        String(decoding: try Export.render(what, .html, s, info: info), as: UTF8.self)
    }

    static func markdown(_ what: Export.What, _ s: State) throws -> String {
        String(decoding: try Export.render(what, .md, s, info: info), as: UTF8.self)
    }

    // MARK: 20 · language

    @Test func theLanguageFollowsTheSessionsOwnWords() {
        #expect(DocumentLanguage.guess(["Acme 2027 Annual Alignment", "Marketing", "Sales", "Net revenue retention"]) == "en")
        #expect(DocumentLanguage.guess(["2027 年度目標對齊會議", "行銷部", "業務部", "有效名單數"]) == "zh-Hant")
        #expect(DocumentLanguage.guess(["2027 年度目标对齐会议", "市场部", "销售部", "有效名单数"]) == "zh-Hans")
        // a few Chinese names in an English meeting leave it English
        #expect(DocumentLanguage.guess(["Acme 2027 Annual Alignment", "Marketing 行銷", "Sales", "Customer Success"]) == "en")
        // Chinese names with Latin system names (GA4, CRM) are still Chinese
        #expect(DocumentLanguage.guess(["行銷部", "網站流量 GA4", "線索量 CRM"]) == "zh-Hant")
        #expect(DocumentLanguage.guess(["営業部", "売上の伸び"]) == "ja")
        #expect(DocumentLanguage.guess([]) == "en")
        // characters both variants write alike: the fallback
        #expect(DocumentLanguage.chinese("留存", otherwise: "zh-Hant") == "zh-Hant")
        #expect(DocumentLanguage.chinese("目標值", otherwise: "zh-Hans") == "zh-Hant")
        #expect(DocumentLanguage.chinese("目标值", otherwise: "zh-Hant") == "zh-Hans")
    }

    @Test func aChineseSessionsPagesSayZhHantAndAnEnglishOnesSayEn() throws {
        let zh = try Self.chineseMeeting().state
        for what in Export.What.allCases {
            #expect(try Self.page(what, zh).hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-Hant\">"), "\(what)")
            #expect(try Self.page(what, Demo.build().state).hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(what)")
        }
    }

    @Test func chineseRunsOnAnEnglishPageCarryTheirOwnLanguage() throws {
        let runs = DocumentLanguage.runs("Target 目標值", page: "en")
        #expect(runs.map(\.text) == ["Target ", "目標值"] && runs.map(\.lang) == [nil, "zh-Hant"])
        // on a Chinese page of the same variant, no mark; of the other variant, a mark
        #expect(DocumentLanguage.runs("Target 目標值", page: "zh-Hant").map(\.lang) == [nil])
        #expect(DocumentLanguage.runs("目标值 目標值", page: "zh-Hans").map(\.lang) == [nil, "zh-Hant"])

        let en = try Self.page(.sheet, Demo.build().state)
        #expect(en.contains("<th class=\"num\">Target <span lang=\"zh-Hant\">目標值</span></th>"))
        #expect(en.contains("<p class=\"sub\"><span lang=\"zh-Hant\">目標責任表</span> · period 2027</p>"))
        // the <title> and the SVG's text cannot hold a span: the SVG text says its language itself
        #expect(en.contains("<text x=\"196\" y=\"34\" class=\"stage-zh\" lang=\"zh-Hant\">獲取</text>"))
        #expect(!en.contains("<title><span"))
        let zh = try Self.page(.sheet, Self.chineseMeeting().state)
        #expect(zh.contains("<td class=\"kpi\">有效名單數</td>"))  // the page's own language: no mark
        // the style sheet picks fonts by language
        #expect(en.contains(":lang(zh-Hans){font-family:") && en.contains("\"Noto Sans CJK SC\""))
        #expect(en.contains(":lang(zh-Hant){font-family:") && en.contains("\"Noto Sans CJK TC\""))
    }

    // MARK: 21 · line breaking

    @Test func cjkWordsNumbersAndDatesDoNotBreakInside() throws {
        for what in Export.What.allCases {
            let html = try Self.page(what, Self.chineseMeeting().state)
            #expect(html.contains("word-break:keep-all"), "\(what)")
            #expect(html.contains("td.num{white-space:nowrap}") && html.contains(".nw,td.nw{white-space:nowrap}"), "\(what)")
        }
        let sheet = try Self.page(.sheet, Self.chineseMeeting().state)
        #expect(sheet.contains("<td class=\"nw\"><span class=\"nw\">2027-12-31</span></td>"))
        #expect(sheet.contains("<td class=\"nw\">G1 r1</td>"))
        let letters = try Self.page(.letters, Self.chineseMeeting().state)
        #expect(letters.contains("by <span class=\"nw\">2027-12-31</span></li>"))
        // in prose too, dates and hyphenated numbers are one run; digests and plain numbers are not cut up
        #expect(DocumentLanguage.runs("by 2027-12-31.", page: "en").map(\.text) == ["by ", "2027-12-31", "."])
        #expect(DocumentLanguage.runs("by 2027-12-31.", page: "en").map(\.nowrap) == [false, true, false])
        #expect(DocumentLanguage.runs("sha256:40d6-1 and 12,000 and x-1", page: "en").count == 1)
        // a time is kept with its date and its zone, as Time.short writes them
        #expect(DocumentLanguage.runs("2027-01-15 10:05", page: "en").map(\.text) == ["2027-01-15 10:05"])
        #expect(DocumentLanguage.runs("at 2027-01-15 14:54 UTC+8.", page: "en").map(\.text) == ["at ", "2027-01-15 14:54 UTC+8", "."])
        #expect(DocumentLanguage.runs("2027-01-15 14:54 UTC-5:30 x", page: "en").map(\.text) == ["2027-01-15 14:54 UTC-5:30", " x"])
        #expect(DocumentLanguage.runs("2027-01-15 is the day", page: "en").map(\.text) == ["2027-01-15", " is the day"])
    }

    // MARK: 22 · width

    @Test func theSheetsContributionsTableHasTheColumnsThatFitAnA4Page() throws {
        let html = try Self.page(.sheet, Self.chineseMeeting().state)
        let table = try #require(html.range(of: "<table class=\"contributions\">").map { String(html[$0.lowerBound...]) })
        let head = String(table[..<table.range(of: "</thead>")!.lowerBound])
        #expect(head.components(separatedBy: "</th>").count - 1 == 10)
        #expect(!head.contains(">Goal<") && !head.contains(">Owner<") && !head.contains(">Signature<"))
        // the goal heads its rows; an unsigned letter's rows say so by their department
        #expect(table.contains("<tr class=\"goal\"><th colspan=\"10\" scope=\"rowgroup\">G1 提升客戶終身價值</th></tr>"))
        #expect(table.contains("<td>業務部 <span class=\"st st-partly\">partly signed</span></td>"))
        #expect(table.contains("<td>行銷部</td>"))
        // column headings may wrap (only the numbers themselves do not)
        #expect(!html.contains("th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"))
        // a signature box shrinks with the page; the signing line wraps
        let letters = try Self.page(.letters, Self.chineseMeeting().state)
        #expect(letters.contains(".sig{flex:1 1 0;min-width:0;") && letters.contains(".signline{margin-top:34px !important;color:#5b6475}"))
    }

    // MARK: 23 · bar labels

    @Test func aBarLabelGoesInsideWhenItFitsAfterTheBarOtherwiseNeverPastItsCell() {
        // the chart's geometry: cells 124 wide
        let x = 194.0, inner = 124.0
        func bar(_ w: Double) -> Double { (inner * w / 100 * 10).rounded() / 10 }
        let seventy = HTMLExport.barLabel(weight: 70, ids: [7], barX: x, barW: bar(70), cellEnd: x + inner)
        #expect(seventy.text == "70 X7" && seventy.inside && seventy.x == x + 4)
        // the defect: "30 X4" ran past the end of its 37-unit bar
        let thirty = HTMLExport.barLabel(weight: 30, ids: [4], barX: x, barW: bar(30), cellEnd: x + inner)
        #expect(thirty.text == "30 X4" && !thirty.inside && thirty.x == x + bar(30) + 4)
        // a long bar whose label is too long for it and for the room after it: the weight alone
        let crowded = HTMLExport.barLabel(weight: 90, ids: [11, 12, 13, 14], barX: x, barW: bar(90), cellEnd: x + inner)
        #expect(crowded.text == "90" && crowded.inside)
        for weight in stride(from: 1.0, through: 100, by: 1) {
            for n in 0...5 {
                let ids = Array(stride(from: 10, to: 10 + n, by: 1))
                let l = HTMLExport.barLabel(weight: weight, ids: ids, barX: x, barW: bar(weight), cellEnd: x + inner)
                let end = l.x + HTMLExport.textWidth(l.text, size: HTMLExport.labelFont)
                #expect(end <= x + inner, "\(weight) \(ids): \(l)")
                if l.inside { #expect(end <= x + bar(weight), "\(weight) \(ids): \(l)") } else { #expect(l.x >= x + bar(weight), "\(weight) \(ids): \(l)") }
            }
        }
        // the width estimate is generous: digits wider than DejaVu Sans's 0.636 em, CJK a full em
        #expect(HTMLExport.textWidth("30", size: 10) >= 12.7 && HTMLExport.textWidth("獲取", size: 10) == 20)
    }

    @Test func theSheetsChartUsesThePlacement() throws {
        let html = try Self.page(.sheet, Demo.build().state)
        #expect(html.contains("class=\"w in\"><title>70 X7</title>70 X7</text>"))
        #expect(html.contains("class=\"w out\"><title>30 X4</title>30 X4</text>"))
    }

    // MARK: 11 · printed documents speak to their reader

    @Test func printedLettersHoldNoCommandsForTheREPL() throws {
        let m = try Self.chineseMeeting()
        #expect(LetterSet(m.state, info: Self.info).items.first?.earlier == 1)
        let html = try Self.page(.letters, m.state), md = try Self.markdown(.letters, m.state)
        for doc in [html, md] {
            #expect(doc.contains("An earlier signature of this letter was replaced; the session"))
            #expect(!doc.contains("`log`") && !doc.contains("(`contrib add"))
            #expect(doc.contains("客服部 has no contribution to an adopted goal yet."))
        }
        // no backticked command anywhere in the HTML (Markdown uses them for the digest only)
        #expect(!html.contains("`"))
        #expect(md.components(separatedBy: "`").count - 1 == 2 * 3)
        #expect(Export.earlierNote(2) == "2 earlier signatures of this letter were replaced; the session's record keeps them.")
    }

    // MARK: safety stays

    @Test func languageRunsKeepEverythingEscaped() {
        var w = HTMLWriter()
        w.lang = "en"
        w.element("td", text: "<b>目標</b> 2027-12-31 & \"x\"")
        #expect(w.document == "<td>&lt;b&gt;<span lang=\"zh-Hant\">目標</span>&lt;/b&gt; <span class=\"nw\">2027-12-31</span> &amp; &quot;x&quot;</td>")
        var t = HTMLWriter()
        t.lang = "en"
        t.element("title", text: "<目標>")
        #expect(t.document == "<title>&lt;目標&gt;</title>")
    }
}
