@testable import AccordCore
import Foundation
import Testing

/// The metric catalog in the room's language: Taiwan names in zh-Hant, mainland names in
/// zh-Hans, today's wording in English; every earlier name still lands on its metric.
@Suite("Metric catalog in the room's language")
struct CatalogLanguageTests {
    let catalog = Catalog()

    func inLanguage<T>(_ language: Language, _ body: () throws -> T) rethrows -> T {
        try Language.$scoped.withValue(language, operation: body)
    }

    // MARK: display names

    @Test(arguments: [
        // key, English label (today's, unchanged), zh-Hant (Taiwan), zh-Hans (mainland)
        ("conversion_rate", "Conversion rate · 轉化率", "轉換率", "转化率"),
        ("lead_conversion", "Lead conversion rate · 線索轉化率", "名單轉換率", "线索转化率"),
        ("leads", "Leads · 線索量", "名單數", "线索量"),
        ("qualified_leads", "Sales-accepted leads · 有效線索", "業務接受名單", "销售认可线索"),
        ("activation_rate", "Activation rate · 激活率", "啟用率", "激活率"),
        ("cac", "Customer acquisition cost · 獲客成本", "顧客取得成本", "获客成本"),
        ("cltv", "Customer lifetime value · 客戶終身價值", "顧客終身價值", "客户终身价值"),
        ("csat", "Customer satisfaction · 客戶滿意度", "顧客滿意度", "客户满意度"),
        ("repeat_purchase", "Repeat purchase rate · 回購率", "回購率", "复购率"),
        ("handle_time", "Average handle time · 平均處理時間", "平均處理時間", "平均处理时长"),
        ("traffic", "Website traffic · 網站流量", "網站流量", "网站流量"),
        ("paying_users", "Paying users · 付費用戶數", "付費用戶數", "付费用户数"),
    ])
    func theLabelFollowsTheLanguage(_ key: String, _ en: String, _ hant: String, _ hans: String) {
        #expect(inLanguage(.en) { catalog.label(key) } == en)
        #expect(inLanguage(.zhHant) { catalog.label(key) } == hant)
        #expect(inLanguage(.zhHans) { catalog.label(key) } == hans)
        let m = catalog.metric(key)!
        #expect(inLanguage(.zhHant) { m.displayName } == hant)
        #expect(inLanguage(.zhHans) { m.displayName } == hans)
        #expect(inLanguage(.en) { m.displayName } == m.en)
    }

    @Test func theTaiwanNamesUseTaiwanWordsAndTheMainlandNamesMainlandWords() {
        // words a Taiwanese room does not use for these metrics, and their mainland counterparts
        for m in BuiltinMetrics.all {
            for word in ["轉化", "線索", "激活", "數據", "獲客", "贏單"] {
                #expect(!m.zhHant.contains(word), "\(m.id): zh-Hant name \(m.zhHant) says \(word)")
            }
            for word in ["转换率", "名单", "启用", "资料"] {
                #expect(!m.zhHans.contains(word), "\(m.id): zh-Hans name \(m.zhHans) says \(word)")
            }
        }
    }

    @Test func aSessionMetricWithoutChineseNamesIsShownByItsEnglishName() {
        let m = Metric(id: "uptime", en: "Uptime", zhHant: "", zhHans: "", stage: .retention, kind: .outcome, dir: .up)
        let c = Catalog(metrics: [m])
        #expect(inLanguage(.zhHant) { c.label("uptime") } == "Uptime")
        #expect(inLanguage(.en) { c.label("uptime") } == "Uptime")
        let only = Metric(id: "dio", en: "Inventory days", zhHant: "庫存天數", zhHans: "", stage: .revenue, kind: .business, dir: .down)
        let c2 = Catalog(metrics: [only])
        #expect(inLanguage(.zhHans) { c2.label("dio") } == "庫存天數")
        #expect(inLanguage(.en) { c2.label("dio") } == "Inventory days · 庫存天數")
        #expect(inLanguage(.zhHant) { c.label("no_such") } == "no_such")
    }

    // MARK: stages

    @Test func stagesAreShownInTheRoomsWords() {
        #expect(inLanguage(.zhHant) { Stage.allCases.map(Mapping.stageLabel) } == ["獲取", "啟用", "留存", "營收", "推薦"])
        #expect(inLanguage(.zhHans) { Stage.allCases.map(Mapping.stageLabel) } == ["获取", "激活", "留存", "收入", "推荐"])
        #expect(inLanguage(.en) { Mapping.stageLabel(.activation) } == "activation 激活")
        // the gloss an English heading shows under the stage's name, none in Chinese
        #expect(inLanguage(.en) { Stage.allCases.map(Mapping.stageGloss) } == ["獲取", "激活", "留存", "收入", "推薦"])
        #expect(inLanguage(.zhHant) { Stage.allCases.compactMap(Mapping.stageGloss) }.isEmpty)
        #expect(inLanguage(.zhHans) { Stage.allCases.compactMap(Mapping.stageGloss) }.isEmpty)
    }

    @Test func theGridHeadsItsColumnsInTheRoomsLanguage() throws {
        var s = State()
        s.depts[1] = Department(id: 1, name: "行銷部")
        let hant = inLanguage(.zhHant) { GridText.render(Grid(s), s) }
        #expect(hant.contains("獲取") && hant.contains("啟用") && hant.contains("營收"))
        #expect(!hant.contains("acquisition") && !hant.contains("激活") && !hant.contains("收入"), "\(hant)")
        let hans = inLanguage(.zhHans) { GridText.render(Grid(s), s) }
        #expect(hans.contains("激活") && hans.contains("收入") && !hans.contains("啟用") && !hans.contains("acquisition"), "\(hans)")
        let en = inLanguage(.en) { GridText.render(Grid(s), s) }
        #expect(en.contains("acquisition") && en.contains("激活"), "\(en)")
    }

    @Test func metricShowNamesTheFamilyAndTheTensionsInTheRoomsLanguage() throws {
        var m = Meeting()
        try m.runAll("title T\nperiod 2027")
        let hant = try Language.$scoped.withValue(.zhHant) { try m.text("metric show lead_conversion") }
        #expect(hant.contains("名單轉換率"), "\(hant)")
        #expect(hant.contains(t("tension.seed.2.reason", in: .zhHant)), "\(hant)")
        #expect(hant.contains("轉換率") && !hant.contains("Conversion rate ·") && !hant.contains("Pushing lead volume"), "\(hant)")
        let hans = try Language.$scoped.withValue(.zhHans) { try m.text("metric show lead_conversion") }
        #expect(hans.contains("转化率") && !hans.contains("Pushing lead volume"), "\(hans)")
        let en = try Language.$scoped.withValue(.en) { try m.text("metric show lead_conversion") }
        #expect(en.contains("belongs to Conversion rate · 轉化率") && en.contains("Pushing lead volume"), "\(en)")
    }

    // MARK: every earlier name still lands on its metric

    @Test(arguments: [
        // Traditional (earlier names and Taiwan usage), Simplified, English
        ("轉化率", "conversion_rate"), ("轉換率", "conversion_rate"), ("转化率", "conversion_rate"), ("Conversion rate", "conversion_rate"),
        ("線索轉化率", "lead_conversion"), ("名單轉換率", "lead_conversion"), ("线索转化率", "lead_conversion"),
        ("Lead conversion rate", "lead_conversion"), ("線索轉換率", "lead_conversion"),
        ("線索量", "leads"), ("名單數", "leads"), ("线索量", "leads"), ("Leads", "leads"), ("MQL", "leads"),
        ("有效線索", "qualified_leads"), ("有效线索", "qualified_leads"), ("業務接受名單", "qualified_leads"),
        ("销售认可线索", "qualified_leads"), ("SQL", "qualified_leads"), ("Sales-accepted leads", "qualified_leads"),
        ("激活率", "activation_rate"), ("啟用率", "activation_rate"), ("Activation rate", "activation_rate"),
        ("獲客成本", "cac"), ("获客成本", "cac"), ("顧客取得成本", "cac"), ("Customer acquisition cost", "cac"),
        ("客戶終身價值", "cltv"), ("客户终身价值", "cltv"), ("顧客終身價值", "cltv"), ("LTV", "cltv"),
        ("客戶滿意度", "csat"), ("客户满意度", "csat"), ("顧客滿意度", "csat"), ("CSAT", "csat"),
        ("平均處理時間", "handle_time"), ("平均处理时间", "handle_time"), ("平均处理时长", "handle_time"),
        ("Average handle time", "handle_time"),
        ("回購率", "repeat_purchase"), ("回购率", "repeat_purchase"), ("复购率", "repeat_purchase"), ("Repeat purchase rate", "repeat_purchase"),
        ("淨收入留存率", "nrr"), ("淨營收留存率", "nrr"), ("净收入留存率", "nrr"), ("NRR", "nrr"),
        ("首次解決率", "first_contact_resolution"), ("首次联系解决率", "first_contact_resolution"),
        ("首次解决率", "first_contact_resolution"), ("First contact resolution", "first_contact_resolution"),
        ("贏單率", "win_rate"), ("赢单率", "win_rate"), ("成交率", "win_rate"), ("Win rate", "win_rate"),
        ("單筆線索成本", "cpl"), ("单条线索成本", "cpl"), ("每筆名單成本", "cpl"), ("CPL", "cpl"),
        ("註冊轉化率", "signup_conversion"), ("註冊轉換率", "signup_conversion"), ("注册转化率", "signup_conversion"),
        ("內容轉化率", "content_conversion"), ("內容轉換率", "content_conversion"), ("内容转化率", "content_conversion"),
        ("捐款轉化率", "donation_conversion"), ("捐款轉換率", "donation_conversion"), ("捐款转化率", "donation_conversion"),
        ("客訴數", "complaints"), ("客诉数", "complaints"), ("投诉数", "complaints"),
        ("業務拜訪數", "sales_calls"), ("业务拜访数", "sales_calls"), ("销售拜访数", "sales_calls"),
        ("網站流量", "traffic"), ("网站流量", "traffic"), ("網站瀏覽量", "traffic"), ("网站浏览量", "traffic"), ("瀏覽量", "page_views"), ("website traffic", "traffic"),
    ])
    func everyEarlierNameStillLandsOnItsMetric(_ name: String, _ key: String) {
        #expect(catalog.match(name) == .exact(key), "\(name)")
    }

    /// The names the catalog had before it chose Taiwan and mainland usage: every one of them
    /// (names and synonyms, all three scripts) still finds the same metric.
    @Test func theWholeEarlierCatalogStillMatches() {
        for (key, names) in Self.earlierNames {
            for name in names { #expect(catalog.match(name) == .exact(key), "`\(name)` → \(key)") }
        }
    }

    // MARK: the names real sheets use

    @Test(arguments: [
        ("paying users", "paying_users"), ("付費用戶", "paying_users"), ("付费用户", "paying_users"), ("付費用戶數", "paying_users"),
        ("New paying users", "new_paying_users"), ("新增付費用戶", "new_paying_users"), ("新增付费用户数", "new_paying_users"),
        ("MQL", "leads"), ("Marketing qualified leads", "leads"), ("SQL", "qualified_leads"), ("名單", "leads"), ("潛在客戶", "leads"),
        ("线索", "leads"), ("轉單率", "lead_conversion"), ("转单率", "lead_conversion"), ("客單價", "aov"), ("客单价", "aov"),
        ("回購率", "repeat_purchase"), ("複購率", "repeat_purchase"), ("退貨率", "return_rate"), ("退货率", "return_rate"),
        ("Return rate", "return_rate"), ("NPS", "nps"), ("淨推薦值", "nps"), ("成交率", "win_rate"), ("續約率", "renewal_rate"),
        ("续约率", "renewal_rate"), ("续费率", "renewal_rate"), ("毛利率", "gross_margin"), ("ARPU", "arpu"), ("arpu", "arpu"),
        ("每用戶平均營收", "arpu"), ("留存率", "retention_rate"), ("GMV", "gmv"), ("商品交易总额", "gmv"), ("MRR", "recurring_revenue"),
        ("ARR", "recurring_revenue"), ("訂單數", "orders"), ("订单量", "orders"), ("CPC", "cpc"), ("單次點擊成本", "cpc"),
        ("CPM", "cpm"), ("千次展示成本", "cpm"), ("獲取新客數", "new_customers"),
    ])
    func theNamesRealSheetsUseResolve(_ name: String, _ key: String) {
        #expect(catalog.match(name) == .exact(key), "\(name)")
    }

    @Test func theNewMetricsHaveStageKindDirectionAndFamily() {
        func m(_ k: String) -> Metric { catalog.metric(k)! }
        #expect(m("paying_users").stage == .revenue && m("paying_users").dir == .up && m("paying_users").kind == .outcome)
        #expect(catalog.lineage("new_paying_users") == ["new_paying_users", "paying_users"])
        #expect(m("return_rate").dir == .down && m("cpc").dir == .down && m("cpm").dir == .down)
        #expect(catalog.lineage("gmv") == ["gmv", "revenue"] && catalog.lineage("recurring_revenue") == ["recurring_revenue", "revenue"])
        #expect(m("arpu").kind == .business)
        // partial matches land on the new metrics
        #expect(catalog.match("月新增付費用戶").key == "new_paying_users")
        #expect(catalog.match("ARR growth").key == "recurring_revenue")
    }

    /// The earlier catalog (before Taiwan/mainland usage): key → every name and synonym.
    static let earlierNames: [String: [String]] = [
        "leads": ["Leads", "線索量", "线索量", "lead volume", "MQL", "marketing qualified leads", "線索數", "銷售線索", "名單數",
                  "名單量", "潛在客戶數", "潛客數", "留資數"],
        "qualified_leads": ["Sales-accepted leads", "有效線索", "有效线索", "SAL", "SQL", "合格線索", "有效名單", "業務接受線索"],
        "cpl": ["Cost per lead", "單筆線索成本", "单条线索成本", "CPL", "lead cost", "名單成本", "線索成本", "每筆名單成本"],
        "cac": ["Customer acquisition cost", "獲客成本", "获客成本", "CAC", "CPA", "客戶獲取成本", "獲取成本", "取得成本"],
        "sales_calls": ["Sales calls", "業務拜訪數", "业务拜访数", "拜訪數", "電訪數"],
        "conversion_rate": ["Conversion rate", "轉化率", "转化率", "CVR", "轉換率", "網站轉換率", "成交轉換率"],
        "lead_conversion": ["Lead conversion rate", "線索轉化率", "线索转化率", "線索轉換率", "名單轉換率", "名單轉化率", "商機轉化率"],
        "signup_conversion": ["Sign-up conversion rate", "註冊轉化率", "注册转化率", "註冊轉換率", "註冊率"],
        "activation_rate": ["Activation rate", "激活率", "啟用率", "開通率", "新手完成率"],
        "content_conversion": ["Content conversion rate", "內容轉化率", "内容转化率", "文章轉換率", "內容轉換率", "文章轉化率"],
        "repeat_purchase": ["Repeat purchase rate", "回購率", "回购率", "複購率", "再購率"],
        "nrr": ["Net revenue retention", "淨收入留存率", "净收入留存率", "NRR", "淨營收留存率", "淨留存率"],
        "csat": ["Customer satisfaction", "客戶滿意度", "客户满意度", "CSAT", "滿意度", "顧客滿意度", "服務滿意度"],
        "handle_time": ["Average handle time", "平均處理時間", "平均处理时间", "AHT", "平均處理時長"],
        "first_contact_resolution": ["First contact resolution", "首次解決率", "首次解决率", "FCR", "一次解決率"],
        "complaints": ["Complaints", "客訴數", "客诉数", "客訴量", "投訴數"],
        "cltv": ["Customer lifetime value", "客戶終身價值", "客户终身价值", "CLTV", "顧客終身價值", "客戶生命週期價值"],
        "win_rate": ["Win rate", "贏單率", "赢单率", "close rate", "成交率", "得標率", "簽約率"],
        "donation_conversion": ["Donation conversion rate", "捐款轉化率", "捐款转化率", "捐款轉換率", "捐款率"],
        "retention_rate": ["Customer retention rate", "客戶留存率", "客户留存率", "留存率"],
    ]
}
