import Foundation
import Testing

@Suite("Bad input: each gets one line, a non-zero exit, and the files stay as they were")
struct BadInputEndToEndTests {
    func assertRefused(_ a: Accord, content: Data, code: Int32, says: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try content.write(to: URL(fileURLWithPath: a.path("s.json")))
        let r = try a.run(["s.json"], stdin: "dept add Sales\nquit\n")
        #expect(r.status == code, "\(r.stderr)", sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(says), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("s.json"))) == content, sourceLocation: sourceLocation)
        #expect(!a.exists("s.json.journal"), sourceLocation: sourceLocation)
        #expect(!a.exists("s.json.lock"), sourceLocation: sourceLocation)
    }

    func goodSession(_ a: Accord) throws -> Data {
        try a.script("good.json", "dept add Sales\ndept add 行銷部\nperiod 2027\nundo\n")
        return try Data(contentsOf: URL(fileURLWithPath: a.path("good.json")))
    }

    /// `~` is not a shell here: a path that starts with it is taken as typed (and never sends
    /// accord to the system's user database, which a static build cannot load).
    @Test func aTildeInAPathIsAnOrdinaryCharacter() throws {
        let a = try Accord()
        let r = try a.script("s.json", "dept add Sales\nsave ~x.json\nexport sheet --format csv --out ~nobody-here.csv\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(a.exists("~x.json") && a.exists("~nobody-here.csv"))
        let v = try a.run(["verify", "~x.json"])
        #expect(v.status == 0 && v.stdout.contains("hash chain intact (1 event)"), "\(v.stdout)\(v.stderr)")
    }

    @Test func garbage() throws {
        let a = try Accord()
        try assertRefused(a, content: Data("this is not a session\n".utf8), code: 65, says: "not valid JSON")
        try assertRefused(a, content: Data([0xff, 0xfe, 0x00, 0x41]), code: 65, says: "not valid JSON")
        try assertRefused(a, content: Data("{\"hello\": 1}".utf8), code: 65, says: "not an Accord session")
    }

    @Test func truncated() throws {
        let a = try Accord()
        let good = try goodSession(a)
        for cut in [good.count / 3, good.count / 2, good.count - 5] {
            try assertRefused(a, content: good.prefix(cut), code: 65, says: "s.json")
        }
    }

    @Test func unknownFormatVersion() throws {
        let a = try Accord()
        let good = String(decoding: try goodSession(a), as: UTF8.self)
        let v6 = good.replacingOccurrences(of: "\"version\":5,", with: "\"version\":6,")
        #expect(v6 != good)
        try assertRefused(a, content: Data(v6.utf8), code: 65, says: "format version 6 is not one this build of accord reads (it reads versions 1 to 5)")
    }

    @Test func brokenHashChain() throws {
        let a = try Accord()
        let good = String(decoding: try goodSession(a), as: UTF8.self)
        let edited = good.replacingOccurrences(of: "\"cmd\":\"dept add Sales\"", with: "\"cmd\":\"dept add Sale\"")
        #expect(edited != good)
        try assertRefused(a, content: Data(edited.utf8), code: 65, says: "event 2 does not follow event 1")
    }

    @Test func aSecondProcessIsRefused() throws {
        let a = try Accord()
        try a.script("s.json", "dept add Sales\n")
        // the first process holds the session while it waits on its input
        let first = Process()
        first.executableURL = URL(fileURLWithPath: Accord.binary)
        first.arguments = ["s.json"]
        first.currentDirectoryURL = a.dir
        let input = Pipe()
        first.standardInput = input
        first.standardOutput = Pipe()
        first.standardError = Pipe()
        try first.run()
        defer { try? input.fileHandleForWriting.close(); first.waitUntilExit() }
        var waited = 0
        while !a.exists("s.json.lock") && waited < 200 { usleep(10_000); waited += 1 }
        usleep(50_000)
        let before = try Data(contentsOf: URL(fileURLWithPath: a.path("s.json")))
        let r = try a.run(["s.json"], stdin: "dept add Growth\n")
        #expect(r.status == 73)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains("s.json is open in another accord"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("s.json"))) == before)
    }

    @Test func anUnwritableDirectory() throws {
        let a = try Accord()
        try FileManager.default.createDirectory(atPath: a.path("ro"), withIntermediateDirectories: true)
        try a.script("ro/s.json", "dept add Sales\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: a.path("ro/s.json")))
        chmod(a.path("ro"), 0o555)
        chmod(a.dir.path, 0o755)
        defer { chmod(a.path("ro"), 0o755) }
        // root ignores directory permissions: run as nobody when we are root
        let script = a.path("cmds.txt")
        try "dept add Growth\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o644)
        chmod(a.path("ro/s.json"), 0o666)
        let asNobody = getuid() == 0
        let p = Process()
        p.executableURL = URL(fileURLWithPath: asNobody ? "/usr/bin/setpriv" : Accord.binary)
        p.arguments = (asNobody ? ["--reuid=65534", "--regid=65534", "--clear-groups", Accord.binary] : [])
            + ["ro/s.json", "--script", "cmds.txt"]
        p.currentDirectoryURL = a.dir
        p.environment = ["ACCORD_NOW": "2027-01-15T09:00:00Z", "HOME": "/tmp", "XDG_STATE_HOME": "/tmp",
                         "XDG_CONFIG_HOME": Accord.configHome(a, asNobody: asNobody)]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        // the binary must be reachable by nobody
        try p.run()
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 74, "\(errText)")
        #expect(errText.split(separator: "\n").count == 1, "\(errText)")
        #expect(errText.contains("cannot write in"), "\(errText)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("ro/s.json"))) == before)
    }

    @Test func aMissingScriptFile() throws {
        let a = try Accord()
        let r = try a.run(["s.json", "--script", "nope.txt"])
        #expect(r.status == 74)
        #expect(r.stderr.contains("nope.txt"))
        #expect(!a.exists("s.json"))
    }
}
