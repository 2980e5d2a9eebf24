// libFuzzer target: the tape decoder (Session/TapeDecoder.swift, TapeEntities.swift) against
// Foundation's JSONDecoder, on the same arbitrary bytes, for the two things accord reads with
// it: a session's state line (`State`) and an event line (`EventLine.Whole`).
//
// The oracle, for each of the two types:
//   - the tape accepts  → Foundation accepts too, and both values are equal;
//   - the tape refuses  → anything: `TapeDecoder.decode` then asks Foundation, whose answer
//     (a value or the error) is what the product uses. The fast path may decline, never differ;
//   - neither crashes, traps, overflows or reads out of bounds (AddressSanitizer).
// One exception, the product's documented behaviour (Session/JSONDuplicateKeys.swift): when a
// key appears twice in one object, parsers disagree on which value counts, and accord refuses
// such a file on the slow path; there only "no crash" is required of the two readers.
// FUZZ_STRICT=1 also traps when the tape refuses what Foundation accepts (to list the cases
// the fast path declines; see docs/decisions/tape-decoder.md).
import CFuzzDriver
import Foundation
@testable import AccordCore

private let strict = ProcessInfo.processInfo.environment["FUZZ_STRICT"] == "1"

private func event(_ w: EventLine.Whole) -> Event {
    Event(seq: w.seq, prev: w.prev, time: w.time, step: w.step, command: w.cmd, kind: w.kind,
          ops: w.ops, undoes: w.undoes, redoes: w.redoes)
}

private func disagree(_ type: String, _ what: String, _ data: Data, tape: String, foundation: String) -> Never {
    let text = String(decoding: data.prefix(400), as: UTF8.self)
    FileHandle.standardError.write(Data("DISAGREEMENT (\(type)): \(what)\n  input: \(text.debugDescription)\n  tape: \(tape.prefix(400))\n  Foundation: \(foundation.prefix(400))\n".utf8))
    fatalError("tape decoder and JSONDecoder disagree")
}

private func compare<T: Decodable, V: Equatable>(_ type: T.Type, _ data: Data, _ view: (T) -> V) {
    var fast: V? = nil, slow: V? = nil
    var fastError = "", slowError = ""
    do { fast = view(try TapeDecoder.decodeFast(type, from: data)) } catch { fastError = "refused: \(error)" }
    do { slow = view(try JSONDecoder().decode(type, from: data)) } catch { slowError = "refused: \(error)" }
    let duplicated = JSONDuplicateKeys.first(in: data) != nil
    var problem: String? = nil
    if let f = fast {
        if let s = slow {
            if f != s && !duplicated { problem = "different values" }
        } else if !duplicated {
            problem = "the tape accepts what Foundation refuses"
        }
    } else if slow != nil && strict && !duplicated {
        problem = "the tape declines what Foundation accepts (strict mode)"
    }
    if let problem {
        disagree("\(T.self)", problem, data, tape: fast.map { "\($0)" } ?? fastError,
                 foundation: slow.map { "\($0)" } ?? slowError)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTape(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes else { return 0 }
    let data = Data(bytes: bytes, count: size)
    compare(State.self, data) { $0 }
    compare(EventLine.Whole.self, data, event)
    // the product's entry point: whatever the tape does, this must not crash
    _ = try? TapeDecoder.decode(State.self, from: data)
    return 0
}

/// SwiftPM names this executable's entry point `FuzzTape_main`; it runs libFuzzer's driver.
@_cdecl("FuzzTape_main")
public func fuzzTapeMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc, argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzTape)
}
