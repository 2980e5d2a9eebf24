@testable import AccordCore
import Foundation

/// Runs commands through the engine the way the front end does, keeping the events in memory.
struct Meeting {
    var state = State()
    var events: [Event] = []
    var lines: [Data] = []
    var now = "2027-01-15T09:00:00Z"

    var log: MemoryLog { MemoryLog(events) }

    func context(confirmed: Bool = false, interactive: Bool = false,
                 files: [String: String] = [:]) -> Context {
        // a screen wide enough for every column: these tests read content; LayoutTests the fitting
        Context(now: now, interactive: interactive, confirmed: confirmed, fileName: "test.json", saved: true, log: log,
                readFile: { path in
                    guard let text = files[path] else { throw TestFailure("no file \(path)") }
                    return Data(text.utf8)
                }, width: 1000)
    }

    /// Runs one line; records an event when it changes the session. Returns the outcome.
    @discardableResult
    mutating func run(_ line: String, files: [String: String] = [:], confirmed: Bool = false) throws -> Outcome {
        let step = state.meta.step
        let outcome = try Engine.run(line, state: &state, ctx: context(confirmed: confirmed, files: files))
        if let change = outcome.change {
            let prev = lines.last.map { Digest.sha256($0) } ?? Event.genesis
            let e = change.event(seq: events.count + 1, prev: prev, time: now, step: step, command: line)
            state.record(e)
            events.append(e)
            lines.append(try EventLine.encode(e))
        }
        return outcome
    }

    /// Runs every line, failing on the first error.
    mutating func runAll(_ script: String, files: [String: String] = [:]) throws {
        for line in script.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            if line.hasPrefix("#") { continue }
            let o = try run(String(line), files: files)
            if o.failed { throw TestFailure("refused: \(line)\n\(Paint.strip(o.output))") }
        }
    }

    /// Text of a command's output without style markers.
    mutating func text(_ line: String) throws -> String { Paint.strip(try run(line).output) }

    /// The error message a line gives.
    mutating func error(_ line: String) -> String? {
        do { _ = try run(line); return nil } catch let e as CommandError { return e.message.rendered() } catch { return "\(error)" }
    }
}

/// A test's own failure, in plain words (the product's errors carry catalog messages).
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
