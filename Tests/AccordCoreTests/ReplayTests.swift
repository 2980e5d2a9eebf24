@testable import AccordCore
import Foundation
import Testing

@Suite("Replay: the timeline, filters, the state at a point, step-through, verify")
struct ReplayTests {
    static let demo: Demo.Session = try! Demo.build()

    func effect(_ timeline: Timeline, _ command: String, occurrence: Int = 1) -> String? {
        timeline.entries.filter { $0.command == command }.dropFirst(occurrence - 1).first?.effect
    }

    @Test func theTimelineSaysWhatEachEventChangedInWords() throws {
        let tl = Timeline(Self.demo.events)
        #expect(tl.problem == nil)
        #expect(tl.entries.count == Self.demo.events.count)
        #expect(tl.entries.map(\.seq) == Array(1...Self.demo.events.count))
        #expect(effect(tl, "period 2027") == "period set: 2027")
        #expect(effect(tl, "dept add Marketing --head \"Dana Reyes\" --supervisor \"Chris Wong\"")
                == "Marketing added (head Dana Reyes, supervisor Chris Wong)")
        #expect(effect(tl, "kpi import kpi-sheet-en.csv") == "K1–K12 imported (12 KPIs)")
        #expect(effect(tl, "conflict resolve C1 \"Marketing and Sales agree that lead quality is judged by Sales-accepted leads\"")
                == "C1 resolved: “Marketing and Sales agree that lead quality is judged by Sales-accepted leads”")
        #expect(effect(tl, "next --force \"remaining conflicts are carried into the goal discussion\"")
                == "moved to 2 goals, gate passed by force: remaining conflicts are carried into the goal discussion")
        #expect(effect(tl, "vote G1 \"Customer Success\" object \"Retention work needs a support headcount decision first\"")
                == "G1 r1 Customer Success object: 2 agree, 1 object, 1 to vote")
        #expect(effect(tl, "goal edit G1 --target 14500") == "G1 r2: target 15,000 → 14,500; votes reset")
        #expect(effect(tl, "goal adopt G1") == "G1 revision 2 adopted: 3 agree, 1 abstain")
        #expect(effect(tl, "map G1 retention revenue referral") == "G1 mapped to retention, revenue, referral")
        #expect(effect(tl, "sign Marketing head \"Dana Reyes\"") == "Marketing head signed (Dana Reyes)")
        #expect(effect(tl, "audit")?.hasPrefix("C1–C6 registered (6 conflicts: ") == true)
        // the refused first `goal adopt G1` made no event
        #expect(tl.entries.filter { $0.command == "goal adopt G1" }.count == 1)
    }

    @Test func anImportThatCreatesDepartmentsSaysSo() throws {
        var m = Meeting()
        try m.runAll("title T\nperiod 2027")
        try m.run("kpi import sheet.csv", files: ["sheet.csv": Demo.kpiSheet])
        let tl = Timeline(m.events)
        #expect(tl.entries.last?.effect == "K1–K12 imported (12 KPIs, 4 departments created)")
        #expect(tl.entries.last?.narration.depts == Set(m.state.depts.byKey.keys))
    }

    @Test func undoAndRedoNameTheEventTheyTakeBack() throws {
        var m = Meeting()
        try m.runAll("""
        dept add Sales --head "Omar Haddad"
        dept add Growth
        dept rename Growth 成長組
        undo
        redo
        undo
        undo
        """)
        let fx = Timeline(m.events).entries.map(\.effect)
        #expect(fx[2] == "Growth renamed to 成長組")
        #expect(fx[3] == "undo of #3 (dept rename Growth 成長組): 成長組 renamed to Growth")
        #expect(fx[4] == "redo of #3 (dept rename Growth 成長組): Growth renamed to 成長組")
        // undoing the redo (#5) takes back the rename again
        #expect(fx[5] == "undo of #5 (dept rename Growth 成長組): 成長組 renamed to Growth")
        #expect(fx[6] == "undo of #2 (dept add Growth): Growth removed")
    }

    @Test func aDepartmentIsFoundByAnyNameItHasHad() throws {
        var m = Meeting()
        try m.runAll("dept add Growth\ndept add Sales\ndept rename Growth 成長組\ndept edit 成長組 --head Lee")
        let tl = Timeline(m.events)
        let id = try #require(tl.department(named: "growth"))
        #expect(tl.department(named: "成長組") == id)
        #expect(tl.department(named: "Marketing") == nil)
        let mine = tl.entries.filter(ReplayFilter(dept: id).keeps).map(\.seq)
        #expect(mine == [1, 3, 4])
    }

    @Test func filtersKeepOnlyWhatTouchesTheStepDepartmentAndGoal() throws {
        let tl = Timeline(Self.demo.events)
        let growth = try #require(tl.department(named: "Growth"))
        let goals = tl.entries.filter(ReplayFilter(step: .goals).keeps)
        #expect(!goals.isEmpty && goals.allSatisfy { $0.step == .goals })
        let g2 = tl.entries.filter(ReplayFilter(goal: 2).keeps)
        #expect(g2.first?.command.hasPrefix("goal add \"Lower blended acquisition cost\"") == true)
        #expect(g2.contains { $0.command == "goal adopt G2" })
        #expect(g2.contains { $0.command.hasPrefix("contrib add G2 Growth") })
        #expect(!g2.contains { $0.command.hasPrefix("contrib add G1") })
        let both = tl.entries.filter(ReplayFilter(step: .sign, dept: growth).keeps).map(\.command)
        #expect(both == ["sign Growth head \"Lee Park\"", "sign Growth supervisor \"Chris Wong\""])
        #expect(ReplayFilter.goalNumber("g12") == 12)
        #expect(ReplayFilter.goalNumber("X1") == nil)
    }

    @Test func aChangeAfterSigningSaysWhichSignaturesItVoids() throws {
        var m = try MapSignFixture.signed()
        try m.run("contrib edit X3 --target 1,300,000", confirmed: true)
        let last = try #require(Timeline(m.events).entries.last)
        #expect(last.effect.hasPrefix("X3 edited: target 1,200,000 → 1,300,000; voids 2 signatures: Sales head Omar Haddad, Sales supervisor Chris Wong"))
        #expect(last.narration.depts.contains(m.state.department(named: "Sales")!.id))
    }

    @Test func idListsAreCompact() {
        #expect(IDList.compact("K", [3, 1, 2, 5, 7, 8]) == "K1–K3, K5, K7, K8")
        #expect(IDList.compact("C", [4]) == "C4")
        #expect(IDList.compact("X", Array(1...40).filter { $0 % 2 == 0 }, maxRuns: 3) == "X2, X4, X6, …")
    }

    @Test func theStateAtEventNIsTheFoldOfTheFirstNEvents() throws {
        var m = Meeting()
        var states: [State] = [State()]
        for line in Demo.script.split(separator: "\n").map(String.init) {
            let before = m.events.count
            let o = try m.run(line, files: [Demo.sheetName: Demo.kpiSheet], confirmed: true)
            if o.failed { continue }
            if m.events.count > before { states.append(m.state) }
        }
        for n in [0, 1, 8, 17, 23, m.events.count] {
            #expect(try ReplayView.state(after: n, of: m.events) == states[n], "at \(n)")
        }
    }

    @Test func theAtViewShowsStatusAndTheViewsAskedFor() throws {
        let s = try ReplayView.state(after: 23, of: Self.demo.events)
        let text = Paint.strip(ReplayView.render(n: 23, total: 49, event: Self.demo.events[22], state: s, show: [.goals, .grid]))
        #expect(text.hasPrefix("State after event 23 of 49 · 2027-01-15 09:24 UTC · 2 goals · goal adopt G1"))
        #expect(text.contains("▶ 2 goals"))
        #expect(text.contains("G1 Raise customer lifetime value · revision 2 · adopted (r2)"))
        #expect(text.contains("\nGrid\n"))
        #expect(!text.contains("Letters"))
        let end = Paint.strip(ReplayView.render(n: 49, total: 49, event: Self.demo.events.last, state: Self.demo.state, show: [.letters]))
        #expect(end.contains("目標責任書 · Responsibility letter — Growth"))
        #expect(end.components(separatedBy: "✓ valid").count - 1 == 8)
    }

    @Test func verifyHoldsForAnHonestFileAndFindsEveryKindOfEdit() throws {
        let bytes = try Self.demo.fileBytes()
        let honest = ReplayVerify.run(try SessionFile.parse(bytes))
        #expect(honest.holds && honest.events == 49)

        // the stored state edited, and its digest in the head fixed up to match: only the fold finds it
        var image = try SessionFile.parse(bytes)
        var edited = image.state
        edited.meta.title = "Something else"
        image.stateLine = try SessionFile.encodeState(edited)
        image.state = edited
        let forged = SessionFile.encode(stateLine: image.stateLine, lines: image.lines)
        let r1 = ReplayVerify.run(try SessionFile.parse(forged))
        #expect(r1.integrity.isEmpty)
        #expect(r1.fold.count == 1 && r1.fold[0].contains("meta"))
        #expect(!r1.holds)

        // an event edited: the chain breaks there
        var lines = image.lines
        lines[9] = Data(String(decoding: lines[9], as: UTF8.self).replacingOccurrences(of: "resolved", with: "accepted").utf8)
        let r2 = ReplayVerify.run(try SessionFile.parse(SessionFile.encode(stateLine: try SessionFile.encodeState(Self.demo.state), lines: lines)))
        #expect(r2.integrity.contains { $0.contains("event 11 does not follow event 10") })
        #expect(!r2.fold.isEmpty)
    }

    @Test func eventsDecodeInOrderOnEveryCoreAndTheFirstBadLineIsNamed() throws {
        var m = Meeting()
        for i in 0..<1500 { try m.run("dept add \"D\(i)\"") }
        let events = try ReplayLog.decode(m.lines)
        #expect(events == m.events)
        #expect(try ReplayLog.decode(m.lines, upTo: 10).map(\.seq) == Array(1...10))
        var bad = m.lines
        bad[1200] = Data("{\"seq\":1201}".utf8)
        bad[700] = Data("not json".utf8)
        #expect(throws: ReplayLog.Unreadable.self) { try ReplayLog.decode(bad) }
        do { _ = try ReplayLog.decode(bad) } catch let e as ReplayLog.Unreadable { #expect(e.seq == 701) }
    }

    @Test func stepThroughWalksForwardAndBackAndStopsAtTheEnd() {
        let tl = Timeline(Array(Self.demo.events.prefix(3)))
        var walk = StepThrough(tl.entries)
        #expect(Paint.strip(walk.intro).contains("Stepping through 3 events."))
        #expect(Paint.strip(walk.press(.back).text) == "Already before the first event.")
        let first = Paint.strip(walk.press(.next).text)
        #expect(first.hasPrefix("[1/3] #1 · 2027-01-15 09:00 UTC · setup"))
        #expect(first.contains("→ title set: Acme 2027 Annual Alignment"))
        #expect(Paint.strip(walk.press(.next).text).contains("#2 ·"))
        let back = Paint.strip(walk.press(.back).text)
        #expect(back.hasPrefix("Back: #2 taken back.\n[1/3] #1"))
        #expect(walk.position == 0)
        _ = walk.press(.next); _ = walk.press(.next)
        let end = walk.press(.next)
        #expect(end.done && Paint.strip(end.text) == "End of the log (3 events).")
        #expect(walk.press(.quit).done)
        #expect(StepThrough.key("") == .next && StepThrough.key("b") == .back && StepThrough.key("Q") == .quit
                && StepThrough.key("x") == .other)
    }

    // MARK: the fast fold of verify

    /// A meeting that touches every table, with undo and redo.
    static func everything() throws -> Meeting {
        var m = try MapSignFixture.signed()
        try m.run("kpi import sheet.csv", files: ["sheet.csv": Demo.kpiSheet])
        try m.runAll("""
        metric add partner_nps --name "Partner promoter score" --stage referral --kind outcome --dir up
        tension add partner_nps:up cac:down "promoters cost money"
        audit
        conflict resolve C1 "agreed"
        dept add Legal
        dept rename Legal 法務部
        undo
        redo
        undo
        dept rm Legal
        goal add "Grow referrals" --metric referrals --baseline 100 --target 150 --unit customers --by 2027-12-31
        vote G3 Marketing agree
        vote G3 Sales object "later"
        undo
        """)
        try m.run("contrib edit X3 --target 1,300,000", confirmed: true)
        try m.run("sign Sales head \"Omar Haddad\"")
        return m
    }

    static func file(_ m: Meeting, state: Data? = nil) throws -> Data {
        SessionFile.encode(stateLine: try state ?? SessionFile.encodeState(m.state), lines: m.lines)
    }

    @Test func honestSessionsVerify() throws {
        for m in [try Self.everything(), try MapSignFixture.signed()] {
            #expect(try ReplayVerify.run(file: try Self.file(m)).holds)
        }
        let demo = SessionFile.encode(stateLine: try SessionFile.encodeState(Self.demo.state), lines: Self.demo.lines)
        #expect(try ReplayVerify.run(file: demo).holds)
    }

    @Test func anEditedStateIsFoundAndNamed() throws {
        let m = try Self.everything()
        func edited(_ change: (inout State) -> Void) throws -> ReplayVerification {
            var s = m.state
            change(&s)
            let line = try SessionFile.encodeState(s)
            return try ReplayVerify.run(file: try Self.file(m, state: line))
        }
        let weight = try edited { $0.contribs[1]!.weight = 71 }
        #expect(weight.integrity.isEmpty && weight.fold.first?.contains("contribs X1") == true)
        let extra = try edited { $0.depts[99] = Department(id: 99, name: "Ghost") }
        #expect(extra.fold.first?.contains("depts D99") == true)
        let gone = try edited { $0.signatures[1] = nil }
        #expect(gone.fold.first?.contains("signatures S1") == true)
        let stack = try edited { $0.undoable.removeLast() }
        #expect(stack.fold.first?.contains("undoable") == true)
        let meta = try edited { $0.meta.counters["K", default: 0] += 1 }
        #expect(!meta.holds)
    }

    @Test func anEventThatDoesNotApplyIsFoundEvenWithARebuiltChain() throws {
        var m = Meeting()
        try m.runAll("dept add Sales\ndept edit Sales --head Omar\ndept edit Sales --head Lee")
        // event 3 claims to start from a head that was never there; the chain is forged to match
        var e3 = m.events[2]
        guard case var .dept(c) = e3.ops[0] else { Issue.record("no dept op"); return }
        c.before?.head = "Someone else"
        e3.ops[0] = .dept(c)
        var lines = Array(m.lines.prefix(2))
        e3.prev = Digest.sha256(lines[1])
        lines.append(try EventLine.encode(e3))
        let file = SessionFile.encode(stateLine: try SessionFile.encodeState(m.state), lines: lines)
        let r = try ReplayVerify.run(file: file)
        #expect(r.integrity.isEmpty)
        #expect(r.fold.first?.hasPrefix("event 3 does not apply to the state before it") == true)
    }

    @Test func aStateWrittenDifferentlyButEqualStillVerifies() throws {
        let m = try Self.everything()
        // the same state with one entity's keys in another order: not the bytes accord writes
        var line = String(decoding: try SessionFile.encodeState(m.state), as: UTF8.self)
        let dept = try #require(m.state.depts.all.first)
        let canonical = "{\"head\":\"Dana Reyes\",\"id\":\(dept.id),\"name\":\"Marketing\",\"supervisor\":\"Chris Wong\"}"
        let reordered = "{\"id\":\(dept.id),\"name\":\"Marketing\",\"head\":\"Dana Reyes\",\"supervisor\":\"Chris Wong\"}"
        #expect(line.contains(canonical))
        line = line.replacingOccurrences(of: canonical, with: reordered)
        // the state's digest no longer matches its bytes, but the fold gives the same state
        let r = try ReplayVerify.run(file: try Self.file(m, state: Data(line.utf8)))
        #expect(r.fold.isEmpty)
    }

    @Test func aKeyTwiceInAnEventBreaksTheChain() throws {
        let stateLine = try SessionFile.encodeState(Self.demo.state)
        for (from, to) in [("\"t\":\"dept\"", "\"t\":\"dept\",\"t\":\"kpi\""), ("\"seq\":3,", "\"seq\":3,\"seq\":4,"),
                           ("{\"head\":\"Dana Reyes\",\"id\":1,", "{\"head\":\"Dana Reyes\",\"id\":1,\"id\":2,")] {
            var lines = Self.demo.lines
            let text = String(decoding: lines[2], as: UTF8.self)
            #expect(text.contains(from), "\(from)")
            lines[2] = Data(text.replacingOccurrences(of: from, with: to).utf8)
            let r = try ReplayVerify.run(file: SessionFile.encode(stateLine: stateLine, lines: lines))
            #expect(!r.holds, "\(from)")
        }
    }
}
