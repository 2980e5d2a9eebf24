import AccordCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file-system failure, said in one line: what, where, why.
public struct StoreError: MessageError, CustomStringConvertible, Equatable {
    public enum Kind: Equatable, Sendable { case io, locked, unreadable, integrity }
    public var kind: Kind
    /// What to tell the person (catalog key `store.…` and its arguments); the front end renders it.
    public var message: Message

    public init(_ kind: Kind, _ message: Message) { self.kind = kind; self.message = message }
    public init(_ kind: Kind, _ key: String, _ args: [String: String] = [:], nested: [String: Message] = [:]) {
        self.init(kind, Message(key, args, nested: nested))
    }
    /// English, for logs and test failures; front ends render `message`.
    public var description: String { message.rendered() }

    /// What a system call failed to do, each one whole sentence in the catalog (`store.io.open` …).
    public enum Action: String, CaseIterable, Sendable {
        case open, stat, read, write, writeIn = "write-in", setPermissions = "set-permissions", flush, replace,
             flushDirectory = "flush-directory", openDirectory = "open-directory", create, lock
    }

    static func io(_ action: Action, _ path: String, errno e: Int32 = errno) -> StoreError {
        StoreError(.io, "store.io." + action.rawValue, ["path": path, "why": String(cString: strerror(e))])
    }
}

/// Small POSIX helpers: whole reads and writes, fsync, atomic replace.
public enum FileIO {
    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Reads a whole file. Session files must be regular files; a script or a sheet may also
    /// come from a pipe (`--script /dev/stdin`). With `limit`, a file (or a pipe, or a device
    /// such as /dev/zero) holding more than `limit` bytes is refused instead of read into memory.
    public static func read(_ path: String, regularOnly: Bool = true, limit: Int? = nil) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.io(.open, path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError.io(.stat, path) }
        let type = st.st_mode & S_IFMT
        guard type == S_IFREG || (!regularOnly && type != S_IFDIR) else {
            throw StoreError(.unreadable, "store.not-regular", ["path": path])
        }
        func tooLarge() -> StoreError {
            StoreError(.io, "store.too-large", ["path": path, "mb": "\(limit! >> 20)"])
        }
        if let limit, type == S_IFREG, Int(st.st_size) > limit { throw tooLarge() }
        var data = type == S_IFREG ? buffer(Int(st.st_size)) : Data()
        var done = 0
        let total = data.count
        try data.withUnsafeMutableBytes { raw in
            while done < total {
                let n = Glibc.read(fd, raw.baseAddress! + done, total - done)
                if n < 0 { if errno == EINTR { continue }; throw StoreError.io(.read, path) }
                if n == 0 { break }
                done += n
            }
        }
        if done < total { data.count = done }
        // the file may have grown since fstat (or is not a regular file: a pipe, /dev/null).
        // The first read takes a page, then 64 KiB at a time: zeroing 64 KiB up front cost 16
        // page faults on every start (the script, often /dev/null or a few lines).
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n < 0 { if errno == EINTR { continue }; throw StoreError.io(.read, path) }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
            if n == chunk.count, chunk.count < 65536 { chunk = [UInt8](repeating: 0, count: 65536) }
            if let limit, data.count > limit { throw tooLarge() }
        }
        return data
    }

    /// A regular, non-empty file mapped read-only (MAP_POPULATE: its pages,
    /// already in the page cache, mapped in one call); nil for anything else, or when it
    /// cannot be mapped (the caller then reads it). Nothing is copied and no memory is
    /// allocated for it — on these virtual machines each newly touched page of memory was the
    /// largest cost of opening a session. The caller must not keep slices of it: another
    /// program truncating the file would make a later access fail (SIGBUS).
    public static func map(_ path: String) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_size > 0 else { return nil }
        let n = Int(st.st_size)
        guard let raw = mmap(nil, n, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), raw != MAP_FAILED else { return nil }
        return Data(bytesNoCopy: raw, count: n, deallocator: .custom { p, n in munmap(p, n) })
    }

    /// A zeroed buffer of `count` bytes to read a file into. From a megabyte on, its pages are
    /// mapped in one call (MAP_POPULATE) instead of one page fault per 4 KiB as the read fills
    /// it: on these virtual machines the faults were the largest single cost of opening a
    /// 2,000-event session (scripts/bench, start to first prompt). (Transparent huge pages were
    /// faster on average but stalled for 10 ms and more when the kernel had to compact memory.)
    static func buffer(_ count: Int) -> Data {
        guard count >= 1 << 20,
              let raw = mmap(nil, count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0),
              raw != MAP_FAILED
        else { return Data(count: count) }
        return Data(bytesNoCopy: raw, count: count, deallocator: .custom { p, n in munmap(p, n) })
    }

    /// Writes all bytes to a descriptor, retrying short writes.
    public static func writeAll(_ fd: Int32, _ data: Data, path: String, layer: FileLayer = POSIXFiles()) throws {
        try data.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = layer.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 { if errno == EINTR { continue }; throw StoreError.io(.write, path) }
                off += n
            }
        }
    }

    /// The last component of a path, by string (no URL, no file system): `a/b.json` → `b.json`.
    public static func baseName(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        return String(p.split(separator: "/", omittingEmptySubsequences: false).last ?? p)
    }

    /// A sibling of `path` in the same directory, by string: `a/b.json`, `.x` → `a/.x`.
    public static func sibling(of path: String, named name: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return name }
        return String(p[...slash]) + name
    }

    /// The directory part of a path, by string: `a/b.json` → `a`, `/b.json` → `/`,
    /// `b.json` → `.`.
    ///
    /// Paths are only ever handled as strings here, never through `URL(fileURLWithPath:)`:
    /// that expands a leading `~user`, which asks the system's user database (NSS), and in a
    /// static executable (scripts/build-release) glibc cannot load NSS modules: `save ~x`
    /// crashed (found by scripts/fuzz-commands). A path is taken as typed, as a shell would
    /// after quoting: `~` is an ordinary character.
    public static func directory(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "." }
        let dir = p[..<slash]
        return dir.isEmpty ? "/" : String(dir)
    }

    /// The last component without its extension: `a/acme.json` → `acme`.
    public static func stem(of path: String) -> String {
        let base = baseName(of: path)
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
        return String(base[..<dot])
    }

    /// Replaces `path` atomically: a temporary file in the same directory, fsync, rename,
    /// fsync of the directory. Keeps the permissions of the file it replaces.
    /// `faults` names the injection points this write answers to (`Fault`); only the session's
    /// own fold passes `.fold`. The temporary file gets a unique name (`.NAME.tmp-XXXXXX`) unless
    /// `temporary` names it: the session's fold, which holds the session's lock, uses a fixed
    /// one, so that the next open removes what a crash left with one unlink (no listing of
    /// what may be a large directory). `layer` carries the writes, flushes and the rename
    /// (`FileLayer`).
    public static func atomicWrite(_ data: Data, to path: String, mode defaultMode: mode_t = 0o644,
                                   faults: Fault.Family? = nil, temporary: String? = nil,
                                   layer: FileLayer = POSIXFiles()) throws {
        // a device or a pipe (`--out /dev/stdout`, `/dev/null`) is written into, never replaced:
        // a rename over it would put a regular file in its place (as root, in /dev)
        var target = stat()
        if stat(path, &target) == 0 {
            let type = target.st_mode & S_IFMT
            if type == S_IFDIR { throw StoreError(.io, "store.is-directory", ["path": path]) }
            if type != S_IFREG {
                let fd = open(path, O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { throw StoreError.io(.open, path) }
                defer { close(fd) }
                try writeAll(fd, data, path: path)
                return
            }
        }
        let dir = directory(of: path)
        let fd: Int32
        let tmp: String
        if let temporary {
            tmp = temporary
            fd = layer.open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        } else {
            var template = Array("\(dir)/.\(baseName(of: path)).tmp-XXXXXX".utf8CString)
            fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            tmp = String(cString: template)
        }
        guard fd >= 0 else { throw StoreError.io(.writeIn, dir) }
        var ok = false
        defer {
            if !ok { _ = layer.unlink(tmp) }
        }
        do {
            defer { _ = layer.close(fd) }
            if faults == .fold, let e = Fault.hit(.foldWrite) {
                // the disk fills part-way through the temporary file
                try? writeAll(fd, data.prefix(data.count / 2), path: path, layer: layer)
                throw StoreError.io(.write, path, errno: e)
            }
            try writeAll(fd, data, path: path, layer: layer)
            var mode = defaultMode & ~currentUmask()
            var st = stat()
            if stat(path, &st) == 0 { mode = st.st_mode & 0o7777 }
            guard fchmod(fd, mode) == 0 else { throw StoreError.io(.setPermissions, tmp) }
            if faults == .fold, let e = Fault.hit(.foldSync) { throw StoreError.io(.flush, path, errno: e) }
            guard layer.fsync(fd) == 0 else { throw StoreError.io(.flush, path) }
        }
        if faults == .fold, let e = Fault.hit(.foldRename) { throw StoreError.io(.replace, path, errno: e) }
        guard layer.rename(tmp, path) == 0 else { throw StoreError.io(.replace, path) }
        ok = true
        if faults == .fold, let e = Fault.hit(.dirSync) { throw StoreError.io(.flushDirectory, dir, errno: e) }
        try syncDirectory(dir, layer: layer)
    }

    /// Flushes a directory: the names created, renamed or removed in it are on the disk.
    public static func syncDirectory(_ dir: String, layer: FileLayer = POSIXFiles()) throws {
        let dfd = layer.open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
        guard dfd >= 0 else { throw StoreError.io(.openDirectory, dir) }
        defer { _ = layer.close(dfd) }
        guard layer.fsync(dfd) == 0 || errno == EINVAL else { throw StoreError.io(.flushDirectory, dir) }
    }

    static func currentUmask() -> mode_t {
        let m = umask(0o022)
        umask(m)
        return m
    }
}

/// Fault injection, for the fault tests (Tests/AccordEndToEndTests/FaultTests.swift).
///
/// Compiled only into builds with the flag `ACCORD_FAULT_INJECTION`: Package.swift defines it
/// for debug builds (`swift build`, `swift test`), never for release builds
/// (scripts/build-release), where `Fault.hit` is a constant `nil` and the environment is not
/// read (`strings` of the release binary shows no `ACCORD_FAULT`). A release build with
/// faults can be made on purpose with `swift build -c release -Xswiftc -DACCORD_FAULT_INJECTION`.
/// In a build with the flag it is inert unless the environment variable `ACCORD_FAULT` is set
/// when the process starts. Its value is a
/// comma-separated list of `POINT:ERRNO[@N][xK]`: from the N-th time (default 1) the session
/// reaches POINT, K times (default: every time after), the operation fails with ERRNO (a
/// name such as ENOSPC, EIO, EDQUOT, EROFS, EACCES, or a number). The points:
///
/// | point | where | what the injected failure does |
/// | --- | --- | --- |
/// | `journal-write` | appending an event's line to FILE.journal | writes half of the line, then fails (a disk that fills mid-line) |
/// | `journal-sync` | the fdatasync after that write | the line is written but not flushed |
/// | `fold-write` | writing the temporary file of a fold | writes half of the file, then fails |
/// | `fold-sync` | the fsync of that temporary file | |
/// | `fold-rename` | renaming it over FILE | FILE is left as it was |
/// | `dir-sync` | the fsync of the directory after the rename | the rename is done, its flush "fails" |
///
/// e.g. `ACCORD_FAULT=journal-write:ENOSPC@3` (the disk is full from the third command on),
/// `ACCORD_FAULT=fold-rename:EIO` (no fold ever succeeds), `ACCORD_FAULT=fold-write:ENOSPC@1x1`
/// (only the first fold fails). Only the session's own journal and folds answer to it: not
/// exports, `save PATH` copies, the lock or reads.
public enum Fault {
    public enum Point: CaseIterable, Sendable {
        case journalWrite, journalSync, foldWrite, foldSync, foldRename, dirSync
    }

    /// Which family of points a write answers to.
    public enum Family: Sendable { case fold }

    #if ACCORD_FAULT_INJECTION
    /// The points by the names `ACCORD_FAULT` gives them.
    static let names: [String: Point] = [
        "journal-write": .journalWrite, "journal-sync": .journalSync, "fold-write": .foldWrite,
        "fold-sync": .foldSync, "fold-rename": .foldRename, "dir-sync": .dirSync,
    ]

    struct Rule: Equatable {
        var errno: Int32
        var from: Int
        var times: Int?
    }

    /// The plan parsed from `ACCORD_FAULT` (empty when unset: every check is one dictionary
    /// lookup on an empty dictionary).
    ///
    /// `nonisolated(unsafe)` is safe here: these two statics exist only in debug builds
    /// (`ACCORD_FAULT_INJECTION`), and they are touched only by the store's own I/O, which one
    /// process does on one thread at a time (the command loop; the background chain check
    /// reads the file but never writes it, so it never reaches a fault point).
    nonisolated(unsafe) static var plan: [Point: Rule] = parse(Environment.value("ACCORD_FAULT") ?? "")
    nonisolated(unsafe) static var reached: [Point: Int] = [:]

    static let errnoNames: [String: Int32] = [
        "ENOSPC": ENOSPC, "EIO": EIO, "EDQUOT": EDQUOT, "EROFS": EROFS, "EACCES": EACCES, "EPERM": EPERM,
        "EFBIG": EFBIG, "EINTR": EINTR, "ENOMEM": ENOMEM,
    ]

    /// Parses `POINT:ERRNO[@N][xK],…`; parts that do not parse are ignored.
    static func parse(_ text: String) -> [Point: Rule] {
        var plan: [Point: Rule] = [:]
        for part in text.split(separator: ",") {
            let pe = part.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pe.count == 2, let point = names[pe[0]] else { continue }
            var rest = pe[1]
            var times: Int?
            if let x = rest.firstIndex(of: "x") { times = Int(rest[rest.index(after: x)...]); rest = String(rest[..<x]) }
            var from = 1
            if let at = rest.firstIndex(of: "@") { from = Int(rest[rest.index(after: at)...]) ?? 1; rest = String(rest[..<at]) }
            guard let e = errnoNames[rest.uppercased()] ?? Int32(rest) else { continue }
            plan[point] = Rule(errno: e, from: max(1, from), times: times)
        }
        return plan
    }

    /// Counts one arrival at `point`; the errno to fail with when the plan says so.
    public static func hit(_ point: Point) -> Int32? {
        guard let rule = plan[point] else { return nil }
        let n = (reached[point] ?? 0) + 1
        reached[point] = n
        guard n >= rule.from else { return nil }
        if let times = rule.times, n >= rule.from + times { return nil }
        return rule.errno
    }
    #else
    /// Never fails: fault injection is not compiled into this build.
    @inline(__always) public static func hit(_ point: Point) -> Int32? { nil }
    #endif
}
