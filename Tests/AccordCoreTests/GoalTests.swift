@testable import AccordCore
import Foundation
import Testing

@Suite("Goals: SMART, consent, revisions")
struct GoalTests {
    static let room = """
    title "Acme 2027"
    period 2027
    dept add Marketing
    dept add Sales
    dept add "Customer Success"
    """

    func meeting(_ extra: String = "") throws -> Meeting {
        var m = Meeting()
        try m.runAll(Self.room + "\n" + extra)
        return m
    }

    func grade(_ goalLine: String, extra: String = "", now: String = "2027-01-15T09:00:00Z") throws -> Smart.Grade {
        var m = try meeting(extra)
        try m.run(goalLine)
        let g = m.state.goals.all.last!
        return Smart.grade(g.current, goalID: g.id, in: m.state, now: now)
    }

    static let good = "goal add \"Raise customer lifetime value\" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027-12-31"

    @Test func aGoodGoalPassesEveryLetter() throws {
        let g = try grade(Self.good)
        #expect(g.checks.map(\.level) == [.pass, .pass, .pass, .pass, .pass], "\(g.checks)")
    }

    // S
    @Test func specific() throws {
        #expect(try grade(Self.good).level(.specific) == .pass)
        #expect(try grade("goal add Growth --metric cltv --baseline 1 --target 2 --unit x --by 2027-12-31").level(.specific) == .warn)
        #expect(try grade("goal add \"Do better at everything\" --baseline 1 --target 2 --unit x --by 2027-12-31").level(.specific) == .fail)
    }

    // M
    @Test func measurable() throws {
        #expect(try grade(Self.good).level(.measurable) == .pass)
        #expect(try grade("goal add \"Raise CLTV\" --metric cltv --target 15000 --unit USD --by 2027-12-31").level(.measurable) == .warn)
        #expect(try grade("goal add \"Raise CLTV\" --metric cltv --baseline 12000 --target 15000 --by 2027-12-31").level(.measurable) == .warn)
        #expect(try grade("goal add \"Raise CLTV\" --metric cltv --by 2027-12-31").level(.measurable) == .fail)
    }

    // A
    @Test func achievable() throws {
        #expect(try grade(Self.good).level(.achievable) == .pass)
        // more than 3× the baseline is flagged
        let tooHigh = try grade("goal add \"Raise CLTV\" --metric cltv --baseline 1000 --target 3500 --unit USD --by 2027-12-31")
        #expect(tooHigh.level(.achievable) == .warn)
        #expect(tooHigh.checks[2].reason.contains("3.5×"))
        // a cut beyond 70% of a down metric is flagged
        #expect(try grade("goal add \"Cut CAC\" --metric cac --baseline 400 --target 100 --unit USD --by 2027-12-31").level(.achievable) == .warn)
        #expect(try grade("goal add \"Cut CAC\" --metric cac --baseline 400 --target 300 --unit USD --by 2027-12-31").level(.achievable) == .pass)
        // the wrong way for the metric fails
        #expect(try grade("goal add \"Cut CAC\" --metric cac --baseline 400 --target 450 --unit USD --by 2027-12-31").level(.achievable) == .fail)
        #expect(try grade("goal add \"Raise CLTV\" --metric cltv --baseline 12000 --target 11000 --unit USD --by 2027-12-31").level(.achievable) == .fail)
    }

    // R
    @Test func relevant() throws {
        #expect(try grade(Self.good).level(.relevant) == .pass)
        // an activity metric, tied to nothing
        #expect(try grade("goal add \"Publish more articles\" --metric content_output --baseline 40 --target 60 --unit posts --by 2027-12-31").level(.relevant) == .warn)
        // the same activity metric is relevant when it settles an open conflict
        var m = try meeting()
        var d = Draft(m.state)
        let c = d.nextID(.conflict)
        d.put(Conflict(id: c, rule: "known-tension", identity: "x", severity: .high, kpis: [], depts: [1, 2],
                       metrics: ["content_output", "content_engagement"], explanation: .literal(""), remedy: .literal("")))
        m.state = d.state
        try m.run("goal add \"Publish more articles\" --metric content_output --baseline 40 --target 60 --unit posts --by 2027-12-31")
        let g = m.state.goals.all.last!
        #expect(Smart.grade(g.current, goalID: g.id, in: m.state).level(.relevant) == .pass)
        // no metric at all
        #expect(try grade("goal add \"Be great\" --baseline 1 --target 2 --unit x --by 2027-12-31").level(.relevant) == .fail)
    }

    // T
    @Test func timeBound() throws {
        #expect(try grade(Self.good).level(.timeBound) == .pass)
        #expect(try grade(Self.good.replacingOccurrences(of: "2027-12-31", with: "2026-06-30")).level(.timeBound) == .fail)
        #expect(try grade(Self.good.replacingOccurrences(of: "2027-12-31", with: "2028-03-31")).level(.timeBound) == .fail)
        #expect(try grade(Self.good.replacingOccurrences(of: " --by 2027-12-31", with: "")).level(.timeBound) == .fail)
        #expect(try grade(Self.good, now: "2028-01-05T00:00:00Z").level(.timeBound) == .warn)
        #expect(try grade(Self.good, extra: "period \"2027 H1\"").level(.timeBound) == .fail)
    }

    @Test func periods() {
        #expect(Period.range("2027")! == ("2027-01-01", "2027-12-31"))
        #expect(Period.range("FY2027")! == ("2027-01-01", "2027-12-31"))
        #expect(Period.range("2027 上半年")! == ("2027-01-01", "2027-06-30"))
        #expect(Period.range("2027Q3")! == ("2027-07-01", "2027-09-30"))
        #expect(Period.range("2027-2028")! == ("2027-01-01", "2028-12-31"))
        #expect(Period.range("next year") == nil)
    }

    @Test func numbersAcceptTheSheetForms() throws {
        var m = try meeting()
        try m.run("goal add \"Grow revenue\" --metric revenue --baseline 1.2億 --target 1.5億 --unit 元 --by 2027-12-31")
        try m.run("goal add \"Lift conversion\" --metric conversion_rate --baseline 8% --target 10% --by 2027-12-31")
        #expect(m.state.goals[1]!.current.baseline == 120_000_000)
        #expect(m.state.goals[2]!.current.unit == "%")
        #expect(m.error("goal add X --target lots") != nil)
        #expect(m.error("goal add X --by 2027-02-30")?.contains("YYYY-MM-DD") == true)
        #expect(m.error("goal add X --metric nonsense_metric")?.contains("No metric") == true)
    }

    @Test func consentNeedsEveryVoteNoBlockNoObjection() throws {
        var m = try meeting(Self.good)
        try m.run("vote G1 Marketing agree")
        var o = try m.run("goal adopt G1")
        #expect(o.failed)
        #expect(Paint.strip(o.output).contains("not voted yet — Sales, Customer Success"))
        #expect(m.error("vote G1 Sales object") != nil, "an objection needs a reason")
        #expect(m.error("vote G1 Sales block") != nil, "a block needs a reason")
        try m.run("vote G1 Sales block \"Budget is not approved\"")
        try m.run("vote G1 \"Customer Success\" object \"Headcount first\"")
        o = try m.run("goal adopt G1")
        let text = Paint.strip(o.output)
        #expect(text.contains("block — Sales: \"Budget is not approved\""))
        #expect(text.contains("objection — Customer Success: \"Headcount first\""))
        #expect(m.state.goals[1]!.status == .proposed)
        // a later vote replaces the earlier one; the log keeps both
        try m.run("vote G1 Sales agree")
        try m.run("vote G1 \"Customer Success\" abstain")
        o = try m.run("goal adopt G1")
        #expect(!o.failed)
        #expect(m.state.goals[1]!.status == .adopted)
        #expect(m.state.votes(on: 1).count == 5)
        #expect(m.error("vote G1 Sales object \"late\"")?.contains("is adopted") == true)
    }

    @Test func editMakesARevisionResetsVotesAndShowsTheDiff() throws {
        var m = try meeting(Self.good + "\nvote G1 Marketing agree\nvote G1 Sales agree\nvote G1 \"Customer Success\" agree\ngoal adopt G1")
        #expect(m.state.goals[1]!.status == .adopted)
        let out = try m.text("goal edit G1 --target 14500 --title \"Raise CLTV\"")
        #expect(out.contains("G1 revision 2: title Raise customer lifetime value → Raise CLTV; target 15,000 → 14,500."))
        let g = m.state.goals[1]!
        #expect(g.status == .proposed)
        #expect(Consent.currentVotes(g, in: m.state).isEmpty)
        #expect(g.revisions.count == 2)
        let show = try m.text("goal show G1")
        #expect(show.contains("r1 → r2  title Raise customer lifetime value → Raise CLTV; target 15,000 → 14,500"))
        #expect(show.contains("r1 votes  agree: Marketing, Sales, Customer Success"))
        #expect(show.contains("r2 votes  to vote: Marketing, Sales, Customer Success"))
        #expect(m.error("goal edit G1 --target 14500")?.contains("Nothing to change") == true)
    }

    @Test func goalsGateNext() throws {
        var m = try meeting("next --force x\nnext")
        #expect(m.state.meta.step == .goals)
        let o = try m.run("next")
        #expect(o.failed)
        #expect(Paint.strip(o.output).contains("propose a shared goal: `goal suggest`"))
        try m.runAll(Self.good + "\nvote G1 Marketing agree\nvote G1 Sales agree\nvote G1 \"Customer Success\" agree\ngoal adopt G1\nnext")
        #expect(m.state.meta.step == .map)
    }

    @Test func dropNeedsAReason() throws {
        var m = try meeting(Self.good)
        #expect(m.error("goal drop G1") != nil)
        try m.run("goal drop G1 folded into G2")
        #expect(m.state.goals[1]!.status == .dropped)
        #expect(m.state.goals[1]!.dropReason == "folded into G2")
        #expect(m.error("goal adopt G1")?.contains("dropped") == true)
    }
}
