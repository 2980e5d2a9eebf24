@testable import AccordCore
import Foundation
import Testing

@Suite("Metric catalog: names in three scripts, synonyms, families, tensions")
struct CatalogTests {
    let catalog = Catalog()

    @Test func theCatalogIsLargeAndComplete() {
        let metrics = BuiltinMetrics.all
        #expect(metrics.count >= 40)
        #expect(Set(metrics.map(\.id)).count == metrics.count, "keys are unique")
        for m in metrics {
            #expect(!m.en.isEmpty && !m.zhHant.isEmpty && !m.zhHans.isEmpty, "\(m.id) has all three names")
            #expect(NameKey.hasCJK(m.zhHant) && NameKey.hasCJK(m.zhHans), "\(m.id)")
            #expect(m.stage != nil, "\(m.id) has an AARRR stage")
            #expect(m.id.allSatisfy { $0.isLowercase || $0 == "_" || $0.isNumber }, "\(m.id) is typeable")
            if let f = m.family {
                #expect(catalog.metric(f) != nil, "\(m.id)'s family \(f) exists")
                #expect(!catalog.lineage(f).contains(m.id), "no family cycle at \(m.id)")
            }
        }
        // the metrics the issue names
        for key in ["traffic", "impressions", "ctr", "leads", "lead_conversion", "signups", "conversion_rate", "cac",
                    "new_customers", "revenue", "gross_margin", "discount_rate", "aov", "repeat_purchase", "retention_rate",
                    "churn_rate", "csat", "nps", "referrals", "handle_time", "first_response_time", "complaints", "cltv",
                    "brand_search", "email_open_rate", "email_click_rate", "roi", "roas", "ad_spend", "market_share",
                    "followers", "engagement_rate", "content_output", "donation_conversion", "cta_click_rate"] {
            #expect(catalog.metric(key) != nil, "\(key)")
        }
        // every kind and every stage is represented
        #expect(Set(metrics.map(\.kind)) == Set(MetricKind.allCases))
        #expect(Set(metrics.compactMap(\.stage)) == Set(Stage.allCases))
    }

    @Test func noNameMeansTwoMetrics() {
        var owner: [String: String] = [:]
        for m in BuiltinMetrics.all {
            for name in [m.en, m.zhHant, m.zhHans] + m.synonyms {
                let key = NameKey.of(name)
                if let other = owner[key], other != m.id {
                    Issue.record("`\(name)` names both \(other) and \(m.id)")
                }
                owner[key] = m.id
            }
        }
    }

    @Test func everyNameAndSynonymFindsItsMetric() {
        for m in BuiltinMetrics.all {
            for name in [m.en, m.zhHant, m.zhHans] + m.synonyms {
                #expect(catalog.match(name) == .exact(m.id), "`\(name)` → \(m.id)")
            }
        }
    }

    @Test(arguments: ["網站流量", "网站流量", "Website traffic", "website traffic", "WEBSITE-TRAFFIC", "Website  traffic.",
                      "Ｗｅｂｓｉｔｅ　Ｔｒａｆｆｉｃ", "website_traffic", "「網站流量」"])
    func spellingsOfOneNameLandOnOneMetric(_ name: String) {
        #expect(catalog.match(name) == .exact("traffic"))
    }

    @Test func simplifiedAndTraditionalAgree() {
        #expect(catalog.match("线索转化率") == .exact("lead_conversion"))
        #expect(catalog.match("線索轉化率") == .exact("lead_conversion"))
        #expect(catalog.match("客户满意度") == .exact("csat"))
        #expect(catalog.match("平均处理时间") == .exact("handle_time"))
        #expect(NameKey.of("數據來源") == NameKey.of("数据来源"))
        #expect(NameKey.of("考核週期") == NameKey.of("考核周期"))
    }

    @Test func aNameThatContainsACatalogNameMatchesItAsWholeWords() {
        #expect(catalog.match("Website traffic (GA4)") == .partial("traffic", via: "Website traffic"))
        #expect(catalog.match("月營收") == .partial("revenue", via: "營收"))
        #expect(catalog.match("官網自然流量").key == "traffic")
        #expect(catalog.match("CTR (Google Ads)").key == "ctr", "an acronym in capitals counts as a phrase")
        // a word inside another word is not a match: "sales" alone is not a phrase
        #expect(catalog.match("Salesforce hygiene score") == .none)
        #expect(catalog.match("Widget index") == .none)
        #expect(catalog.match("") == .none)
    }

    @Test func twoMetricsEquallyContainedAreAmbiguous() {
        #expect(catalog.match("NPS and CAC") == .ambiguous(["cac", "nps"]))
        // the longer name wins when one is longer
        #expect(catalog.match("CTR and CSAT") == .partial("csat", via: "CSAT"))
    }

    @Test func familiesCoverTheirMembers() {
        #expect(catalog.lineage("lead_conversion") == ["lead_conversion", "conversion_rate"])
        #expect(catalog.lineage("roas") == ["roas", "roi"])
        #expect(catalog.lineage("traffic") == ["traffic"])
        #expect(catalog.lineage("no_such") == ["no_such"])
    }

    @Test func keysAndNamesResolve() {
        #expect(catalog.resolve("ctr") == "ctr")
        #expect(catalog.resolve("CTR") == "ctr")
        #expect(catalog.resolve("點擊率") == "ctr")
        #expect(catalog.resolve("no such thing") == nil)
    }

    @Test func theSessionExtendsTheCatalog() {
        let m = Metric(id: "inventory_days", en: "Inventory days", zhHant: "庫存天數", zhHans: "库存天数",
                       synonyms: ["DIO"], stage: .revenue, kind: .business, dir: .down)
        let c = Catalog(metrics: [m])
        #expect(c.match("庫存天數") == .exact("inventory_days"))
        #expect(c.match("库存天数") == .exact("inventory_days"))
        #expect(c.match("dio") == .exact("inventory_days"))
        #expect(c.match("Inventory days (warehouse)").key == "inventory_days")
        #expect(c.keys.last == "inventory_days")
        #expect(Catalog().match("庫存天數") == .none)
    }

    @Test func theSeedTensionsOfTheDesignAreThere() {
        let rules = BuiltinTensions.all
        func has(_ a: String, _ ad: Direction, _ b: String, _ bd: Direction) -> Bool {
            rules.contains { r in r.a.contains(TensionSide(a, ad)) && r.b.contains(TensionSide(b, bd)) }
        }
        #expect(has("traffic", .up, "conversion_rate", .up))
        #expect(has("impressions", .up, "conversion_rate", .up))
        #expect(has("ctr", .up, "lead_conversion", .up))
        #expect(has("leads", .up, "lead_conversion", .up))
        #expect(has("new_customers", .up, "cac", .down))
        #expect(has("ad_traffic", .up, "engagement_rate", .up))
        #expect(has("followers", .up, "engagement_rate", .up))
        #expect(has("content_output", .up, "engagement_rate", .up))
        #expect(has("content_output", .up, "content_conversion", .up))
        #expect(has("short_term_revenue", .up, "gross_margin", .up))
        #expect(has("discount_rate", .up, "brand_awareness", .up))
        #expect(has("discount_rate", .up, "retention_rate", .up))
        #expect(has("handle_time", .down, "csat", .up))
        #expect(has("ad_spend", .up, "roi", .up))
        for r in rules {
            #expect(!r.reasonEN.isEmpty && NameKey.hasCJK(r.reasonZH), "\(r.key) has an English and a Chinese reason")
            for s in r.a + r.b { #expect(catalog.metric(s.metric) != nil, "\(r.key): \(s.metric)") }
        }
    }
}

@Suite("Name keys")
struct NameKeyTests {
    @Test func foldsCaseWidthSpacingAndPunctuation() {
        #expect(NameKey.of("Click-Through Rate") == "clickthroughrate")
        #expect(NameKey.of("ＣＴＲ（％）") == "ctr")
        #expect(NameKey.of("  KPI 名稱 ") == NameKey.of("kpi名称"))
    }

    @Test func wordsAreLatinRunsAndSingleChineseCharacters() {
        #expect(NameKey.words("Lead conversion rate") == ["lead", "conversion", "rate"])
        #expect(NameKey.words("線索轉化率") == ["线", "索", "转", "化", "率"])
        #expect(NameKey.words("CTA點擊率 v2") == ["cta", "点", "击", "率", "v2"])
        #expect(NameKey.words("網站流量", simplify: false) == ["網", "站", "流", "量"])
    }

    @Test func textWithoutChineseNeverReachesICU() {
        #expect(Simplify.simplified("Website traffic") == "Website traffic")
        #expect(!NameKey.hasCJK("Sales") && NameKey.hasCJK("業務部"))
    }
}

@Suite("Numbers in KPI sheets")
struct NumberParsingTests {
    @Test(arguments: [
        ("1,200", 1200.0, nil), ("8%", 8, "%"), ("3.5", 3.5, nil), ("200萬", 2_000_000, nil), ("200万", 2_000_000, nil),
        ("1.5億", 150_000_000, nil), ("1.5亿", 150_000_000, nil), ("50元", 50, "元"), ("NT$1,200", 1200, "NT$"),
        ("3百萬", 3_000_000, nil), ("1.2千萬", 12_000_000, nil), ("200萬元", 2_000_000, "元"), ("１２％", 12, "%"),
    ] as [(String, Double, String?)])
    func readsWhatSheetsHold(_ text: String, _ value: Double, _ unit: String?) {
        let n = Num.parse(text)
        #expect(n?.value == value, "\(text)")
        #expect(n?.unit == unit, "\(text)")
    }

    @Test(arguments: ["abc", "1,20", "1.2.3", "", "12abc3"])
    func refusesWhatIsNotANumber(_ text: String) {
        #expect(Num.parse(text) == nil)
    }
}

/// The catalog's parts are lists of pairs merged into one table: the first of a key wins, and
/// every part's keys are there once.
@Suite struct CatalogMergeTests {
    @Test func partsMergeFirstWins() {
        let a: KeyValuePairs<String, String> = ["x": "1", "y": "2"]
        let b: KeyValuePairs<String, String> = ["x": "3", "z": "4"]
        #expect(Messages.merged([a, b]) == ["x": "1", "y": "2", "z": "4"])
        #expect(Messages.english.count == Messages.parts.reduce(0) { $0 + $1.count })
        #expect(Messages.traditional.count == Messages.zhHantParts.reduce(0) { $0 + $1.count })
        #expect(Messages.simplified.count == Messages.zhHansParts.reduce(0) { $0 + $1.count })
        #expect(Messages.english["step.name.setup"] == "setup")
    }
}
