import AccordCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The seam through which the session store changes the disk: every write, flush, truncation,
/// rename and removal of the session's own files (FILE, FILE.journal, the fold's temporary
/// file) and every flush of their directory. Reads and the lock do not go through it.
///
/// Accord itself uses `POSIXFiles`. The power-loss test (Tests/AccordStoreTests/
/// PowerLossTests.swift) passes a layer that records each operation, so that it can build the
/// disk as a power cut at any point would have left it; a durability promise that rests on a
/// flush shows up there as a flush in the trace, and a missing one as a lost command.
public protocol FileLayer {
    func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32
    func write(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int
    func fsync(_ fd: Int32) -> Int32
    func fdatasync(_ fd: Int32) -> Int32
    func ftruncate(_ fd: Int32, _ length: off_t) -> Int32
    func rename(_ from: String, _ to: String) -> Int32
    func unlink(_ path: String) -> Int32
    func close(_ fd: Int32) -> Int32
}

/// The file system itself.
public struct POSIXFiles: FileLayer, Sendable {
    public init() {}
    public func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { Glibc.open(path, flags, mode) }
    public func write(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(fd, bytes, count) }
    public func fsync(_ fd: Int32) -> Int32 { Glibc.fsync(fd) }
    public func fdatasync(_ fd: Int32) -> Int32 { Glibc.fdatasync(fd) }
    public func ftruncate(_ fd: Int32, _ length: off_t) -> Int32 { Glibc.ftruncate(fd, length) }
    public func rename(_ from: String, _ to: String) -> Int32 { Glibc.rename(from, to) }
    public func unlink(_ path: String) -> Int32 { Glibc.unlink(path) }
    public func close(_ fd: Int32) -> Int32 { Glibc.close(fd) }
}

/// One line of FILE.journal.
///
/// Since this build, each line is the event's canonical line, a tab, and the SHA-256 (hex) of
/// the event's line — the event's own digest, the one the next event names as `prev`:
///
///     {"seq":7,"prev":"…",…}<TAB>3f2a…91c0
///
/// so that damage to any line, the last one included, is found before it is folded in. (A
/// canonical event line never holds a raw tab: JSON escapes control characters in strings and
/// accord writes no whitespace between tokens.) Journals written by earlier builds have no
/// check; they are still recovered, line by line, as before. A journal is of one kind: a line
/// without a check among lines with one is damage, not an old line.
public enum JournalLine {
    /// The bytes appended to the journal for an event line (with the line break).
    public static func encode(_ line: Data, digest: String) -> Data {
        var out = Data()
        out.reserveCapacity(line.count + 66)
        out.append(line)
        out.append(0x09)
        out.append(contentsOf: digest.utf8)
        out.append(0x0a)
        return out
    }

    /// A line of the journal (without its line break) split into the event line and its check
    /// (nil for a line written by an earlier build, which has none).
    public static func split(_ raw: Data) -> (line: Data, check: Data?) {
        guard raw.count > 65 else { return (raw, nil) }
        let tab = raw.index(raw.endIndex, offsetBy: -65)
        guard raw[tab] == 0x09 else { return (raw, nil) }
        return (raw[raw.startIndex..<tab], raw[(tab + 1)...])
    }
}
