@testable import AccordCore
import Foundation
import Testing

@Suite("letters: derivation, canonical content, digest, scoring")
struct LetterTests {
    static let marketingCanonical = """
    accord-letter/1
    session "Acme 2027"
    period "2027"
    department 1 "Marketing"
    head "Dana Reyes"
    supervisor "Chris Wong"
    goal 1 1 "Raise customer lifetime value" metric "cltv" baseline 12000 target 14500 unit "USD" by "2027-12-31"
    goal 2 1 "Lower blended acquisition cost" metric "cac" baseline 450 target 380 unit "USD" by "2027-12-31"
    row 1 2 acquisition "Sales-accepted leads" metric "leads" weight 70 floor 700 target 900 challenge 1100 unit "leads" source "Salesforce" cycle monthly
    row 2 1 referral "Referral signups" metric "referrals" weight 30 floor 200 target 300 challenge 400 unit "signups" source "HubSpot" cycle monthly
    scoring linear below-floor 0 floor 60 target 100 challenge 120 cap 120

    """

    @Test func theCanonicalContentIsTheDocumentedSerialisation() throws {
        let m = try MapSignFixture.contributed()
        let letter = Letter(m.state.depts[1]!, in: m.state)
        #expect(letter.canonical(version: 1) == Self.marketingCanonical)
        // the digest of those exact bytes (checked with sha256sum); it must never drift
        #expect(letter.digest(version: 1) == "sha256:1a76cae4d0355e20f845571edcd44a2ce58c3a86601a5a983b3e14259eca5308")
    }

    /// Version 2, what new signatures sign: version 1 plus the revision, each row's aggregation
    /// override, the approved adjustments and the grade bands (docs/letter-digest.md).
    static let marketingCanonicalV2 = """
    accord-letter/2
    session "Acme 2027"
    period "2027"
    department 1 "Marketing"
    head "Dana Reyes"
    supervisor "Chris Wong"
    revision 1
    goal 1 1 "Raise customer lifetime value" metric "cltv" baseline 12000 target 14500 unit "USD" by "2027-12-31"
    goal 2 1 "Lower blended acquisition cost" metric "cac" baseline 450 target 380 unit "USD" by "2027-12-31"
    row 1 2 acquisition "Sales-accepted leads" metric "leads" weight 70 floor 700 target 900 challenge 1100 unit "leads" source "Salesforce" cycle monthly aggregate -
    row 2 1 referral "Referral signups" metric "referrals" weight 30 floor 200 target 300 challenge 400 unit "signups" source "HubSpot" cycle monthly aggregate -
    scoring linear below-floor 0 floor 60 target 100 challenge 120 cap 120
    grades S:120 A:100 B:80 C:0

    """

    @Test func version2IsTheDocumentedSerialisationAndWhatIsSigned() throws {
        let m = try MapSignFixture.contributed()
        let letter = Letter(m.state.depts[1]!, in: m.state)
        #expect(letter.canonical == Self.marketingCanonicalV2)
        #expect(letter.canonical(version: 2) == Self.marketingCanonicalV2)
        // checked with sha256sum; it must never drift
        #expect(letter.digest == "sha256:ea8b6cf8b349d808f9f81d04dff7ed2b0ecc76fc058a8644f6c3643883a6d9c9")
        #expect(letter.canonical(version: 3) == nil)
    }

    @Test func stringsAreQuotedUnambiguously() {
        #expect(Canonical.quote("plain 行銷部") == "\"plain 行銷部\"")
        #expect(Canonical.quote("a\"b\\c\nd\te\u{7f}") == "\"a\\\"b\\\\c\\u000ad\\u0009e\\u007f\"")
        #expect(Canonical.quote(nil) == "-")
        #expect(Canonical.quote("-") == "\"-\"")
        #expect(Canonical.number(1_200_000) == "1200000")
        #expect(Canonical.number(3.5) == "3.5")
        #expect(Canonical.number(nil) == "-")
    }

    @Test func rowsFollowTheStageOrderAndOnlyAdoptedGoalsCount() throws {
        var m = try MapSignFixture.contributed()
        #expect(Letter(m.state.depts[3]!, in: m.state).rows.map(\.stage) == [.acquisition, .activation])
        try m.run("goal edit G2 --target 370")   // G2 back to proposed: its rows leave the letters
        let growth = Letter(m.state.depts[3]!, in: m.state)
        #expect(growth.rows.isEmpty && growth.goals.isEmpty)
        #expect(growth.pending.map(\.id) == [4, 5])
        #expect(growth.notReady != nil)
    }

    /// Everything a letter shows is in its content: changing any of it changes the digest.
    @Test(arguments: Array(LetterTests.contentChanges.indices))
    func changingAnythingTheLetterShowsChangesTheDigest(index: Int) throws {
        let (name, change) = Self.contentChanges[index]
        let m = try MapSignFixture.contributed()
        var s = m.state
        let before = Letter(s.depts[1]!, in: s).digest
        change(&s)
        #expect(Letter(s.depts[1]!, in: s).digest != before, "\(name)")
    }

    nonisolated(unsafe) static let contentChanges: [(String, (inout State) -> Void)] = [
        ("title", { $0.meta.title = "Acme 2028" }),
        ("period", { $0.meta.period = "2028" }),
        ("department name", { $0.depts[1]!.name = "Brand" }),
        ("head", { $0.depts[1]!.head = "Dana R." }),
        ("supervisor", { $0.depts[1]!.supervisor = nil }),
        ("goal title", { $0.goals[1]!.revisions[0].title = "Raise CLTV" }),
        ("goal target", { $0.goals[2]!.revisions[0].target = 390 }),
        ("goal revision adopted", { g in
            var r = g.goals[1]!.current; r.number = 2; g.goals[1]!.revisions.append(r); g.goals[1]!.adoptedRevision = 2 }),
        ("goal no longer adopted", { $0.goals[2]!.status = .proposed }),
        ("kpi", { $0.contribs[1]!.kpi = "SALs" }),
        ("metric", { $0.contribs[1]!.metric = "qualified_leads" }),
        ("stage", { $0.contribs[2]!.stage = .revenue }),
        ("goal of a row", { $0.contribs[2]!.goal = 2 }),
        ("weight", { $0.contribs[1]!.weight = 69 }),
        ("floor", { $0.contribs[1]!.floor = 701 }),
        ("target", { $0.contribs[1]!.target = 901 }),
        ("challenge", { $0.contribs[1]!.challenge = 1101 }),
        ("unit", { $0.contribs[1]!.unit = "SALs" }),
        ("source", { $0.contribs[1]!.source = "HubSpot" }),
        ("cycle", { $0.contribs[1]!.cycle = .quarterly }),
        ("a row added", { $0.contribs[9] = Contribution(id: 9, goal: 1, dept: 1, stage: .referral, kpi: "New", metric: nil, target: 2,
                                                        challenge: 3, floor: 1, unit: "x", weight: 1, source: "S", cycle: .monthly) }),
        ("a row removed", { $0.contribs[2] = nil }),
    ]

    @Test func whatTheLetterDoesNotShowLeavesTheDigestAlone() throws {
        var m = try MapSignFixture.contributed()
        let before = Letter(m.state.depts[1]!, in: m.state).digest
        try m.run("contrib edit X3 --target 1300000")     // another department
        try m.run("kpi add Marketing \"Website traffic\" --target 200萬")
        try m.run("step sign --force \"jump\"")
        try m.run("map G1 retention revenue referral")      // a stage, not a row
        try m.run("dept edit Sales --head \"Omar H.\"")
        #expect(Letter(m.state.depts[1]!, in: m.state).digest == before)
    }

    @Test func theLetterScreenShowsEverythingTheIssueAsksFor() throws {
        var m = try MapSignFixture.contributed()
        let out = try m.text("letter Marketing")
        for part in ["目標責任書 · Responsibility letter — Marketing", "Acme 2027 · period 2027 · head Dana Reyes · supervisor Chris Wong",
                     "Serves G1 Raise customer lifetime value (r1) · G2 Lower blended acquisition cost (r1)",
                     "Sales-accepted leads ↑", "acquisition 獲取", "1,100", "Salesforce", "monthly",
                     "Completion: below floor 0% · floor 60% → target 100% → challenge 120%",
                     "; grades S ≥ 120 · A ≥ 100 · B ≥ 80 · C < 80",
                     "Content digest sha256:ea8b6cf8b349d808f9f81d04dff7ed2b0ecc76fc058a8644f6c3643883a6d9c9",
                     "Next: `sign Marketing head \"Dana Reyes\"`"] {
            #expect(out.contains(part), "\(part)")
        }
        let head = try #require(out.split(separator: "\n").first { $0.hasPrefix(" head") })
        #expect(head.contains("Dana Reyes") && head.contains("unsigned"))
        #expect(try m.text("letter Growth").contains("Customer acquisition cost ↓"))
        #expect(m.error("letter Nobody")?.contains("Marketing") == true)
    }

    @Test func theOverviewListsEveryLetter() throws {
        var m = try MapSignFixture.signed()
        try m.run("contrib edit X3 --target 1300000")
        let out = try m.text("letter")
        let sales = try #require(out.split(separator: "\n").first { $0.contains("Sales") })
        #expect(sales.contains("VOID"))
        #expect(out.contains("3 letters: 2 signed, 0 partly, 0 unsigned, 1 void"))
    }

    // MARK: scoring

    @Test func completionFollowsFloorTargetAndChallengeInBothDirections() {
        let r = ScoringRule.standard
        // higher is better: floor 700, target 900, challenge 1100
        #expect(r.completion(600, floor: 700, target: 900, challenge: 1100) == 0)
        #expect(r.completion(700, floor: 700, target: 900, challenge: 1100) == 60)
        #expect(r.completion(800, floor: 700, target: 900, challenge: 1100) == 80)
        #expect(r.completion(900, floor: 700, target: 900, challenge: 1100) == 100)
        #expect(r.completion(1000, floor: 700, target: 900, challenge: 1100) == 110)
        #expect(r.completion(5000, floor: 700, target: 900, challenge: 1100) == 120)
        // lower is better: floor 420, target 380, challenge 350
        #expect(r.completion(430, floor: 420, target: 380, challenge: 350) == 0)
        #expect(r.completion(420, floor: 420, target: 380, challenge: 350) == 60)
        #expect(r.completion(400, floor: 420, target: 380, challenge: 350) == 80)
        #expect(r.completion(365, floor: 420, target: 380, challenge: 350) == 110)
        #expect(r.completion(100, floor: 420, target: 380, challenge: 350) == 120)
        // values that run neither way have no completion
        #expect(r.completion(5, floor: 2, target: 1, challenge: 3) == nil)
    }
}
