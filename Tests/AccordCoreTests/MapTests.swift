@testable import AccordCore
import Foundation
import Testing

@Suite("map: stages and contributions")
struct MapTests {
    // MARK: map GOAL STAGE...

    @Test func stagesAreStoredAndShownInAARRROrderWhateverOrderAndLanguageTheyAreTypedIn() throws {
        var m = try MapSignFixture.mapped()
        let out = try m.text("map G1 推薦 retention 收入")
        #expect(m.state.goals[1]!.stages == [.retention, .revenue, .referral])
        #expect(out.contains("retention 留存 · revenue 收入 · referral 推薦"))
        try m.run("map G1 推荐 获取")  // Simplified Chinese
        #expect(m.state.goals[1]!.stages == [.acquisition, .referral])
    }

    @Test func anUnknownStageIsRefusedWithTheListOfStages() throws {
        var m = try MapSignFixture.mapped()
        let e = m.error("map G1 retentoin")
        #expect(e?.contains("No stage `retentoin`") == true)
        #expect(e?.contains("acquisition 獲取") == true)
        #expect(e?.contains("Did you mean `retention`?") == true)
        #expect(m.state.goals[1]!.stages == [.revenue, .referral])
    }

    @Test func mappingTheSameStagesAgainRecordsNothing() throws {
        var m = try MapSignFixture.mapped()
        let o = try m.run("map G1 referral revenue")
        #expect(o.change == nil)
        #expect(Paint.strip(o.output).contains("already mapped"))
    }

    @Test func aStageWithContributionsCannotBeTakenAway() throws {
        var m = try MapSignFixture.contributed()
        let e = m.error("map G1 revenue")
        #expect(e?.contains("X2 Marketing referral") == true)
        #expect(m.state.goals[1]!.stages == [.revenue, .referral])
    }

    @Test func aProposedGoalMayBeMappedAndItsContributionsArePending() throws {
        var m = try MapSignFixture.contributed()
        try m.run("goal add \"Grow referrals\" --metric referrals --baseline 100 --target 150 --unit customers --by 2027-12-31")
        let out = try m.text("map G3 referral")
        #expect(out.contains("not adopted yet"))
        let add = try m.text("contrib add G3 Sales --stage referral --kpi \"Referred deals\" --metric referrals --target 20 --challenge 30 --floor 10 --unit deals --weight 10 --source Salesforce --cycle quarterly")
        #expect(add.contains("joins Sales's letter once it is"))
        // pending: not in the weights, not on the letter, not a gap
        #expect(Mapping.weight(of: 2, in: m.state) == 100)
        #expect(Letter(m.state.depts[2]!, in: m.state).rows.map(\.id) == [3])
        #expect(Letter(m.state.depts[2]!, in: m.state).pending.map(\.id) == [6])
        #expect(Grid(m.state).blockers.isEmpty)
        #expect(try m.text("grid").contains("X6 10 (G3?)"))
    }

    @Test func aDroppedGoalCannotBeMapped() throws {
        var m = try MapSignFixture.mapped()
        try m.run("goal drop G2 \"merged into G1\"")
        #expect(m.error("map G2 acquisition")?.contains("dropped") == true)
    }

    // MARK: contrib add

    @Test func aContributionGetsTheNextXIDAndIDsAreNeverReused() throws {
        var m = try MapSignFixture.contributed()
        #expect(m.state.contribs.all.map(\.id) == [1, 2, 3, 4, 5])
        try m.run("contrib rm X5")
        try m.run("contrib add G2 Growth --stage activation --kpi \"Activation rate\" --target 40 --challenge 50 --floor 30 --unit % --weight 40 --source Mixpanel --cycle monthly")
        #expect(m.state.contribs.all.map(\.id) == [1, 2, 3, 4, 6])
    }

    @Test func numbersAreReadAsPeopleWriteThem() throws {
        let m = try MapSignFixture.contributed()
        let sales = m.state.contribs[3]!
        #expect(sales.target == 1_200_000)
        #expect(sales.challenge == 1_500_000)   // 150萬
        let growth = m.state.contribs[5]!
        #expect(growth.target == 18 && growth.unit == "%")   // 18% with no --unit
    }

    @Test func theMetricIsMatchedThroughTheCatalogWhenNotGiven() throws {
        var m = try MapSignFixture.mapped()
        try m.run("contrib add G1 Sales --stage revenue --kpi 淨收入留存率 --target 110 --challenge 115 --floor 104 --unit % --weight 50 --source Billing --cycle quarterly")
        #expect(m.state.contribs[1]!.metric == "nrr")
        #expect(m.error("contrib add G1 Sales --stage revenue --kpi X --metric nosuchmetric --target 1 --challenge 2 --floor 0 --unit x --weight 1 --source S --cycle monthly")?
            .contains("nosuchmetric") == true)
    }

    @Test func missingFlagsAreNamedTogether() throws {
        var m = try MapSignFixture.mapped()
        let e = m.error("contrib add G1 Sales --stage revenue --kpi Revenue --target 1")
        #expect(e?.contains("--challenge, --floor, --unit, --weight, --source, --cycle") == true)
    }

    @Test func theStageMustBeOneTheGoalIsMappedTo() throws {
        var m = try MapSignFixture.mapped()
        let e = m.error("contrib add G1 Sales --stage acquisition --kpi Leads --metric leads --target 2 --challenge 3 --floor 1 --unit x --weight 10 --source S --cycle monthly")
        #expect(e == "G1 is not mapped to acquisition; its stages are revenue · referral. To add it: `map G1 acquisition revenue referral`.")
        try m.run("goal add \"New\" --metric revenue --baseline 1 --target 2 --unit USD --by 2027-12-31")
        #expect(m.error("contrib add G3 Sales --stage revenue --kpi R --metric revenue --target 2 --challenge 3 --floor 1 --unit x --weight 10 --source S --cycle monthly")?
            .contains("not mapped to any stage yet") == true)
    }

    @Test func weightsAreBetweenZeroAndAHundred() throws {
        var m = try MapSignFixture.mapped()
        for w in ["0", "101", "-5", "abc"] {
            #expect(m.error("contrib add G1 Sales --stage revenue --kpi R --metric revenue --target 2 --challenge 3 --floor 1 --unit x --weight \(w) --source S --cycle monthly") != nil, "weight \(w)")
        }
        #expect(m.state.contribs.isEmpty)
    }

    @Test func aUnitWrittenWithANumberMustAgreeWithTheUnit() throws {
        var m = try MapSignFixture.mapped()
        let e = m.error("contrib add G1 Sales --stage revenue --kpi R --metric revenue --target 8% --challenge 10 --floor 5 --unit USD --weight 10 --source S --cycle monthly")
        #expect(e == "--target 8% is in %, but the unit is USD.")
    }

    @Test func oneKPINameOncePerDepartment() throws {
        var m = try MapSignFixture.contributed()
        let e = m.error("contrib add G1 Marketing --stage referral --kpi \"referral signups\" --metric referrals --target 3 --challenge 4 --floor 2 --unit x --weight 1 --source S --cycle monthly")
        #expect(e?.contains("already has the contribution KPI \"Referral signups\" (X2)") == true)
    }

    // MARK: floor / target / challenge order

    /// Every assignment of three values (all distinct, and with ties) to floor, target and
    /// challenge: exactly floor < target < challenge passes for ↑ and challenge < target < floor
    /// for ↓; every other one is refused, saying which order was expected and what breaks it.
    @Test(arguments: [("leads", Direction.up), ("cac", Direction.down)])
    func everyOrderingErrorIsRefusedAndNamesTheExpectedOrder(metric: String, dir: Direction) throws {
        let values: [Double] = [10, 20, 30]
        var triples: [(Double, Double, Double)] = []
        for f in values { for tg in values { for c in values { triples.append((f, tg, c)) } } }
        var accepted = 0
        for (f, tg, c) in triples {
            var m = try MapSignFixture.mapped()
            let line = "contrib add G2 Marketing --stage acquisition --kpi K --metric \(metric) --floor \(Int(f)) --target \(Int(tg)) --challenge \(Int(c)) --unit u --weight 50 --source S --cycle monthly"
            let ok = dir == .up ? (f < tg && tg < c) : (c < tg && tg < f)
            let error = m.error(line)
            if ok {
                #expect(error == nil, "\(line)")
                accepted += 1
                continue
            }
            let e = try #require(error, "\(line) should be refused")
            #expect(m.state.contribs.isEmpty)
            if dir == .up {
                #expect(e.contains("higher-is-better (↑), so the values must run floor < target < challenge"), "\(e)")
                #expect(e.contains("floor \(Int(f)) is not below target \(Int(tg))") == !(f < tg), "\(e)")
                #expect(e.contains("target \(Int(tg)) is not below challenge \(Int(c))") == !(tg < c), "\(e)")
            } else {
                #expect(e.contains("lower-is-better (↓), so the values must run challenge < target < floor"), "\(e)")
                #expect(e.contains("challenge \(Int(c)) is not below target \(Int(tg))") == !(c < tg), "\(e)")
                #expect(e.contains("target \(Int(tg)) is not below floor \(Int(f))") == !(tg < f), "\(e)")
            }
            #expect(e.contains("got floor \(Int(f)), target \(Int(tg)), challenge \(Int(c))"), "\(e)")
        }
        #expect(accepted == 1)
    }

    @Test(arguments: [("leads", Direction.up), ("cac", Direction.down)])
    func anEditThatBreaksTheOrderIsRefused(metric: String, dir: Direction) throws {
        var m = try MapSignFixture.mapped()
        let (f, c) = dir == .up ? (10, 30) : (30, 10)
        try m.run("contrib add G2 Marketing --stage acquisition --kpi K --metric \(metric) --floor \(f) --target 20 --challenge \(c) --unit u --weight 50 --source S --cycle monthly")
        let e = m.error("contrib edit X1 --target 40")
        #expect(e?.contains(dir == .up ? "floor < target < challenge" : "challenge < target < floor") == true)
        #expect(m.state.contribs[1]!.target == 20)
        // swapping floor and challenge turns the order around: refused for a known direction
        #expect(m.error("contrib edit X1 --floor \(c) --challenge \(f)") != nil)
    }

    @Test func withoutAKnownMetricTheValuesMayRunEitherWayButNotNeither() throws {
        var m = try MapSignFixture.mapped()
        let base = "contrib add G2 Marketing --stage acquisition --unit u --weight 10 --source S --cycle monthly"
        try m.run(base + " --kpi \"Made-up up\" --floor 1 --target 2 --challenge 3")
        try m.run(base + " --kpi \"Made-up down\" --floor 3 --target 2 --challenge 1")
        #expect(m.state.contribs.all.map(\.metric) == [nil, nil])
        let e = m.error(base + " --kpi \"Made-up neither\" --floor 2 --target 1 --challenge 3")
        #expect(e?.contains("floor < target < challenge (higher is better) or challenge < target < floor (lower is better)") == true)
    }

    // MARK: contrib edit / rm

    @Test func anEditShowsWhatChangedAndTheWeights() throws {
        var m = try MapSignFixture.contributed()
        let out = try m.text("contrib edit X2 --target 320 --weight 20")
        #expect(out.contains("Changed X2: target 300 → 320, weight 30 → 20."))
        #expect(out.contains("Marketing weights: 90 of 100 (10 to place)."))
        #expect(m.error("contrib edit X2")?.contains("Nothing to change") == true)
        #expect(m.error("contrib edit X99 --weight 1")?.contains("No contribution X99") == true)
    }

    @Test func anEditCanMoveAContributionToAnotherGoalAndDepartment() throws {
        var m = try MapSignFixture.contributed()
        try m.run("contrib edit X2 --dept Sales --goal G1 --stage revenue")
        #expect(m.state.contribs[2]!.dept == 2)
        #expect(m.state.contribs[2]!.stage == .revenue)
        #expect(m.error("contrib edit X2 --goal G2")?.contains("G2 is not mapped to revenue") == true)
    }

    @Test func mapWithOnlyAGoalShowsWhoServesEachStage() throws {
        var m = try MapSignFixture.contributed()
        let o = try m.run("map G2")
        #expect(o.change == nil)
        let text = Paint.strip(o.output)
        #expect(text.contains("acquisition 獲取  X1 Marketing 70 · X4 Growth 60"))
        #expect(text.contains("activation 激活   X5 Growth 40"))
        try m.run("contrib rm X5")
        #expect(try m.text("map G2").contains("activation 激活   no contribution yet"))
    }

    @Test func contribListFiltersByDepartmentOrGoal() throws {
        var m = try MapSignFixture.contributed()
        let ids = { (text: String) in text.split(separator: "\n").dropFirst().map { String($0.split(separator: " ")[0]) } }
        #expect(ids(try m.text("contrib list")) == ["X1", "X2", "X3", "X4", "X5"])
        #expect(ids(try m.text("contrib list Growth")) == ["X4", "X5"])
        #expect(ids(try m.text("contrib list G1")) == ["X2", "X3"])
        #expect(m.error("contrib list Nobody")?.contains("Marketing") == true)
    }

    // MARK: grid and gate

    @Test func theGridShowsEachDepartmentsContributionsWithWeightsAndGoals() throws {
        var m = try MapSignFixture.contributed()
        let out = try m.text("grid")
        let marketing = try #require(out.split(separator: "\n").first { $0.contains("Marketing") })
        #expect(marketing.contains("X1 70 (G2)") && marketing.contains("X2 30 (G1)") && marketing.contains("100 ✓"))
        #expect(out.contains("no gaps"))
        let goals = try #require(out.split(separator: "\n").first { $0.hasPrefix(" goals") })
        #expect(goals.split(separator: " ").filter { $0.hasPrefix("G") } == ["G2", "G2", "G1", "G1"])
    }

    @Test func theGridMarksEveryKindOfGap() throws {
        var m = try MapSignFixture.mapped()
        try m.run("dept add Support --head Ann --supervisor Chris")
        try m.runAll(MapSignFixture.contributions)
        try m.run("contrib edit X3 --weight 80")                       // Sales 80
        try m.run("contrib rm X5")                                     // G2 activation unserved, Growth 60
        try m.run("contrib add G1 Sales --stage referral --kpi \"Referrals closed\" --metric referrals --target 30 --challenge 40 --floor 20 --unit deals --weight 10 --source Salesforce --cycle monthly")
        for i in 1...9 {
            try m.run("contrib add G1 Support --stage revenue --kpi \"Support KPI \(i)\" --metric - --target \(i + 1) --challenge \(i + 2) --floor \(i) --unit x --weight 1 --source S --cycle monthly")
        }
        let grid = Grid(m.state)
        #expect(grid.gaps.contains(.unserved(goal: 2, stage: .activation)))
        #expect(grid.gaps.contains(.weights(dept: 2, total: 90)))
        #expect(grid.gaps.contains(.weights(dept: 3, total: 60)))
        #expect(grid.gaps.contains(.overload(dept: 4, count: 9)))
        #expect(grid.gaps.contains(.sourceMismatch(metric: "referrals", contribs: [2, 6])))
        try m.run("dept add Legal --head Lin --supervisor Chris")
        #expect(Grid(m.state).gaps.contains(.noContribution(dept: 5)))
        let out = try m.text("grid")
        #expect(out.contains("G2 ✗"))
        #expect(out.contains("G2 activation 激活: no department contributes"))
        #expect(out.contains("Sales: weights sum to 90, not 100"))
        #expect(out.contains("Support: 9 contribution KPIs, more than 8"))
        #expect(out.contains("referrals is measured from different sources: Marketing X2 (HubSpot) · Sales X6 (Salesforce)"))
        #expect(out.contains("Legal has no contribution (weights 0)"))
    }

    @Test func oneDepartmentMeasuringAMetricFromTwoSourcesIsNotASourceMismatch() throws {
        var m = try MapSignFixture.contributed()
        try m.run("contrib add G1 Marketing --stage referral --kpi \"Referral visits\" --metric referrals --target 3 --challenge 4 --floor 2 --unit x --weight 1 --source GA4 --cycle monthly")
        #expect(!Grid(m.state).gaps.contains { if case .sourceMismatch = $0 { return true }; return false })
    }

    @Test func nextFromMapIsBlockedUntilEveryStageIsServedAndWeightsAreFull() throws {
        var m = try MapSignFixture.mapped()
        try m.run("step map --force \"testing the map gate\"")
        let refused = try m.run("next")
        #expect(refused.failed)
        let text = Paint.strip(refused.output)
        for missing in ["G1 revenue 收入: no department contributes", "G1 referral 推薦", "G2 acquisition 獲取", "G2 activation 激活",
                        "Marketing has no contribution", "Sales has no contribution", "Growth has no contribution"] {
            #expect(text.contains(missing), "\(missing)")
        }
        try m.runAll(MapSignFixture.contributions)
        try m.run("contrib edit X3 --weight 90")
        let still = Paint.strip(try m.run("next").output)
        #expect(still.contains("Sales: weights sum to 90, not 100"))
        #expect(!still.contains("no department contributes"))
        try m.run("contrib edit X3 --weight 100")
        let moved = try m.run("next")
        #expect(!moved.failed)
        #expect(m.state.meta.step == .sign)
    }

    @Test func statusSummarisesTheMap() throws {
        var m = try MapSignFixture.contributed()
        #expect(MapGate.summary(m.state).map(Paint.strip) == "5 contributions · weights ✓")
        try m.run("contrib rm X5")
        #expect(MapGate.summary(m.state).map(Paint.strip) == "4 contributions · weights ✗ · unserved stages: 1")
    }
}
