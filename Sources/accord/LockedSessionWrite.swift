import AccordCore
import AccordStore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole session file in one atomic replace while holding the session's lock, so
/// that an accord that has FILE open is never written over under it. `underLock` runs once
/// the lock is held, before the write: a last check (and its refusal), or tidying up.
enum LockedSessionWrite {
    static func write(_ data: Data, to file: String, underLock: () throws -> Void = {}) throws {
        let lockPath = file + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            printError("\(FileIO.directory(of: file)): \(String(cString: strerror(errno)))")
            throw ExitCode(Exit.io)
        }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            printError(t("demo.locked", ["file": file]))
            throw ExitCode(Exit.locked)
        }
        defer { unlink(lockPath) }
        try underLock()
        try writeAtomically(data, to: file)
    }
}
