import AccordCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Longer than 400 lines on purpose: one concept, the session on disk and its recovery; the
/// journal line format and the file layer live in FileLayer.swift.
/// The session on disk: `FILE` (the folded JSON), `FILE.journal` (one fsynced line per event
/// since the last fold) and `FILE.lock` (held while a process has the session open).
///
/// Every event is durable before `append` returns: its line is written to the journal and
/// fsynced. The journal is folded into `FILE` by an atomic replace on `close`, on `saveCopy`,
/// and every `foldEvery` events; the cost per command does not grow with the session.
public final class SessionStore: EventLog {
    public let path: String
    public var journalPath: String { path + ".journal" }
    public var lockPath: String { path + ".lock" }
    public let readOnly: Bool
    /// Fold the journal into the file after this many journaled events.
    public var foldEvery: Int

    public private(set) var state: State
    /// Canonical lines of the events held in memory, 1-based by index + 1 — all of them,
    /// or (while `unread` is set) only those after FILE's.
    private var held: [Data]
    /// FILE's events, verified at open but not kept: a writable open maps the file, checks
    /// the chain and decodes the state from the mapping, and lets it go. They are read back
    /// (and their chain checked again) only when something needs them: a fold, a copy,
    /// `undo` or `log` reaching them, `verify`. A session opened and closed without a change
    /// never holds its log in memory.
    private var unread: (count: Int, last: String)?
    public private(set) var lastDigest: String
    /// Events already in FILE (the rest are only in the journal).
    public private(set) var foldedCount: Int
    /// What opening found and did: recovered journal events, a dropped torn line.
    public private(set) var recoveryNotes: [String] = []
    /// Carries every change this store makes to the disk (see `FileLayer`).
    let layer: FileLayer
    /// The installation's key: seals every fold and every signature event (docs/seal.md).
    /// Without one (tests, read-only opens) nothing is sealed, and a fold of a sealed file
    /// leaves it failing `verify` (as any edit without the key does).
    public let sealer: Sealer?
    /// FILE's keys and seals as read, with the seals this process has added since.
    public private(set) var seals: SealBook?
    /// FILE's events when it was read without seals (an older build's): the first fold with
    /// a key seals them as `adopted`.
    private var adopting: Int?

    private var lockFD: Int32 = -1
    private var journalFD: Int32 = -1
    private var journalSize: off_t = 0
    /// A cache of decoded events (decoded on demand: undo, log, replay).
    private var decoded: [Int: Event] = [:]

    public var count: Int { (unread?.count ?? 0) + held.count }
    /// Bytes of FILE's events not held in memory (read back only when something needs them).
    public var unreadBytes: Int {
        guard unread != nil else { return 0 }
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : Int.max
    }
    public var isFolded: Bool { foldedCount == count }

    /// Canonical lines of every event (reads FILE's back if they are not held).
    public func lines() throws -> [Data] {
        try readBack()
        return held
    }

    /// Reads FILE's events back into memory, checking that they are still the events this
    /// process verified when it opened the file (a program other than accord may have
    /// written over it since: then nothing is written over it, and the journal keeps every
    /// event since the last fold).
    private func readBack() throws {
        guard let u = unread else { return }
        let changed = StoreError(.integrity, "store.changed-under-us", ["path": path, "journal": journalPath])
        guard let data = try? FileIO.read(path), let log = try? SessionFile.log(data),
              log.lines.count == u.count, log.head.last == u.last,
              SessionFile.chainProblems(log.lines, last: u.last).isEmpty
        else { throw changed }
        held = log.lines + held
        unread = nil
    }

    /// Opens (or prepares to create) a session. A writable open takes the lock, recovers the
    /// journal and folds it in. A read-only open takes no lock and writes nothing.
    public convenience init(path: String, readOnly: Bool = false, foldEvery: Int = 500, sealer: Sealer? = nil) throws {
        try self.init(path: path, readOnly: readOnly, foldEvery: foldEvery, layer: POSIXFiles(), sealer: sealer)
    }

    init(path: String, readOnly: Bool, foldEvery: Int, layer: FileLayer, sealer: Sealer? = nil) throws {
        self.layer = layer
        self.sealer = sealer
        self.path = path
        self.readOnly = readOnly
        self.foldEvery = max(1, foldEvery)
        self.state = State()
        self.held = []
        self.lastDigest = Event.genesis
        self.foldedCount = 0
        if !readOnly {
            try lock()
            removeStaleTemporaries()
        }
        do {
            try load()
            if !readOnly && !isFolded {
                try fold()
            } else if !readOnly && journalLeftover {
                // everything in the journal is in FILE already, but it still holds bytes (a torn
                // last line, or events a crash kept from being cut after a fold): empty it, or
                // the next event would be appended after a line without its newline
                try resetJournal()
            }
        } catch {
            unlock()
            throw error
        }
    }

    deinit {
        if journalFD >= 0 { Glibc.close(journalFD) }
        unlock()
    }

    // MARK: lock

    private func lock() throws {
        for _ in 0..<5 {
            let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                let e = errno
                if e == ENOENT || e == ENOTDIR { throw StoreError.io(.create, path, errno: e) }
                throw StoreError(.io, "store.io.write-in-session-dir", ["dir": FileIO.directory(of: path), "why": String(cString: strerror(e))])
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let e = errno
                let holder = (try? FileIO.read(lockPath)).flatMap { String(data: $0, encoding: .utf8) }?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                Glibc.close(fd)
                if e == EWOULDBLOCK {
                    if holder.isEmpty { throw StoreError(.locked, "store.locked", ["path": path]) }
                    throw StoreError(.locked, "store.locked-by", ["path": path, "pid": holder])
                }
                throw StoreError.io(.lock, lockPath, errno: e)
            }
            // the lock file may have been removed by a process that just closed; lock the one on disk
            var a = stat(), b = stat()
            if fstat(fd, &a) == 0, stat(lockPath, &b) == 0, a.st_ino == b.st_ino, a.st_dev == b.st_dev {
                // a lock file left by a killed process still holds its pid; a new one is empty and
                // is not truncated (ext4 flushes a file truncated to zero when it is closed)
                if a.st_size > 0 { ftruncate(fd, 0) }
                // the bytes copied from the string's own storage: `Data(string.utf8)` casts the view
                // to `ContiguousBytes` at run time (a scan of every conformance in the binary)
                var pid = "\(getpid())\n"
                let bytes = pid.withUTF8 { Data(bytes: $0.baseAddress!, count: $0.count) }
                _ = try? FileIO.writeAll(fd, bytes, path: lockPath)
                lockFD = fd
                return
            }
            Glibc.close(fd)
        }
        throw StoreError(.locked, "store.no-lock", ["path": path, "lock": lockPath])
    }

    private func unlock() {
        guard lockFD >= 0 else { return }
        unlink(lockPath)
        Glibc.close(lockFD)
        lockFD = -1
    }

    /// The fold's temporary file, `.FILE.tmp-fold` beside FILE. One fixed name: only the
    /// process that holds the lock folds.
    var foldTemporary: String { FileIO.sibling(of: path, named: "." + FileIO.baseName(of: path) + ".tmp-fold") }

    /// Removes the temporary file of a fold a crash interrupted: the lock is held, so no other
    /// accord is writing it.
    private func removeStaleTemporaries() {
        if FileIO.exists(foldTemporary) { _ = layer.unlink(foldTemporary) }
    }

    // MARK: load and recover

    /// Reads FILE and the journal. A writable open holds the lock: nothing else writes them.
    /// A read-only open (replay, verify, export) may run beside a writer that appends and
    /// folds, and FILE and the journal are two reads: between them the writer may fold (FILE
    /// replaced, the journal emptied and begun again after FILE's new head), or empty the
    /// journal under the read. The journal is read relative to the FILE that was read: lines
    /// already in it are skipped, and a journal that does not fit it (it begins after FILE's
    /// head, or its bytes are mixed from before and after a truncation) means the writer moved
    /// in between: both are read again. A problem is reported only when two reads in a row
    /// see the same bytes of both files: damage stays, a writer's fold does not.
    private func load() throws {
        guard readOnly else {
            // a writable open maps the file (nothing copied; see `unread`)
            let exists = FileIO.exists(path)
            let mapped = exists ? FileIO.map(path) : nil
            let file = try exists ? (mapped ?? FileIO.read(path)) : nil
            try load(file: file, mapped: mapped != nil, journal: try Self.readIfPresent(journalPath))
            return
        }
        var previous: (file: Data?, journal: Data?)?
        var attempt = 0
        while true {
            let file = try Self.readIfPresent(path)
            let journal = try Self.readIfPresent(journalPath)
            do {
                try load(file: file, mapped: false, journal: journal)
                return
            } catch let e as StoreError where e.kind == .integrity || e.kind == .unreadable {
                attempt += 1
                if let p = previous, p.file == file, p.journal == journal { throw e }
                if attempt >= 100 { throw e }
                previous = (file, journal)
                usleep(UInt32(min(attempt, 20)) * 1000)
            }
        }
    }

    /// The bytes of a session FILE that another session reads whole (`accord carry`, `kpi
    /// import-session`). Those read FILE alone, and record its head as their lineage; while
    /// FILE's journal holds events not yet folded into it (FILE is open in another accord, or
    /// one was killed), reading FILE alone would leave those events out without a word, so it
    /// is refused, saying how many there are. A journal whose events are all in FILE (an empty
    /// one, or a leftover) is no reason to refuse.
    public static func readWhole(_ path: String, limit: Int? = nil) throws -> Data {
        let journal = path + ".journal"
        if let j = try readIfPresent(journal), !j.isEmpty {
            let store = try SessionStore(path: path, readOnly: true)
            let pending = store.count - store.foldedCount
            if pending > 0 { throw StoreError(.locked, "store.unfolded", ["path": path, "n": "\(pending)"]) }
        }
        return try FileIO.read(path, limit: limit)
    }

    /// A file's bytes; nil when there is no such file (or it went away as it was opened: a
    /// writer removes the journal when it closes).
    private static func readIfPresent(_ p: String) throws -> Data? {
        guard FileIO.exists(p) else { return nil }
        do { return try FileIO.read(p) } catch {
            if !FileIO.exists(p) { return nil }
            throw error
        }
    }

    private func load(file: Data?, mapped: Bool, journal: Data?) throws {
        state = State()
        held = []
        unread = nil
        lastDigest = Event.genesis
        foldedCount = 0
        recoveryNotes = []
        decoded = [:]
        journalLeftover = false
        seals = nil
        adopting = nil
        if let data = file {
            let image: SessionFile.Image
            do { image = try SessionFile.load(data) } catch let e as SessionFile.LoadError {
                let kind: StoreError.Kind = { if case .integrity = e { return .integrity }; return .unreadable }()
                throw StoreError(kind, "store.load-failed", ["path": path, "why": "\(e)"])
            }
            state = image.state
            lastDigest = image.head.last
            seals = image.seal
            if image.seal?.seals.isEmpty ?? true, !image.lines.isEmpty {
                adopting = image.lines.count
                if !readOnly, let sealer {
                    recoveryNotes.append(t("seal.adopting", ["file": path, "n": "\(image.lines.count)",
                                                             "key": Fingerprint.short(sealer.fingerprint)]))
                }
            }
            if mapped && image.isCanonicalLayout {
                unread = (image.lines.count, image.head.last)  // the lines are slices of the mapping
            } else {
                held = image.lines
            }
            foldedCount = count
        }
        if let journal { try recoverJournal(journal) }
    }

    /// The journal holds bytes although every event in it is in FILE.
    private var journalLeftover = false

    private func resetJournal() throws {
        let fd = layer.open(journalPath, O_WRONLY | O_CLOEXEC, 0)
        guard fd >= 0 else { throw StoreError.io(.open, journalPath) }
        defer { _ = layer.close(fd) }
        guard layer.ftruncate(fd, 0) == 0, layer.fdatasync(fd) == 0 else { throw StoreError.io(.write, journalPath) }
        journalLeftover = false
    }

    /// Takes in the journal's events after FILE's. Only an incomplete last line (no line
    /// break: its write never finished, so it was never acknowledged) is left out. Every
    /// complete line was flushed before its command was acknowledged: one that cannot be read,
    /// whose check (`JournalLine`) does not match, or that does not continue the log is damage,
    /// and the open is refused with nothing written.
    private func recoverJournal(_ data: Data) throws {
        guard !data.isEmpty else { return }
        journalLeftover = true
        var parts = SessionFile.splitLines(data)
        if data.last != 0x0a, !parts.isEmpty {
            parts.removeLast()
            recoveryNotes.append(t(readOnly ? "store.torn-skipped" : "store.torn-dropped", ["journal": journalPath]))
        }
        var recovered = 0
        var checked: Bool?
        for (i, raw) in parts.enumerated() {
            if raw.isEmpty { continue }
            let damaged = StoreError(.unreadable, "store.journal-damaged", ["journal": journalPath, "line": "\(i + 1)"])
            let (line, check) = JournalLine.split(raw)
            // one kind of line per journal: a line without its check among checked ones lost it
            if let c = checked, c != (check != nil) { throw damaged }
            checked = check != nil
            let digest = Digest.sha256(line)
            if let check, !check.elementsEqual(digest.utf8) { throw damaged }
            guard let h = EventLine.header(line) else { throw damaged }
            if h.seq <= count {
                // already folded into FILE (a crash cut the journal's truncation short, or a
                // writer folded while this reader read FILE)
                try readBack()
                guard held[h.seq - 1] == line else {
                    throw StoreError(.integrity, "store.journal-differs", ["journal": journalPath, "line": "\(i + 1)", "seq": "\(h.seq)", "path": path])
                }
                continue
            }
            guard h.seq == count + 1, h.prev == lastDigest else {
                throw StoreError(.integrity, "store.journal-gap", ["journal": journalPath, "line": "\(i + 1)", "seq": "\(h.seq)", "path": path, "count": "\(count)"])
            }
            let event: Event
            do { event = try EventLine.decode(line) } catch {
                throw StoreError(.unreadable, "store.journal-unreadable", ["journal": journalPath, "line": "\(i + 1)", "why": SessionFile.describe(error)])
            }
            do { try state.fold(event) } catch {
                throw StoreError(.integrity, "store.journal-does-not-apply", ["journal": journalPath, "line": "\(i + 1)"], nested: ["why": Message.of(error)])
            }
            held.append(line)
            lastDigest = digest
            decoded[event.seq] = event
            recovered += 1
        }
        if recovered > 0 {
            // a read-only open repairs nothing: it shows events the writer has not folded yet
            let note = readOnly
                ? t("store.journal-included", ["n": "\(recovered)", "journal": journalPath, "file": path])
                : t("store.recovered", ["n": "\(recovered)", "journal": journalPath])
            recoveryNotes.insert(note, at: 0)
        }
    }

    // MARK: EventLog

    public func event(_ seq: Int) throws -> Event {
        guard seq >= 1, seq <= count else { throw CommandError("store.no-event", ["seq": "\(seq)"]) }
        if let e = decoded[seq] { return e }
        if let u = unread, seq <= u.count { try readBack() }
        let e = try EventLine.decode(held[seq - 1 - (unread?.count ?? 0)])
        if decoded.count > 4096 { decoded.removeAll(keepingCapacity: true) }
        decoded[seq] = e
        return e
    }

    public func integrityProblems() -> [String] {
        do { return SessionFile.chainProblems(try lines(), last: lastDigest) } catch { return ["\(error)"] }
    }

    // MARK: writing

    /// Makes an event durable: its line appended to the journal and fsynced. Then the
    /// state is advanced. On failure nothing changes (the journal is cut back).
    public func append(_ event: Event, applying: Bool = true) throws {
        precondition(!readOnly, "append on a read-only session")
        let line = try EventLine.encode(event)
        if journalFD < 0 {
            let created = !FileIO.exists(journalPath)
            let fd = layer.open(journalPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw StoreError.io(.open, journalPath) }
            if created {
                // the journal's name must be on the disk before a line in it is acknowledged:
                // a power cut would otherwise take the new file, flushed lines and all
                do { try FileIO.syncDirectory(FileIO.directory(of: path), layer: layer) } catch {
                    _ = layer.close(fd)
                    throw error
                }
            }
            journalFD = fd
            var st = stat()
            fstat(journalFD, &st)
            journalSize = st.st_size
        }
        let digest = Digest.sha256(line)
        let bytes = JournalLine.encode(line, digest: digest)
        do {
            if let e = Fault.hit(.journalWrite) {
                // the disk fills part-way through the line
                try? FileIO.writeAll(journalFD, bytes.prefix(bytes.count / 2), path: journalPath, layer: layer)
                throw StoreError.io(.write, journalPath, errno: e)
            }
            try FileIO.writeAll(journalFD, bytes, path: journalPath, layer: layer)
            if let e = Fault.hit(.journalSync) { throw StoreError.io(.flush, journalPath, errno: e) }
            guard layer.fdatasync(journalFD) == 0 else { throw StoreError.io(.flush, journalPath) }
        } catch {
            _ = layer.ftruncate(journalFD, journalSize)
            throw error
        }
        journalSize += off_t(bytes.count)
        held.append(line)
        lastDigest = digest
        decoded[event.seq] = event
        if applying { try state.fold(event) } else { state.record(event) }
        if let sealer, event.isSignatureEvent {
            // a signature is sealed on its own, and folded at once so that its seal is on disk
            var book = seals ?? SealBook()
            book.seals.append(sealer.seal(.event, seq: event.seq, digest: digest))
            seals = book
            try? fold()  // a failed fold loses nothing; the fold's head seal covers it later
        } else if count - foldedCount >= foldEvery {
            try? fold()  // a failed fold loses nothing: the journal still holds every event
        }
    }

    /// Gives exclusive in-place access to the state (no copy of its tables).
    public func withState<T>(_ body: (inout State) throws -> T) rethrows -> T {
        var s = State()
        swap(&state, &s)
        defer { swap(&state, &s) }
        return try body(&s)
    }

    /// Updates the in-memory state after the engine already applied an event's ops.
    public func didApply(_ event: Event) throws {
        try append(event, applying: false)
    }

    /// The whole file as it would be written now, sealed with the installation's key.
    public func fileBytes() throws -> Data {
        let stateLine = try SessionFile.encodeState(state)
        let all = try lines()
        var book = seals ?? SealBook()
        if let sealer {
            book = sealer.sealFold(book, head: SessionFile.head(stateLine: stateLine, lines: all, lastDigest: lastDigest),
                                   lines: all, adopting: adopting)
        } else {
            book.seals.removeAll { $0.covers == Seal.Covers.head.rawValue }  // it no longer describes the file
        }
        seals = book
        return SessionFile.encode(stateLine: stateLine, lines: all, lastDigest: lastDigest, seal: book)
    }

    /// The key letters name as this session's seal: the installation's when it writes, else
    /// the key whose seal on FILE's head holds; nil for an unsealed file.
    public var sealKey: String? {
        if let sealer { return sealer.fingerprint }
        guard let book = seals else { return nil }
        return book.headSeals.first { $0.signatureHolds(in: book) }?.key
    }

    /// Folds the journal into FILE (atomic replace), then empties the journal.
    public func fold() throws {
        precondition(!readOnly, "fold on a read-only session")
        try FileIO.atomicWrite(try fileBytes(), to: path, faults: .fold, temporary: foldTemporary, layer: layer)
        foldedCount = count
        // only now, with FILE's new name flushed, may the journal's copy of its events go
        if journalFD >= 0 {
            _ = layer.ftruncate(journalFD, 0)
            _ = layer.fdatasync(journalFD)
            journalSize = 0
        } else if FileIO.exists(journalPath) {
            let fd = layer.open(journalPath, O_WRONLY | O_CLOEXEC, 0)
            if fd >= 0 {
                _ = layer.ftruncate(fd, 0)
                _ = layer.close(fd)
            }
        }
        journalLeftover = false
    }

    /// Writes a copy of the session to another path (folding this one first).
    public func saveCopy(to other: String) throws {
        if !isFolded { try fold() }
        if Self.sameFile(other, path) { return }
        if isOwnFile(other) { throw StoreError(.io, "store.own-file", ["path": other, "file": path]) }
        try FileIO.atomicWrite(try fileBytes(), to: other)
    }

    /// Whether `other` names this session's file, its journal or its lock (by path, through
    /// symbolic links, or as the same inode): a copy or an export written there would replace
    /// the session, or cut the journal off from the events still to be appended to it.
    public func isOwnFile(_ other: String) -> Bool {
        [path, journalPath, lockPath].contains { Self.sameFile(other, $0) }
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        if stat(a, &sa) == 0, stat(b, &sb) == 0 { return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino }
        return canonical(a) == canonical(b)
    }

    /// The path with its directory resolved (the file itself may not exist yet).
    static func canonical(_ p: String) -> String {
        guard let real = realpath(FileIO.directory(of: p), nil) else { return p }
        defer { free(real) }
        return String(cString: real) + "/" + FileIO.baseName(of: p)
    }

    /// Lets go of the files without folding, as a killed process would (tests only).
    func abandonForTesting() {
        if journalFD >= 0 { Glibc.close(journalFD); journalFD = -1 }
        if lockFD >= 0 { Glibc.close(lockFD); lockFD = -1 }
    }

    /// Folds what is left and releases the lock. The journal is removed once folded.
    public func close() throws {
        guard !readOnly else { return }
        if !isFolded || (!FileIO.exists(path) && count > 0) { try fold() }
        if journalFD >= 0 { _ = layer.close(journalFD); journalFD = -1 }
        if isFolded { _ = layer.unlink(journalPath) }
        unlock()
    }
}
