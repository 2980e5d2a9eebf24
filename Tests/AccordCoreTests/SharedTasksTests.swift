@testable import AccordCore
import Foundation
import Testing

@Suite("SharedTasks: work two threads take in turn")
struct SharedTasksTests {
    /// Every task runs exactly once, and what each wrote is there when `run` returns, however
    /// the two threads happen to share them.
    @Test func everyTaskRunsOnceAndItsResultIsSeen() {
        final class Slots: @unchecked Sendable {
            let runs = UnsafeMutableBufferPointer<Int>.allocate(capacity: 200)
            init() { runs.initialize(repeating: 0) }
            deinit { runs.deallocate() }
        }
        for _ in 0..<50 {
            let slots = Slots()
            let tasks: [@Sendable () -> Void] = (0..<200).map { i in
                { slots.runs[i] += 1 + (i % 3 == 0 ? (0..<2_000).reduce(0) { $0 &+ $1 } & 0 : 0) }
            }
            SharedTasks(tasks).run()
            #expect(slots.runs.allSatisfy { $0 == 1 })
        }
    }

    /// Opening shares the work (the file is over 64 KB) and finds what the serial checks find:
    /// a healthy file opens; an event line edited in the middle is named.
    @Test func theSharedOpenFindsWhatTheSerialCheckFinds() throws {
        var m = Meeting()
        try m.runAll(FoldTests.setup + "\nnext")
        try m.runAll((0..<300).map { "kpi add Marketing \"Reach \($0)\" --target \($0 + 1)" }.joined(separator: "\n"))
        let data = SessionFile.encode(stateLine: try SessionFile.encodeState(m.state), lines: m.lines)
        #expect(data.count > 1 << 16)
        let image = try SessionFile.load(data)
        #expect(image.state == m.state)
        #expect(SessionFile.integrityProblems(image).isEmpty)
        var text = String(decoding: data, as: UTF8.self)
        let target = "\"name\":\"Reach 150\""
        let at = try #require(text.range(of: target, options: .backwards))  // in its event's line
        text.replaceSubrange(at, with: "\"name\":\"Reach 151\"")
        #expect(throws: SessionFile.LoadError.self) { try SessionFile.load(Data(text.utf8)) }
        let parsed = try SessionFile.parse(Data(text.utf8))
        let serial = SessionFile.integrityProblems(parsed)
        #expect(!serial.isEmpty)
        do { _ = try SessionFile.load(Data(text.utf8)) } catch let SessionFile.LoadError.integrity(why) {
            #expect(why == serial.first)
        }
    }
}
