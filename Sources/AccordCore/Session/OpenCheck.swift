import Crypto
import Foundation

/// What opening a file in accord's layout checks and decodes, as tasks two threads share
/// (`SharedTasks`): decoding the state; the state line's digest and the head seal; and the
/// SHA-256 of the event lines, in chunks of about 64 KB. The chain itself (each line names
/// the digest of the one before, the last is the head's) is compared afterwards, on the
/// opening thread, from the digests.
///
/// Concurrency (`@unchecked Sendable`): each task writes only its own results (the state or
/// its error; the two checks; its chunk's range of `digests`), and they are read after
/// `SharedTasks.run` returns.
final class OpenCheck: @unchecked Sendable {
    let head: SessionFile.Head
    let seal: SealBook?
    let stateLine: Data
    let lines: [Data]
    /// 32 bytes per line.
    private let digests: UnsafeMutableBufferPointer<UInt8>

    private(set) var state: State?
    private(set) var decodeFailure: Error?
    private(set) var stateHolds = false
    private(set) var sealProblem: String?

    init(head: SessionFile.Head, seal: SealBook?, stateLine: Data, lines: [Data]) {
        self.head = head; self.seal = seal; self.stateLine = stateLine; self.lines = lines
        digests = .allocate(capacity: max(1, lines.count * 32))
    }

    deinit { digests.deallocate() }

    /// Runs everything; on two threads when there is enough to share.
    func run(shared: Bool) {
        var tasks: [@Sendable () -> Void] = [
            { [self] in
                do { state = try SessionFile.decodeState(stateLine) } catch { decodeFailure = error }
            },
            { [self] in
                stateHolds = Digest.sha256(stateLine) == head.state
                sealProblem = SessionFile.headSealProblem(head: head, seal: seal)
            },
        ]
        var from = 0
        while from < lines.count {
            var to = from, bytes = 0
            while to < lines.count, bytes < 1 << 16 { bytes += lines[to].count; to += 1 }
            let range = from..<to
            tasks.append { [self] in hash(range) }
            from = to
        }
        if shared { SharedTasks(tasks).run() } else { for task in tasks { task() } }
    }

    private func hash(_ range: Range<Int>) {
        for i in range {
            let d = SHA256.hash(data: lines[i])
            d.withUnsafeBytes { raw in
                for (k, byte) in raw.enumerated() { digests[i * 32 + k] = byte }
            }
        }
    }

    /// The integrity problems `SessionFile.integrityProblems` finds, from the digests.
    var problems: [String] {
        SessionFile.integrityProblems(head: head, stateHolds: stateHolds, lines: lines) { i, hex in
            Digest.hex(UnsafeBufferPointer(rebasing: digests[(i * 32)..<(i * 32 + 32)]), into: &hex)
        }
    }
}
