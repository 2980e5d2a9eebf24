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
        // the kill lands within the time a whole run takes on this machine (measured once),
        // so that the trials cut the script at every point, however fast the machine
        let runTime = try Self.timeOfAWholeRun()
        let latest = max(3_000, UInt32(runTime * 0.9 * 1_000_000))
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
            let delay = UInt32.random(in: 1_000...latest, using: &rng)
            usleep(delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            try? inPipe.fileHandleForWriting.close()
            let printed = String(decoding: outPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
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

    /// Seconds the 250-command script takes when nothing kills it.
    static func timeOfAWholeRun() throws -> Double {
        let a = try Accord()
        var commands = ["period 2027"]
        for i in 1...249 { commands.append(i % 10 == 0 ? "undo" : "dept add T-\(i)") }
        let start = Date()
        let r = try a.run(["s.json"], stdin: commands.joined(separator: "\n") + "\n", env: ["ACCORD_FOLD_EVERY": "20"])
        #expect(r.status == 0)
        return Date().timeIntervalSince(start)
    }
}
