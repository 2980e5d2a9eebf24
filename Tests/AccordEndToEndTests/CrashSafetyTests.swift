import Foundation
import Testing

/// SIGKILL at random moments of a long script: every command whose result was printed must
/// be in the session when it is reopened, and the file must always open.
@Suite("Crash safety")
struct CrashSafetyTests {
    /// Trials in the test; `scripts/crash-test` runs more.
    static let trials = Int(ProcessInfo.processInfo.environment["ACCORD_CRASH_TRIALS"] ?? "") ?? 50

    @Test func killedAtRandomMomentsLosesNoAcknowledgedCommand() throws {
        var rng = SystemRandomNumberGenerator()
        var acknowledgedTotal = 0, killedMidRun = 0
        for trial in 0..<Self.trials {
            let a = try Accord()
            // 250 commands; fold every 20 so that kills land in folds too
            var commands = ["period 2027"]
            for i in 1...249 { commands.append(i % 10 == 0 ? "undo" : "dept add D\(trial)-\(i)") }
            let input = commands.joined(separator: "\n") + "\n"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Accord.binary)
            p.arguments = ["s.json"]
            p.currentDirectoryURL = a.dir
            p.environment = ["ACCORD_NOW": "2027-01-15T09:00:00Z", "NO_COLOR": "1", "ACCORD_FOLD_EVERY": "20",
                             "HOME": a.dir.path]
            let inPipe = Pipe(), outPipe = Pipe()
            p.standardInput = inPipe
            p.standardOutput = outPipe
            p.standardError = Pipe()
            try p.run()
            try inPipe.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            // the kill lands after a random number of acknowledged lines (and a random few
            // hundred microseconds more), so the trials cut the script at every point however
            // fast or loaded the machine is
            let after = Int.random(in: 0..<250, using: &rng)
            var early = Data(), lines = 0
            while lines < after {
                let chunk = outPipe.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                early.append(chunk)
                lines += chunk.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            }
            usleep(UInt32.random(in: 0...800, using: &rng))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            try? inPipe.fileHandleForWriting.close()
            let printed = String(decoding: early + outPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            // only whole lines count as acknowledged
            let complete = printed.hasSuffix("\n") ? printed : String(printed[..<(printed.lastIndex(of: "\n") ?? printed.startIndex)])
            let added = complete.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("Added department ") else { return nil }
                return String(line.dropFirst("Added department ".count).split(separator: " (")[0])
            }
            let undone = complete.split(separator: "\n").filter { $0.hasPrefix("Undid #") }.count
            acknowledgedTotal += added.count
            if added.count < 225 { killedMidRun += 1 }
            // reopen: must open, and hold every acknowledged command
            let r = try a.run(["s.json", "--script", "/dev/null"])
            #expect(r.status == 0, "trial \(trial): reopen failed: \(r.stderr)")
            guard a.exists("s.json") else {
                #expect(added.isEmpty && undone == 0, "trial \(trial): no file but \(added.count) acknowledged")
                continue
            }
            let events = try a.events("s.json")
            let commandsInLog = events.map { $0["cmd"] as! String }
            let acknowledgedCount = added.count + undone + (complete.contains("Period: 2027") ? 1 : 0)
            #expect(events.count >= acknowledgedCount, "trial \(trial): \(events.count) events < \(acknowledgedCount) acknowledged")
            for name in added {
                #expect(commandsInLog.contains("dept add \(name)"), "trial \(trial): lost dept add \(name)")
            }
            // the log is exactly the prefix of the script that ran
            #expect(commandsInLog == Array(commands.prefix(commandsInLog.count)), "trial \(trial): log is not a prefix")
            if trial % 10 == 0 {
                #expect(try a.validateSchema("s.json").status == 0)
                try a.expectReplayVerifies("s.json")
            }
        }
        // the kills must have landed mid-run in a fair share of the trials
        #expect(acknowledgedTotal > 0)
        #expect(killedMidRun >= Self.trials / 2, "only \(killedMidRun) of \(Self.trials) kills landed before the script ended; the test would prove little")
    }

    /// Readers beside a writer that folds every 2 events (issue 13 §2): `export`, `verify`
    /// and `replay --verify` in a loop while `accord s.json` takes commands. Each read must
    /// see one consistent session: never a broken log, never a repair it did not make.
    @Test func readersBesideAFoldingWriterNeverSeeABrokenLog() throws {
        let a = try Accord()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Accord.binary)
        p.arguments = ["s.json"]
        p.currentDirectoryURL = a.dir
        p.environment = ["ACCORD_NOW": "2027-01-15T09:00:00Z", "NO_COLOR": "1", "ACCORD_FOLD_EVERY": "2",
                         "HOME": a.dir.path, "TZ": "UTC"]
        let inPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let writer = inPipe.fileHandleForWriting
        try writer.write(contentsOf: Data("dept add D0\ndept add D1\n".utf8))
        // the writer goes on by itself, one command every few milliseconds, until it has had
        // 400 and the readers have had their 15 reads beside it (however slow the machine), then quits
        let feeding = DispatchGroup()
        let enough = Shared()
        feeding.enter()
        DispatchQueue.global().async {
            var i = 2
            while (i < 400 || !enough.flag) && i < 20_000 {
                try? writer.write(contentsOf: Data("dept add D\(i)\n".utf8))
                usleep(4_000)
                i += 1
            }
            enough.count = i
            try? writer.write(contentsOf: Data("quit\n".utf8))
            try? writer.close()
            feeding.leave()
        }
        let deadline = Date().addingTimeInterval(60)
        while !a.exists("s.json"), Date() < deadline { usleep(10_000) }
        var reads = 0, failures: [String] = []
        let readers: [[String]] = [["export", "s.json", "--what", "sheet", "--format", "json"],
                                   ["verify", "s.json"], ["replay", "s.json", "--verify"]]
        while p.isRunning, Date() < deadline {
            let args = readers[reads % readers.count]
            let r = try a.run(args)
            reads += 1
            if r.status != 0 { failures.append("\(args.joined(separator: " ")) → \(r.status): \(r.stderr)\(r.stdout.suffix(300))") }
            if r.stderr.contains("recovered") { failures.append("\(args[0]) claimed a repair: \(r.stderr)") }
            if reads >= 15 { enough.flag = true }
        }
        feeding.wait()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(failures.isEmpty, "\(failures.count) of \(reads) reads failed; first: \(failures.first ?? "")")
        #expect(reads >= 15, "only \(reads) reads ran beside the writer; the test would prove little")
        // and the writer's session is whole
        #expect(try a.events("s.json").count == enough.count)
        try a.expectReplayVerifies("s.json")
    }

    /// A flag and a count shared by the test and its writer thread, behind a lock.
    final class Shared: @unchecked Sendable {
        private let lock = NSLock()
        private var _flag = false, _count = 0
        var flag: Bool { get { lock.withLock { _flag } } set { lock.withLock { _flag = newValue } } }
        var count: Int { get { lock.withLock { _count } } set { lock.withLock { _count = newValue } } }
    }
}
