// Measures what the tape decoder buys (docs/decisions/tape-decoder.md): the time to decode a
// session's state line, and a session's event lines, with TapeDecoder against Foundation's
// JSONDecoder, on the same bytes. Built without sanitizers (scripts/bench-decode).
//
//   DecodeBench COMMANDS.txt [RUNS]
//
// COMMANDS is a meeting's command script (scripts/lib/gen_session.py writes the realistic and
// the stress one); it is run through the real command layer in memory, each change recorded as
// an event, and the resulting state encoded the way the session file stores it.
import Foundation
@testable import AccordCore

let args = CommandLine.arguments
guard args.count >= 2 else { print("usage: DecodeBench COMMANDS.txt [RUNS]"); exit(2) }
let runs = args.count >= 3 ? Int(args[2]) ?? 9 : 9
let script = try String(contentsOfFile: args[1], encoding: .utf8)

var state = State()
var log = MemoryLog()
var failed = 0
for line in script.split(separator: "\n", omittingEmptySubsequences: true) {
    let ctx = Context(now: "2027-01-15T09:00:00Z", log: log, readFile: { _ in Data() })
    do {
        let outcome = try Engine.run(String(line), state: &state, ctx: ctx)
        if let change = outcome.change {
            log.events.append(Event(seq: log.events.count + 1, prev: Event.genesis, time: ctx.now, step: state.meta.step,
                                    command: String(line), kind: change.kind, ops: change.ops,
                                    undoes: change.undoes, redoes: change.redoes))
        }
    } catch { failed += 1 }
}
let stateLine = try SessionFile.encodeState(state)
let eventLines = try log.events.map(EventLine.encode)
let eventBytes = eventLines.reduce(0) { $0 + $1.count }

func median(_ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }
    return times.sorted()[times.count / 2]
}

// the two readers must agree before their times mean anything
let fast = try TapeDecoder.decodeFast(State.self, from: stateLine)
let slow = try JSONDecoder().decode(State.self, from: stateLine)
guard fast == slow, fast == state else { print("the readers disagree"); exit(1) }

let tapeState = try median { _ = try TapeDecoder.decodeFast(State.self, from: stateLine) }
let foundationState = try median { _ = try JSONDecoder().decode(State.self, from: stateLine) }
let tapeEvents = try median { for l in eventLines { _ = try TapeDecoder.decodeFast(EventLine.Whole.self, from: l) } }
let foundationEvents = try median { for l in eventLines { _ = try JSONDecoder().decode(EventLine.Whole.self, from: l) } }

func mbps(_ bytes: Int, _ ms: Double) -> String { String(format: "%.0f MB/s", Double(bytes) / 1e6 / (ms / 1e3)) }
print("""
   \(state.depts.count) departments, \(state.kpis.count) KPIs, \(state.goals.count) goals, \(state.contribs.count) contributions, \
   \(state.signatures.count) signatures; \(log.events.count) events (\(failed) commands refused)
   state line  \(String(format: "%9.1f", Double(stateLine.count) / 1e3)) kB   tape \(String(format: "%8.2f", tapeState)) ms (\(mbps(stateLine.count, tapeState)))   JSONDecoder \(String(format: "%8.2f", foundationState)) ms (\(mbps(stateLine.count, foundationState)))   \(String(format: "%.1f", foundationState / tapeState))x
   event lines \(String(format: "%9.1f", Double(eventBytes) / 1e3)) kB   tape \(String(format: "%8.2f", tapeEvents)) ms (\(mbps(eventBytes, tapeEvents)))   JSONDecoder \(String(format: "%8.2f", foundationEvents)) ms (\(mbps(eventBytes, foundationEvents)))   \(String(format: "%.1f", foundationEvents / tapeEvents))x
   (median of \(runs) runs each)
""")
