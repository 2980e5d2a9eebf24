@testable import AccordCore
import Foundation
import Testing

@Suite("Demo: a complete worked example with a real event log")
struct DemoTests {
    @Test func theDemoIsAWholeMeetingWithEveryLetterSigned() throws {
        let demo = try Demo.build()
        let s = demo.state
        #expect(s.meta.title == "Acme 2027 Annual Alignment" && s.meta.step == .sign)
        #expect(s.depts.count == 4 && s.kpis.count == 12 && s.contribs.count == 8)
        #expect(s.goals.all.allSatisfy { $0.status == .adopted })
        #expect(Signatures.review(s).allSatisfy { $0.status == .signed })
        // every command that changed the session is one event; the refused adopt is not
        #expect(demo.events.count == 49)
        #expect(demo.events.map(\.seq) == Array(1...49))
        #expect(try State.folding(demo.events) == s)
    }

    @Test func theClockAdvancesAMinutePerCommand() throws {
        let demo = try Demo.build()
        #expect(demo.events.first?.time == "2027-01-15T09:00:00Z")
        #expect(demo.events[1].time == "2027-01-15T09:01:00Z")
        // the refused `goal adopt G1` took a minute too
        #expect(demo.events.first { $0.command == "goal edit G1 --target 14500" }?.time == "2027-01-15T09:19:00Z")
        #expect(zip(demo.events, demo.events.dropFirst()).allSatisfy { $0.time < $1.time })
        #expect(Demo.time("2027-01-15T23:59:00Z", plusMinutes: 2) == "2027-01-16T00:01:00Z")
    }

    @Test func theDemoFileLoadsVerifiesAndReplays() throws {
        let demo = try Demo.build(fileName: "demo.json")
        let image = try SessionFile.load(try demo.fileBytes())
        #expect(image.lines == demo.lines)
        #expect(ReplayVerify.run(image).holds)
        #expect(Verifier.check(image).report.holds)
    }
}
