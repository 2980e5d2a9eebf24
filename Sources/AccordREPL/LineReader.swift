import AccordCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What reading one line gave.
public enum ReadResult: Equatable {
    case line(String)
    /// A line whose bytes are not UTF-8: the first bad byte and its offset in the line (0-based).
    /// The loop reports it with its line number and goes on; the bytes are never "repaired".
    case notUTF8(byte: UInt8, offset: Int)
    /// Ctrl-C: the line being typed is dropped; the loop goes on.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case eof
}

/// Where the command loop gets its lines: libedit at a terminal, plain lines otherwise.
public protocol LineReader: AnyObject {
    func readLine(prompt: String) -> ReadResult
    /// Remember a line for arrow-up recall (and for the next run).
    func addHistory(_ line: String)
    /// Save history and restore the terminal.
    func close()
    /// Ask a yes/no question (confirmations); false on anything but yes.
    func confirm(_ question: String) -> Bool
}

/// One line's bytes (without its line break) to a `ReadResult`.
public enum LineBytes {
    /// `.line` when the bytes are UTF-8, else `.notUTF8` naming the first bad byte.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> ReadResult {
        if let bad = firstInvalidUTF8(bytes) { return .notUTF8(byte: bytes[bad], offset: bad) }
        return .line(String(decoding: bytes, as: UTF8.self))
    }

    public static func decode(_ bytes: [UInt8]) -> ReadResult {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence (no
    /// overlong forms, no surrogates, nothing above U+10FFFF), or nil. One pass, no allocation.
    public static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF  // allowed range of the second byte
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            guard i + need < n else { return i }
            guard b[i + 1] >= lo, b[i + 1] <= hi else { return i }
            var k = 2
            while k <= need {
                guard b[i + k] & 0xC0 == 0x80 else { return i }
                k += 1
            }
            i += need + 1
        }
        return nil
    }

    /// Where a line break is: the bytes of a line end before `\n`, or before `\r\n`.
    static func end(of line: UnsafeBufferPointer<UInt8>) -> Int {
        line.count > 0 && line[line.count - 1] == 0x0d ? line.count - 1 : line.count
    }
}

/// Reads plain lines from standard input (pipes, files, CI), byte by byte as they come, so a
/// line that is not UTF-8 is reported rather than silently repaired. Prints no prompt.
/// Cost is linear in the input, however long a line is.
public final class PlainReader: LineReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    /// Where the unread part of `buffer` begins.
    private var start = 0
    /// Bytes after `start` already searched for a line break.
    private var searched = 0
    private var atEnd = false

    public init(fd: Int32 = 0) { self.fd = fd }

    /// Prints a line that work from the room's server produced while input was awaited.
    public var onLine: (String) -> Void = { try? FileHandle.standardOutput.write(contentsOf: Data((Paint.strip($0) + "\n").utf8)) }

    public func readLine(prompt: String) -> ReadResult {
        while true {
            if let nl = findNewline() {
                let result = buffer.withUnsafeBufferPointer { all -> ReadResult in
                    let line = UnsafeBufferPointer(rebasing: all[start..<nl])
                    return LineBytes.decode(UnsafeBufferPointer(rebasing: line[0..<LineBytes.end(of: line)]))
                }
                start = nl + 1
                searched = 0
                return result
            }
            if atEnd {
                guard start < buffer.count else { return .eof }
                let result = buffer.withUnsafeBufferPointer { all -> ReadResult in
                    let line = UnsafeBufferPointer(rebasing: all[start...])
                    return LineBytes.decode(UnsafeBufferPointer(rebasing: line[0..<LineBytes.end(of: line)]))
                }
                start = buffer.count
                return result
            }
            fill()
        }
    }

    private func findNewline() -> Int? {
        let from = start + searched
        guard from < buffer.count else { return nil }
        let found: Int? = buffer.withUnsafeBufferPointer { b in
            guard let p = memchr(b.baseAddress! + from, 0x0a, b.count - from) else { return nil }
            return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
        if found == nil { searched = buffer.count - start }
        return found
    }

    private func fill() {
        // drop what was read once it is at least half of the buffer (amortised linear)
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        // with the room's server on, run the work it posts while waiting for input
        while Inbox.shared.wakeFD >= 0 {
            var p = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                     pollfd(fd: Inbox.shared.wakeFD, events: Int16(POLLIN), revents: 0)]
            let r = poll(&p, 2, -1)
            if r < 0 { if errno == EINTR { continue }; break }
            // input first, then a slice of the queued work (see `Inbox.drain(within:)`); at the
            // input's end, the work first
            if p[0].revents & Int16(POLLIN) != 0 { break }
            if p[1].revents & Int16(POLLIN) != 0 {
                for line in Inbox.shared.drain(within: Inbox.slice) { onLine(line) }
                continue
            }
            if p[0].revents != 0 { break }
        }
        let chunk = 1 << 16
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        var n = 0
        repeat {
            n = buffer.withUnsafeMutableBufferPointer { Glibc.read(fd, $0.baseAddress! + old, chunk) }
        } while n < 0 && errno == EINTR
        buffer.removeLast(chunk - max(0, n))
        if n <= 0 { atEnd = true }
    }

    public func addHistory(_ line: String) {}
    public func close() {}
    public func confirm(_ question: String) -> Bool { true }
}

/// Lines of a script file, in order. Each line is decoded on its own: one that is not UTF-8
/// is reported (with its line number) and the others still run.
public final class ScriptReader: LineReader {
    private let data: [UInt8]
    /// Start and end (exclusive, before any `\r\n`) of each line.
    private var spans: [(Int, Int)] = []
    private var index = 0

    public convenience init(text: String) { self.init(data: Data(text.utf8)) }

    public init(data: Data) {
        var bytes = [UInt8](data)
        // a byte-order mark some editors put first
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        self.data = bytes
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                let nl = memchr(b.baseAddress! + i, 0x0a, b.count - i)
                    .map { b.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? b.count
                var end = nl
                if end > i, b[end - 1] == 0x0d { end -= 1 }
                spans.append((i, end))
                i = nl + 1
            }
        }
    }

    public func readLine(prompt: String) -> ReadResult {
        guard index < spans.count else { return .eof }
        let (from, to) = spans[index]
        index += 1
        return data.withUnsafeBufferPointer { LineBytes.decode(UnsafeBufferPointer(rebasing: $0[from..<to])) }
    }

    public func addHistory(_ line: String) {}
    public func close() {}
    public func confirm(_ question: String) -> Bool { true }
}
