@testable import AccordCore
import Foundation
import Testing

@Suite("Audit step commands: kpi, import, audit, conflict, metric, tension")
struct AuditCommandTests {
    static let room = """
    title "Acme 2027"
    period 2027
    dept add 行銷部 --head 林經理
    dept add 業務部 --head 張總監
    """

    static let sheet = """
    部門,KPI名稱,方向,目標值,單位,數據來源,考核週期,權重,負責人
    行銷部,網站流量,提升,200萬,訪次,GA4,月度,60,林經理
    行銷部,廣告點擊率,提升,3.5%,,Google Ads,月度,40,林經理
    業務部,線索轉化率,提升,8,%,CRM,季度,100,張總監
    客服部,客戶滿意度,提升,九十,%,問卷系統,月度,100,陳主任
    客服部,平均處理時間,降低,5,分鐘,客服系統,月度,50,陳主任
    行销部,线索量,提升,5000,笔,CRM,月度,,林经理
    """

    func meeting(_ extra: String = "") throws -> Meeting {
        var m = Meeting()
        try m.runAll(Self.room + "\n" + extra)
        return m
    }

    func noMissingMessages(_ text: String) {
        #expect(!text.contains("⟨"), "a message key is missing: \(text)")
    }

    @Test func kpiAddMatchesTheMetricAndTakesItsDirection() throws {
        var m = try meeting()
        let out = try m.text("kpi add 行銷部 网站流量 --target 200萬 --unit 訪次 --source GA4 --cycle 月度 --weight 30 --owner 林經理")
        noMissingMessages(out)
        #expect(out.hasPrefix("Added K1 网站流量 to 行銷部 → traffic (Website traffic · 網站流量) ↑"))
        let k = try #require(m.state.kpis[1])
        #expect(k.metric == "traffic" && !k.metricPinned && k.dir == .up && k.target == 2_000_000 && k.unit == "訪次")
        #expect(k.cycle == .monthly && k.weight == 30 && k.owner == "林經理" && k.source == "GA4")
        try m.run("kpi add 業務部 \"Discount depth\" --metric discount_rate --dir up --target 15%")
        #expect(m.state.kpis[2]?.metric == "discount_rate" && m.state.kpis[2]?.metricPinned == true)
        #expect(m.state.kpis[2]?.dir == .up, "an explicit direction wins over the metric's natural one (down)")
        #expect(m.state.kpis[2]?.unit == "%", "the unit written with the target")
        let unknown = try m.text("kpi add 業務部 客戶拜訪品質")
        #expect(unknown.contains("metric unknown"))
        #expect(m.state.kpis[3]?.metric == nil && m.state.kpis[3]?.dir == nil)
    }

    @Test func kpiAddRefusesWhatIsWrongAndSaysWhy() throws {
        var m = try meeting("kpi add 行銷部 網站流量")
        #expect(m.error("kpi add 行銷部 網站流量")?.contains("行銷部 already has K1 網站流量") == true)
        #expect(m.error("kpi add 財務部 營收")?.contains("No department `財務部`") == true)
        #expect(m.error("kpi add 行銷部 X --metric trafic")?.contains("Did you mean `traffic`?") == true)
        #expect(m.error("kpi add 行銷部 X --dir sideways")?.contains("--dir wants up or down") == true)
        #expect(m.error("kpi add 行銷部 X --target lots")?.contains("--target wants a number") == true)
        #expect(m.error("kpi add 行銷部 X --weight 140")?.contains("from 0 to 100") == true)
        #expect(m.error("kpi add 行銷部 X --cycle fortnightly")?.contains("--cycle wants monthly") == true)
        #expect(m.state.kpis.count == 1)
        #expect(m.state.meta.counters["K"] == 1, "a refused command hands out no id")
    }

    @Test func kpiEditShowsWhatChangedAndRematchesOnRename() throws {
        var m = try meeting("kpi add 行銷部 網站流量 --target 100 --source GA4")
        let out = try m.text("kpi edit K1 --target 200 --source - --name 品牌曝光量")
        noMissingMessages(out)
        #expect(out.contains("name 網站流量 → 品牌曝光量"))
        #expect(out.contains("target 100 → 200") && out.contains("source GA4 → –"))
        #expect(m.state.kpis[1]?.metric == "impressions")
        #expect(m.state.kpis[1]?.source == nil)
        // a direction that was the metric's natural one follows a new metric
        try m.run("kpi edit K1 --metric handle_time")
        #expect(m.state.kpis[1]?.dir == .down)
        #expect(m.error("kpi edit K1")?.contains("Say what to change") == true)
        #expect(m.error("kpi edit K9 --target 1")?.contains("There is no K9") == true)
        #expect(m.error("kpi edit X1 --target 1")?.contains("not a KPI id") == true)
    }

    @Test func kpiRmAndIdsAreNeverReused() throws {
        var m = try meeting("kpi add 行銷部 網站流量\nkpi add 行銷部 線索量")
        try m.run("kpi rm K2")
        try m.run("kpi add 業務部 線索量")
        #expect(m.state.kpis.all.map(\.id) == [1, 3])
    }

    @Test func kpiListShowsMetricsAndFlagsUnknownOnes() throws {
        var m = try meeting("kpi add 行銷部 網站流量 --target 200萬 --unit 訪次\nkpi add 業務部 客戶拜訪品質")
        let all = try m.text("kpi list")
        noMissingMessages(all)
        #expect(all.contains("traffic") && all.contains("? unknown"))
        #expect(all.contains("2,000,000 訪次"))
        #expect(all.contains("Metric unknown for K2"))
        let one = try m.text("kpi list 行銷部")
        #expect(one.contains("網站流量") && !one.contains("客戶拜訪品質"))
    }

    @Test func importIsOneEventCreatesDepartmentsAndReportsBadRows() throws {
        var m = try meeting()
        let before = m.events.count
        let out = Paint.strip(try m.run("kpi import sheet.csv", files: ["sheet.csv": Self.sheet]).output)
        noMissingMessages(out)
        #expect(m.events.count == before + 1, "the whole import is one event")
        #expect(m.state.kpis.count == 5)
        #expect(out.contains("Imported 5 KPIs (K1–K5) from sheet.csv into 3 departments"))
        #expect(out.contains("New departments: 客服部."))
        #expect(out.contains("Taken as existing departments: 行销部 → 行銷部."))
        #expect(out.contains("line 5: target (目標值) `九十` is not a number"))
        #expect(m.state.kpis.all.allSatisfy { $0.metric != nil })
        #expect(m.state.kpis[5]?.dept == 1, "行销部 is 行銷部")
        #expect(m.state.kpis[3]?.unit == "%" && m.state.kpis[2]?.unit == "%")
        try m.run("undo")
        #expect(m.state.kpis.isEmpty)
        #expect(m.state.depts.count == 2, "undo takes the created department back too")
    }

    @Test func importRefusesDuplicatesAndAFileWithNothingGood() throws {
        var m = try meeting("kpi add 行銷部 網站流量")
        let csv = "部門,KPI名稱\n行銷部,網站流量\n業務部,營收\n業務部,營收\n"
        let out = Paint.strip(try m.run("kpi import a.csv", files: ["a.csv": csv]).output)
        #expect(out.contains("line 2: 行銷部 already has 網站流量 (K1)"))
        #expect(out.contains("line 4: 業務部 already has 營收 (line 3)"))
        #expect(m.state.kpis.count == 2)
        let bad = try m.run("kpi import b.csv", files: ["b.csv": "部門,KPI名稱\n,\n行銷部,\n"])
        #expect(bad.failed && bad.change == nil)
        #expect(m.state.meta.counters["K"] == 2, "a refused import hands out no ids")
        #expect(m.error("kpi import missing.csv")?.contains("Cannot read missing.csv") == true)
        #expect(m.error("kpi import c.csv").map { _ in true } == true)
    }

    @Test func dryRunChangesNothing() throws {
        var m = try meeting()
        let o = try m.run("kpi import s.csv --dry-run", files: ["s.csv": Self.sheet])
        #expect(o.change == nil && m.state.kpis.isEmpty && m.state.depts.count == 2)
        #expect(Paint.strip(o.output).contains("Would import 5 KPIs"))
    }

    @Test func auditRendersConflictsAndWalls() throws {
        var m = try meeting()
        try m.run("kpi import s.csv", files: ["s.csv": Self.sheet])
        let out = try m.text("audit")
        noMissingMessages(out)
        #expect(out.contains("C1  high    known-tension  行銷部 ↔ 業務部"))
        #expect(out.contains("K2 廣告點擊率 ↑ · K3 線索轉化率 ↑"))
        #expect(out.contains("→ Judge both on a shared outcome"))
        // the language is the room's choice, not guessed from the names: English here, and
        // the same register read in Traditional Chinese gives the catalog's Chinese reason
        #expect(!out.contains("追求點擊率"))
        let zh = try Language.$current.withValue(.zhHant) { try m.text("conflict show C1") }
        #expect(zh.contains("追求點擊率"), "\(zh)")
        #expect(out.contains("Walls — open conflicts between departments"))
        // the grid's counts sit under their department's name (display columns, CJK = 2)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let head = try #require(lines.firstIndex { $0.contains("Walls") })
        let header = lines[head + 1], row = lines[head + 2]
        #expect(row.hasPrefix(" 行銷部"))
        func column(_ s: String, of needle: String) -> Int? {
            guard let r = s.range(of: needle) else { return nil }
            return s[..<r.lowerBound].displayWidth
        }
        let salesAt = try #require(column(header, of: "業務部"))
        let cells = Array(row)
        var col = 0, digitAt: Int?
        for ch in cells {
            if ch.isNumber && col > 8 { digitAt = col; break }
            col += String(ch).displayWidth
        }
        let at = try #require(digitAt)
        #expect(at >= salesAt && at < salesAt + "業務部".displayWidth, "the 行銷部 ↔ 業務部 count is under 業務部")
        #expect(out.contains("Next: settle or accept C1"))
    }

    @Test func conflictCommandsNeedANoteAndReportWhatIsLeft() throws {
        var m = try meeting()
        try m.run("kpi import s.csv", files: ["s.csv": Self.sheet])
        try m.run("audit")
        #expect(m.error("conflict resolve C1")?.contains("missing an argument") == true)
        #expect(m.error("conflict resolve C1 \"  \"")?.contains("cannot be empty") == true)
        let o = try m.text("conflict resolve C1 判斷以業務接受的名單為準")
        #expect(o.contains("C1 resolved: \"判斷以業務接受的名單為準\""))
        #expect(m.state.conflicts[1]?.status == .resolved && m.state.conflicts[1]?.note == "判斷以業務接受的名單為準")
        let show = try m.text("conflict show C1")
        noMissingMessages(show)
        #expect(show.contains("status: resolved") && show.contains("Google Ads"))
        try m.run("conflict reopen C1")
        #expect(m.state.conflicts[1]?.status == .open && m.state.conflicts[1]?.note == nil)
        #expect(m.error("conflict show C99")?.contains("There is no C99") == true)
        let list = try m.text("conflict list")
        #expect(list.contains("C1") && list.contains("known-tension"))
    }

    @Test func metricAddExtendsTheCatalogAndMatchesWaitingKPIs() throws {
        var m = try meeting("kpi add 業務部 庫存天數 --dir down")
        #expect(m.state.kpis[1]?.metric == nil)
        let out = try m.text("metric add inventory_days --name \"Inventory days\" --zh 庫存天數 --stage revenue --kind business --dir down")
        noMissingMessages(out)
        #expect(out.contains("Now matched to it: K1"))
        #expect(m.state.kpis[1]?.metric == "inventory_days")
        #expect(m.state.metrics["inventory_days"]?.zhHans == "库存天数")
        #expect(m.error("metric add inventory_days --name X")?.contains("already has") == true)
        #expect(m.error("metric add traffic2 --name 網站流量")?.contains("already names the metric traffic") == true)
        #expect(m.error("metric add Bad-Key --name X")?.contains("cannot be a metric key") == true)
        #expect(try m.text("metric list").contains("inventory_days +"))
        #expect(try m.text("metric list 轉化").contains("lead_conversion"))
        #expect(try m.text("metric show lead_conversion").contains("belongs to Conversion rate · 轉化率"))
    }

    @Test func tensionAddIsFoundByTheNextAudit() throws {
        var m = try meeting("""
        kpi add 業務部 營收 --target 1億 --unit 元 --source ERP --cycle quarterly --owner 張總監
        kpi add 行銷部 品牌知名度 --target 40 --unit % --source 問卷 --cycle annual --owner 林經理
        """)
        try m.run("audit")
        #expect(!m.state.conflicts.all.contains { $0.rule == "known-tension" })
        #expect(m.error("tension add revenue:up brand_awareness why")?.contains("KEY:up or KEY:down") == true)
        #expect(m.error("tension add revenue:up revenue:down x")?.contains("two different metrics") == true)
        #expect(m.error("tension add ctr:up lead_conversion:up again")?.contains("already has this tension") == true)
        let out = try m.text("tension add revenue:up 品牌知名度:up \"Quarter-end pushes cheapen the brand\" --zh 季末衝業績傷害品牌")
        #expect(out.contains("Added tension T1: revenue ↑ vs brand_awareness ↑"))
        try m.run("audit")
        let c = try #require(m.state.conflicts.all.first { $0.rule == "known-tension" })
        #expect(c.explanation.rendered(in: .en) == "Quarter-end pushes cheapen the brand" && c.severity == .high)
        #expect(c.explanation.rendered(in: .zhHant) == "季末衝業績傷害品牌")
        #expect(try m.text("tension list").contains("T1"))
    }

    @Test func completionOffersMetricKeysAndConflictIds() throws {
        var m = try meeting("kpi add 行銷部 網站流量")
        try m.run("audit")
        #expect(Completion.complete("kpi add 行銷部 X --metric lead_c", m.state).candidates == ["lead_conversion"])
        #expect(Completion.complete("conflict resolve ", m.state).candidates.contains("C1"))
        #expect(Completion.complete("tension add ctr:", m.state).candidates == ["ctr:up", "ctr:down"])
        #expect(Completion.complete("kpi edit ", m.state).candidates == ["K1"])
    }

    @Test func helpListsTheAuditCommands() throws {
        let help = Paint.strip(try Help.render([]))
        for cmd in ["kpi add", "kpi import", "audit", "conflict resolve", "metric add", "tension add"] {
            #expect(help.contains(cmd), "\(cmd)")
        }
        #expect(!help.contains("⟨"))
        #expect(Messages.duplicateKeys.isEmpty)
    }
}
