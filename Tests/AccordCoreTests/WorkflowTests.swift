@testable import AccordCore
import Foundation
import Testing

/// Issue 12 §1: the steps are data in one table.
@Suite("workflow: the steps as data")
struct WorkflowTests {
    @Test func theTableHoldsEveryStepInOrder() {
        #expect(Workflow.steps.map(\.step) == Step.allCases)
        #expect(Workflow.numbered == Step.allCases.count - 1)
    }

    @Test func labelsAndTitlesComeFromTheTable() {
        #expect(Step.goals.label == "2/6 goals")
        #expect(Step.setup.label == "setup")
        #expect(Workflow.title(.sign) == "4 sign")
        #expect(Workflow.title(.track) == "5 track")
        #expect(Step.track.label == "5/6 track")
        #expect(Workflow.names == "setup|audit|goals|map|sign|track|review")
        #expect(Engine.spec("step")?.usage == "step setup|audit|goals|map|sign|track|review [--force REASON]")
    }

    @Test func theSchemaListsTheSameSteps() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("schema/session.schema.json")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let defs = schema["$defs"] as! [String: Any]
        let step = defs["step"] as! [String: Any]
        #expect(step["enum"] as? [String] == Step.allCases.map(\.rawValue))
    }

    @Test func everyStepHasAHelpSectionWithItsCommands() throws {
        let help = Paint.strip(try Help.render([], width: 200))
        for d in Workflow.steps {
            #expect(help.contains(t(d.helpSection)), "\(d.step)")
        }
    }

    @Test func theLastStepsHintComesFromItsOwnEntry() throws {
        var m = try MapSignFixture.signed()
        #expect(Status.nextHint(m.state) == Workflow.definition(.sign).hint(m.state))
        try m.run("next")
        try m.run("next")
        #expect(m.state.meta.step == .review)
        #expect(Status.nextHint(m.state) == Workflow.definition(.review).hint(m.state))
        #expect(m.error("next")?.contains("This is the last step (6 review).") == true)
    }

    @Test func signBelongsToItsStepAndSaysSo() throws {
        var m = try MapSignFixture.contributed()
        #expect(m.error("sign Marketing head \"Dana Reyes\"")
                == "`sign` belongs to 4 sign, and the room is at setup: move there with `step sign` (its gates say what is still missing).")
        #expect(m.state.signatures.isEmpty)
        // other commands of a step work anywhere by design: data comes in any order
        try m.run("kpi add Marketing \"Website traffic\"")
        try m.run("step sign --force \"test\"")
        try m.run("sign Marketing head \"Dana Reyes\"")
        #expect(m.state.signatures.count == 1)
    }

    @Test func anUnknownStepListsTheTablesSteps() throws {
        var m = Meeting()
        #expect(m.error("step rehearse")?.hasPrefix("No step `rehearse`: the steps are setup, audit, goals, map, sign, track, review.") == true)
    }
}
