@testable import AccordCore
import Foundation
import Testing

/// Periods, completion by the letter's rule, aggregation over periods, adjustments, early
/// warnings, grade bands and the letter's content version 2 (issue 15).
@Suite("The year after the signatures")
struct YearTests {
    // MARK: periods

    @Test(arguments: [
        ("2027-03", "2027-03"), ("2027/03", "2027-03"), ("2027/3", "2027-03"), ("2027-3", "2027-03"), ("2027年3月", "2027-03"),
        ("2027年03月", "2027-03"), ("2027年三月", "2027-03"), ("２０２７／０３", "2027-03"), (" 2027-12 ", "2027-12"),
        ("2027-Q1", "2027-Q1"), ("2027q1", "2027-Q1"), ("2027 Q4", "2027-Q4"), ("2027年第1季", "2027-Q1"), ("2027年第一季度", "2027-Q1"),
        ("2027年Q2", "2027-Q2"), ("2027-H1", "2027-H1"), ("2027年上半年", "2027-H1"), ("2027年下半年", "2027-H2"),
        ("2027", "2027"), ("2027年", "2027"), ("2027年度", "2027"),
    ])
    func periodsReadInEverySpelling(_ typed: String, _ canonical: String) throws {
        let p = try #require(YearPeriod(parsing: typed), "\(typed)")
        #expect(p.canonical == canonical)
        #expect(YearPeriod(parsing: p.canonical) == p)
    }

    @Test(arguments: ["2027-13", "2027-00", "2027-Q5", "2027-Q0", "2027-H3", "27-03", "March 2027", "2027年13月", "2027年第5季", "", "2027-03-01"])
    func notPeriods(_ typed: String) {
        #expect(YearPeriod(parsing: typed) == nil, "\(typed)")
    }

    /// The session file's periods are read by `YearPeriod(canonical:)`, byte by byte: it must
    /// read exactly the spellings whose general reading writes back the same, to the same
    /// period, and nothing else (so a stored `2027-3` is still refused, as before).
    @Test func theCanonicalReadingIsTheGeneralOneOnStoredSpellings() throws {
        func agrees(_ s: String) -> Bool {
            let general = YearPeriod(spelling: s)
            let expected = general?.canonical == s ? general : nil
            return YearPeriod(canonical: s) == expected && YearPeriod(parsing: s) == general
        }
        var all: [String] = []
        for year in [1899, 1900, 1901, 2026, 2027, 9999] {
            all.append("\(year)")
            for kind in YearPeriod.Kind.allCases {
                for i in 0...13 { all.append(YearPeriod(year: year, kind: kind, index: i)?.canonical ?? "\(year)-\(i)") }
            }
        }
        for s in all where YearPeriod(spelling: s)?.canonical == s { #expect(YearPeriod(canonical: s) != nil, "\(s)") }
        all += ["2027-3", "2027-q1", "2027-h2", "2027-Q01", "2027-00", "2027-13", "2027-19", "2027-Q0", "2027-Q5", "2027-H0",
                "2027-H3", "0999", "2027-1a", "2027-Q", "2027 ", " 2027", "２０２７", "2027-1Q", "2027/03", "2027.03",
                "2027-03 ", "2027年", "2027年3月", "10000", "-2027", "2027-", "20a7", "2027-Y1", "2027-0", "2027-003"]
        // and every short string over the characters periods are made of
        let alphabet = Array("0129-QH/年 ")
        var seed: UInt64 = 15
        for _ in 0..<20_000 {
            var s = "20"
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            for k in 0..<Int(seed >> 61) { s.append(alphabet[Int((seed >> UInt64(k * 5 + 8)) % UInt64(alphabet.count))]) }
            all.append(s)
        }
        for s in all { #expect(agrees(s), "\(s)") }
        #expect(PeriodKey(text: "12/2027-03") == PeriodKey(12, .month(2027, 3)))
        #expect(PeriodKey(text: "7/2027-Q4") == PeriodKey(7, .quarter(2027, 4)))
        for bad in ["12/2027-3", "12/2027/03", "12-2027-03", "x/2027-03", "12/2027年3月", "/2027-03", "12/"] {
            #expect(PeriodKey(text: bad) == nil, "\(bad)")
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([YearPeriod].self, from: Data(#"["2027/03"]"#.utf8)) }
        #expect(try JSONDecoder().decode([YearPeriod].self, from: Data(#"["2027-03","2027-H2"]"#.utf8)) == [.month(2027, 3), .half(2027, 2)])
    }

    @Test func periodsKnowTheirMonthsPartsOrderAndPredecessor() {
        let q1 = YearPeriod.quarter(2027, 1)
        #expect(q1.months == [.month(2027, 1), .month(2027, 2), .month(2027, 3)])
        #expect(YearPeriod.whole(2027).parts == [.half(2027, 1), .half(2027, 2)])
        #expect(YearPeriod.half(2027, 2).parts == [.quarter(2027, 3), .quarter(2027, 4)])
        #expect(YearPeriod.month(2027, 1).previous == .month(2026, 12))
        #expect(q1.previous == .quarter(2026, 4))
        #expect(YearPeriod.whole(2027).previous == .whole(2026))
        #expect(YearPeriod.month(2027, 12).next == .month(2028, 1))
        #expect(YearPeriod.whole(2027) < .half(2027, 1) && YearPeriod.half(2027, 1) < q1 && q1 < .month(2027, 1))
        #expect(YearPeriod.month(2027, 3) < .quarter(2027, 2))
        #expect(YearPeriod.half(2027, 1).contains(.month(2027, 6)) && !YearPeriod.half(2027, 1).contains(.month(2027, 7)))
    }

    @Test func periodsAreShownInTheRoomsLanguage() {
        let cases: [(YearPeriod, String, String, String)] = [
            (.month(2027, 3), "2027-03", "2027年03月", "2027年03月"),
            (.quarter(2027, 1), "2027-Q1", "2027年第1季", "2027年第1季度"),
            (.half(2027, 2), "2027-H2", "2027年下半年", "2027年下半年"),
            (.whole(2027), "2027", "2027年", "2027年"),
        ]
        for (p, en, hant, hans) in cases {
            #expect(Language.$scoped.withValue(.en) { p.label } == en)
            #expect(Language.$scoped.withValue(.zhHant) { p.label } == hant)
            #expect(Language.$scoped.withValue(.zhHans) { p.label } == hans)
            // what is shown reads back as the same period
            #expect(YearPeriod(parsing: Language.$scoped.withValue(.zhHant) { p.label }) == p)
        }
    }

    // MARK: completion by the letter's rule

    let rule = ScoringRule.standard

    @Test func completionOfAnUpMetricAtAndBetweenEveryBoundary() {
        func c(_ a: Double) -> Double? { rule.completion(a, floor: 700, target: 900, challenge: 1100) }
        #expect(c(0) == 0)
        #expect(c(699.99) == 0)          // just below the floor
        #expect(c(700) == 60)            // at the floor
        #expect(c(800) == 80)            // half way to the target
        #expect(c(900) == 100)           // at the target
        #expect(c(1000) == 110)          // half way to the challenge
        #expect(c(1100) == 120)          // at the challenge
        #expect(c(5000) == 120)          // capped
    }

    @Test func completionOfADownMetricIsMirrored() {
        func c(_ a: Double) -> Double? { rule.completion(a, floor: 420, target: 380, challenge: 350) }
        #expect(c(421) == 0)
        #expect(c(420) == 60)
        #expect(c(400) == 80)
        #expect(c(380) == 100)
        #expect(c(365) == 110)
        #expect(c(350) == 120)
        #expect(c(10) == 120)
    }

    @Test func aZeroOrNegativeFloorIsAnOrdinaryNumber() {
        #expect(rule.completion(0, floor: 0, target: 10, challenge: 20) == 60)
        #expect(rule.completion(-0.1, floor: 0, target: 10, challenge: 20) == 0)
        #expect(rule.completion(5, floor: 0, target: 10, challenge: 20) == 80)
        // profit growth: floor −5%, target 5%, challenge 10%
        #expect(rule.completion(-5, floor: -5, target: 5, challenge: 10) == 60)
        #expect(rule.completion(0, floor: -5, target: 5, challenge: 10) == 80)
        #expect(rule.completion(-6, floor: -5, target: 5, challenge: 10) == 0)
        // a lower-is-better metric whose challenge is below zero
        #expect(rule.completion(-2, floor: 2, target: 0, challenge: -2) == 120)
        #expect(rule.completion(1, floor: 2, target: 0, challenge: -2) == 80)
        // values that run neither way give no completion
        #expect(rule.completion(5, floor: 10, target: 10, challenge: 20) == nil)
    }

    @Test func theWorkedExampleOfTheSeed() {
        // 40% weight at 110% → 44 points; 30% at 90% → 27 points
        #expect(40 * 110 / 100.0 == 44)
        let a = rule.completion(1000, floor: 700, target: 900, challenge: 1100)!   // 110
        let b = rule.completion(850, floor: 700, target: 900, challenge: 1100)!    // 90
        #expect(a == 110 && b == 90)
        #expect(40 * a / 100 == 44 && 30 * b / 100 == 27)
    }

    @Test func completionIsMonotoneForUpAntitoneForDownAndWithinZeroTo120() {
        var rng = SeededGenerator(seed: 20270115)
        for _ in 0..<2000 {
            let f = Double.random(in: -1000...1000, using: &rng)
            let tg = f + Double.random(in: 0.01...500, using: &rng)
            let ch = tg + Double.random(in: 0.01...500, using: &rng)
            let x = Double.random(in: (f - 600)...(ch + 600), using: &rng)
            let y = x + Double.random(in: 0...300, using: &rng)
            let up1 = rule.completion(x, floor: f, target: tg, challenge: ch)!
            let up2 = rule.completion(y, floor: f, target: tg, challenge: ch)!
            #expect(up1 <= up2 + 1e-9, "up \(x) \(y) \(f) \(tg) \(ch)")
            #expect((0...120).contains(up1) && (0...120).contains(up2))
            // mirrored: floor above target above challenge
            let dn1 = rule.completion(-x, floor: -f, target: -tg, challenge: -ch)!
            let dn2 = rule.completion(-y, floor: -f, target: -tg, challenge: -ch)!
            #expect(dn1 <= dn2 + 1e-9 && abs(dn1 - up1) < 1e-9, "down \(x) \(y)")
            let dnA = rule.completion(x, floor: -f, target: -tg, challenge: -ch)!
            let dnB = rule.completion(y, floor: -f, target: -tg, challenge: -ch)!
            #expect(dnA >= dnB - 1e-9, "antitone \(x) \(y)")
            #expect((0...120).contains(dnA) && (0...120).contains(dnB))
        }
    }

    // MARK: figures over periods

    /// The signed fixture (Marketing: X1 leads monthly 700/900/1100 weight 70, X2 referrals
    /// monthly 200/300/400 weight 30; Sales: X3 expansion revenue quarterly; Growth: X4 CAC
    /// quarterly ↓, X5 trial conversion monthly %), moved on to 5 track.
    static func tracking() throws -> Meeting {
        var m = try MapSignFixture.signed()
        try m.run("next")
        #expect(m.state.meta.step == .track)
        return m
    }

    @Test func aMonthlyTargetIsPerMonthAndAddsUpToTheQuarter() throws {
        var m = try Self.tracking()
        try m.runAll("""
        actual X1 2027-01 800
        actual X1 2027-02 900
        actual X1 2027-03 1000
        """)
        let f = YearFigures(m.state)
        let x1 = m.state.contribs[1]!
        #expect(f.aggregation(x1) == .sum)
        let q1 = f.figure(x1, .quarter(2027, 1))
        #expect(q1.actual == 2700 && q1.bounds == Bounds(floor: 2100, target: 2700, challenge: 3300))
        #expect(q1.completion == 100 && q1.isComplete && q1.mark == .met)
        #expect(f.figure(x1, .month(2027, 1)).completion == 80)
        #expect(f.figure(x1, .month(2027, 1)).mark == .belowTarget)
    }

    @Test func aMissingMonthIsMissingNeverZero() throws {
        var m = try Self.tracking()
        try m.runAll("""
        actual X1 2027-01 900
        actual X1 2027-03 900
        """)
        let f = YearFigures(m.state)
        let q1 = f.figure(m.state.contribs[1]!, .quarter(2027, 1))
        // two months recorded are held to two months of target, not three (and not a zero February)
        #expect(q1.actual == 1800 && q1.bounds?.target == 1800 && q1.completion == 100)
        #expect(q1.missing == [.month(2027, 2)] && q1.coveredMonths == 2 && !q1.isComplete)
        #expect(q1.fullBounds.target == 2700)
        let none = f.figure(m.state.contribs[1]!, .quarter(2027, 2))
        #expect(none.actual == nil && none.completion == nil && none.mark == .none && none.missing.count == 3)
    }

    @Test func aQuarterlyTargetIsPerQuarterAndSplitIntoMonths() throws {
        var m = try Self.tracking()
        try m.runAll("""
        actual X3 2027-Q1 1,200,000
        actual X3 2027-04 500000
        actual X3 2027-05 400000
        actual X3 2027-06 300000
        """)
        let f = YearFigures(m.state)
        let x3 = m.state.contribs[3]!
        #expect(f.figure(x3, .quarter(2027, 1)).completion == 100)
        #expect(f.periodBounds(x3, .month(2027, 4)).target == 400_000)
        let q2 = f.figure(x3, .quarter(2027, 2))
        #expect(q2.actual == 1_200_000 && q2.bounds?.target == 1_200_000 && q2.pieces.count == 3)
        let h1 = f.figure(x3, .half(2027, 1))
        #expect(h1.actual == 2_400_000 && h1.bounds?.target == 2_400_000 && h1.pieces == [.quarter(2027, 1), .month(2027, 4), .month(2027, 5), .month(2027, 6)])
        let year = f.figure(x3, .whole(2027))
        #expect(year.bounds?.target == 2_400_000 && year.fullBounds.target == 4_800_000 && year.coveredMonths == 6)
    }

    @Test func ratesAreAveragedAndLevelsTakeTheLastValue() throws {
        var m = try Self.tracking()
        try m.runAll("""
        actual X5 2027-01 16%
        actual X5 2027-02 18%
        actual X5 2027-03 20%
        actual X4 2027-Q1 400
        actual X4 2027-Q2 360
        """)
        let f = YearFigures(m.state)
        let x5 = m.state.contribs[5]!, x4 = m.state.contribs[4]!
        #expect(f.aggregation(x5) == .mean && f.aggregation(x4) == .mean)
        let q1 = f.figure(x5, .quarter(2027, 1))
        #expect(q1.actual == 18 && q1.bounds == Bounds(floor: 15, target: 18, challenge: 22) && q1.completion == 100)
        // CAC goes down: 400 is between floor 420 and target 380; the half averages the quarters
        #expect(f.figure(x4, .quarter(2027, 1)).completion == 80)
        #expect(f.figure(x4, .half(2027, 1)).actual == 380)
        try m.run("aggregate X5 last")
        #expect(YearFigures(m.state).figure(m.state.contribs[5]!, .quarter(2027, 1)).actual == 20)
        try m.run("aggregate X5 default")
        #expect(m.state.contribs[5]!.aggregation == nil)
        #expect(BuiltinAggregation.of("followers") == .last && BuiltinAggregation.of("revenue") == .sum
                && BuiltinAggregation.of("ctr") == .mean && BuiltinAggregation.of("nope") == nil)
        #expect(YearFigures.aggregation(metric: nil, unit: "%") == .mean && YearFigures.aggregation(metric: nil, unit: "calls") == .sum)
    }

    /// A metric the session adds says how its periods add up (`metric add … --agg last`):
    /// contributions on it follow it unless they override it (`aggregate`); `metric show` says
    /// it, for built-in metrics too; a word that is not an aggregation is refused.
    @Test func aMetricTheSessionAddsSaysHowItsPeriodsAddUp() throws {
        var m = Meeting()
        try m.runAll("""
        dept add Ops
        metric add stock_level --name "Stock level" --zh 庫存水位 --kind business --agg last
        metric add pick_errors --name "Pick errors"
        """)
        #expect(m.state.metrics["stock_level"]?.aggregation == .last && m.state.metrics["pick_errors"]?.aggregation == nil)
        let shown = Paint.strip(try m.run("metric show stock_level").output)
        #expect(shown.contains("over periods (a quarter, the year): last value"), "\(shown)")
        #expect(Paint.strip(try m.run("metric show pick_errors").output).contains("by the KPI's unit"))
        #expect(Paint.strip(try m.run("metric show followers").output).contains("over periods (a quarter, the year): last value"))
        #expect(throws: CommandError.self) { try m.run("metric add x_rate --name \"X rate\" --agg median") }

        var t = try Self.tracking()
        t.state.metrics["stock_level"] = m.state.metrics["stock_level"]
        var c = t.state.contribs[5]!
        c.metric = "stock_level"
        c.aggregation = nil
        #expect(YearFigures(t.state).aggregation(c) == .last)
        c.aggregation = .sum
        #expect(YearFigures(t.state).aggregation(c) == .sum, "the contribution's own override wins")
        c.metric = "pick_errors"
        c.aggregation = nil
        t.state.metrics["pick_errors"] = m.state.metrics["pick_errors"]
        #expect(YearFigures(t.state).aggregation(c) == YearFigures.aggregation(metric: "pick_errors", unit: c.unit))
    }

    // MARK: commands

    @Test func actualRecordsReplacesAndUndoes() throws {
        var m = try Self.tracking()
        let out = try m.text("actual X1 2027年3月 850 --note \"trade show moved\"")
        #expect(out.contains("X1 Sales-accepted leads · 2027-03: actual 850 leads (target 900) · completion 90% ⚠"))
        #expect(out.contains("miss X1 2027-03"))
        let again = try m.text("actual X1 2027-03 1,000")
        #expect(again.contains("was 850") && again.contains("110%"))
        #expect(m.state.actuals[PeriodKey(1, .month(2027, 3))]?.value == 1000)
        #expect(m.state.actuals[PeriodKey(1, .month(2027, 3))]?.note == "trade show moved")
        #expect(m.events.last?.kind == "actual.replace")
        try m.run("undo")
        #expect(m.state.actuals[PeriodKey(1, .month(2027, 3))]?.value == 850)
        try m.run("undo")
        #expect(m.state.actuals.isEmpty)
        #expect(m.error("actual X1 2027-13 5")?.contains("is not a period") == true)
        #expect(m.error("actual X1 2027-03 lots")?.contains("is not a number") == true)
        #expect(m.error("actual X99 2027-03 5")?.contains("X99") == true)
        // signatures are untouched by actuals
        #expect(Signatures.review(m.state).allSatisfy { $0.status == .signed })
    }

    @Test func valuesAcceptTheToolsNumberSpellings() throws {
        var m = try Self.tracking()
        try m.run("actual X3 2027-Q1 120萬")
        #expect(m.state.actuals[PeriodKey(3, .quarter(2027, 1))]?.value == 1_200_000)
        try m.run("actual X5 2027-01 17.5%")
        #expect(m.state.actuals[PeriodKey(5, .month(2027, 1))]?.value == 17.5)
    }

    @Test func missAndRetroAreRecordedPerPeriod() throws {
        var m = try Self.tracking()
        try m.run("actual X1 2027-03 650")
        try m.run("miss X1 2027-03 --cause \"trade show moved\" --action \"two webinars\" --owner \"Dana Reyes\"")
        let miss = try #require(m.state.misses[PeriodKey(1, .month(2027, 3))])
        #expect(miss.cause == "trade show moved" && miss.action == "two webinars" && miss.owner == "Dana Reyes")
        #expect(m.error("miss X1 2027-03 --cause x")?.contains("--action") == true)
        try m.run("retro Marketing 2027-Q1 --went-well \"webinars\" --problem \"trade show\" --next \"two events a month\"")
        #expect(m.state.retros[PeriodKey(1, .quarter(2027, 1))]?.next == "two events a month")
        let sheet = TrackingSheet(m.state, period: .month(2027, 3), depts: [1])
        #expect(sheet.departments.count == 1 && sheet.departments[0].rows[0].miss == miss)
        let review = YearReview(m.state, period: .quarter(2027, 1))
        #expect(review.departments[0].retros.count == 1)
    }

    @Test func theTrackingSheetShowsTheChangeAndTheMarks() throws {
        var m = try Self.tracking()
        try m.runAll("""
        actual X1 2027-02 800
        actual X1 2027-03 650
        actual X2 2027-03 320
        """)
        let sheet = TrackingSheet(m.state, period: .month(2027, 3), depts: [1])
        let rows = sheet.departments[0].rows
        #expect(rows.map(\.contribution.id) == [1, 2])
        #expect(rows[0].figure.mark == .belowFloor && rows[0].previous == 800 && rows[0].change == -150)
        #expect(rows[0].changePercent == -18.75)
        #expect(rows[1].figure.mark == .met && rows[1].previous == nil && rows[1].change == nil)
        let text = try m.text("track 2027-03 Marketing")
        #expect(text.contains("Tracking sheet · 2027-03") && text.contains("0% ✗") && text.contains("-18.8%"))
        #expect(!text.contains("Expansion revenue"))
        // a department before a period works too, and without a period the latest month is shown
        #expect(try m.text("track Marketing").contains("2027-03"))
    }

    @Test func earlyWarningsBelowFloorTwiceAndFallingThreeTimes() throws {
        var m = try Self.tracking()
        try m.runAll("""
        actual X1 2027-01 690
        actual X1 2027-02 650
        actual X2 2027-01 400
        actual X2 2027-02 360
        actual X2 2027-03 320
        actual X2 2027-04 280
        """)
        let (month, warnings) = try #require(EarlyWarning.current(m.state))
        #expect(month == .month(2027, 4))
        // X1 was below its floor in January and February, but April is the month judged: nothing recorded since
        #expect(warnings.map(\.kind) == [.fallingThree])
        #expect(warnings[0].contrib == 2 && warnings[0].completions == [120, 112, 104, 92])
        let feb = EarlyWarning.find(m.state.contribs[1]!, upTo: .month(2027, 2), YearFigures(m.state))
        #expect(feb.map(\.kind) == [.belowFloorTwice] && feb[0].periods == [.month(2027, 1), .month(2027, 2)])
        // a gap breaks a run
        try m.run("actual X1 2027-04 600")
        let apr = EarlyWarning.find(m.state.contribs[1]!, upTo: .month(2027, 4), YearFigures(m.state))
        #expect(apr.isEmpty)
        let status = Paint.strip(try m.text("status"))
        #expect(status.contains("5 track") && status.contains("early warning"))
        #expect(try m.text("track 2027-04").contains("falling three periods running"))
    }

    @Test func intoTrackingOnlyWithEveryLetterSigned() throws {
        var m = try MapSignFixture.atSign()
        let refused = try m.run("next")
        #expect(refused.failed && Paint.strip(refused.output).contains("not signed by head and supervisor"))
        #expect(m.state.meta.step == .sign)
        try m.run("next --force \"tracking starts before the last signature\"")
        #expect(m.state.meta.step == .track && m.state.meta.forced?["sign"] != nil)
    }

    // MARK: review

    @Test func theReviewWeighsCompletionsIntoPointsAndAGrade() throws {
        var m = try Self.tracking()
        // Marketing: X1 (70) at 110%, X2 (30) at 90% over Q1 → 77 + 27 = 104 → A
        try m.runAll("""
        actual X1 2027-01 1000
        actual X1 2027-02 1000
        actual X1 2027-03 1000
        actual X2 2027-Q1 825
        """)
        let r = YearReview(m.state, period: .quarter(2027, 1), depts: [1])
        let d = try #require(r.departments.first)
        #expect(d.rows.map(\.points) == [77, 27])
        #expect(d.points == 104 && d.score == 104 && d.grade == "A" && d.scoredWeight == 100 && d.isComplete)
        #expect(d.rows[0].parts.map(\.actual) == [1000, 1000, 1000])
        #expect(d.rows[0].months.map(\.completion) == [110, 110, 110])
        #expect(d.rows[1].months.allSatisfy { $0.actual == nil } && d.rows[1].months[0].fullBounds.target == 300)
        #expect(YearPeriod.whole(2027).reviewParts == (1...4).map { .quarter(2027, $0) })
        #expect(YearPeriod.half(2027, 2).reviewParts == [.quarter(2027, 3), .quarter(2027, 4)])
        try m.run("grade bands S:103 A:100 B:80 C:0")
        #expect(YearReview(m.state, period: .quarter(2027, 1), depts: [1]).departments[0].grade == "S")
        let text = try m.text("review 2027-Q1 Marketing")
        #expect(text.contains("Marketing — 104 points · grade S"))
    }

    @Test func aRowWithoutActualsIsNotScoredAsZero() throws {
        var m = try Self.tracking()
        try m.run("actual X1 2027-Q1 3000")   // 110%
        let d = YearReview(m.state, period: .quarter(2027, 1), depts: [1]).departments[0]
        #expect(d.points == 77 && d.scoredWeight == 70 && d.totalWeight == 100 && d.scoredRows == 1)
        #expect(d.score == 110 && d.grade == "A" && !d.isComplete)
        let text = try m.text("review 2027-Q1 Marketing")
        #expect(text.contains("77 points on 70 of 100 weight → 110 · grade A (provisional)"))
        #expect(text.contains("X2: no actual for 2027-01…2027-03"))
    }

    @Test func goalsAndStagesShowProgressAndTheirWeakestRow() throws {
        var m = try Self.tracking()
        try m.runAll("""
        actual X1 2027-Q1 3000
        actual X2 2027-Q1 840
        actual X4 2027-Q1 400
        """)
        let r = YearReview(m.state, period: .quarter(2027, 1))
        let g2 = try #require(r.goals.first { $0.goal == 2 })
        // G2: X1 (70) at 110, X4 (60) at 80, X5 (40) no actual
        #expect(g2.contributions == [1, 4, 5] && g2.weakest == 4 && g2.weakestCompletion == 80)
        #expect(abs(g2.completion! - (70 * 110 + 60 * 80) / 130.0) < 1e-9)
        let acq = try #require(r.stages.first { $0.stage == .acquisition })
        #expect(acq.contributions == [1, 4] && acq.weakest == 4)
    }

    // MARK: adjustments

    @Test func anApprovedAdjustmentAppliesFromItsPeriodAndTheLetterIsSignedAgain() throws {
        var m = try Self.tracking()
        for month in 1...12 { try m.run("actual X1 2027-\(month < 10 ? "0" : "")\(month) 1000") }
        let requested = try m.text("adjust X1 --target 1000 --challenge 1200 --floor 800 --reason \"new region\" --from 2027-07")
        #expect(requested.contains("A1 requested") && requested.contains("approve A1 \"Chris Wong\""))
        #expect(Signatures.review(m.state).allSatisfy { $0.status == .signed })   // a request changes nothing yet
        #expect(m.error("approve A1 \"Dana Reyes\"")?.contains("cannot approve") == true)
        let approved = try m.text("approve A1 \"Chris Wong\"")
        #expect(approved.contains("revision 2") && approved.contains("voids 2 signatures"))
        let letter = Letter(m.state.depts[1]!, in: m.state)
        #expect(letter.revision == 2 && letter.rows.first { $0.id == 1 }?.target == 1000)
        #expect(Signatures.review(m.state, depts: [1])[0].status == .void)
        #expect(letter.canonical.contains("adjustment 1 row 1 from 2027-07 floor 800 target 1000 challenge 1200 before floor 700 target 900 challenge 1100"))
        let f = YearFigures(m.state)
        let x1 = m.state.contribs[1]!
        #expect(f.letterBounds(x1, in: .month(2027, 6)).target == 900)
        #expect(f.letterBounds(x1, in: .month(2027, 7)).target == 1000)
        #expect(f.figure(x1, .month(2027, 6)).completion == 110)
        #expect(f.figure(x1, .month(2027, 7)).completion == 100)
        let q3 = f.figure(x1, .quarter(2027, 3))
        #expect(q3.bounds?.target == 3000 && q3.completion == 100)
        let year = f.figure(x1, .whole(2027))
        #expect(year.bounds?.target == 6 * 900 + 6 * 1000 && year.actual == 12000)
        #expect(f.adjustedWithin(x1, .whole(2027)) && !f.adjustedWithin(x1, .quarter(2027, 3)))
        // signed again, it holds
        try m.run("sign Marketing head \"Dana Reyes\"")
        try m.run("sign Marketing supervisor \"Chris Wong\"")
        #expect(Signatures.review(m.state, depts: [1])[0].status == .signed)
        #expect(m.error("approve A1 \"Chris Wong\"")?.contains("was approved by Chris Wong") == true)
        // undo of the signatures and the approval puts the old values back
        try m.run("undo"); try m.run("undo"); try m.run("undo")
        #expect(m.state.contribs[1]!.target == 900 && m.state.adjustments[1]!.status == .requested)
    }

    @Test func theDirectorMayApproveAnyDepartmentsAdjustment() throws {
        var m = try Self.tracking()
        try m.run("adjust X5 --target 19% --reason \"pricing change\" --basis \"Q1 pricing memo\" --from 2027-Q3")
        #expect(m.error("approve A1 \"Pat Lee\"") != nil)
        try m.run("director \"Pat Lee\"")
        try m.run("approve A1 \"pat lee\"")
        #expect(m.state.adjustments[1]?.approvedBy == "Pat Lee" && m.state.adjustments[1]?.basis == "Q1 pricing memo")
        #expect(m.error("adjust X5 --target 12 --reason r --from 2027-09")?.contains("floor") == true)   // below the floor of 15
    }

    // MARK: the letter's content, version 2

    @Test func newSignaturesSignVersion2AndVersion1SignaturesStillHold() throws {
        var m = try MapSignFixture.signed()
        let v2 = try #require(m.state.signatures.all.first)
        #expect(v2.letter == 2)
        let letter = Letter(m.state.depts[1]!, in: m.state)
        #expect(letter.canonical.hasPrefix("accord-letter/2\n"))
        #expect(letter.canonical.hasSuffix("scoring linear below-floor 0 floor 60 target 100 challenge 120 cap 120\ngrades S:120 A:100 B:80 C:0\n"))
        #expect(letter.canonical.contains("\nrevision 1\n") && letter.canonical.contains(" cycle monthly aggregate -\n"))
        // a signature made before version 2 (no `letter`) is checked against version 1
        var old = v2
        old.letter = nil
        old.digest = letter.digest(version: 1)!
        m.state.signatures[old.id] = old
        #expect(Signatures.review(m.state, depts: [1])[0].head?.valid == true)
        // standard bands typed again change nothing; other bands void it (version 1 cannot say them)
        try m.run("grade bands S:120 A:100 B:80 C:0")
        #expect(m.state.meta.grades == nil && Signatures.review(m.state, depts: [1])[0].head?.valid == true)
        try m.run("grade bands S:110 A:95 B:80 C:0")
        #expect(Signatures.review(m.state, depts: [1])[0].head?.valid == false)
        #expect(Letter(m.state.depts[1]!, in: m.state).canonical(version: 1) == nil)
    }

    @Test func tabCompletionKnowsTheNewVerbs() throws {
        var m = try Self.tracking()
        try m.run("adjust X1 --target 1000 --reason r --from 2027-07")
        let s = m.state
        let first = Completion.complete("", s).candidates
        for verb in ["actual", "miss", "track", "review", "retro", "adjust", "approve", "grade"] { #expect(first.contains(verb), "\(verb)") }
        #expect(Completion.complete("actual ", s).candidates.contains("X1"))
        #expect(Completion.complete("actual l", s).candidates == ["list"])
        #expect(Completion.complete("actual X1 2027-0", s).candidates.contains("2027-03"))
        #expect(Completion.complete("actual X1 2027-Q", s).candidates == ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"])
        #expect(Completion.complete("actual list ", s).candidates.contains("Marketing"))
        #expect(Completion.complete("track ", s).candidates.contains("2027"))
        #expect(Completion.complete("retro ", s).candidates.contains("Marketing"))
        #expect(Completion.complete("approve ", s).candidates == ["A1"])
        #expect(Completion.complete("approve A1 ", s).candidates == ["\"Chris Wong\""])
        #expect(Completion.complete("grade ", s).candidates == ["bands"])
        #expect(Completion.complete("aggregate X1 ", s).candidates == ["sum", "mean", "last", "default"])
        #expect(Completion.complete("adjust X1 --from 2027-H", s).candidates == ["2027-H1", "2027-H2"])
        #expect(Completion.complete("miss X1 2027-03 --owner D", s).candidates == ["\"Dana Reyes\""])
    }

    @Test func helpListsTheYearsCommandsInEveryLanguage() throws {
        for lang in [Language.en, .zhHant, .zhHans] {
            let help = Language.$scoped.withValue(lang) { Paint.strip((try? Help.render([], width: 200)) ?? "") }
            for cmd in ["actual ID PERIOD VALUE", "track [PERIOD] [DEPT]", "review [PERIOD] [DEPT]", "adjust ID", "approve ADJUSTMENT NAME",
                        "grade bands", "retro DEPT PERIOD", "miss ID PERIOD"] {
                #expect(help.contains(cmd), "\(lang) \(cmd)")
            }
            #expect(help.contains(Language.$scoped.withValue(lang) { t("help.section.track") }))
        }
    }

    @Test func gradeBandsAreReadAndChecked() throws {
        let b = try GradeBands.parse(["A:100", "S:120", "C:0", "B:80"]).get()
        #expect(b == .standard && b.text == "S ≥ 120 · A ≥ 100 · B ≥ 80 · C < 80" && b.canonical == "S:120 A:100 B:80 C:0")
        #expect(b.grade(120) == "S" && b.grade(119.99) == "A" && b.grade(100) == "A" && b.grade(80) == "B" && b.grade(79.9) == "C")
        #expect(b.grade(-5) == "C")
        #expect((try? GradeBands.parse(["S120"]).get()) == nil)
        #expect((try? GradeBands.parse(["S:120", "S:100"]).get()) == nil)
        #expect((try? GradeBands.parse(["S:100", "A:100"]).get()) == nil)
        #expect(try GradeBands.parse(["優：110", "良=90", "可:0"]).get().grade(95) == "良")
    }
}

/// A small deterministic generator for the property loops (no dependency).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
}

extension TapeEntityTests {
    @Test func theYearsEntities() throws {
        var meta = Meta()
        meta.grades = GradeBands([GradeBand("S", 110), GradeBand("優", 90.5), GradeBand("C", 0)])
        meta.director = "Pat Lee"
        try roundTrip(meta)
        var c = Contribution(id: 1, goal: 1, dept: 2, stage: .revenue, kpi: "Expansion revenue", metric: nil, target: 1, challenge: 2,
                             floor: 0, unit: "USD", weight: 60, source: "S", cycle: .quarterly)
        c.aggregation = .last
        try roundTrip(c)
        var sig = Signature(id: 1, dept: 1, role: .head, name: "Dana", time: "t", digest: "sha256:00", delegate: false)
        sig.letter = 2
        try roundTrip(sig)
        try roundTrip(Actual(contrib: 1, period: .month(2027, 3), value: 2650, time: "t"))
        try roundTrip(Actual(contrib: 1, period: .quarter(2027, 1), value: -0.5, note: "備註 \"x\"", time: "t"))
        try roundTrip(Miss(contrib: 2, period: .half(2027, 1), cause: "c", action: "a", owner: nil, time: "t"))
        try roundTrip(Miss(contrib: 2, period: .whole(2027), cause: "原因", action: "措施", owner: "林", time: "t"))
        try roundTrip(Retro(dept: 1, period: .quarter(2027, 2), wentWell: "w", problem: "p", next: "n", time: "t"))
        var a = Adjustment(id: 1, contrib: 1, from: .month(2027, 7), new: Bounds(floor: 8, target: 10, challenge: 12),
                           old: Bounds(floor: 7, target: 9, challenge: 11), reason: "r", basis: nil, requested: "t")
        try roundTrip(a)
        a.status = .approved; a.approvedBy = "Chris"; a.approved = "t2"; a.basis = "memo"
        try roundTrip(a)
        try roundTrip(Op.actual(.create(Actual(contrib: 1, period: .month(2027, 3), value: 1, time: "t"))))
        try roundTrip(Op.miss(.create(Miss(contrib: 1, period: .month(2027, 3), cause: "c", action: "a", owner: nil, time: "t"))))
        try roundTrip(Op.retro(.remove(Retro(dept: 1, period: .whole(2027), wentWell: "w", problem: "p", next: "n", time: "t"))))
        try roundTrip(Op.adjustment(.update(a, a)))
        var s = State()
        s.actuals[PeriodKey(1, .month(2027, 3))] = Actual(contrib: 1, period: .month(2027, 3), value: 1, time: "t")
        s.adjustments[1] = a
        try roundTrip(s)
        // a state without the year's tables writes none of them
        let empty = String(decoding: try SessionFile.encodeState(State()), as: UTF8.self)
        #expect(!empty.contains("actuals") && !empty.contains("adjustments"))
    }
}
