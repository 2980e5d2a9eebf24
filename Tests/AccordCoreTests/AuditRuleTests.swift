@testable import AccordCore
import Foundation
import Testing

/// Every rule's own examples, run: those that should trigger it do, the others do not.
@Suite("Audit rules: their documented examples")
struct AuditRuleTests {
    static let cases: [(String, Int)] = Auditor.rules.flatMap { r in r.examples.indices.map { (r.id, $0) } }

    @Test(arguments: cases.map { "\($0.0)#\($0.1)" })
    func example(_ name: String) throws {
        let parts = name.split(separator: "#")
        let rule = try #require(Auditor.rule(String(parts[0])))
        let ex = rule.examples[Int(parts[1])!]
        let found = rule.check(AuditInput(ex.state))
        if ex.triggers {
            #expect(!found.isEmpty, "\(rule.id) should find: \(ex.note)")
            for f in found {
                #expect(f.rule == rule.id)
                #expect(!f.kpis.isEmpty && !f.depts.isEmpty)
                // the finding is stored as catalog sentences that exist in English and Traditional Chinese
                #expect(Messages.catalog(.en)[f.explanation.key] != nil && Messages.catalog(.en)[f.remedy.key] != nil, "\(f.explanation.key)")
                #expect(!f.explanation.rendered(in: .en).contains("{") && !f.remedy.rendered(in: .en).contains("{"))
                if f.rule != "known-tension" || f.explanation.key != "tension.typed" {
                    #expect(NameKey.hasCJK(f.explanation.rendered(in: .zhHant)), "\(f.explanation.key)")
                }
            }
        } else {
            #expect(found.isEmpty, "\(rule.id) should stay silent: \(ex.note); found \(found.map { $0.explanation.rendered() })")
        }
    }

    @Test func everyRuleOfTheDesignIsThereAndDocumentsItself() {
        let design: [String: Severity] = [
            "opposing-direction": .high, "known-tension": .high, "data-source-mismatch": .high,
            "definition-mismatch": .medium, "unowned-shared-metric": .medium, "weight-sum": .medium,
            "kpi-overload": .medium, "vanity-only": .low, "single-metric": .low, "not-smart": .low,
            // from last year's figures (carried KPIs)
            "target-misjudged": .medium, "not-measurable": .medium, "adjusted-mid-year": .low,
        ]
        #expect(Dictionary(uniqueKeysWithValues: Auditor.rules.map { ($0.id, $0.severity) }) == design)
        for r in Auditor.rules {
            #expect(r.examples.contains { $0.triggers } && r.examples.contains { !$0.triggers }, "\(r.id) has both kinds of example")
            #expect(!r.explanation.isEmpty && !r.remedy.isEmpty && !r.explanation.hasPrefix("⟨"), "\(r.id)")
            #expect(NameKey.hasCJK(t("rule.\(r.id).summary", in: .zhHant)), "\(r.id)")
        }
    }

    func findings(_ kpis: [ExampleKPI]) -> [Finding] {
        Auditor.findings(RuleExample.triggers("", kpis).state)
    }

    @Test func aTensionInsideOneDepartmentIsLessSevereThanBetweenTwo() {
        let between = findings([ExampleKPI("客服部", "平均處理時間"), ExampleKPI("品質部", "客戶滿意度")])
            .filter { $0.rule == "known-tension" }
        let inside = findings([ExampleKPI("客服部", "平均處理時間"), ExampleKPI("客服部", "客戶滿意度")])
            .filter { $0.rule == "known-tension" }
        #expect(between.map(\.severity) == [.high])
        #expect(inside.map(\.severity) == [.medium])
        #expect(inside[0].depts.count == 1 && between[0].depts.count == 2)
    }

    @Test func sameKindsOfSourceMismatchAreLessSevereInsideOneDepartment() {
        let inside = findings([ExampleKPI("Sales", "Leads", source: "CRM"), ExampleKPI("Sales", "MQL", source: "Excel")])
        #expect(inside.first { $0.rule == "data-source-mismatch" }?.severity == .medium)
    }

    @Test func moreThanTenKPIsIsHigh() {
        let nine = findings((1...9).map { ExampleKPI("A", "KPI \($0)") }).first { $0.rule == "kpi-overload" }
        let eleven = findings((1...11).map { ExampleKPI("A", "KPI \($0)") }).first { $0.rule == "kpi-overload" }
        #expect(nine?.severity == .medium)
        #expect(eleven?.severity == .high)
    }

    @Test func aTensionIsOneFindingPerDepartmentHoweverManyKPIs() {
        // two traffic KPIs against one conversion rate: one finding naming all three
        let f = findings([ExampleKPI("行銷部", "網站流量"), ExampleKPI("行銷部", "品牌曝光量"), ExampleKPI("業務部", "線索轉化率")])
            .filter { $0.rule == "known-tension" }
        #expect(f.count == 1)
        #expect(f.first?.kpis == [1, 2, 3])
    }

    @Test func findingsAreOrderedBySeverityThenRuleThenCatalog() {
        let f = findings([
            ExampleKPI("行銷部", "網站流量"), ExampleKPI("行銷部", "廣告點擊率"), ExampleKPI("行銷部", "線索量", source: "CRM"),
            ExampleKPI("業務部", "線索轉化率"), ExampleKPI("業務部", "線索量", source: "業務Excel"), ExampleKPI("內容組", "文章產出數"),
        ])
        #expect(f.map(\.severity) == f.map(\.severity).sorted())
        #expect(f[0].rule == "data-source-mismatch")
        #expect(f[1].rule == "known-tension" && f[1].kpis == [2, 4], "click-through rate against lead conversion comes first")
        #expect(f.last?.rule == "single-metric")
    }

    @Test func identityIsTheRuleAndTheKPIs() {
        #expect(Finding.identity("known-tension", kpis: [6, 3]) == "known-tension:K3,K6")
        #expect(Finding.identity("weight-sum", dept: 2) == "weight-sum:D2")
    }
}
