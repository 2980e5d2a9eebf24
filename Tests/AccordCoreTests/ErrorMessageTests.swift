@testable import AccordCore
import Foundation
import Testing

@Suite("Errors carry catalog messages")
struct ErrorMessageTests {
    @Test func anUnknownCommandIsOneWholeTemplateWithItsSuggestion() {
        #expect(throws: CommandError(Message("error.unknown-command.suggest", ["cmd": "statsu", "nearest": "status"]))) {
            try Engine.parse(["statsu"], line: "statsu")
        }
        // the same English as when it was glued from three fragments
        #expect(CommandError(.suggesting("error.unknown-command", ["cmd": "statsu"], nearest: "status")).description
                == "Unknown command `statsu`. Did you mean `status`? Type `help` for the list of commands.")
        #expect(throws: CommandError(Message("error.unknown-command", ["cmd": "zzzzzz"]))) {
            try Engine.parse(["zzzzzz"], line: "zzzzzz")
        }
        #expect(t("error.unknown-command", ["cmd": "zzzzzz"]) == "Unknown command `zzzzzz`. Type `help` for the list of commands.")
    }

    @Test func anUnknownFlagNamesTheNearestAndTheUsage() throws {
        var m = Meeting()
        #expect(m.error("dept add Sales --haed Lin")
                == "Unknown flag --haed for `dept add`. Did you mean `--head`? Usage: \(Engine.spec("dept add")!.usage)")
        do { try m.run("dept add Sales --zzzzzz Lin"); Issue.record("accepted") } catch let e as CommandError {
            #expect(e.message.key == "error.unknown-flag")
            #expect(e.message.args["flag"] == "--zzzzzz")
        }
    }

    @Test func aFoldErrorSaysWhichEventAndWhy() {
        var s = State()
        let op = Op.dept(.update(Department(id: 1, name: "A"), Department(id: 1, name: "B")))
        let e = Event(seq: 4, prev: Event.genesis, time: "2027-01-15T09:00:00Z", step: .setup, command: "dept rename A B",
                      kind: "dept.rename", ops: [op])
        do { try s.fold(e); Issue.record("folded") } catch let f as FoldError {
            #expect(f.message.key == "fold.in-event")
            #expect(f.message.args == ["seq": "4"])
            #expect(f.message.nested["why"] == Message("fold.mismatch", ["table": "dept", "key": "1"]))
            #expect(f.description == "event 4: dept 1: the state does not match the value this change starts from")
        } catch { Issue.record("\(error)") }
    }

    @Test func errorsChosenOrBuiltInCodeAreMessagesToo() {
        #expect(throws: CommandError("goal.none-yet", ["id": "G9"])) { try GoalCommands.goal("G9", in: State()) }
        #expect(CommandError("goal.none-yet", ["id": "G9"]).description == "No goal `G9`: there are no goals yet (`goal add`).")
        let out = Bounds(floor: 10, target: 5, challenge: 20).error(dir: .up, metric: "leads")
        #expect(out?.key == "bounds.wrong-order.up")
        #expect(out?.nested["values"]?.key == "bounds.values")
        #expect(out.map { !$0.rendered().contains("⟨") && $0.rendered().contains("leads") } == true)
    }

    @Test func aMessageOfAnyErrorKeepsItsWords() {
        struct Other: Error, CustomStringConvertible { var description: String { "disk on fire" } }
        #expect(Message.of(Other()).rendered() == "disk on fire")
        #expect(Message.of(CommandError("kpi.bad-id", ["ref": "Q"])) == Message("kpi.bad-id", ["ref": "Q"]))
        #expect(Message("store.not-recorded", nested: ["why": Message("kpi.bad-id", ["ref": "Q"])]).rendered()
                == "Not recorded, nothing changed: `Q` is not a KPI id (K1, K2 …).")
    }

    /// Every key an error is built with is in the catalog (a finished sentence passed where a
    /// key belongs would show as ⟨…⟩): read from the sources, so a new error is checked too.
    @Test func everyErrorKeyInTheSourcesIsInTheCatalog() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(pattern:
            #"(CommandError\(|FoldError\(|StoreError\(\.[a-z]+, |Message\(|suggesting\()\s*"([^"\\]*)""#)
        var found = 0
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let head = String(text[Range(m.range(at: 1), in: text)!])
                let key = String(text[Range(m.range(at: 2), in: text)!])
                if key.hasSuffix(".") { continue }  // a prefix completed in code (`store.io.` + action)
                found += 1
                #expect(Messages.english[key] != nil, "\(file): \(key) is not in the catalog")
                if head == "suggesting(" { #expect(Messages.english[key + ".suggest"] != nil, "\(file): \(key).suggest") }
            }
        }
        #expect(found > 100)
    }
}
