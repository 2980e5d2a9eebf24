import AccordCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file-system failure, said in one line: what, where, why.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    public enum Kind: Equatable, Sendable { case io, locked, unreadable, integrity }
    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
    public var description: String { message }

    static func io(_ what: String, _ path: String, errno e: Int32 = errno) -> StoreError {
        StoreError(.io, "\(what) \(path): \(String(cString: strerror(e)))")
    }
}

/// Small POSIX helpers: whole reads and writes, fsync, atomic replace.
public enum FileIO {
    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Reads a whole file. Session files must be regular files; a script or a sheet may also
    /// come from a pipe (`--script /dev/stdin`).
    public static func read(_ path: String, regularOnly: Bool = true) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.io("cannot open", path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError.io("cannot stat", path) }
        let type = st.st_mode & S_IFMT
        guard type == S_IFREG || (!regularOnly && type != S_IFDIR) else {
            throw StoreError(.unreadable, "\(path) is not a regular file")
        }
        var data = Data(count: type == S_IFREG ? Int(st.st_size) : 0)
        var done = 0
        let total = data.count
        try data.withUnsafeMutableBytes { raw in
            while done < total {
                let n = Glibc.read(fd, raw.baseAddress! + done, total - done)
                if n < 0 { if errno == EINTR { continue }; throw StoreError.io("cannot read", path) }
                if n == 0 { break }
                done += n
            }
        }
        if done < total { data.count = done }
        // the file may have grown since fstat
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n < 0 { if errno == EINTR { continue }; throw StoreError.io("cannot read", path) }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        return data
    }

    /// Writes all bytes to a descriptor, retrying short writes.
    public static func writeAll(_ fd: Int32, _ data: Data, path: String) throws {
        try data.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 { if errno == EINTR { continue }; throw StoreError.io("cannot write", path) }
                off += n
            }
        }
    }

    public static func directory(of path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        return dir.isEmpty ? "." : dir
    }

    /// Replaces `path` atomically: a temporary file in the same directory, fsync, rename,
    /// fsync of the directory. Keeps the permissions of the file it replaces.
    public static func atomicWrite(_ data: Data, to path: String, mode defaultMode: mode_t = 0o644) throws {
        let dir = directory(of: path)
        let base = URL(fileURLWithPath: path).lastPathComponent
        var template = Array("\(dir)/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw StoreError.io("cannot write in", dir) }
        let tmp = String(cString: template)
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        do {
            defer { close(fd) }
            try writeAll(fd, data, path: path)
            var mode = defaultMode & ~currentUmask()
            var st = stat()
            if stat(path, &st) == 0 { mode = st.st_mode & 0o7777 }
            guard fchmod(fd, mode) == 0 else { throw StoreError.io("cannot set permissions of", tmp) }
            guard fsync(fd) == 0 else { throw StoreError.io("cannot flush", path) }
        }
        guard rename(tmp, path) == 0 else { throw StoreError.io("cannot replace", path) }
        ok = true
        try syncDirectory(dir)
    }

    public static func syncDirectory(_ dir: String) throws {
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { throw StoreError.io("cannot open directory", dir) }
        defer { close(dfd) }
        guard fsync(dfd) == 0 || errno == EINVAL else { throw StoreError.io("cannot flush directory", dir) }
    }

    static func currentUmask() -> mode_t {
        let m = umask(0o022)
        umask(m)
        return m
    }
}
