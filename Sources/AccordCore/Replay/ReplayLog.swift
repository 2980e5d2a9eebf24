import Dispatch
import Foundation

/// Decoding a session's event lines for replay: all of them (in parallel, in order), or
/// only the first N.
public enum ReplayLog {
    public struct Unreadable: Error, Equatable, CustomStringConvertible {
        public var seq: Int
        public var why: String
        public var description: String { t("replay.event-unreadable", ["seq": "\(seq)", "why": why]) }
    }

    /// Decodes `lines` (event 1 first). Lines are independent, so they are decoded on every
    /// core; the result is in order. Throws the first line (lowest number) that cannot be read.
    public static func decode(_ lines: [Data], upTo limit: Int? = nil) throws -> [Event] {
        let n = min(limit ?? lines.count, lines.count)
        guard n > 0 else { return [] }
        var events = [Event?](repeating: nil, count: n)
        var failures = [String?](repeating: nil, count: n)
        let chunk = 512
        let chunks = (n + chunk - 1) / chunk
        events.withUnsafeMutableBufferPointer { ev in
            failures.withUnsafeMutableBufferPointer { fail in
                let slots = Slots(events: ev.baseAddress!, failures: fail.baseAddress!)
                // each iteration writes only its own indices
                let work: @Sendable (Int) -> Void = { c in
                    for i in (c * chunk)..<min(n, (c + 1) * chunk) {
                        do { slots.events[i] = try EventLine.decode(lines[i]) } catch { slots.failures[i] = SessionFile.describe(error) }
                    }
                }
                if chunks == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
            }
        }
        var out: [Event] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            guard let e = events[i] else { throw Unreadable(seq: i + 1, why: failures[i] ?? "?") }
            out.append(e)
        }
        return out
    }

    /// The result arrays' storage, shared by the concurrent chunks. `@unchecked Sendable` is
    /// safe here: each chunk writes only its own indices (no two touch the same slot), nothing
    /// reads a slot until `concurrentPerform` has returned (it waits for every chunk), and the
    /// storage outlives that call (it is borrowed by `withUnsafeMutableBufferPointer` around it).
    private struct Slots: @unchecked Sendable {
        let events: UnsafeMutablePointer<Event?>
        let failures: UnsafeMutablePointer<String?>
    }
}
