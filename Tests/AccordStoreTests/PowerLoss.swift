import AccordCore
@testable import AccordStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A simulated power loss, in the manner of SQLite's crash tests (issue 13 §5).
///
/// SIGKILL leaves the page cache whole, so a crash test that kills the process cannot see a
/// missing or misplaced flush. Here the store runs a scripted meeting on real files through a
/// `RecordingFiles` layer that writes everything through and records, in order, each write,
/// truncation, fsync/fdatasync, file creation, rename, removal and directory fsync. Then, for
/// every point of that trace, the disk is built as a power cut at that point could have left
/// it (`PowerLoss.images`):
///
/// - a file's writes and truncations since its last fsync/fdatasync are all there, none of
///   them, or all but the last, which is torn (half of it written, or its range left as
///   zeros: the size reached the disk, the data did not);
/// - the directory's changes since its last fsync (a new name, a rename, a removal) are kept
///   up to some point and lost after it: an unsynced rename may be undone, an unsynced new
///   name may be missing.
///
/// Each such disk is opened by a writable SessionStore, as accord would open it after the
/// power came back; it must open, hold every command acknowledged before the cut (an
/// `append` that returned), and hold nothing but the meeting's own events, in order.
final class RecordingFiles: FileLayer {
    enum Op {
        case create(String, Int)
        case write(Int, Int, [UInt8])
        case truncate(Int, Int)
        case sync(Int)
        case rename(String, String)
        case unlink(String)
        case syncDirectory
        /// Not a disk operation: the store acknowledged this many events.
        case acknowledged(Int)
    }

    enum SyncKind { case file, directory }

    private let real: FileLayer
    private(set) var trace: [Op] = []
    private var names: [String: Int] = [:]
    private var fds: [Int32: Int] = [:]  // -1: the directory
    private var appending: Set<Int32> = []
    private var nextInode = 1
    /// A flush this layer leaves out (returns success without flushing or recording it), as a
    /// build without that fsync would: given the kind and the path (for a directory, the path
    /// of the file whose name it flushes is not known: the last operation before it says what
    /// it follows).
    var skip: ((SyncKind, String, Op?) -> Bool)?
    private var pathOf: [Int: String] = [:]

    /// `base` carries the operations (the file system, or one that does not flush).
    init(base: FileLayer = POSIXFiles()) { real = base }

    func acknowledge(_ events: Int) { trace.append(.acknowledged(events)) }

    /// Follows a file that exists before recording starts (as it is on the disk: flushed).
    func follow(_ path: String) -> Int {
        let inode = nextInode
        nextInode += 1
        names[path] = inode
        pathOf[inode] = path
        return inode
    }

    func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
        let existed = FileIO.exists(path)
        let fd = real.open(path, flags, mode)
        guard fd >= 0 else { return fd }
        if flags & O_DIRECTORY != 0 { fds[fd] = -1; return fd }
        var inode = names[path]
        if inode == nil, !existed, flags & O_CREAT != 0 {
            inode = nextInode
            nextInode += 1
            names[path] = inode
            trace.append(.create(path, inode!))
        }
        guard let inode else { return fd }  // a file this layer did not see made: not followed
        pathOf[inode] = path
        fds[fd] = inode
        if flags & O_APPEND != 0 { appending.insert(fd) } else { appending.remove(fd) }
        if flags & O_TRUNC != 0 { trace.append(.truncate(inode, 0)) }
        return fd
    }

    func write(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        var offset: Int
        if appending.contains(fd) {
            var st = stat()
            fstat(fd, &st)
            offset = Int(st.st_size)
        } else {
            offset = Int(lseek(fd, 0, SEEK_CUR))
        }
        let n = real.write(fd, bytes, count)
        if n > 0, let inode = fds[fd], inode > 0 {
            trace.append(.write(inode, offset, Array(UnsafeRawBufferPointer(start: bytes, count: n))))
            offset += n
        }
        return n
    }

    private func flush(_ fd: Int32, _ body: () -> Int32) -> Int32 {
        guard let inode = fds[fd] else { return body() }
        let kind: SyncKind = inode < 0 ? .directory : .file
        if let skip, skip(kind, inode < 0 ? "" : pathOf[inode] ?? "", trace.last) { return 0 }
        let r = body()
        if r == 0 { trace.append(inode < 0 ? .syncDirectory : .sync(inode)) }
        return r
    }

    func fsync(_ fd: Int32) -> Int32 { flush(fd) { real.fsync(fd) } }
    func fdatasync(_ fd: Int32) -> Int32 { flush(fd) { real.fdatasync(fd) } }

    func ftruncate(_ fd: Int32, _ length: off_t) -> Int32 {
        let r = real.ftruncate(fd, length)
        if r == 0, let inode = fds[fd], inode > 0 { trace.append(.truncate(inode, Int(length))) }
        return r
    }

    func rename(_ from: String, _ to: String) -> Int32 {
        let r = real.rename(from, to)
        if r == 0, let inode = names[from] {
            names[from] = nil
            names[to] = inode
            pathOf[inode] = to
            trace.append(.rename(from, to))
        }
        return r
    }

    func unlink(_ path: String) -> Int32 {
        let r = real.unlink(path)
        if r == 0, names[path] != nil {
            names[path] = nil
            trace.append(.unlink(path))
        }
        return r
    }

    func close(_ fd: Int32) -> Int32 {
        fds[fd] = nil
        appending.remove(fd)
        return real.close(fd)
    }
}

/// Forwards everything but the flushes (the disks the simulation builds are opened through
/// it: their flushes prove nothing and cost time).
struct UnflushedFiles: FileLayer {
    let real = POSIXFiles()
    func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { real.open(path, flags, mode) }
    func write(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { real.write(fd, bytes, count) }
    func fsync(_ fd: Int32) -> Int32 { 0 }
    func fdatasync(_ fd: Int32) -> Int32 { 0 }
    func ftruncate(_ fd: Int32, _ length: off_t) -> Int32 { real.ftruncate(fd, length) }
    func rename(_ from: String, _ to: String) -> Int32 { real.rename(from, to) }
    func unlink(_ path: String) -> Int32 { real.unlink(path) }
    func close(_ fd: Int32) -> Int32 { real.close(fd) }
}

enum PowerLoss {
    /// What the simulation found.
    struct Figures: CustomStringConvertible {
        var crashPoints = 0
        /// Points of the recoveries of those disks, where the power was cut again.
        var recoveryPoints = 0
        var disks = 0
        var distinctDisks = 0
        var acknowledged = 0
        var lost = 0
        var unopenable = 0
        var foreign = 0
        var firstProblem: String?

        var description: String {
            "crash points tried: \(crashPoints) (and \(recoveryPoints) in recoveries), disks built: \(disks) (\(distinctDisks) distinct), "
                + "acknowledged commands: \(acknowledged), lost: \(lost), unopenable: \(unopenable), foreign events: \(foreign)"
        }
    }

    private enum FileOp { case write(Int, [UInt8]), truncate(Int) }
    private enum DirOp { case link(String, Int), rename(String, String), unlink(String) }

    /// How a power cut leaves a file's unflushed changes.
    private enum Cut: CaseIterable { case none, all, torn, zeros }

    private static func apply(_ op: FileOp, to content: inout [UInt8], cut: Cut = .all) {
        switch op {
        case let .truncate(n):
            if content.count > n { content.removeLast(content.count - n) } else { content += [UInt8](repeating: 0, count: n - content.count) }
        case let .write(offset, bytes):
            var bytes = bytes
            if cut == .torn { bytes = Array(bytes.prefix(bytes.count / 2)) }
            if cut == .zeros { bytes = [UInt8](repeating: 0, count: bytes.count) }
            if content.count < offset { content += [UInt8](repeating: 0, count: offset - content.count) }
            let end = offset + bytes.count
            if content.count < end { content += [UInt8](repeating: 0, count: end - content.count) }
            content.replaceSubrange(offset..<end, with: bytes)
        }
    }

    private static func applyDir(_ op: DirOp, to names: inout [String: Int]) {
        switch op {
        case let .link(name, inode): names[name] = inode
        case let .rename(from, to): names[to] = names[from]; names[from] = nil
        case let .unlink(name): names[name] = nil
        }
    }

    /// Every disk a power cut just after `trace[..<point]` could leave: file name → bytes.
    /// `names` and `durable`: the files there before the trace began, all flushed.
    static func images(_ trace: ArraySlice<RecordingFiles.Op>, names initial: [String: Int] = [:],
                       durable flushed: [Int: [UInt8]] = [:]) -> [[String: [UInt8]]] {
        var durable = flushed
        var pending: [Int: [FileOp]] = [:]
        var names = initial
        var dirPending: [DirOp] = []
        for op in trace {
            switch op {
            case let .create(name, inode):
                durable[inode] = []
                dirPending.append(.link(name, inode))
            case let .write(inode, offset, bytes): pending[inode, default: []].append(.write(offset, bytes))
            case let .truncate(inode, n): pending[inode, default: []].append(.truncate(n))
            case let .sync(inode):
                for p in pending[inode] ?? [] { apply(p, to: &durable[inode, default: []]) }
                pending[inode] = nil
            case let .rename(a, b): dirPending.append(.rename(a, b))
            case let .unlink(name): dirPending.append(.unlink(name))
            case .syncDirectory:
                for d in dirPending { applyDir(d, to: &names) }
                dirPending = []
            case .acknowledged: break
            }
        }
        // each file with unflushed changes: one of the cuts; the directory: a prefix of its changes
        let touched = pending.keys.sorted().filter { !(pending[$0] ?? []).isEmpty }
        var choices: [[Int: Cut]] = [[:]]
        for inode in touched {
            let ops = pending[inode]!
            var cuts: [Cut] = [.none, .all]
            if case .write = ops.last! { cuts += [.torn, .zeros] }
            choices = choices.flatMap { c in cuts.map { cut in c.merging([inode: cut]) { $1 } } }
        }
        var out: [[String: [UInt8]]] = []
        for keep in 0...dirPending.count {
            var n = names
            for d in dirPending.prefix(keep) { applyDir(d, to: &n) }
            for choice in choices {
                var disk: [String: [UInt8]] = [:]
                for (name, inode) in n {
                    var content = durable[inode] ?? []
                    let ops = pending[inode] ?? []
                    switch choice[inode] ?? .none {
                    case .none: break
                    case .all: for p in ops { apply(p, to: &content) }
                    case let cut:
                        for p in ops.dropLast() { apply(p, to: &content) }
                        apply(ops.last!, to: &content, cut: cut)
                    }
                    disk[FileIO.baseName(of: name)] = content
                }
                out.append(disk)
            }
        }
        return out
    }

    /// Builds every disk of every point of `trace`, opens each, and checks it against the
    /// meeting's events (`expected`: the canonical lines of the whole run, in order). With
    /// `recoveryCuts`, the opening of each distinct disk (recovering the journal, folding it in,
    /// emptying it) is recorded too, and the power is cut at every point of that: each of
    /// those disks must still open and hold every event the disk it recovers held.
    static func check(trace: [RecordingFiles.Op], expected: [Data], session name: String = "s.json",
                      scratch: String, recoveryCuts: Bool = true) throws -> Figures {
        var figures = Figures()
        var seen: [[String: [UInt8]]: Result<[Data], StoreError>] = [:]
        let fm = FileManager.default

        /// Writes a disk into a fresh directory; its path.
        func materialize(_ disk: [String: [UInt8]]) throws -> String {
            figures.distinctDisks += 1
            let dir = scratch + "/disk-\(figures.distinctDisks)"
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for (file, bytes) in disk { try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + file)) }
            return dir
        }

        /// Opens a disk as accord would after the power came back: its events, or why not.
        func open(_ dir: String, layer: FileLayer) -> Result<[Data], StoreError> {
            Result {
                let store = try SessionStore(path: dir + "/" + name, readOnly: false, foldEvery: 500, layer: layer)
                let lines = try store.lines()
                try store.close()
                return lines
            }.mapError { $0 as? StoreError ?? StoreError(.io, "\($0)") }
        }

        func outcome(_ disk: [String: [UInt8]]) throws -> Result<[Data], StoreError> {
            if let r = seen[disk] { return r }
            let dir = try materialize(disk)
            defer { try? fm.removeItem(atPath: dir) }
            let r = open(dir, layer: UnflushedFiles())
            seen[disk] = r
            return r
        }

        /// `needed` events must be there, and only the meeting's own.
        func judge(_ r: Result<[Data], StoreError>, needed: Int, _ label: @autoclosure () -> String) {
            switch r {
            case let .failure(e):
                figures.unopenable += 1
                figures.firstProblem = figures.firstProblem ?? "\(label()): does not open: \(e.message)"
            case let .success(lines):
                if lines.count < needed {
                    figures.lost += needed - lines.count
                    figures.firstProblem = figures.firstProblem ?? "\(label()): \(lines.count) events after the cut, \(needed) needed"
                }
                if lines.count > expected.count || !lines.elementsEqual(expected.prefix(lines.count)) {
                    figures.foreign += 1
                    figures.firstProblem = figures.firstProblem ?? "\(label()): events that are not the meeting's"
                }
            }
        }

        /// The power cut again while a disk is being recovered, at every point of that.
        func cutDuringRecovery(of disk: [String: [UInt8]], holding held: Int, _ label: String) throws {
            let dir = try materialize(disk)
            defer { try? fm.removeItem(atPath: dir) }
            let layer = RecordingFiles(base: UnflushedFiles())
            var names: [String: Int] = [:], durable: [Int: [UInt8]] = [:]
            for (file, bytes) in disk {
                let inode = layer.follow(dir + "/" + file)
                names[dir + "/" + file] = inode
                durable[inode] = bytes
            }
            _ = open(dir, layer: layer)
            for point in 0...layer.trace.count {
                figures.recoveryPoints += 1
                for image in images(layer.trace[..<point], names: names, durable: durable) {
                    figures.disks += 1
                    judge(try outcome(image), needed: held, "\(label), cut again at point \(point) of its recovery")
                }
            }
        }

        var acknowledged = 0
        for point in 0...trace.count {
            // a cut just after an acknowledgement: the disk of the point before, which must
            // now hold one more command
            if point > 0, case let .acknowledged(n) = trace[point - 1] { acknowledged = n }
            figures.crashPoints += 1
            for disk in images(trace[..<point]) {
                figures.disks += 1
                let first = seen[disk] == nil
                let r = try outcome(disk)
                judge(r, needed: acknowledged, "point \(point)")
                if recoveryCuts, first, case let .success(lines) = r {
                    try cutDuringRecovery(of: disk, holding: lines.count, "point \(point)")
                }
            }
        }
        figures.acknowledged = acknowledged
        return figures
    }

    /// A scripted meeting of `commands` commands (department adds, some undone) in three
    /// sittings, folding every 3 events: the first two closed, the last cut off by the power.
    /// Returns the trace and the meeting's event lines.
    static func meeting(commands: Int, in dir: String, layer: RecordingFiles) throws -> [Data] {
        let path = dir + "/s.json"
        let sittings = [commands / 3, commands / 3, commands - 2 * (commands / 3)]
        var i = 0
        var last: SessionStore?
        for (k, n) in sittings.enumerated() {
            let store = try SessionStore(path: path, readOnly: false, foldEvery: 3, layer: layer)
            for _ in 0..<n {
                i += 1
                try run(store, i % 7 == 0 ? "undo" : "dept add D\(i)")
                layer.acknowledge(store.count)
            }
            if k < sittings.count - 1 { try store.close() }
            last = store
        }
        let lines = try last!.lines()
        last!.abandonForTesting()
        return lines
    }

    /// The meeting and the check, in a fresh directory.
    static func simulate(commands: Int, recoveryCuts: Bool = true,
                         skip: ((RecordingFiles.SyncKind, String, RecordingFiles.Op?) -> Bool)? = nil) throws -> Figures {
        let sb = try Sandbox()
        defer { try? FileManager.default.removeItem(atPath: sb.dir) }
        let layer = RecordingFiles()
        layer.skip = skip
        try FileManager.default.createDirectory(atPath: sb.dir + "/run", withIntermediateDirectories: true)
        let expected = try meeting(commands: commands, in: sb.dir + "/run", layer: layer)
        return try check(trace: layer.trace, expected: expected, scratch: sb.dir + "/disks", recoveryCuts: recoveryCuts)
    }
}
