@testable import AccordCore
import Foundation
import Testing

@Suite("Fold, undo and redo")
struct FoldTests {
    static let setup = """
    title "Acme 2027"
    period 2027
    dept add Marketing --head "Dana Reyes" --supervisor "Chris Wong"
    dept add 行銷部 --head 林經理
    dept add Sales
    """

    @Test func stateIsTheFoldOfTheEvents() throws {
        var m = Meeting()
        try m.runAll(Self.setup + "\ndept rename Sales 業務部\nnext\nundo\nundo\nredo\ndept rm 行銷部\nundo")
        #expect(try State.folding(m.events) == m.state)
    }

    @Test func everyPrefixFoldsToTheStateAtThatPoint() throws {
        var m = Meeting()
        var states: [State] = []
        for line in (Self.setup + "\nundo\nundo\nredo\ndept edit Marketing --head Omar\nnext").split(separator: "\n") {
            try m.run(String(line))
            states.append(m.state)
        }
        for (n, expected) in states.enumerated() {
            #expect(try State.folding(m.events.prefix(n + 1)) == expected)
        }
    }

    @Test func undoTakesBackTheLastChangeAndIsItselfAnEvent() throws {
        var m = Meeting()
        try m.runAll(Self.setup)
        let before = m.state
        try m.run("dept add Growth")
        #expect(m.state.department(named: "growth") != nil)
        let out = try m.text("undo")
        #expect(out.contains("Undid #6: dept add Growth"))
        #expect(m.state.department(named: "Growth") == nil)
        #expect(m.events.count == 7)
        #expect(m.events[6].undoes == 6)
        // everything but the undo stacks and the counter is back
        #expect(m.state.depts == before.depts)
        #expect(m.state.redoable == [7])
    }

    @Test func redoPutsBackWhatUndoTookBack() throws {
        var m = Meeting()
        try m.runAll(Self.setup)
        try m.run("dept rename Sales 業務部")
        let renamed = m.state.depts
        try m.run("undo")
        #expect(m.state.department(named: "Sales") != nil)
        let out = try m.text("redo")
        #expect(out.contains("dept rename Sales 業務部"))
        #expect(m.state.depts == renamed)
        #expect(m.events.last?.redoes == 7)
        // and the redo can be undone again
        try m.run("undo")
        #expect(m.state.department(named: "Sales") != nil)
    }

    @Test func aNewChangeClearsRedo() throws {
        var m = Meeting()
        try m.runAll(Self.setup)
        try m.run("undo")
        try m.run("dept add Growth")
        #expect(m.error("redo") == "Nothing to redo.")
    }

    @Test func undoWalksBackToTheEmptySessionAndNoFurther() throws {
        var m = Meeting()
        try m.runAll(Self.setup)
        for _ in 0..<5 { try m.run("undo") }
        #expect(m.state.depts.isEmpty)
        #expect(m.state.meta.title == "")
        #expect(m.error("undo") == "Nothing to undo.")
        // IDs are never reused, even after undo
        try m.run("dept add Growth")
        #expect(m.state.department(named: "Growth")?.id == 1)
    }

    @Test func deptRemoveTakesItsDependentsAndUndoRestoresThem() throws {
        var m = Meeting()
        try m.runAll(Self.setup)
        var s = m.state
        var d = Draft(s)
        let id = d.nextID(.kpi)
        var k = KPI(id: id, dept: s.department(named: "Sales")!.id, name: "Revenue")
        k.metric = "revenue"
        d.put(k)
        s = d.state
        m.state = s
        let withKPI = m.state
        let out = try m.text("dept rm Sales")
        #expect(out.contains("1 KPI."))
        #expect(m.state.kpis.isEmpty)
        try m.run("undo")
        #expect(m.state.kpis == withKPI.kpis)
        #expect(m.state.depts == withKPI.depts)
    }

    @Test func foldRefusesAnOpThatDoesNotStartFromTheState() throws {
        var m = Meeting()
        try m.runAll(Self.setup)
        var events = m.events
        // event 4 claims to create department 2 again
        events.insert(events[3], at: 4)
        events[4].seq = 5
        #expect(throws: FoldError.self) { _ = try State.folding(events) }
    }

    @Test func failedFoldLeavesTheStateUntouched() throws {
        var m = Meeting()
        try m.runAll(Self.setup)
        var s = m.state
        let bad = Event(seq: 6, prev: "", time: m.now, step: .setup, command: "x", kind: "x",
                        ops: [.dept(.create(Department(id: 9, name: "New"))), .dept(.create(Department(id: 1, name: "Dup")))])
        #expect(throws: FoldError.self) { try s.fold(bad) }
        #expect(s == m.state)
    }

    @Test func opsRoundTripThroughJSON() throws {
        var m = Meeting()
        try m.runAll(Self.setup + "\nundo\nredo")
        for e in m.events {
            let line = try EventLine.encode(e)
            #expect(try EventLine.decode(line) == e)
            // canonical: encoding the decoded event gives the same bytes
            #expect(try EventLine.encode(EventLine.decode(line)) == line)
        }
    }

    @Test func gatesBlockNextUntilSetupIsDone() throws {
        var m = Meeting()
        try m.run("dept add Sales")
        let o = try m.run("next")
        #expect(o.failed)
        #expect(Paint.strip(o.output).contains("add at least two departments"))
        #expect(Paint.strip(o.output).contains("set the period"))
        #expect(m.state.meta.step == .setup)
        #expect(m.events.count == 1)
        try m.run("next --force \"we know\"")
        #expect(m.state.meta.step == .audit)
        #expect(m.events.last?.kind == "step.force")
        #expect(m.events.last?.command == "next --force \"we know\"")
    }
}

@Suite("TAB completion")
struct CompletionTests {
    func state() throws -> State {
        var m = Meeting()
        try m.runAll("""
        period 2027
        dept add 行銷部 --head 林經理 --supervisor 王副總
        dept add 業務部
        dept add "Customer Success" --head "Mei Tanaka"
        """)
        return m.state
    }

    @Test func commandsSubcommandsAndFlags() throws {
        let s = try state()
        #expect(Completion.complete("sta", s).candidates == ["status"])
        #expect(Completion.complete("dept r", s).candidates == ["rm", "rename"])
        #expect(Completion.complete("dept add X --he", s).candidates == ["--head"])
        #expect(Completion.complete("next --", s).candidates == ["--force"])
    }

    @Test func chineseDepartmentNamesAndQuoting() throws {
        let s = try state()
        let r = Completion.complete("dept rm 行", s)
        #expect(r.candidates == ["行銷部"])
        #expect(r.replace == 1)
        #expect(Completion.complete("dept rm Cus", s).candidates == ["\"Customer Success\""])
        #expect(Completion.complete("dept rm \"Cus", s).replace == 4)
        #expect(Completion.complete("dept rm ", s).candidates.count == 3)
    }

    @Test func stepsStagesAndRepeatedStages() throws {
        let s = try state()
        #expect(Completion.complete("step g", s).candidates == ["goals"])
        #expect(Completion.complete("map G1 ret", s).candidates == ["retention"])
        #expect(Completion.complete("map G1 retention re", s).candidates == ["retention", "revenue", "referral"])
    }

    @Test func signCompletesTheRecordedPerson() throws {
        let s = try state()
        #expect(Completion.complete("sign 行銷部 head ", s).candidates == ["林經理"])
        #expect(Completion.complete("sign 行銷部 supervisor ", s).candidates == ["王副總"])
        #expect(Completion.complete("sign \"Customer Success\" head M", s).candidates == ["\"Mei Tanaka\""])
    }
}

@Suite("Draft")
struct DraftTests {
    @Test func aRollBackWhoseInverseDoesNotApplyIsAnError() {
        var d = Draft(State())
        let id = d.nextID(.department)
        d.put(Department(id: id, name: "Sales"))
        // the state changed behind the draft's back: the recorded op's inverse no longer applies
        d.state.depts[id] = Department(id: id, name: "Growth")
        #expect(throws: UndoFailure.self) { try d.rollBack() }
    }

    @Test func takingBackAnOpTheStateDoesNotHoldIsAnError() throws {
        var s = State()
        let sales = Op.dept(.create(Department(id: 1, name: "Sales")))
        #expect(throws: UndoFailure.self) { try s.takeBack([sales]) }
        // applying ops is all or none: the first is taken back when the second does not apply
        let clash = Op.dept(.create(Department(id: 1, name: "Growth")))
        #expect(throws: FoldError.self) { try s.apply([sales, clash]) }
        #expect(s == State())
        try s.apply([sales])
        try s.takeBack([sales])
        #expect(s == State())
    }

    @Test func theSignatureTrialFailsLoudlyWhenTheOpsAreNotInTheState() throws {
        // a signed session, and ops that claim to have renamed a department it does not have
        var state = try MapSignFixture.signed().state
        #expect(!state.signatures.isEmpty)
        let ghost = Op.dept(.update(Department(id: 99, name: "A"), Department(id: 99, name: "B")))
        #expect(throws: UndoFailure.self) { try VoidGuard.impact(of: [ghost], in: &state) }
    }
    @Test func rollBackRestoresEverythingAndLeavesNoPendingChange() throws {
        var s = State()
        s.meta.title = "Acme"
        var d = Draft(s)
        let id = d.nextID(.department)
        d.put(Department(id: id, name: "Sales"))
        d.meta { $0.title = "Changed" }
        try d.rollBack()
        #expect(d.state == s)
        #expect(d.isEmpty)
        #expect(d.proposal(kind: "x") == nil)
        try d.rollBack()
        #expect(d.state == s)
        // and the draft can be used again afterwards
        d.put(Department(id: 1, name: "Growth"))
        let p = d.proposal(kind: "dept.add")
        #expect(p?.ops.count == 1)
    }
}

extension CompletionTests {
    @Test func exportChoicesComplete() throws {
        let s = try state()
        #expect(Completion.complete("export ", s).candidates == ["review", "sheet", "letters"])
        #expect(Completion.complete("export review --format ", s).candidates == ["md", "csv", "html", "json"])
        #expect(Completion.complete("export sheet --format ", s).candidates == ["md", "csv", "html", "json"])
    }
}
