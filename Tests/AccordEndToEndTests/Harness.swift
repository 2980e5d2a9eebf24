import Foundation
import Testing

/// Runs the built `accord` binary the way a user does, in a private temporary directory.
struct Accord {
    /// The repository root (two levels above this file's folder).
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `ACCORD_BIN`, or the debug build.
    static let binary: String = {
        if let b = ProcessInfo.processInfo.environment["ACCORD_BIN"], !b.isEmpty { return b }
        return root.appendingPathComponent(".build/debug/accord").path
    }()

    /// `accord-bench`, built beside accord (the benchmarks are not part of accord).
    static let benchBinary: String = URL(fileURLWithPath: binary).deletingLastPathComponent()
        .appendingPathComponent("accord-bench").path

    /// Tests/Fixtures: copies of the shared KPI sheets (data/) and meeting scripts (scenarios/).
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")

    static func fixture(_ relative: String) -> String { fixtures.appendingPathComponent(relative).path }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A fresh temporary working directory.
    let dir: URL

    /// The installation key every test's accord seals with (XDG_CONFIG_HOME is the test's own
    /// `config`): one fixed key, so that goldens that print its fingerprint do not change.
    /// A test key, known to everyone: it vouches for nothing outside the tests.
    static let testKey = "accord-signing-key/1 ed25519 AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\n"

    /// `freshKey`: no key provisioned, so accord creates one on first use.
    init(freshKey: Bool = false) throws {
        signal(SIGPIPE, SIG_IGN)
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("accord-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if !freshKey {
            let keyDir = dir.appendingPathComponent("config/accord")
            try FileManager.default.createDirectory(at: keyDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let file = keyDir.appendingPathComponent("signing-key").path
            FileManager.default.createFile(atPath: file, contents: Data(Accord.testKey.utf8), attributes: [.posixPermissions: 0o600])
        }
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    /// Copies Tests/Fixtures/data and /scenarios into this directory (scenarios use ../data/…).
    func copyFixtures() throws {
        for sub in ["data", "scenarios"] {
            try FileManager.default.copyItem(at: Accord.fixtures.appendingPathComponent(sub), to: dir.appendingPathComponent(sub))
        }
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    /// Runs accord with arguments, optional stdin, in `dir`, with the clock fixed.
    @discardableResult
    func run(_ args: [String], stdin: String? = nil, env: [String: String] = [:], cwd: String? = nil) throws -> Run {
        try runBytes(args, stdin: stdin.map { Data($0.utf8) } ?? Data(), env: env, cwd: cwd)
    }

    /// `run` with raw bytes on stdin (not necessarily UTF-8: the fuzz tests send any bytes).
    @discardableResult
    func runBytes(_ args: [String], stdin input: Data, env: [String: String] = [:], cwd: String? = nil,
                  binary: String = Accord.binary) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = cwd.map { dir.appendingPathComponent($0) } ?? dir
        var environment = ProcessInfo.processInfo.environment
        environment["ACCORD_NOW"] = "2027-01-15T09:00:00Z"
        environment["NO_COLOR"] = "1"
        environment["TZ"] = "UTC"
        environment["COLUMNS"] = nil  // laid out for 80 columns unless a test says otherwise
        environment["XDG_STATE_HOME"] = dir.appendingPathComponent("state").path
        // the installation's signing key: this test's own, never the user's (docs/seal.md)
        environment["XDG_CONFIG_HOME"] = dir.appendingPathComponent("config").path
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        p.standardOutput = outPipe
        p.standardError = errPipe
        p.standardInput = inPipe
        try p.run()
        DispatchQueue.global().async {
            try? inPipe.fileHandleForWriting.write(contentsOf: input)
            try? inPipe.fileHandleForWriting.close()
        }
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errBox.data = errPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        group.wait()
        return Run(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errBox.data, as: UTF8.self))
    }

    /// Runs a script of commands on a session file.
    @discardableResult
    func script(_ session: String, _ commands: String, extra: [String] = [], env: [String: String] = [:]) throws -> Run {
        let name = "script-\(UUID().uuidString.prefix(8)).txt"
        try write(name, commands)
        return try run([session, "--script", name] + extra, env: env)
    }

    /// The saved session as JSON.
    func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path(name)))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    func state(_ name: String) throws -> [String: Any] { try json(name)["state"] as! [String: Any] }

    func events(_ name: String) throws -> [[String: Any]] { try json(name)["events"] as! [[String: Any]] }

    /// Validates a session file against schema/session.schema.json with python3's jsonschema.
    func validateSchema(_ name: String, schema: String = "session.schema.json") throws -> Run {
        let schemaPath = Accord.root.appendingPathComponent("schema/\(schema)").path
        let code = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        doc = json.load(open(sys.argv[2]))
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
        for e in errors[:5]:
            print("/".join(str(p) for p in e.path), ":", e.message[:200])
        sys.exit(1 if errors else 0)
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", code, schemaPath, path(name)]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }
}

/// Bytes filled in by another thread (the group's wait orders the access).
final class DataBox: @unchecked Sendable {
    var data = Data()
}

// MARK: - replay --verify, for every test that produces a session

extension Accord {
    /// Runs `accord replay SESSION --verify`: the stored state must be the fold of the stored
    /// events, and the hash chain unbroken.
    @discardableResult
    func replayVerify(_ session: String) throws -> Run {
        try run(["replay", session, "--verify"])
    }

    /// Expects `replay --verify` to pass on a session this test produced (call it at the end
    /// of any test that writes a session).
    func expectReplayVerifies(_ session: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try replayVerify(session)
        #expect(r.status == 0, "replay --verify failed on \(session):\n\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
    }
}

extension Accord {
    /// A file in format 3 as the same file in format 2: without its seal line. An edit by a
    /// program without the installation's key cannot keep the seals (docs/seal.md), so the
    /// tests that edit files as an adversary would start from the layout without them.
    static func withoutSeals(_ data: Data) -> Data {
        var lines = data.split(separator: 0x0a, omittingEmptySubsequences: false).map { Data($0) }
        guard lines.count > 3, lines[2].starts(with: Data("\"seal\":".utf8)),
              lines[0] == Data("{\"format\":\"accord-session\",\"version\":3,".utf8)
                || lines[0] == Data("{\"format\":\"accord-session\",\"version\":4,".utf8)
                || lines[0] == Data("{\"format\":\"accord-session\",\"version\":5,".utf8) else { return data }
        lines.remove(at: 2)
        lines[0] = Data("{\"format\":\"accord-session\",\"version\":2,".utf8)
        return Data(lines.joined(separator: Data([0x0a])))
    }
}

extension Accord {
    /// Where an accord run by hand in a test keeps its signing key: the test's own `config`
    /// (the provisioned test key), or, for a run as `nobody`, a fresh directory of its own
    /// under /tmp (a key must belong to the user who reads it).
    static func configHome(_ a: Accord, asNobody: Bool) -> String {
        asNobody ? "/tmp/accord-e2e-nobody-" + a.dir.lastPathComponent : a.path("config")
    }
}
