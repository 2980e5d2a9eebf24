@testable import AccordCore
import Foundation
import Testing

/// `actual import` on the signed fixture (Marketing X1 leads, X2 referral signups; Sales X3
/// expansion revenue; Growth X4 CAC, X5 trial conversion), and the review export built from it.
@Suite("actual import and the review export")
struct ActualImportTests {
    static func tracking() throws -> Meeting {
        var m = try MapSignFixture.signed()
        try m.run("next")
        return m
    }

    @Test func rowsFindTheirContributionByIdOrByDepartmentAndKPIInEitherScript() throws {
        var m = try Self.tracking()
        try m.run("dept rename Growth 增長部")
        let csv = """
        部门,指标名称,期间,实际值,备注
        Marketing,sales-accepted  leads,2027年1月,820,
        增长部,Trial to paid conversion,2027/01,16.5%,試用期縮短
        Sales,Expansion revenue,2027年第1季,115萬,
        Sales,Nothing like it,2027-01,5,
        Nowhere,Expansion revenue,2027-01,5,
        Marketing,Sales-accepted leads,2027-1,830,
        """
        let before = m.events.count
        let o = try m.run("actual import a.csv", files: ["a.csv": csv])
        let text = Paint.strip(o.output)
        #expect(text.contains("Imported 3 actuals from a.csv: 3 contributions"), "\(text)")
        #expect(text.contains("line 5: Sales has no contribution “Nothing like it”"))
        #expect(text.contains("line 6: no department “Nowhere” in this session"))
        #expect(text.contains("line 7: X1 2027-01 is also on line 2"))
        #expect(m.events.count == before + 1)
        #expect(m.state.actuals[PeriodKey(1, .month(2027, 1))]?.value == 820)
        #expect(m.state.actuals[PeriodKey(5, .month(2027, 1))]?.note == "試用期縮短")
        #expect(m.state.actuals[PeriodKey(3, .quarter(2027, 1))]?.value == 1_150_000)
        // one event: one undo takes the whole import back
        try m.run("undo")
        #expect(m.state.actuals.isEmpty)
    }

    @Test func importingTheSameSheetAgainRecordsNothingAndSaysSo() throws {
        var m = try Self.tracking()
        let csv = "contribution,period,actual\nX1,2027-01,820\nX2,2027-01,310\n"
        try m.run("actual import a.csv", files: ["a.csv": csv])
        let n = m.events.count
        let again = try m.run("actual import a.csv", files: ["a.csv": csv])
        #expect(again.failed && Paint.strip(again.output).contains("Nothing new in a.csv: all 2 actuals are already recorded."))
        #expect(m.events.count == n)
        let dry = try m.run("actual import b.csv --dry-run", files: ["b.csv": "contribution,period,actual\nX1,2027-02,1\n"])
        #expect(Paint.strip(dry.output).contains("Would import 1 actual") && m.events.count == n && m.state.actuals.count == 2)
    }

    @Test func aSheetWithNoGoodRowIsRefusedWholeWithItsReasons() throws {
        var m = try Self.tracking()
        let o = try m.run("actual import a.csv", files: ["a.csv": "contribution,period,actual\nX99,2027-01,1\nX1,2027-14,1\n"])
        #expect(o.failed)
        let text = Paint.strip(o.output)
        #expect(text.contains("line 2: no contribution X99 in this session") && text.contains("line 3: “2027-14” is not a period"))
        #expect(m.state.actuals.isEmpty)
    }

    @Test func theReviewExportEscapesWhatPeopleTypedAndDrawsItsCharts() throws {
        var m = try Self.tracking()
        try m.runAll("""
        actual X1 2027-01 650
        actual X1 2027-02 640
        actual X2 2027-01 310
        retro Marketing 2027-Q1 --went-well "<script>alert(1)</script>" --problem "\u{202E}evil" --next "=1+1"
        """)
        let info = ExportInfo(file: "t.json", events: m.events.count, lastTime: m.now)
        let html = String(decoding: try ReviewExport.make(.html, m.state, period: .quarter(2027, 1), info: info).data, as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.unicodeScalars.contains("\u{202E}") && html.contains("<bdi>"))
        // a chart per KPI (five rows) and the scores chart
        #expect(html.components(separatedBy: "class=\"kpi-chart\"").count - 1 == 5)
        #expect(html.contains("class=\"score-chart\""))
        // X1 below floor in January and February: red dots
        #expect(html.components(separatedBy: "class=\"dot bad\"").count - 1 == 2)
        let csv = String(decoding: try ReviewExport.make(.csv, m.state, period: .quarter(2027, 1), info: info).data, as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}") && csv.contains(",'=1+1\r\n"))
        let md = String(decoding: try ReviewExport.make(.md, m.state, period: .quarter(2027, 1), info: info).data, as: UTF8.self)
        #expect(md.contains("\\<script\\>alert(1)\\</script\\>"))
    }

    @Test func theReviewsChartsFollowTheRowsCycle() {
        #expect(ReviewDocument.chartPeriods(.monthly, within: .whole(2027)).count == 12)
        #expect(ReviewDocument.chartPeriods(.quarterly, within: .whole(2027)) == (1...4).map { .quarter(2027, $0) })
        #expect(ReviewDocument.chartPeriods(.monthly, within: .quarter(2027, 2)) == [.month(2027, 4), .month(2027, 5), .month(2027, 6)])
        #expect(ReviewDocument.chartPeriods(.annual, within: .quarter(2027, 2)) == [.quarter(2027, 2)])
    }

    @Test func theReviewAppliesTheOldTargetsBeforeAnApprovedAdjustmentAndTheNewOnesAfter() throws {
        var m = try Self.tracking()
        try m.runAll("""
        actual X1 2027-06 860
        actual X1 2027-07 770
        adjust X1 --target 800 --floor 650 --challenge 1000 --reason "budget cut" --from 2027-07
        approve A1 "Chris Wong"
        """)
        let info = ExportInfo(file: "t.json", events: m.events.count, lastTime: m.now)
        let json = try ReviewExport.make(.json, m.state, period: .whole(2027), info: info).data
        let doc = try JSONSerialization.jsonObject(with: json) as! [String: Any]
        let marketing = (doc["departments"] as! [[String: Any]]).first { $0["department"] as? String == "Marketing" }!
        let x1 = (marketing["rows"] as! [[String: Any]]).first { $0["contribution"] as? String == "X1" }!
        let series = x1["series"] as! [[String: Any]]
        #expect(series.count == 12)
        #expect(series[5]["target"] as? Double == 900 && series[6]["target"] as? Double == 800)
        #expect(series[5]["completion"] as? Double == 92 && series[6]["completion"] as? Double == 92)
        #expect(x1["adjustments"] as? [String] == ["A1"])
        let adj = (doc["adjustments"] as! [[String: Any]])[0]
        #expect(adj["status"] as? String == "approved" && adj["approvedBy"] as? String == "Chris Wong")
        // the page shows the step and the adjustment with who approved it
        let html = String(decoding: try ReviewExport.make(.html, m.state, period: .whole(2027), info: info).data, as: UTF8.self)
        #expect(html.contains("approved by Chris Wong"))
    }

    @Test func exportReviewReadsItsPeriodAndFormatAndRefusesBadOnes() throws {
        var m = try Self.tracking()
        try m.run("actual X1 2027-03 900")
        let md = Paint.strip(try m.run("export review --period 2027年第1季").output)
        #expect(md.hasPrefix("# Acme 2027 — review 2027-Q1"), "\(md)")
        let year = Paint.strip(try m.run("export review --format markdown").output)
        #expect(year.hasPrefix("# Acme 2027 — review 2027"))
        let out = try m.run("export review --format html --out r.html")
        #expect(out.effects.count == 1 && Paint.strip(out.output).contains("Review 2027 (html): 3 departments, 5 rows, 0 adjustments."))
        #expect(m.error("export review --period 2027-13")?.contains("“2027-13” is not a period") == true)
        #expect(m.error("export review --format pdf") != nil)
        #expect(m.events.count == (try Self.tracking().events.count) + 1)
    }
}
