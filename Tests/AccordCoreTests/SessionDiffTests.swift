@testable import AccordCore
import Foundation
import Testing

/// `SessionDiff`: what is "the same" across two sessions (docs/decisions/session-diff-matching.md).
@Suite("Session diff matching")
struct SessionDiffTests {
    static let setup = """
    title "Acme"
    period 2027
    """
    static let depts = """
    dept add Sales --head Omar --supervisor Chris
    dept add Marketing --head Dana --supervisor Chris
    """
    static let kpis = """
    kpi add Sales "Lead conversion rate" --metric lead_conversion --dir up --target 12 --unit % --source Salesforce --cycle quarterly --weight 40
    kpi add Marketing "Website traffic" --dir up --target 100 --unit visits --source GA4 --cycle monthly --weight 30
    """
    static let goals = """
    goal add "Raise revenue" --metric revenue --baseline 100 --target 120 --unit USD --by 2027-12-31
    vote G1 Sales agree
    vote G1 Marketing agree
    goal adopt G1
    map G1 revenue
    contrib add G1 Sales --stage revenue --kpi "Expansion revenue" --metric revenue --target 10 --challenge 12 --floor 8 --unit USD --weight 100 --source Salesforce --cycle quarterly
    contrib add G1 Marketing --stage revenue --kpi "Upsell leads" --metric leads --target 50 --challenge 60 --floor 40 --unit leads --weight 100 --source HubSpot --cycle monthly
    """
    static let signing = """
    step sign --force "test"
    sign Sales head Omar
    sign Sales supervisor Chris
    """

    static func meeting(_ parts: String...) throws -> State {
        var m = Meeting()
        try m.runAll(parts.joined(separator: "\n"))
        return m.state
    }

    static func diff(_ a: State, _ b: State, sameSession: Bool = false) -> SessionDiff {
        SessionDiff.compare(a, b, a: .init(label: "a", title: "", period: "", events: 0),
                            b: .init(label: "b", title: "", period: "", events: 0), options: .init(sameSession: sameSession))
    }

    static var base: State { get throws { try meeting(setup, depts, kpis, goals, signing) } }

    @Test func theSameMeetingTypedInAnotherOrderIsTheSame() throws {
        // departments, KPIs, goals and contributions all get other ids: nothing differs
        let b = try Self.meeting(Self.setup, """
        dept add Marketing --head Dana --supervisor Chris
        dept add Sales --head Omar --supervisor Chris
        goal add "Lower cost" --metric cac --baseline 5 --target 4 --unit USD --by 2027-12-31
        goal drop G1 "typed by mistake"
        kpi add Marketing "Website traffic" --dir up --target 100 --unit visits --source GA4 --cycle monthly --weight 30
        kpi add Sales "Lead conversion rate" --metric lead_conversion --dir up --target 12 --unit % --source Salesforce --cycle quarterly --weight 40
        goal add "Raise revenue" --metric revenue --baseline 100 --target 120 --unit USD --by 2027-12-31
        vote G2 Sales agree
        vote G2 Marketing agree
        goal adopt G2
        map G2 revenue
        contrib add G2 Marketing --stage revenue --kpi "Upsell leads" --metric leads --target 50 --challenge 60 --floor 40 --unit leads --weight 100 --source HubSpot --cycle monthly
        contrib add G2 Sales --stage revenue --kpi "Expansion revenue" --metric revenue --target 10 --challenge 12 --floor 8 --unit USD --weight 100 --source Salesforce --cycle quarterly
        """, Self.signing)
        let a = try Self.base
        #expect(a.kpis.all.first { $0.name == "Website traffic" }?.id != b.kpis.all.first { $0.name == "Website traffic" }?.id)
        let d = Self.diff(a, b)
        // only the dropped goal is new; everything else matched across its new ids
        #expect(d.items(.goals).map(\.change) == [.added])
        #expect(d.items(.goals).first?.name == "Lower cost")
        for s in SessionDiff.Section.allCases where s != .goals { #expect(d.items(s).isEmpty, "\(s): \(d.items(s))") }
    }

    @Test func aRenamedKPIWithTheSameMetricIsChangedNotReplaced() throws {
        let b = try Self.meeting(Self.setup, Self.depts, Self.kpis.replacingOccurrences(of: "\"Lead conversion rate\"", with: "\"Lead conversion\""),
                                 Self.goals, Self.signing)
        let d = Self.diff(try Self.base, b)
        let k = d.items(.kpis)
        #expect(k.count == 1)
        #expect(k.first?.change == .changed)
        #expect(k.first?.fields == [.init("name", "Lead conversion rate", "Lead conversion")])
    }

    @Test func aRevisedGoalShowsItsRevisionAndAdoption() throws {
        let a = try Self.base
        let b = try Self.meeting(Self.setup, Self.depts, Self.kpis, Self.goals, Self.signing, "goal edit G1 --target 130")
        let g = Self.diff(a, b).items(.goals)
        #expect(g.count == 1)
        let f = Dictionary(uniqueKeysWithValues: (g.first?.fields ?? []).map { ($0.name, $0) })
        #expect(f["target"] == .init("target", "120", "130"))
        #expect(f["revisions"] == .init("revisions", "1", "2"))
        #expect(f["status"] == .init("status", "adopted", "proposed"))
        #expect(f["adopted"] == .init("adopted", "1", nil))
    }

    @Test func aChangedTargetAndTheSignaturesItVoids() throws {
        let a = try Self.base
        let b = try Self.meeting(Self.setup, Self.depts, Self.kpis, Self.goals, Self.signing, "contrib edit X1 --target 11")
        let d = Self.diff(a, b)
        #expect(d.items(.contributions).count == 1)
        #expect(d.items(.contributions).first?.dept == "Sales")
        #expect(d.items(.contributions).first?.fields == [.init("target", "10", "11")])
        let s = d.items(.signatures)
        #expect(s.map(\.name) == ["head", "supervisor"])
        #expect(s.allSatisfy { $0.change == .changed && $0.fields == [.init("status", "valid", "void")] })
        #expect(!d.same)
        #expect(d.count == 3)
    }

    @Test func departmentsAddedAndRemoved() throws {
        let b = try Self.meeting(Self.setup, """
        dept add Sales --head Omar --supervisor Chris
        dept add Finance --head Ana --supervisor Chris
        kpi add Sales "Lead conversion rate" --metric lead_conversion --dir up --target 12 --unit % --source Salesforce --cycle quarterly --weight 40
        """)
        let d = Self.diff(try Self.meeting(Self.setup, Self.depts, Self.kpis), b)
        #expect(d.items(.departments).map { "\($0.change) \($0.name)" } == ["removed Marketing", "added Finance"])
        #expect(d.items(.kpis).map { "\($0.change) \($0.dept ?? "") \($0.name)" } == ["removed Marketing Website traffic"])
        #expect(d.items(.people).isEmpty)
    }

    @Test func departmentNamesMatchAcrossScriptsAndCase() throws {
        let a = try Self.meeting("dept add 行銷部 --head 王", "dept add sales")
        let b = try Self.meeting("dept add 行销部 --head 王", "dept add Sales")
        let d = Self.diff(a, b)
        #expect(d.items(.departments).map(\.change) == [.changed, .changed])  // renamed in writing only
        #expect(d.items(.departments).allSatisfy { $0.fields.map(\.name) == ["name"] })
    }

    @Test func withinOneSessionARenamedDepartmentIsTheSameDepartment() throws {
        let a = try Self.meeting(Self.setup, Self.depts, Self.kpis)
        let b = try Self.meeting(Self.setup, Self.depts, Self.kpis, "dept rename Marketing Growth")
        let across = Self.diff(a, b)
        #expect(across.items(.departments).map(\.change) == [.removed, .added])
        let within = Self.diff(a, b, sameSession: true)
        #expect(within.items(.departments).map(\.change) == [.changed])
        #expect(within.items(.kpis).isEmpty)
    }

    @Test func kpisOfOneMetricPairByNameFirstThenInOrder() throws {
        let a = [KPI(id: 1, dept: 1, name: "Revenue north"), KPI(id: 2, dept: 1, name: "Revenue south")].map { k -> KPI in var k = k; k.metric = "revenue"; return k }
        var b = a.reversed().map { k -> KPI in var k = k; k.id += 10; return k }
        // b holds them the other way round (12 south, 11 north): by order alone 1 would pair with 12
        b.append({ var k = KPI(id: 20, dept: 1, name: "Revenue east"); k.metric = "revenue"; return k }())
        let p = Match.pair(a, b, id: nil, keys: [{ ($0.metric ?? "") + "|" + NameKey.of($0.name) }, { $0.metric ?? "" }])
        #expect(p.pairs.map { "\($0.0.id)-\($0.1.id)" } == ["1-11", "2-12"])
        #expect(p.added.map(\.id) == [20])
        #expect(p.removed.isEmpty)
    }

    @Test func theDiffOfASessionWithItselfIsEmpty() throws {
        let a = try Self.base
        let d = Self.diff(a, a)
        #expect(d.same && d.count == 0)
        #expect(d.parts.map(\.section) == SessionDiff.Section.allCases)
    }
}

@Suite("Rollup")
struct RollupTests {
    @Test func sharedGoalsCountTheUnitsThatAdoptedEachMetric() throws {
        let a = try SessionDiffTests.base
        let b = try SessionDiffTests.meeting(SessionDiffTests.setup, SessionDiffTests.depts, """
        goal add "More revenue" --metric revenue --baseline 1 --target 2 --unit USD --by 2027-12-31
        vote G1 Sales agree
        vote G1 Marketing agree
        goal adopt G1
        goal add "Cheaper leads" --metric cac --baseline 5 --target 4 --unit USD --by 2027-12-31
        """)
        let r = Rollup.build([.init(label: "a.json", state: a, events: 1), .init(label: "b.json", state: b, events: 1)],
                             excluded: [.init(label: "bad.json", reasons: ["broken"])])
        #expect(r.units.map(\.label) == ["a.json", "b.json"])
        // cac is only proposed in b: not a shared goal
        #expect(r.shared.map(\.identity) == ["revenue"])
        #expect(r.shared.first?.adopted == 2)
        #expect(r.units[0].stageShare?[.revenue] == 100)
        #expect(r.units[1].stageShare == nil)
        #expect(r.units[0].letters[.signed] == 1 && r.units[0].letters[.unsigned] == 1)
        let text = Paint.strip(RollupText.render(r, width: 200))
        #expect(text.contains("bad.json") && text.contains("broken"))
        #expect(text.contains("2 of 2"))
        let json = try JSONSerialization.jsonObject(with: RollupText.json(r)) as? [String: Any]
        #expect((json?["units"] as? [Any])?.count == 2)
        #expect((json?["excluded"] as? [[String: Any]])?.first?["file"] as? String == "bad.json")
    }

    @Test func htmlEscapesWhatTheDataHolds() throws {
        let s = try SessionDiffTests.meeting("title \"<script>alert(1)</script>\"", "dept add '<img src=x onerror=alert(1)>' --head \"a\u{202E}b\"")
        let r = Rollup.build([.init(label: "<b>.json", state: s, events: 2)], excluded: [])
        let html = RollupText.html(r)
        #expect(!html.contains("<script>alert") && !html.contains("<img") && !html.contains("<b>.json"))
        #expect(!html.unicodeScalars.contains("\u{202E}"))
        #expect(html.contains("<html lang=\""))
    }
}
