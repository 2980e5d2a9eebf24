import AccordCore
@testable import AccordStore
import Foundation
import Testing

/// A temporary directory with a session path in it.
struct Sandbox {
    let dir: String
    var session: String { dir + "/s.json" }

    init() throws {
        dir = NSTemporaryDirectory() + "accord-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
}

/// Drives a store the way the runner does: engine, then append.
func run(_ store: SessionStore, _ line: String, now: String = "2027-01-15T09:00:00Z") throws {
    let step = store.state.meta.step
    let ctx = Context(now: now, log: store, readFile: { _ in Data() })
    let outcome = try store.withState { s in try Engine.run(line, state: &s, ctx: ctx) }
    guard let change = outcome.change else { return }
    try store.didApply(change.event(seq: store.count + 1, prev: store.lastDigest, time: now, step: step, command: line))
}

@Suite("Session store: journal, fold, lock, recovery")
struct StoreTests {
    @Test func eachCommandIsInTheJournalBeforeTheFileIsWritten() throws {
        let sb = try Sandbox()
        let store = try SessionStore(path: sb.session)
        try run(store, "dept add Sales")
        try run(store, "dept add 行銷部")
        #expect(!FileManager.default.fileExists(atPath: sb.session))
        let journal = String(decoding: try sb.read(sb.session + ".journal"), as: UTF8.self)
        #expect(journal.split(separator: "\n").count == 2)
        #expect(journal.hasSuffix("\n"))
        try store.close()
        #expect(!FileManager.default.fileExists(atPath: sb.session + ".journal"))
        let image = try SessionFile.load(try sb.read(sb.session))
        #expect(image.lines.count == 2)
        #expect(image.state.department(named: "行銷部") != nil)
    }

    @Test func aKeyFileReadsTheSameWithWhitespaceAroundItAndNotWithTextInsideIt() throws {
        let box = try Sandbox()
        let body = InstallationKey.header + "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="
        func load(_ text: String) throws -> Sealer? {
            let file = box.dir + "/k-\(UUID().uuidString)"
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            chmod(file, 0o600)
            return try InstallationKey.load(file)
        }
        let plain = try #require(try load(body))
        #expect(try load(body + "\n")?.fingerprint == plain.fingerprint)
        #expect(try load(" \t\r\n" + body + "\r\n\n ")?.fingerprint == plain.fingerprint)
        #expect(throws: StoreError.self) { try load(body + " x\n") }
    }

    @Test func pathsAreSplitAsStringsWithTildeAsAnOrdinaryCharacter() {
        #expect(FileIO.directory(of: "a/b.json") == "a")
        #expect(FileIO.directory(of: "/b.json") == "/")
        #expect(FileIO.directory(of: "b.json") == ".")
        #expect(FileIO.directory(of: "~x/b.json") == "~x")
        #expect(FileIO.directory(of: "a/b/") == "a")
        #expect(FileIO.baseName(of: "a/行銷部.json") == "行銷部.json")
        #expect(FileIO.baseName(of: "~x") == "~x")
        #expect(FileIO.stem(of: "dir/acme.2027.json") == "acme.2027")
        #expect(FileIO.stem(of: ".hidden") == ".hidden")
        #expect(FileIO.sibling(of: "a/s.json", named: ".s.json.tmp-fold") == "a/.s.json.tmp-fold")
        #expect(FileIO.sibling(of: "s.json", named: ".s.json.tmp-fold") == ".s.json.tmp-fold")
    }

    @Test func theLogOfTheFileIsReadBackOnlyWhenNeededAndStillTheSame() throws {
        let sb = try Sandbox()
        do {
            let store = try SessionStore(path: sb.session)
            for name in ["Sales", "行銷部", "Service"] { try run(store, "dept add \(name)") }
            try store.close()
        }
        let original = try sb.read(sb.session)
        // undo reaches an event that is only in the file: it is read back
        do {
            let store = try SessionStore(path: sb.session)
            #expect(store.count == 3)
            #expect(try store.event(2).command == "dept add 行銷部")
            try run(store, "undo")
            #expect(store.state.depts.count == 2)
            #expect(store.integrityProblems().isEmpty)
            try store.close()
        }
        let after = try SessionFile.load(try sb.read(sb.session))
        #expect(after.lines.count == 4)
        #expect(after.lines.prefix(3).elementsEqual(try SessionFile.load(original).lines))
        // another program writes over the file while it is open: a fold does not write over
        // it, and the new event stays in the journal
        let store = try SessionStore(path: sb.session)
        try run(store, "dept add Legal")
        let foreign = original
        try foreign.write(to: URL(fileURLWithPath: sb.session))
        #expect(throws: StoreError.self) { try store.fold() }
        #expect(try sb.read(sb.session) == foreign)
        let journal = String(decoding: try sb.read(sb.session + ".journal"), as: UTF8.self)
        #expect(journal.contains("dept add Legal"))
        let e = #expect(throws: StoreError.self) { try store.close() }
        #expect(e?.kind == .integrity)
        #expect(e?.message.rendered().contains("was changed by another program while accord had it open") == true)
        #expect(try sb.read(sb.session) == foreign)
        store.abandonForTesting()
    }

    @Test func reopeningRecoversEveryJournaledEvent() throws {
        let sb = try Sandbox()
        do {
            let store = try SessionStore(path: sb.session, foldEvery: 3)
            for i in 1...7 { try run(store, "dept add D\(i)") }
            // no close: as if the process was killed (the lock goes with the process)
            #expect(store.foldedCount == 6)
            store.abandonForTesting()
        }
        let reopened = try SessionStore(path: sb.session)
        #expect(reopened.count == 7)
        #expect(reopened.state.depts.count == 7)
        #expect(reopened.recoveryNotes.first == "recovered 1 event from \(sb.session).journal")
        #expect(reopened.isFolded)
    }

    @Test func aTornLastLineIsDroppedAndTheRestRecovered() throws {
        let sb = try Sandbox()
        do {
            let store = try SessionStore(path: sb.session)
            try run(store, "dept add Sales")
            try run(store, "dept add Marketing")
            store.abandonForTesting()
        }
        let journal = sb.session + ".journal"
        let full = try sb.read(journal)
        let lines = full.split(separator: 0x0a)
        // keep line 1, and half of line 2 without its newline
        var torn = Data(lines[0]); torn.append(0x0a); torn.append(Data(lines[1].prefix(lines[1].count / 2)))
        try torn.write(to: URL(fileURLWithPath: journal))
        let reopened = try SessionStore(path: sb.session)
        #expect(reopened.count == 1)
        #expect(reopened.state.department(named: "Sales") != nil)
        #expect(reopened.state.department(named: "Marketing") == nil)
        #expect(reopened.recoveryNotes.contains { $0.contains("torn last line") })
        // and the session goes on from there
        try run(reopened, "dept add Growth")
        try reopened.close()
        let image = try SessionFile.load(try sb.read(sb.session))
        #expect(image.lines.count == 2)
    }

    @Test func aJournalAlreadyFoldedIsNotAppliedTwice() throws {
        let sb = try Sandbox()
        let store = try SessionStore(path: sb.session)
        try run(store, "dept add Sales")
        try run(store, "dept add Marketing")
        let journal = try sb.read(sb.session + ".journal")
        try store.close()
        // a crash after the rename but before the journal was emptied
        try journal.write(to: URL(fileURLWithPath: sb.session + ".journal"))
        let reopened = try SessionStore(path: sb.session)
        #expect(reopened.count == 2)
        #expect(reopened.state.depts.count == 2)
    }

    @Test func aJournalThatDoesNotContinueTheFileIsRefused() throws {
        let sb = try Sandbox()
        let a = try SessionStore(path: sb.session)
        try run(a, "dept add Sales")
        try a.close()
        let other = try Sandbox()
        let b = try SessionStore(path: other.session)
        try run(b, "dept add X")
        try run(b, "dept add Y")
        b.abandonForTesting()
        // event 2 of another session beside this file
        let lines = try other.read(other.session + ".journal").split(separator: 0x0a)
        var j = Data(lines[1]); j.append(0x0a)
        try j.write(to: URL(fileURLWithPath: sb.session + ".journal"))
        let before = try sb.read(sb.session)
        #expect(throws: StoreError.self) { _ = try SessionStore(path: sb.session) }
        #expect(try sb.read(sb.session) == before)
    }

    @Test func aReadOnlyOpenIncludesTheJournalWithoutClaimingARepair() throws {
        let sb = try Sandbox()
        let store = try SessionStore(path: sb.session)
        try run(store, "dept add Sales")
        try store.fold()
        try run(store, "dept add Marketing")
        let reader = try SessionStore(path: sb.session, readOnly: true)
        #expect(reader.count == 2)
        #expect(reader.recoveryNotes == ["included 1 event from \(sb.session).journal not yet folded into \(sb.session)"])
        try store.close()
    }

    /// The retry that lets a reader see past a writer's fold does not hide damage that stays:
    /// a journal that begins after FILE's head, read twice the same, is refused.
    @Test func aReaderStillRefusesAJournalThatDoesNotFitTheFile() throws {
        let sb = try Sandbox()
        let store = try SessionStore(path: sb.session)
        try run(store, "dept add A")
        try store.fold()
        let old = try sb.read(sb.session)
        try run(store, "dept add B")
        try run(store, "dept add C")
        try store.fold()
        try run(store, "dept add D")
        store.abandonForTesting()
        try old.write(to: URL(fileURLWithPath: sb.session))  // FILE ends at event 1, the journal holds event 4
        let journal = try sb.read(sb.session + ".journal")
        for readOnly in [true, false] {
            let e = #expect(throws: StoreError.self) { _ = try SessionStore(path: sb.session, readOnly: readOnly) }
            #expect(e?.kind == .integrity)
            #expect(e?.message.rendered().contains("line 1: event 4 does not continue") == true, "\(e?.message.rendered() ?? "")")
        }
        #expect(try sb.read(sb.session) == old)
        #expect(try sb.read(sb.session + ".journal") == journal)
    }

    @Test func aJournalLineIsTheEventLineATabAndItsDigest() throws {
        let sb = try Sandbox()
        let store = try SessionStore(path: sb.session)
        try run(store, "dept add Sales")
        let raw = try sb.read(sb.session + ".journal")
        #expect(raw.last == 0x0a)
        let (line, check) = JournalLine.split(raw.dropLast())
        #expect(line == (try store.lines())[0])
        #expect(check.map { String(decoding: $0, as: UTF8.self) } == store.lastDigest)
        try store.close()
    }

    @Test func aSecondOpenIsRefusedWhileTheFirstHoldsTheLock() throws {
        let sb = try Sandbox()
        let first = try SessionStore(path: sb.session)
        do {
            _ = try SessionStore(path: sb.session)
            Issue.record("second open succeeded")
        } catch let e as StoreError {
            #expect(e.kind == .locked)
            #expect(e.message.rendered().contains("open in another accord"))
            // the error carries data; its words come from the catalog
            #expect(e.message.key == "store.locked-by")
            #expect(e.message.args == ["path": sb.session, "pid": "\(getpid())"])
            #expect(e.message.rendered() == "\(sb.session) is open in another accord (process \(getpid())); close it there first")
        }
        // read-only opens are fine
        _ = try SessionStore(path: sb.session, readOnly: true)
        try first.close()
        _ = try SessionStore(path: sb.session)
    }

    @Test func foldKeepsTheFilePermissions() throws {
        let sb = try Sandbox()
        let store = try SessionStore(path: sb.session)
        try run(store, "dept add Sales")
        try store.fold()
        chmod(sb.session, 0o600)
        try run(store, "dept add Marketing")
        try store.close()
        var st = stat()
        stat(sb.session, &st)
        #expect(st.st_mode & 0o777 == 0o600)
    }

    @Test func aFailedAppendChangesNothingAndLosesNothing() throws {
        let sb = try Sandbox()
        let first = try SessionStore(path: sb.session)
        try run(first, "dept add Sales")
        try first.close()
        let store = try SessionStore(path: sb.session)
        // the disk is full from now on
        try FileManager.default.createSymbolicLink(atPath: sb.session + ".journal", withDestinationPath: "/dev/full")
        let before = store.state
        let count = store.count
        let ctx = Context(now: "2027-01-15T09:00:00Z", log: store, readFile: { _ in Data() })
        let outcome = try store.withState { s in try Engine.run("dept add Growth", state: &s, ctx: ctx) }
        let change = try #require(outcome.change)
        let event = change.event(seq: count + 1, prev: store.lastDigest, time: ctx.now, step: .setup, command: "dept add Growth")
        #expect(throws: StoreError.self) { try store.didApply(event) }
        #expect(store.count == count)
        #expect(store.state.undoable == before.undoable)
        store.abandonForTesting()
        try FileManager.default.removeItem(atPath: sb.session + ".journal")
        let reopened = try SessionStore(path: sb.session)
        #expect(reopened.count == 1)
        #expect(reopened.state.department(named: "Sales") != nil)
    }

    @Test func saveCopyWritesAFullSessionElsewhere() throws {
        let sb = try Sandbox()
        let store = try SessionStore(path: sb.session)
        try run(store, "dept add Sales")
        try store.saveCopy(to: sb.dir + "/copy.json")
        #expect(store.isFolded)
        let copy = try SessionFile.load(try sb.read(sb.dir + "/copy.json"))
        #expect(copy.state == store.state)
        try store.close()
    }

    @Test func aDamagedFileIsNeverOverwritten() throws {
        let sb = try Sandbox()
        for bad in ["", "not json", "{\"format\":\"accord-session\",\"version\":9}"] {
            try Data(bad.utf8).write(to: URL(fileURLWithPath: sb.session))
            #expect(throws: StoreError.self) { _ = try SessionStore(path: sb.session) }
            #expect(try sb.read(sb.session) == Data(bad.utf8))
            #expect(!FileManager.default.fileExists(atPath: sb.session + ".lock"))
        }
    }
}

@Suite("Store errors are catalog messages")
struct StoreErrorMessageTests {
    @Test func everySystemCallFailureHasItsWholeSentence() {
        for action in StoreError.Action.allCases {
            let e = StoreError.io(action, "/x/s.json", errno: ENOENT)
            #expect(e.message.key == "store.io." + action.rawValue)
            #expect(!e.message.rendered().hasPrefix("⟨"), "\(action) has no template")
            #expect(e.message.rendered().hasSuffix("/x/s.json: No such file or directory"), "\(e)")
        }
        #expect(StoreError.io(.flushDirectory, "/d", errno: EIO).description == "cannot flush directory /d: Input/output error")
    }

    @Test func aMissingFileSaysSoThroughTheCatalog() {
        #expect(throws: StoreError(.io, "store.io.open", ["path": "/nonexistent/x", "why": "No such file or directory"])) {
            try FileIO.read("/nonexistent/x")
        }
    }
}

/// `FileIO.read` of what is not a regular file (a script on a pipe, /dev/null): the first
/// read takes a page, later ones 64 KiB; every byte arrives, whatever the sizes.
@Suite struct ReadStreamTests {
    @Test func aPipeIsReadWholeAcrossTheChunkSizes() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(atPath: box.dir) }
        #expect(try FileIO.read("/dev/null", regularOnly: false).isEmpty)
        for size in [1, 4095, 4096, 4097, 65536 + 4096, 300_001] {
            let fifo = box.dir + "/fifo-\(size)"
            #expect(mkfifo(fifo, 0o600) == 0)
            let bytes = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            let writer = Thread {
                let fd = open(fifo, O_WRONLY)
                _ = try? FileIO.writeAll(fd, bytes, path: fifo)
                close(fd)
            }
            writer.start()
            let read = try FileIO.read(fifo, regularOnly: false)
            #expect(read == bytes, "\(size) bytes: read \(read.count)")
        }
        // a limit still holds past the first chunk
        #expect(throws: StoreError.self) { try FileIO.read("/dev/zero", regularOnly: false, limit: 100_000) }
    }
}
