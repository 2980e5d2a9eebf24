import Foundation
import Testing

/// Issue 17: `serve start` in a real accord process, driven through standard input (the
/// PlainReader path), with curl as the participant's device and as the room page's stream.
@Suite("serve: votes from devices in a real accord process")
struct ServeEndToEndTests {
    final class Output: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ d: Data) { lock.lock(); data.append(d); lock.unlock() }
        var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
    }

    static func curl(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = ["-s"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let d = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: d, as: UTF8.self)
    }

    static func waitFor(_ what: String, timeout: Double = 15, _ check: () -> Bool) throws {
        let end = Date().addingTimeInterval(timeout)
        while !check() {
            if Date() > end { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "timed out waiting for \(what)"]) }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    @Test("a device's vote is journaled with its channel, the room page's stream follows it, refusals change nothing")
    func deviceVote() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else { return }
        let a = try Accord()
        let setup = try a.script("s.json", """
        title Acme 2027
        dept add Sales --head Ann --supervisor Bob
        dept add Ops --head Cy
        goal add "Raise CLTV" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027-12-31 --owner Ops
        """)
        #expect(setup.status == 0, "\(setup.stderr)")

        let p = Process()
        p.executableURL = URL(fileURLWithPath: Accord.binary)
        p.arguments = ["s.json"]
        p.currentDirectoryURL = a.dir
        var env = ProcessInfo.processInfo.environment
        env["ACCORD_NOW"] = "2027-01-15T09:00:00Z"; env["NO_COLOR"] = "1"; env["TZ"] = "UTC"
        env["XDG_STATE_HOME"] = a.path("state"); env["XDG_CONFIG_HOME"] = a.path("config")
        p.environment = env
        let inPipe = Pipe(), outPipe = Pipe()
        p.standardInput = inPipe; p.standardOutput = outPipe; p.standardError = outPipe
        let out = Output()
        outPipe.fileHandleForReading.readabilityHandler = { h in out.append(h.availableData) }
        try p.run()
        func send(_ line: String) { try? inPipe.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8)) }
        defer { if p.isRunning { p.terminate() } }

        send("serve start --port 0")
        try Self.waitFor("the server's address") { out.text.contains("/room") }
        let room = try #require(out.text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression)).map { String(out.text[$0]) }!
        send("serve links")
        try Self.waitFor("the links") { out.text.contains("Ops · head (Cy): ") }
        func token(_ who: String) -> String {
            let line = out.text.split(separator: "\n").first { $0.hasPrefix(who) } ?? ""
            return String(line.split(separator: "/").last ?? "")
        }
        let sales = token("Sales · head (Ann): "), salesSupervisor = token("Sales · supervisor (Bob): ")
        #expect(sales.count == 32 && salesSupervisor.count == 32)

        // the room page's stream, listening while the vote comes in
        let streamed = Output()
        let stream = Process()
        stream.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        stream.arguments = ["-sN", "--max-time", "4", room + "/room/events"]
        let sp = Pipe()
        stream.standardOutput = sp
        sp.fileHandleForReading.readabilityHandler = { h in streamed.append(h.availableData) }
        try stream.run()
        try Self.waitFor("the stream's first event") { streamed.text.contains("data: ") }

        let vote = "goal=1&revision=1&choice=agree&key=k1&dept=1"
        #expect(try Self.curl(["-o", "/dev/null", "-w", "%{http_code}", "-d", vote, "\(room)/p/\(sales)/vote"]) == "200")
        #expect(try Self.curl(["-o", "/dev/null", "-w", "%{http_code}", "-d", vote, "\(room)/p/\(sales)/vote"]) == "200",
                "the same key again: the same answer")
        #expect(try Self.curl(["-o", "/dev/null", "-w", "%{http_code}", "-d", "goal=1&revision=1&choice=agree&key=k2&dept=2", "\(room)/p/\(sales)/vote"]) == "403")
        #expect(try Self.curl(["-o", "/dev/null", "-w", "%{http_code}", "-d", "goal=1&revision=1&choice=agree&key=k3", "\(room)/p/\(salesSupervisor)/vote"]) == "403")
        #expect(try Self.curl(["-o", "/dev/null", "-w", "%{http_code}", "-d", "goal=1&revision=9&choice=agree&key=k4", "\(room)/p/\(sales)/vote"]) == "409")
        #expect(try Self.curl(["-o", "/dev/null", "-w", "%{http_code}", "\(room)/p/ffffffffffffffffffffffffffffffff"]) == "401")
        try Self.waitFor("the vote in the room page's stream") { streamed.text.contains("1 agree") }
        try Self.waitFor("the device's line") { out.text.contains("Sales: agree on G1 r1 — from a device") }

        send("serve revoke Sales head")
        try Self.waitFor("the revocation") { out.text.contains("Ended 1 link of Sales.") }
        #expect(try Self.curl(["-o", "/dev/null", "-w", "%{http_code}", "\(room)/p/\(sales)"]) == "401")
        send("quit")
        p.waitUntilExit()
        stream.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(out.text)")
        #expect(try Self.curl(["-o", "/dev/null", "-w", "%{http_code}", room + "/room"]) == "000", "the server ends with accord")

        let file = try a.read("s.json")
        #expect(file.contains(#""via":{"channel":"device","dept":1,"role":"head"}"#))
        #expect(!file.contains(sales) && !file.contains(salesSupervisor), "tokens never reach the session file")
        #expect(file.components(separatedBy: #""kind":"vote""#).count - 1 == 1, "one vote event: the duplicate was not applied")
        try a.expectReplayVerifies("s.json")
        let verify = try a.run(["verify", "s.json"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    /// Two heads' letters signed on devices with P-256 keys by the build before Ed25519 was
    /// accepted (its `serve`, a P-256 key per link; supervisors at the terminal): they keep
    /// verifying, named as before, replay, and their records and digests do not change when
    /// this build works on the file.
    @Test func aFileWithP256DeviceSignaturesFromTheBuildBeforeEd25519StillVerifies() throws {
        let a = try Accord()
        let name = "main-format4-device-p256.json"
        try FileManager.default.copyItem(atPath: Accord.fixture("sessions/" + name), toPath: a.path(name))
        let keys = ["Marketing head Dana Reyes: signed on a device with key p256:93ef:5e12:3cca:ce46:c319:c7b6:db17:cb7b",
                    "Sales head Omar Haddad: signed on a device with key p256:bc08:c09a:d956:383b:13a7:af88:4198:7834"]
        func devices() throws -> [String] {
            try (a.state(name)["signatures"] as! [[String: Any]]).compactMap { $0["device"] as? [String: Any] }
                .map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: .sortedKeys), as: UTF8.self) }
        }
        let before = try devices()
        #expect(before.count == 2 && before.allSatisfy { !$0.contains("alg") })
        let v = try a.run(["verify", name])
        #expect(v.status == 0, "\(v.stdout)")
        for k in keys { #expect(v.stdout.contains("✓ " + k), "\(v.stdout)") }
        #expect(v.stdout.contains("2 letters: 2 signed, 0 partly, 0 unsigned, 0 void"), "\(v.stdout)")
        try a.expectReplayVerifies(name)
        let signed = Set((try a.state(name)["signatures"] as! [[String: Any]]).map { $0["digest"] as! String })
        let r = try a.script(name, "metric add csat2 --name \"Support satisfaction\" --stage retention --kind outcome --dir up\nstatus\n")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try devices() == before)
        #expect(Set((try a.state(name)["signatures"] as! [[String: Any]]).map { $0["digest"] as! String }) == signed)
        let after = try a.run(["verify", name])
        #expect(after.status == 0, "\(after.stdout)")
        for k in keys { #expect(after.stdout.contains("✓ " + k), "\(after.stdout)") }
        try a.expectReplayVerifies(name)
    }
}
