@testable import AccordCore
import Foundation
import Testing

/// Input as a new user types it (issue 11): nearest spellings, dates, Chinese vote words and
/// roles, warnings on `goal add`, and replay views of a step that had not run yet.
@Suite("Input: suggestions, dates, vote words, goal warnings, replay views")
struct InputTests {
    static let room = """
    title "Acme 2027"
    period 2027
    dept add Marketing --head "Dana Reyes" --supervisor "Chris Wong"
    dept add Sales --head "Omar Haddad" --supervisor "Chris Wong"
    """

    func meeting(_ extra: String = "") throws -> Meeting {
        var m = Meeting()
        try m.runAll(Self.room + "\n" + extra)
        return m
    }

    // MARK: 16. nearest spelling

    @Test func nearestFindsAWordThatIsAWholePartOfACandidate() {
        #expect(Nearest.match("delegate", in: ["as-delegate", "replace"]) == "as-delegate")
        #expect(Nearest.match("Success", in: ["Marketing", "Customer Success"]) == "Customer Success")
        #expect(Nearest.match("contribution", in: ["contrib", "conflict", "goal"]) == "contrib")
        #expect(Nearest.match("goals", in: ["goal", "grid"]) == "goal")
        // what it already did
        #expect(Nearest.match("metrik", in: ["metric", "baseline"]) == "metric")
        #expect(Nearest.match("dep", in: ["dept", "kpi"]) == "dept")
    }

    @Test func nearestSuggestsNoNonsense() {
        #expect(Nearest.match("x", in: ["q", "as-delegate", "replace"]) == nil)
        #expect(Nearest.match("ab", in: ["id", "up"]) == nil)
        #expect(Nearest.match("ate", in: ["as-delegate", "replace"]) == nil)
        #expect(Nearest.match("gate", in: ["as-delegate", "replace"]) == nil)
        #expect(Nearest.match("zzzz", in: Engine.firstWords) == nil)
        #expect(Nearest.match("banana", in: ["as-delegate", "replace"]) == nil)
        #expect(Nearest.match("s", in: ["as-delegate"]) == nil)
        #expect(Nearest.match("", in: ["dept"]) == nil)
    }

    @Test func anUnknownFlagGetsTheFlagItIsPartOf() throws {
        var m = try meeting()
        let e = m.error("sign Sales head \"Omar Haddad\" --delegate")
        #expect(e?.contains("Unknown flag --delegate for `sign`. Did you mean `--as-delegate`?") == true, "\(e ?? "")")
        #expect(m.error("sign Sales head \"Omar Haddad\" --xyz")?.contains("Did you mean") == false)
        let c = m.error("contribution add G1 Sales")
        #expect(c?.contains("Did you mean `contrib`?") == true, "\(c ?? "")")
    }

    // MARK: 17. dates

    @Test func datesAreReadTheWaysTheRoomWritesThem() {
        let cases: [(String, String)] = [
            ("2027-12-31", "2027-12-31"), ("2027/12/31", "2027-12-31"), ("2027.12.31", "2027-12-31"),
            ("2027年12月31日", "2027-12-31"), ("2027/1/5", "2027-01-05"), ("2027年1月5日", "2027-01-05"),
            ("2027-1-5", "2027-01-05"), ("２０２７／１２／３１", "2027-12-31"), ("２０２７年１２月３１日", "2027-12-31"),
            ("2028/2/29", "2028-02-29"), (" 2027.1.05 ", "2027-01-05"),
        ]
        for (typed, stored) in cases { #expect(Dates.parse(typed) == stored, "\(typed)") }
    }

    @Test func onlyCalendarDatesAreDates() {
        for bad in ["2027/2/29", "2027/2/30", "2027/13/1", "2027/0/1", "2027/1/0", "27/12/31", "2027/12/31/1",
                    "2027-12/31", "2027年12月31", "2027年12月", "2027/012/31", "2027/1/5x", "2027//5", "", "31/12/2027",
                    "2027年1月5日extra", "+2027/1/5", "2027/-1/5"] {
            #expect(Dates.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func goalByTakesAnyOfThoseAndStoresOneForm() throws {
        var m = try meeting()
        try m.run("goal add \"Raise customer lifetime value\" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027/1/5")
        #expect(m.state.goals[1]?.current.by == "2027-01-05")
        let out = try m.text("goal edit G1 --by 2027年12月31日")
        #expect(m.state.goals[1]?.current.by == "2027-12-31")
        #expect(out.contains("2027-12-31") && !out.contains("年"), "\(out)")
        let e = m.error("goal edit G1 --by 2027/2/30")
        #expect(e?.contains("2027/12/31") == true && e?.contains("`2027/2/30`") == true, "\(e ?? "")")
    }

    // MARK: 18. vote words and roles

    @Test func chineseVoteWordsAreTheEnglishVotes() {
        let cases: [(String, VoteChoice)] = [
            ("同意", .agree), ("AGREE", .agree), ("棄權", .abstain), ("弃权", .abstain), ("反對", .object), ("反对", .object),
            ("阻擋", .block), ("阻挡", .block), ("否決", .block), ("否决", .block), ("block", .block),
        ]
        for (w, v) in cases { #expect(VoteChoice(parsing: w) == v, "\(w)") }
        #expect(VoteChoice(parsing: "maybe") == nil)
        #expect(SignatureRole(parsing: "負責人") == .head && SignatureRole(parsing: "负责人") == .head)
        #expect(SignatureRole(parsing: "主管") == .supervisor && SignatureRole(parsing: "Head") == .head)
        #expect(SignatureRole(parsing: "boss") == nil)
    }

    @Test func aVoteInChineseIsStoredInEnglish() throws {
        var m = try meeting("goal add \"Raise customer lifetime value\" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027-12-31")
        let out = try m.text("vote G1 Sales 同意")
        #expect(out.contains("Sales votes agree"), "\(out)")
        try m.run("vote G1 Marketing 反對 \"needs a headcount decision\"")
        #expect(m.state.votes.all.map(\.choice) == [.agree, .object])
        #expect(m.events.last.map { String(decoding: try! EventLine.encode($0), as: UTF8.self) }?.contains("\"object\"") == true)
        let e = m.error("vote G1 Sales maybe")
        #expect(e?.hasPrefix("A vote is agree (同意, 贊成, 赞成), abstain (棄權, 弃权), object (反對, 反对) or block (阻擋, 阻挡, 否決, 否决), not `maybe`.") == true, "\(e ?? "")")
    }

    @Test func aLetterCanBeSignedAs負責人And主管() throws {
        var m = try MapSignFixture.atSign()
        try m.run("sign Sales 負責人 \"Omar Haddad\"")
        try m.run("sign Sales 主管 \"Chris Wong\"")
        let sigs = m.state.signatures.all.filter { $0.dept == m.state.department(named: "Sales")!.id }
        #expect(sigs.map(\.role) == [.head, .supervisor])
        let e = m.error("sign Sales boss \"Omar Haddad\"")
        #expect(e == "Sign as head (負責人, 负责人) or supervisor (主管), not `boss`.")
    }

    @Test func completionOffersTheChineseWordsOnceOneIsBeingTyped() throws {
        let m = try meeting("goal add \"Raise customer lifetime value\" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027-12-31")
        #expect(Completion.complete("vote G1 Sales 同", m.state).candidates == ["同意"])
        #expect(Completion.complete("vote G1 Sales 反", m.state).candidates == ["反對", "反对"])
        #expect(Completion.complete("vote G1 Sales ", m.state).candidates == ["agree", "abstain", "object", "block"])
        #expect(Completion.complete("sign Sales 負", m.state).candidates == ["負責人"])
        #expect(Completion.complete("sign Sales 負責人 ", m.state).candidates == ["\"Omar Haddad\""])
        #expect(Completion.complete("sign Sales 主管 ", m.state).candidates == ["\"Chris Wong\""])
    }

    // MARK: 19. goal add warnings

    @Test func aGoalWithoutAMetricSaysWhatThatCosts() throws {
        var m = try meeting()
        let out = try m.text("goal add \"Do better\" --baseline 1 --target 2 --unit x --by 2027-12-31")
        #expect(out.contains("No --metric: SMART S and R fail until one is set (`goal edit G1 --metric KEY`)."), "\(out)")
        #expect(m.state.goals.count == 1)
        let good = try m.text("goal add \"Raise customer lifetime value\" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027-12-31")
        #expect(!good.contains("No --metric"))
    }

    @Test func aRepeatedTitleNamesTheEarlierGoalAndHowToDropTheCopy() throws {
        var m = try meeting("goal add \"Raise customer lifetime value\" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027-12-31")
        let out = try m.text("goal add \"raise  customer lifetime value\" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027-12-31")
        #expect(out.contains("G2's title repeats G1 “Raise customer lifetime value”. If it is the same goal, drop the copy: `goal drop G2 \"same as G1\"`."), "\(out)")
        #expect(m.state.goals.count == 2)   // a warning: still added
        try m.run("goal drop G2 \"same as G1\"")
        // a dropped goal's title is free again; another title repeats nothing
        #expect(try !m.text("goal add \"Lower blended acquisition cost\" --metric cac --baseline 450 --target 380 --unit USD --by 2027-12-31").contains("repeats"))
        let edit = try m.text("goal edit G3 --title \"Raise customer lifetime value\"")
        #expect(edit.contains("G3's title repeats G1"), "\(edit)")
        #expect(try !m.text("goal edit G3 --target 370").contains("repeats"))
    }

    // MARK: 3. replay views before their step

    static let demo: Demo.Session = try! Demo.build()

    @Test func replayViewsSayWhenTheirStepHadNotRun() throws {
        // the demo: event 8 imports the KPIs, event 9 is the audit
        let s = try ReplayView.state(after: 8, of: Self.demo.events)
        #expect(s.conflicts.isEmpty && !s.kpis.isEmpty)
        #expect(Paint.strip(Status.render(s, fileName: "", saved: true)).contains("not audited yet"))
        let conflicts = Paint.strip(ReplayView.view(.conflicts, s, now: nil))
        #expect(conflicts == "Not audited yet at this point (the room was at 1 audit): no `audit` had registered conflicts among the 12 KPIs.",
                "\(conflicts)")
        #expect(Paint.strip(ReplayView.view(.goals, s, now: nil)) == "No goals yet at this point: the room was at 1 audit; goals are proposed at 2 goals.")
        let grid = Paint.strip(ReplayView.view(.grid, s, now: nil))
        #expect(grid.contains("Nothing mapped yet") && !grid.contains("Next:"), "\(grid)")
        let letters = Paint.strip(ReplayView.view(.letters, s, now: nil))
        #expect(letters.contains("No letters yet") && !letters.contains("digest"), "\(letters)")
        // after the audit, the register
        let audited = try ReplayView.state(after: 9, of: Self.demo.events)
        let register = Paint.strip(ReplayView.view(.conflicts, audited, now: nil))
        #expect(register.hasPrefix("6 conflicts"), "\(register)")
    }

    @Test func replayViewsOfADoneStepAreTheCommandsViews() throws {
        let s = try MapSignFixture.contributed().state
        #expect(Paint.strip(ReplayView.view(.letters, s, now: nil)).contains("Content digest"))
        #expect(Paint.strip(ReplayView.view(.grid, s, now: nil)).contains("acquisition"))
    }
}

/// `--now` and `ACCORD_NOW`: the canonical instant is read byte by byte (no Foundation on the
/// start-up path); it must give exactly what the general reading gives, and decline the rest.
@Suite struct InstantTests {
    @Test func theCanonicalFormReadsAsTheGeneralReadingDoes() {
        var cases = ["2027-01-15T09:00:00Z", "2024-02-29T23:59:60Z", "1000-12-31T00:00:00Z", "9999-01-01T12:34:56Z",
                     "2027-02-29T09:00:00Z", "2027-13-01T09:00:00Z", "2027-00-10T09:00:00Z", "2027-04-31T09:00:00Z",
                     "2027-01-15T24:00:00Z", "2027-01-15T09:60:00Z", "2027-01-15T09:00:61Z", "0999-01-01T00:00:00Z",
                     "0000-01-01T00:00:00Z", "2027-01-15T09:00:00z", "2027-01-15 09:00:00Z", "2027/01/15T09:00:00Z",
                     "2027-1-15T09:00:00Z", "2027-01-15T9:00:00Z", "２０２７-01-15T09:00:00Z", "2027-01-15T09:00:00Z ",
                     "2027-01-15", "2027年1月15日", "2027-01-15T09:00Z", "", "T", "2027-01-15T09:00:00+08:00",
                     "+027-01-15T09:00:00Z", "2027-01-15T-9:00:00Z"]
        // every month's last days, leap and not
        for y in [1900, 2000, 2027, 2028] { for m in 1...12 { for d in 28...32 {
            cases.append(String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, d - 28, d, d + 27))
        } } }
        for s in cases {
            let fast = Dates.canonicalInstant(s)
            let general = Dates.spelledInstant(s)
            if let fast { #expect(fast == general, "\(s)") }
            #expect(Dates.instant(s) == general, "\(s)")
        }
        #expect(Dates.canonicalInstant("2027-01-15T09:00:00Z") == "2027-01-15T09:00:00Z")
        #expect(Dates.canonicalInstant("2024-02-29T23:59:60Z") == "2024-02-29T23:59:60Z")
        #expect(Dates.canonicalInstant("2027-02-29T09:00:00Z") == nil)
        #expect(Dates.canonicalInstant("0999-01-01T00:00:00Z") == nil)  // the general reading writes 999
        #expect(Dates.instant("2027/1/5") == "2027-01-05T00:00:00Z")
        #expect(Dates.instant("2027-1-5T9:5:0Z") == "2027-01-05T09:05:00Z")
    }
}
