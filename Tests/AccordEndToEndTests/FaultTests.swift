import AccordCore
import Foundation
import Testing

/// Faults while saving (issue 7): the disk fills, a write or a flush fails, the directory
/// becomes read-only, the journal's last line is torn. Each gives one clear line, nothing that
/// was acknowledged (printed) is lost, and the next open recovers.
///
/// Failures are injected with `ACCORD_FAULT` (see `Fault` in Sources/AccordStore/FileIO.swift)
/// and, where the machine allows it, made real: /dev/full, a small tmpfs, a directory made
/// read-only while `nobody` has the session open. `ACCORD_FAULT` is compiled into debug builds
/// only: these tests run the debug build (`ACCORD_BIN` set to a release binary makes the
/// injected ones fail, as they should: a release binary has no fault injection).
@Suite("Faults while saving")
struct FaultTests {
    /// Departments the output says were added: what was acknowledged.
    static func acknowledged(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Added department ") else { return nil }
            return String(line.dropFirst("Added department ".count).split(separator: " (")[0])
        }
    }

    /// Reopens the session: it must open (exit 0), and it is returned with what stderr said.
    static func reopen(_ a: Accord, _ name: String = "s.json", sourceLocation: SourceLocation = #_sourceLocation) throws -> (names: [String], stderr: String) {
        let r = try a.run([name, "--script", "/dev/null"])
        #expect(r.status == 0, "reopen: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(!a.exists(name + ".journal"), "the journal is folded and removed on reopen", sourceLocation: sourceLocation)
        guard a.exists(name) else { return ([], r.stderr) }
        let depts = (try a.state(name)["depts"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        return (depts, r.stderr)
    }

    static func errorLines(_ stderr: String) -> [Substring] { stderr.split(separator: "\n") }

    // MARK: the journal

    @Test func aFullDiskWhileJournalingRefusesEachCommandAndLosesNothing() throws {
        let a = try Accord()
        let r = try a.script("s.json", "dept add A\ndept add B\ndept add C\ndept add D\n",
                             env: ["ACCORD_FAULT": "journal-write:ENOSPC@3"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(Self.acknowledged(r.stdout) == ["A", "B"])
        let lines = Self.errorLines(r.stderr)
        // one line per refused command, then the summary
        #expect(lines.count == 3, "\(r.stderr)")
        for (i, n) in [3, 4].enumerated() {
            #expect(lines[i].hasPrefix("script-") && lines[i].contains(":\(n): error: Not recorded, nothing changed: cannot write s.json.journal: No space left on device"),
                    "\(lines[i])")
        }
        // the half-written line was cut back: the journal held only whole lines when folded
        let (names, notes) = try Self.reopen(a)
        #expect(names == ["A", "B"])
        #expect(notes.isEmpty, "\(notes)")
        #expect(try a.events("s.json").count == 2)
        try a.expectReplayVerifies("s.json")
    }

    @Test func aFailedFlushIsNotAcknowledgedAndTheNextCommandStillWorks() throws {
        let a = try Accord()
        let r = try a.script("s.json", "dept add A\ndept add B\ndept add C\n", env: ["ACCORD_FAULT": "journal-sync:EIO@2x1"])
        #expect(r.status == 1)
        #expect(Self.acknowledged(r.stdout) == ["A", "C"])
        #expect(r.stderr.contains(":2: error: Not recorded, nothing changed: cannot flush s.json.journal: Input/output error"), "\(r.stderr)")
        let events = try a.events("s.json")
        #expect(events.map { $0["cmd"] as? String } == ["dept add A", "dept add C"])
        #expect(events.map { $0["seq"] as? Int } == [1, 2])
        try a.expectReplayVerifies("s.json")
    }

    @Test func theRealDevFullRefusesTheCommandAndLeavesTheFileAsItWas() throws {
        let a = try Accord()
        try a.script("s.json", "dept add A\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: a.path("s.json")))
        let p = try Interactive(a, ["s.json"], asNobody: false)
        p.send("status\n")
        #expect(p.waitForStdout(containing: "Next:"))
        // the session is open and has no journal yet: from now on every write to it fails with
        // the kernel's own ENOSPC
        try FileManager.default.createSymbolicLink(atPath: a.path("s.json.journal"), withDestinationPath: "/dev/full")
        p.send("dept add B\nstatus\n")
        let (status, _, err) = p.finish()
        #expect(status == 1)
        #expect(Self.errorLines(err) == ["stdin:2: error: Not recorded, nothing changed: cannot write s.json.journal: No space left on device",
                                         "1 command failed in stdin (line 2)."])
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("s.json"))) == before)
        #expect(!a.exists("s.json.lock"))
        let (names, _) = try Self.reopen(a)
        #expect(names == ["A"])
    }

    // MARK: the fold

    @Test(arguments: ["fold-write:ENOSPC", "fold-sync:EIO", "fold-rename:EIO"])
    func aFoldThatFailsAtQuitKeepsEveryEventInTheJournal(fault: String) throws {
        let a = try Accord()
        try a.script("s.json", "dept add A\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: a.path("s.json")))
        let r = try a.run(["s.json"], stdin: "dept add B\ndept add C\nquit\n", env: ["ACCORD_FAULT": fault])
        #expect(r.status == 74, "\(r.stderr)")
        #expect(Self.acknowledged(r.stdout) == ["B", "C"])
        let lines = Self.errorLines(r.stderr)
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(lines.first?.hasPrefix("Could not fold the journal into the session file: ") == true)
        #expect(lines.first?.hasSuffix("Every command is kept in the journal; the next open recovers it.") == true)
        // the file was not touched, no temporary file is left, the journal holds both events
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("s.json"))) == before)
        let files = try FileManager.default.contentsOfDirectory(atPath: a.dir.path)
        #expect(!files.contains { $0.contains(".tmp-") }, "\(files)")
        #expect(try a.read("s.json.journal").split(separator: "\n").count == 2)
        let (names, notes) = try Self.reopen(a)
        #expect(names == ["A", "B", "C"])
        #expect(notes.contains("recovered 2 events from s.json.journal"))
        try a.expectReplayVerifies("s.json")
    }

    @Test func aFailedDirectoryFlushAfterTheRenameIsReportedAndHarmless() throws {
        let a = try Accord()
        let r = try a.script("s.json", "dept add A\ndept add B\n", env: ["ACCORD_FAULT": "dir-sync:EIO"])
        #expect(r.status == 74)
        #expect(Self.errorLines(r.stderr).count == 1)
        #expect(r.stderr.contains("cannot flush directory"))
        let (names, _) = try Self.reopen(a)
        #expect(names == ["A", "B"])
    }

    @Test func aPeriodicFoldThatFailsLosesNothing() throws {
        let a = try Accord()
        // fold every 2 events; the first fold fails (the disk was full a moment), the rest work
        let r = try a.script("s.json", (1...7).map { "dept add D\($0)" }.joined(separator: "\n") + "\n",
                             env: ["ACCORD_FAULT": "fold-write:ENOSPC@1x1", "ACCORD_FOLD_EVERY": "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.acknowledged(r.stdout).count == 7)
        let (names, _) = try Self.reopen(a)
        #expect(names == (1...7).map { "D\($0)" })
        try a.expectReplayVerifies("s.json")
    }

    @Test func anUnknownFaultSpecificationIsInert() throws {
        let a = try Accord()
        let r = try a.script("s.json", "dept add A\n", env: ["ACCORD_FAULT": "nonsense,journal-write:NOTANERRNO,fold:EIO"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
    }

    @Test func theTemporaryFileOfAnInterruptedFoldIsRemovedOnTheNextOpen() throws {
        let a = try Accord()
        try a.script("s.json", "dept add A\n")
        // what a kill in the middle of a fold leaves; and a file that only looks alike
        try a.write(".s.json.tmp-fold", "{\"format\":\"accord-session\",")
        try a.write(".s.json.tmp-Ab12Cd", "another writer's, not the fold's")
        let (names, _) = try Self.reopen(a)
        #expect(names == ["A"])
        #expect(!a.exists(".s.json.tmp-fold"))
        #expect(a.exists(".s.json.tmp-Ab12Cd"))
        // a read-only command takes no lock, so it removes nothing
        try a.write(".s.json.tmp-fold", "")
        _ = try a.run(["verify", "s.json"])
        #expect(a.exists(".s.json.tmp-fold"))
    }

    // MARK: a disk that really fills

    @Test func aSmallDiskThatFills() throws {
        let a = try Accord()
        // a 256 KiB tmpfs when we may mount one (root, and a kernel that lets us); else the same
        // story through the injected writer: the disk is full from the 6th write on
        let disk = SmallDisk(a.path("disk"), kilobytes: 256)
        defer { disk?.unmount() }
        let name = disk != nil ? "disk/s.json" : "s.json"
        if disk == nil { try FileManager.default.createDirectory(atPath: a.path("disk"), withIntermediateDirectories: true) }
        try a.script(name, "period 2027\ndept add A\n")
        if disk != nil {
            // fill the disk, then give back 12 KiB: room for a few journal pages, not for a fold
            _ = FileManager.default.createFile(atPath: a.path("disk/filler"), contents: nil)
            let filler = FileHandle(forWritingAtPath: a.path("disk/filler"))
            let chunk = Data(repeating: 0x41, count: 4096)
            while (try? filler?.write(contentsOf: chunk)) != nil {}
            let size = (try? filler?.offset()) ?? 0
            try? filler?.truncate(atOffset: max(0, size - 12288))
            try? filler?.close()
        }
        let commands = (1...40).map { "dept add \"Department number \($0) with a long name to fill pages\" --head \"Head \($0)\"" }
        let r = try a.run([name], stdin: commands.joined(separator: "\n") + "\nquit\n",
                          env: disk == nil ? ["ACCORD_FAULT": "journal-write:ENOSPC@6,fold-write:ENOSPC"] : [:])
        let acked = Self.acknowledged(r.stdout)
        let refused = Self.errorLines(r.stderr).filter { $0.contains("Not recorded, nothing changed:") && $0.contains("No space left on device") }
        // the disk filled: some commands were refused, each with its own line, and the fold at quit failed
        #expect(!refused.isEmpty, "\(r.stderr)")
        #expect(acked.count + refused.count == 40, "\(r.stdout)\n\(r.stderr)")
        #expect(r.status == 74, "\(r.stderr)")
        #expect(r.stderr.contains("Could not fold the journal into the session file"))
        #expect(!acked.isEmpty)
        // space again: the next open recovers every acknowledged command
        try? FileManager.default.removeItem(atPath: a.path("disk/filler"))
        let (names, notes) = try Self.reopen(a, name)
        #expect(names == ["A"] + acked, "\(notes)")
        try a.expectReplayVerifies(name)
    }

    // MARK: the directory becomes read-only

    @Test func theDirectoryBecomesReadOnlyWhileTheSessionIsOpen() throws {
        let a = try Accord()
        let dir = a.path("room")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try a.script("room/s.json", "dept add A\n")
        let asNobody = getuid() == 0
        if asNobody {
            // root ignores permissions: the session is nobody's, and nobody runs accord
            for p in [dir, dir + "/s.json"] { chown(p, 65534, 65534) }
            chmod(a.dir.path, 0o755)
        }
        defer { chmod(dir, 0o755) }

        // 1. open, read-only before the first command: the journal cannot be created
        var p = try Interactive(a, ["room/s.json"], asNobody: asNobody)
        p.send("status\n")
        #expect(p.waitForStdout(containing: "Next:"))
        chmod(dir, 0o555)
        p.send("dept add B\n")
        #expect(p.waitForStdout(containing: "Added department B", orStderr: "Not recorded"))
        chmod(dir, 0o755)
        p.send("dept add C\n")
        #expect(p.waitForStdout(containing: "Added department C"))
        // 2. read-only while the journal is open: commands still become durable; the fold at quit fails
        chmod(dir, 0o555)
        p.send("dept add D\nquit\n")
        var (status, out, err) = p.finish()
        #expect(status == 74, "\(err)")
        #expect(Self.acknowledged(out) == ["C", "D"])
        let lines = Self.errorLines(err)
        #expect(lines.count == 2, "\(err)")
        #expect(lines.first == "stdin:2: error: Not recorded, nothing changed: cannot open room/s.json.journal: Permission denied")
        #expect(lines.last?.hasPrefix("Could not fold the journal into the session file: cannot write in ") == true)
        #expect(lines.last?.contains("room: Permission denied. Every command is kept in the journal") == true)
        // 3. writable again: the next open recovers C and D
        chmod(dir, 0o755)
        p = try Interactive(a, ["room/s.json", "--script", "/dev/null"], asNobody: asNobody)
        (status, out, err) = p.finish()
        #expect(status == 0, "\(err)")
        #expect(err.contains("recovered 2 events from room/s.json.journal"))
        let depts = (try a.state("room/s.json")["depts"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(depts == ["A", "C", "D"])
        try a.expectReplayVerifies("room/s.json")
    }

    // MARK: a torn journal

    /// The journal as a crash leaves it: whole lines, then a part of the next one.
    static func tornJournal(_ a: Accord, commands: Int) throws -> Data {
        // build events in a journal that is never folded (every fold fails)
        let cmds = (1...commands + 1).map { "dept add T\($0)" }.joined(separator: "\n") + "\n"
        let r = try a.run(["s.json"], stdin: cmds + "quit\n", env: ["ACCORD_FAULT": "fold-rename:EIO"])
        #expect(r.status == 74)
        let journal = try Data(contentsOf: URL(fileURLWithPath: a.path("s.json.journal")))
        let lines = journal.split(separator: 0x0a)
        #expect(lines.count == commands + 1)
        // keep `commands` whole lines and 40 bytes of the last one
        var torn = Data(lines.prefix(commands).joined(separator: [0x0a]))
        torn.append(0x0a)
        torn.append(lines.last!.prefix(40))
        try torn.write(to: URL(fileURLWithPath: a.path("s.json.journal")))
        return torn
    }

    @Test func aTornLastLineIsDroppedAndReported() throws {
        let a = try Accord()
        _ = try Self.tornJournal(a, commands: 3)
        let r = try a.run(["s.json"], stdin: "dept add After\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.errorLines(r.stderr) == ["accord: recovered 3 events from s.json.journal",
                                             "accord: dropped a torn last line of s.json.journal (it was never acknowledged)"])
        let (names, _) = try Self.reopen(a)
        #expect(names == ["T1", "T2", "T3", "After"])
        try a.expectReplayVerifies("s.json")
    }

    /// Regression: a journal whose only content was a torn line was left as it was, so the next
    /// event was appended to the torn bytes and the journal could not be read after a crash.
    @Test func aJournalHoldingOnlyATornLineIsEmptiedBeforeTheNextEvent() throws {
        let a = try Accord()
        try a.script("s.json", "dept add A\n")
        try Data("{\"seq\":2,\"prev\":\"0123".utf8).write(to: URL(fileURLWithPath: a.path("s.json.journal")))
        // two commands acknowledged, then the fold fails (as if killed before it)
        let r = try a.run(["s.json"], stdin: "dept add B\ndept add C\nquit\n", env: ["ACCORD_FAULT": "fold-rename:EIO"])
        #expect(r.status == 74, "\(r.stderr)")
        #expect(r.stderr.contains("dropped a torn last line"))
        #expect(Self.acknowledged(r.stdout) == ["B", "C"])
        let (names, notes) = try Self.reopen(a)
        #expect(names == ["A", "B", "C"], "\(notes)")
    }

    @Test func aTornLineThatIsNotTheLastIsDamageAndRefused() throws {
        let a = try Accord()
        let torn = try Self.tornJournal(a, commands: 2)
        // a whole line after the torn one: not a crash's doing, so not dropped silently
        var journal = torn
        journal.append(contentsOf: Data("\n{\"seq\":9}\n".utf8))
        try journal.write(to: URL(fileURLWithPath: a.path("s.json.journal")))
        let before = try? Data(contentsOf: URL(fileURLWithPath: a.path("s.json")))
        let r = try a.run(["s.json", "--script", "/dev/null"])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(Self.errorLines(r.stderr).count == 1)
        #expect(r.stderr.contains("s.json.journal line 3 is damaged"))
        #expect((try? Data(contentsOf: URL(fileURLWithPath: a.path("s.json")))) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("s.json.journal"))) == journal)
        #expect(!a.exists("s.json.lock"))
    }

    // MARK: acknowledged lines are never dropped (issue 13 §3)

    /// The journal of three acknowledged commands whose last line is changed by `edit`;
    /// opening must refuse it (65, one line) and leave every file as it was.
    func expectRefused(_ edit: (inout Data) -> Void, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let a = try Accord()
        try a.script("s.json", "dept add T0\n")
        let file = try Data(contentsOf: URL(fileURLWithPath: a.path("s.json")))
        _ = try a.run(["s.json"], stdin: "dept add T1\ndept add T2\ndept add T3\nquit\n", env: ["ACCORD_FAULT": "fold-rename:EIO"])
        let path = a.path("s.json.journal")
        var journal = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(journal.last == 0x0a, sourceLocation: sourceLocation)
        edit(&journal)
        #expect(journal.last == 0x0a, "the last line is still complete", sourceLocation: sourceLocation)
        try journal.write(to: URL(fileURLWithPath: path))
        for args in [["s.json", "--script", "/dev/null"], ["export", "s.json", "--what", "sheet", "--format", "json"]] {
            let r = try a.run(args)
            #expect(r.status == 65, "\(args[0]): \(r.status) \(r.stderr)", sourceLocation: sourceLocation)
            #expect(r.stderr.contains("s.json.journal line 3"), "\(r.stderr)", sourceLocation: sourceLocation)
            #expect(!r.stderr.contains("torn"), "\(r.stderr)", sourceLocation: sourceLocation)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == journal, sourceLocation: sourceLocation)
            #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("s.json"))) == file, sourceLocation: sourceLocation)
            #expect(!a.exists("s.json.lock"), sourceLocation: sourceLocation)
        }
        let v = try a.run(["verify", "s.json"])
        #expect(v.status != 0, sourceLocation: sourceLocation)
    }

    /// The last line's bytes, from its start (the journal ends with its line break).
    static func lastLineStart(_ journal: Data) -> Int {
        (journal.dropLast().lastIndex(of: 0x0a) ?? -1) + 1
    }

    @Test func aDamagedHeaderOfTheLastCompleteLineIsRefusedNotDroppedAsTorn() throws {
        try expectRefused { j in
            let at = Self.lastLineStart(j) + 2  // {"seq": → {"sxq":
            j[at] = UInt8(ascii: "x")
        }
    }

    @Test func anEditedBodyOfTheLastLineIsRefused() throws {
        try expectRefused { j in
            let start = Self.lastLineStart(j)
            let line = j[start...]
            let name = Data("T3".utf8)
            let at = try! #require(line.firstRange(of: name))
            j.replaceSubrange(at, with: Data("T9".utf8))
        }
    }

    @Test func aLastLineWithItsCheckRemovedIsRefused() throws {
        try expectRefused { j in
            // the event line without its tab and digest: an old build's line among checked ones
            let end = j.count - 1
            j.removeSubrange((end - 65)..<end)
        }
    }

    @Test func eachJournalLineCarriesTheDigestOfItsEvent() throws {
        let a = try Accord()
        _ = try a.run(["s.json"], stdin: "dept add T1\ndept add T2\nquit\n", env: ["ACCORD_FAULT": "fold-rename:EIO"])
        let lines = try Data(contentsOf: URL(fileURLWithPath: a.path("s.json.journal"))).split(separator: 0x0a)
        #expect(lines.count == 2)
        for line in lines {
            let parts = line.split(separator: 0x09)
            #expect(parts.count == 2)
            #expect(String(decoding: parts[1], as: UTF8.self) == Digest.sha256(parts[0]))
        }
    }

    /// A signed demo with a pending journal, from the build before journal lines had checks
    /// (Tests/Fixtures/store: `accord demo`, then two department adds, then SIGKILL).
    @Test func aJournalFromAnEarlierBuildIsStillRecoveredWithItsSignatures() throws {
        let a = try Accord()
        for suffix in ["", ".journal"] {
            try FileManager.default.copyItem(atPath: Accord.fixture("store/signed-demo-old-journal.json" + suffix),
                                             toPath: a.path("d.json" + suffix))
        }
        let v = try a.run(["verify", "d.json"])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        #expect(v.stdout.contains("51 events"))
        #expect(v.stdout.contains("4 signed"))
        #expect(v.stdout.contains("Everything holds"))
        let e = try a.run(["export", "d.json", "--what", "sheet", "--format", "json"])
        #expect(e.status == 0, "\(e.stderr)")
        #expect(e.stderr.contains("included 2 events from d.json.journal not yet folded into d.json"), "\(e.stderr)")
        #expect(!e.stderr.contains("recovered"))
        #expect(a.exists("d.json.journal"), "a read-only export writes nothing")
        let r = try a.run(["d.json", "--script", "/dev/null"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("recovered 2 events from d.json.journal"))
        #expect(!a.exists("d.json.journal"))
        #expect(try a.events("d.json").count == 51)
        try a.expectReplayVerifies("d.json")
        let after = try a.run(["verify", "d.json"])
        #expect(after.stdout.contains("4 signed") && after.status == 0, "\(after.stdout)")
    }
}

// MARK: - helpers

/// A tmpfs of a few hundred KiB, when this process may mount one.
struct SmallDisk {
    let path: String

    init?(_ path: String, kilobytes: Int) {
        guard getuid() == 0, ProcessInfo.processInfo.environment["ACCORD_NO_MOUNT"] == nil else { return nil }
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/mount")
        p.arguments = ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path]
        p.standardOutput = Pipe()
        p.standardError = Pipe()
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        self.path = path
    }

    func unmount() {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/umount")
        p.arguments = ["-l", path]
        try? p.run()
        p.waitUntilExit()
    }
}

/// accord with a pipe to type into, its output read as it comes.
struct Interactive {
    let process = Process()
    let input = Pipe()
    let out = Pipe(), err = Pipe()
    let outBox = DataBox(), errBox = DataBox()
    let lock = NSLock()

    init(_ a: Accord, _ args: [String], asNobody: Bool) throws {
        process.executableURL = URL(fileURLWithPath: asNobody ? "/usr/bin/setpriv" : Accord.binary)
        process.arguments = (asNobody ? ["--reuid=65534", "--regid=65534", "--clear-groups", Accord.binary] : []) + args
        process.currentDirectoryURL = a.dir
        process.environment = ["ACCORD_NOW": "2027-01-15T09:00:00Z", "NO_COLOR": "1", "HOME": "/tmp", "XDG_STATE_HOME": "/tmp",
                               "XDG_CONFIG_HOME": Accord.configHome(a, asNobody: asNobody)]
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        let (ob, eb, l) = (outBox, errBox, lock)
        out.fileHandleForReading.readabilityHandler = { h in let d = h.availableData; l.lock(); ob.data.append(d); l.unlock() }
        err.fileHandleForReading.readabilityHandler = { h in let d = h.availableData; l.lock(); eb.data.append(d); l.unlock() }
        try process.run()
    }

    func send(_ text: String) { try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8)) }

    func snapshot() -> (String, String) {
        lock.lock(); defer { lock.unlock() }
        return (String(decoding: outBox.data, as: UTF8.self), String(decoding: errBox.data, as: UTF8.self))
    }

    /// Waits (up to 10 s) until stdout holds `text`, or stderr holds `orStderr`.
    func waitForStdout(containing text: String, orStderr: String? = nil) -> Bool {
        for _ in 0..<1000 {
            let (o, e) = snapshot()
            if o.contains(text) || (orStderr.map { e.contains($0) } ?? false) { return true }
            usleep(10_000)
        }
        return false
    }

    /// Closes the input, waits for the exit; the status and everything printed.
    func finish() -> (Int32, String, String) {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        // drain what is left
        usleep(50_000)
        out.fileHandleForReading.readabilityHandler = nil
        err.fileHandleForReading.readabilityHandler = nil
        lock.lock()
        outBox.data.append(out.fileHandleForReading.readDataToEndOfFile())
        errBox.data.append(err.fileHandleForReading.readDataToEndOfFile())
        lock.unlock()
        let (o, e) = snapshot()
        return (process.terminationStatus, o, e)
    }
}
