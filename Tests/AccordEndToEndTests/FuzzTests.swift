import AccordBench
import AccordCore
import Foundation
import Testing

/// The always-on part of issue 7's fuzzing: a few hundred damaged session files and a few
/// thousand hostile command lines, seeded so a failure reproduces. `scripts/fuzz-session-files`
/// and `scripts/fuzz-commands` run the same checks at scale (10,000+ files, 100,000+ lines).
@Suite("Fuzzing", .serialized)
struct FuzzTests {
    /// Whether `message` is the catalog's `key` in one of the languages: a fuzzed `lang` line
    /// switches the session's language, so a refusal may come in any of them. Compares the
    /// template's text before its first placeholder.
    static func says(_ key: String, _ message: String?) -> Bool {
        guard let message else { return false }
        return Language.allCases.contains { language in
            let template = t(key, in: language)
            let fixed = template.prefix { $0 != "{" }
            return !fixed.isEmpty && message.contains(fixed)
        }
    }

    // MARK: - damaged session files

    /// `ACCORD_FUZZ_FILES` overrides the number of mutated files.
    static let fileCount = Int(ProcessInfo.processInfo.environment["ACCORD_FUZZ_FILES"] ?? "") ?? 240

    @Test func damagedSessionFilesAreRefusedInOneLineAndNeverTouched() throws {
        let a = try Accord()
        try a.copyFixtures()
        _ = try a.run(["acme.json", "--script", "acme-2027.txt"], cwd: "scenarios")
        // the mutations start from the file without its seals (an edit cannot keep them)
        let original = Accord.withoutSeals(try Data(contentsOf: URL(fileURLWithPath: a.path("scenarios/acme.json"))))
        let originalJSON = try JSONSerialization.jsonObject(with: original) as! NSDictionary
        let mutator = try SessionMutator(original)

        let results = Results()
        DispatchQueue.concurrentPerform(iterations: Self.fileCount) { i in
            var rng = SplitMix64(seed: 0xACC0 &+ UInt64(i))
            let (kind, data) = mutator.mutate(&rng)
            do {
                let outcome = try Self.judge(a, i, kind, data, original: original, originalJSON: originalJSON,
                                             readOnly: kind == "resealed" || kind == "hostile-text" || i % 6 == 0)
                results.add(kind, outcome)
            } catch {
                results.add(kind, .violation("#\(i) \(kind): \(error)"))
            }
        }
        for v in results.violations { Issue.record("\(v)") }
        // the mutations must reach every outcome that matters, or they prove little
        #expect(results.count("refused") > Self.fileCount / 2, "\(results.summary)")
        #expect(results.count("opened (resealed)") > 0, "\(results.summary)")
        // hostile names that open, so that their output was checked
        #expect((results.kinds["hostile-text"]?["opened (resealed)"] ?? 0) > 0, "\(results.summary)")
        #expect(results.kinds.count == SessionMutator.kinds.count, "\(results.summary)")
    }

    enum Outcome: Equatable {
        case refused(Int32)
        case openedSame
        case openedResealed
        case violation(String)

        var label: String {
            switch self {
            case .refused: return "refused"
            case .openedSame: return "opened (same session)"
            case .openedResealed: return "opened (resealed)"
            case .violation: return "violation"
            }
        }
    }

    /// Opens one mutated file, and on a sample runs the read-only commands on it.
    static func judge(_ a: Accord, _ i: Int, _ kind: String, _ data: Data, original: Data, originalJSON: NSDictionary,
                      readOnly: Bool) throws -> Outcome {
        let sub = "fuzz-\(i)"
        try FileManager.default.createDirectory(atPath: a.path(sub), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: a.path(sub)) }
        let file = a.path(sub + "/s.json")
        try data.write(to: URL(fileURLWithPath: file))
        var problems: [String] = []
        func checkFiles(_ what: String) {
            if (try? Data(contentsOf: URL(fileURLWithPath: file))) != data { problems.append("\(what): the file was modified") }
            let left = ((try? FileManager.default.contentsOfDirectory(atPath: a.path(sub))) ?? []).filter { $0 != "s.json" }
            if !left.isEmpty { problems.append("\(what): left \(left)") }
        }
        let r = try a.run(["s.json", "--script", "/dev/null"], env: ["SWIFT_BACKTRACE": "enable=no"], cwd: sub)
        var outcome: Outcome
        if r.status >= 128 || r.status < 0 {
            problems.append("open: CRASH (\(r.status))")
            outcome = .violation("")
        } else if r.status == 65 || r.status == 74 {
            outcome = .refused(r.status)
            let lines = r.stderr.split(separator: "\n")
            if lines.count != 1 { problems.append("open: \(r.status) with \(lines.count) lines: \(lines.prefix(3))") }
        } else if r.status == 0 {
            if kind == "resealed" || kind == "hostile-text" {
                outcome = .openedResealed
            } else if JSONDuplicateKeys.first(in: data) != nil {
                outcome = .violation("")
                problems.append("open: accepted a file with a key twice")
            } else if let json = try? JSONSerialization.jsonObject(with: data) as? NSDictionary, json == originalJSON {
                outcome = .openedSame
            } else {
                // what accord read, written back canonically, must be the original file
                try "save canon.json\n".write(toFile: a.path(sub + "/save.txt"), atomically: true, encoding: .utf8)
                _ = try a.run(["s.json", "--script", "save.txt"], cwd: sub)
                let canon = try? Data(contentsOf: URL(fileURLWithPath: a.path(sub + "/canon.json")))
                try? FileManager.default.removeItem(atPath: a.path(sub + "/canon.json"))
                try? FileManager.default.removeItem(atPath: a.path(sub + "/save.txt"))
                if canon == original { outcome = .openedSame } else {
                    outcome = .violation("")
                    problems.append("open: accepted a session that is not the original")
                }
            }
        } else {
            outcome = .violation("")
            problems.append("open: exit \(r.status): \(r.stderr.prefix(300))")
        }
        checkFiles("open")
        if readOnly {
            for args in [["verify", "s.json"], ["replay", "s.json", "--verify"], ["export", "s.json", "--what", "sheet", "--format", "json"]] {
                let r = try a.run(args, env: ["SWIFT_BACKTRACE": "enable=no"], cwd: sub)
                let what = args.prefix(2).joined(separator: " ")
                if ![0, 1, 65, 74].contains(r.status) {
                    problems.append("\(what): \(r.status >= 128 ? "CRASH " : "")exit \(r.status)")
                } else if r.status >= 65, r.stderr.split(separator: "\n").count != 1 {
                    problems.append("\(what): \(r.status) with \(r.stderr.split(separator: "\n").count) lines")
                }
                checkFiles(what)
            }
        }
        if kind == "hostile-text" && outcome == .openedResealed {
            problems += try Self.outputProblems(a, sub)
            checkFiles("output")
        }
        if !problems.isEmpty {
            let keep = a.path("kept-\(i)-\(kind).json")
            try? data.write(to: URL(fileURLWithPath: keep))
            return .violation("#\(i) \(kind) (kept as \(keep)): " + problems.joined(separator: "; "))
        }
        return outcome
    }

    /// The output of a session file that opens (issue 13 §4): no control or bidi character
    /// raw on the screen (status, lists, letters, replay in its views, verify, audit), in the
    /// Markdown, CSV or HTML export (HTML shows them as codes inside `<bdi>`).
    static func outputProblems(_ a: Accord, _ sub: String) throws -> [String] {
        var problems: [String] = []
        try "status\ndept list\nkpi list\nconflicts\ngoal list\nletter 1\nlog 5\n".write(toFile: a.path(sub + "/show.txt"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: a.path(sub + "/show.txt")) }
        let runs: [[String]] = [["s.json", "--script", "show.txt", "--echo"], ["replay", "s.json"], ["replay", "s.json", "--full"],
                                ["replay", "s.json", "--at", "5"], ["replay", "s.json", "--verify"], ["verify", "s.json"], ["audit", "s.json"],
                                ["export", "s.json", "--what", "sheet", "--format", "md"], ["export", "s.json", "--what", "letters", "--format", "md"],
                                ["export", "s.json", "--what", "sheet", "--format", "csv"], ["export", "s.json", "--what", "letters", "--format", "csv"],
                                ["export", "s.json", "--what", "sheet", "--format", "html"], ["export", "s.json", "--what", "letters", "--format", "html"]]
        for args in runs {
            let r = try a.run(args, env: ["SWIFT_BACKTRACE": "enable=no"], cwd: sub)
            let what = args.joined(separator: " ")
            if r.status >= 128 || r.status < 0 { problems.append("\(what): CRASH (\(r.status))"); continue }
            for (name, text) in [("stdout", r.stdout), ("stderr", r.stderr)] {
                if let bad = HostileSession.unsafeScalar(text.replacingOccurrences(of: "\r\n", with: "\n")) {
                    problems.append("\(what): \(name) holds U+\(String(bad.value, radix: 16, uppercase: true)) raw")
                }
            }
        }
        return problems
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var kinds: [String: [String: Int]] = [:]
        private(set) var violations: [String] = []

        func add(_ kind: String, _ o: Outcome) {
            lock.lock(); defer { lock.unlock() }
            kinds[kind, default: [:]][o.label, default: 0] += 1
            if case let .violation(v) = o { violations.append(v) }
        }

        func count(_ label: String) -> Int { kinds.values.reduce(0) { $0 + ($1[label] ?? 0) } }

        var summary: String {
            kinds.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.sorted { $0.key < $1.key })" }.joined(separator: "\n")
        }
    }

    // MARK: - hostile command lines

    /// `ACCORD_FUZZ_LINES` overrides the number of lines.
    static let lineCount = Int(ProcessInfo.processInfo.environment["ACCORD_FUZZ_LINES"] ?? "") ?? 2400

    @Test func hostileCommandLinesNeverBreakTheSession() throws {
        let a = try Accord()
        try a.copyFixtures()
        _ = try a.run(["acme.json", "--script", "acme-2027.txt"], cwd: "scenarios")
        let gen = LineGenerator()
        let batches = 4
        let perBatch = Self.lineCount / batches
        var totalRefused = 0, totalEvents = 0
        for b in 0..<batches {
            var rng = SplitMix64(seed: 0xF0CC &+ UInt64(b))
            var lines: [Data] = (0..<perBatch).map { _ in gen.line(&rng) }
            if b == 1 { lines.insert(Data(("dept add " + String(repeating: "長", count: 400_000)).utf8), at: perBatch / 2) }
            if b == 2 { lines.insert(Data(("next --force " + String(repeating: "why ", count: 300_000)).utf8), at: perBatch / 3) }
            var input = Data()
            for l in lines { input.append(l); input.append(0x0a) }
            // the acme session (every letter signed) or a new one; a script, a pipe, a script with --echo
            let session = "b\(b).json"
            if b % 2 == 0 { try FileManager.default.copyItem(atPath: a.path("scenarios/acme.json"), toPath: a.path(session)) }
            let before = a.exists(session) ? try a.events(session).count : 0
            let r: Accord.Run
            let source: String
            // the lines include `lang zh-Hant` (the command's example), which sets the session's
            // language; the refusals below are read in English, told explicitly (it wins)
            let english = ["ACCORD_LANG": "en"]
            switch b % 3 {
            case 0:
                try input.write(to: URL(fileURLWithPath: a.path("cmds\(b).txt")))
                r = try a.run([session, "--script", "cmds\(b).txt"] + (b == 3 ? ["--echo"] : []), env: english, cwd: nil)
                source = "cmds\(b).txt"
            case 1:
                r = try a.runBytes([session], stdin: input, env: english)
                source = "stdin"
            default:
                try input.write(to: URL(fileURLWithPath: a.path("cmds\(b).txt")))
                r = try a.run([session, "--script", "cmds\(b).txt", "--echo"], env: english)
                source = "cmds\(b).txt"
            }
            #expect(r.status == 0 || r.status == 1, "batch \(b): exit \(r.status): \(r.stderr.suffix(500))")
            // nothing a terminal would take as a control sequence, whatever was typed,
            for (name, text) in [("stdout", r.stdout), ("stderr", r.stderr)] {
                // (a CSV export shown on the screen keeps its CRLF line breaks)
                // nor a bidi control, which would reorder what a reader sees (issue 13 §4)
                let bad = HostileSession.unsafeScalar(text.replacingOccurrences(of: "\r\n", with: "\n"))
                #expect(bad == nil, "batch \(b): \(name) holds U+\(String(bad?.value ?? 0, radix: 16))")
            }
            // every line that is not UTF-8, or holds a control character, is refused by number
            let failed = Self.failedLines(r.stderr, source: source)
            for (n, raw) in lines.enumerated() {
                // a carriage return before the line feed is a CRLF line break, not a character
                let line = raw.last == 0x0d ? raw.dropLast() : raw
                guard let text = String(validating: line, as: UTF8.self) else {
                    #expect(Self.says("loop.not-utf8", failed[n + 1]), "batch \(b) line \(n + 1): \(failed[n + 1] ?? "not reported")")
                    totalRefused += 1
                    continue
                }
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                if ControlCharacters.first(in: text) != nil {
                    #expect(Self.says("loop.control-char", failed[n + 1]), "batch \(b) line \(n + 1): \(failed[n + 1] ?? "not reported")")
                    totalRefused += 1
                }
            }
            #expect(!a.exists(session + ".journal") && !a.exists(session + ".lock"))
            guard a.exists(session) else { continue }
            totalEvents += try a.events(session).count - before
            // the session still verifies: the chain, the fold, the schema
            let v = try a.run(["verify", session], env: english)
            let onlySignatures = v.status == 1 && v.stdout.contains("✓ hash chain intact")
                && v.stdout.contains("✓ the stored state is the fold of the log")
            #expect(v.status == 0 || onlySignatures, "batch \(b): verify \(v.status)\n\(v.stdout.suffix(800))")
            try a.expectReplayVerifies(session)
            let schema = try a.validateSchema(session)
            #expect(schema.status == 0, "batch \(b): \(schema.stdout)")
        }
        // the hostile lines must have been refused for the right reasons, and some must have run
        #expect(totalRefused > Self.lineCount / 20)
        #expect(totalEvents > 0)
    }

    static func failedLines(_ stderr: String, source: String) -> [Int: String] {
        var out: [Int: String] = [:]
        let prefix = source + ":"
        for line in stderr.split(separator: "\n") where line.hasPrefix(prefix) {
            let rest = line.dropFirst(prefix.count)
            guard let colon = rest.firstIndex(of: ":"), let n = Int(rest[..<colon]) else { continue }
            out[n] = String(rest[rest.index(after: colon)...])
        }
        return out
    }

    // MARK: - focused cases

    @Test func aLineThatIsNotUTF8IsReportedByNumberAndTheOthersRun() throws {
        let a = try Accord()
        var script = Data("dept add Sales\n".utf8)
        script.append(contentsOf: [0x64, 0x65, 0x70, 0x74, 0x20, 0x61, 0x64, 0x64, 0x20, 0x41, 0xFF, 0x42, 0x0a])  // dept add A\xFFB
        script.append(Data("dept add 行銷部\r\n".utf8))
        script.append(contentsOf: [0x64, 0x65, 0x70, 0x74, 0x20, 0xE8, 0xA1])  // a cut 行, last line without a newline
        try script.write(to: URL(fileURLWithPath: a.path("s.txt")))
        let r = try a.run(["s.json", "--script", "s.txt"])
        #expect(r.status == 1)
        #expect(r.stderr == """
        s.txt:2: error: The line is not UTF-8 text (byte 0xFF at byte 11); it was skipped.
        s.txt:4: error: The line is not UTF-8 text (byte 0xE8 at byte 6); it was skipped.
        2 commands failed in s.txt (line 2, 4).

        """)
        #expect(try a.events("s.json").map { $0["cmd"] as! String } == ["dept add Sales", "dept add 行銷部"])
        // the same bytes piped in: the same report, the same session
        let p = try a.runBytes(["p.json"], stdin: script)
        #expect(p.status == 1)
        #expect(p.stderr == r.stderr.replacingOccurrences(of: "s.txt", with: "stdin"))
        #expect(try a.events("p.json").map { $0["cmd"] as! String } == ["dept add Sales", "dept add 行銷部"])
    }

    @Test func everyKindOfMalformedUTF8IsCaughtAndWellFormedTextIsNot() throws {
        let a = try Accord()
        let cases: [(bytes: [UInt8], bad: String?)] = [
            ([0xC0, 0x80], "0xC0 at byte 10"),              // overlong NUL
            ([0xE0, 0x80, 0xAF], "0xE0 at byte 10"),        // overlong /
            ([0xED, 0xA0, 0x80], "0xED at byte 10"),        // a UTF-16 surrogate
            ([0xF4, 0x90, 0x80, 0x80], "0xF4 at byte 10"),  // above U+10FFFF
            ([0xF8, 0x88, 0x80, 0x80, 0x80], "0xF8 at byte 10"),
            ([0xE6, 0x97, 0x41], "0xE6 at byte 10"),        // cut short
            ([0x80], "0x80 at byte 10"),                    // a lone continuation byte
            ([0xF0, 0x9F, 0x99, 0x82], nil),                // 🙂: well formed
            ([0xEF, 0xBF, 0xBF], nil),                      // U+FFFF: well formed
            ([0xF4, 0x8F, 0xBF, 0xBF], nil),                // U+10FFFF: well formed
        ]
        var script = Data()
        for (i, c) in cases.enumerated() {
            script.append(Data("dept add ".utf8) + Data(c.bytes) + Data("-\(i)\n".utf8))
        }
        try script.write(to: URL(fileURLWithPath: a.path("s.txt")))
        let r = try a.run(["s.json", "--script", "s.txt"])
        let failed = Self.failedLines(r.stderr, source: "s.txt")
        for (i, c) in cases.enumerated() {
            if let bad = c.bad {
                #expect(failed[i + 1] == " error: The line is not UTF-8 text (byte \(bad)); it was skipped.", "case \(i)")
            } else {
                #expect(failed[i + 1] == nil, "case \(i): \(failed[i + 1] ?? "")")
            }
        }
        #expect(try a.events("s.json").count == 3)
    }

    @Test func aKeyTwiceInTheFileIsRefusedWherePartsAreNotCoveredByADigest() throws {
        let a = try Accord()
        try a.script("good.json", "dept add Sales\ndept add 行銷部\n")
        let good = try String(contentsOfFile: a.path("good.json"), encoding: .utf8)
        let lines = good.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // the head line is covered by no digest: a second "events" there must not pass
        var head = lines
        head[1] = head[1].replacingOccurrences(of: "\"head\":{", with: "\"head\":{\"events\":0,")
        // "state" twice: jq and Python read the second, a JSONDecoder may read the first
        var state = lines
        state.insert("\"state\":{},", at: 3)
        // the same, pretty-printed as another tool would (the slow path)
        let pretty = try JSONSerialization.data(withJSONObject: try a.json("good.json"), options: [.prettyPrinted])
        let prettyTwice = String(decoding: pretty, as: UTF8.self).replacingOccurrences(of: "\"version\" : \(SessionFile.version)", with: "\"version\" : \(SessionFile.version), \"version\" : 1")
        // "seal" twice: one reader would check the seals of the other's file
        var seal = lines
        seal.insert("\"seal\":{\"keys\":[],\"seals\":[]},", at: 3)
        for (name, text) in [("head", head.joined(separator: "\n")), ("state", state.joined(separator: "\n")), ("pretty", prettyTwice),
                             ("seal", seal.joined(separator: "\n"))] {
            try text.write(toFile: a.path("s.json"), atomically: true, encoding: .utf8)
            let r = try a.run(["s.json", "--script", "/dev/null"])
            #expect(r.status == 65, "\(name): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(name): \(r.stderr)")
            #expect(r.stderr.contains("appears twice in one object"), "\(name): \(r.stderr)")
            #expect(try String(contentsOfFile: a.path("s.json"), encoding: .utf8) == text)
        }
        // and the checker itself: escapes resolved, nesting and arrays kept apart
        #expect(JSONDuplicateKeys.first(in: Data(#"{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}"#.utf8)) == nil)
        #expect(JSONDuplicateKeys.first(in: Data(#"{"a":1,"b":{"a":2,"\u0061":3}}"#.utf8)) == "a")
        #expect(JSONDuplicateKeys.first(in: Data(#"{"k":"x","k":"x"}"#.utf8)) == "k")
        #expect(JSONDuplicateKeys.first(in: Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)) == nil)
    }

    @Test func aLineWithAControlCharacterIsRefusedWithoutEchoingIt() throws {
        let a = try Accord()
        let r = try a.script("s.json", "dept add Sales\ndept add \u{1B}[2JEvil\ntitle a\u{9B}31mb\ndept add Tab\tSeparated\n# a comment with \u{7} is skipped\n",
                             extra: ["--echo"])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 4, "\(r.stderr)")
        #expect(lines[0].hasSuffix(":2: error: The line contains a control character (U+001B, column 10); it was not run. Type it again without it."))
        #expect(lines[1].hasSuffix(":3: error: The line contains a control character (U+009B, column 8); it was not run. Type it again without it."))
        #expect(!r.stdout.contains("\u{1B}") && !r.stderr.contains("\u{1B}") && !r.stdout.contains("\u{9B}"))
        #expect(try a.events("s.json").count == 1)
    }

    @Test func importedRowsWithControlCharactersAreReportedAndSkipped() throws {
        let a = try Accord()
        try a.write("sheet.csv", "部門,KPI名稱,單位,數據來源\nSales,Revenue,USD,CRM\nSales,Leads\u{1B}[31m,leads,CRM\nSales,NPS,points,\u{9B}2J\n\"Sales\",\"Multi\nline\",%,CRM\n")
        try a.write("header.csv", "department,kpi\u{7},unit\nSales,Revenue,USD\n")
        let r = try a.script("s.json", "dept add Sales\ndept add Marketing\nperiod 2027\nnext\nkpi import sheet.csv\nkpi import header.csv\n")
        #expect(r.stdout.contains("Imported 2 KPIs"), "\(r.stdout)")
        #expect(r.stdout.contains("line 3: the KPI name (KPI名稱) cell contains a control character (U+001B); the row was skipped"), "\(r.stdout)")
        #expect(r.stdout.contains("line 4: the data source (資料來源) cell contains a control character (U+009B); the row was skipped"), "\(r.stdout)")
        #expect(r.stderr.contains("Cannot import header.csv: the header row (line 1) has a control character (U+0007) in cell 2"), "\(r.stderr)")
        #expect(!r.stdout.contains("\u{1B}") && !r.stderr.contains("\u{1B}") && !r.stdout.contains("\u{7}"))
        let names = (try a.state("s.json")["kpis"] as! [[String: Any]]).map { $0["name"] as! String }
        #expect(names == ["Revenue", "Multi line"])
    }

    @Test func aHugeFileCannotBeImported() throws {
        let a = try Accord()
        let r = try a.script("s.json", "dept add Sales\ndept add B\nperiod 2027\nnext\nkpi import /dev/zero\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("Cannot read /dev/zero: cannot read /dev/zero: it is larger than 64 MB"), "\(r.stderr)")
    }

    @Test func anExportOrACopyCannotBeWrittenOverTheOpenSession() throws {
        let a = try Accord()
        try a.copyFixtures()
        _ = try a.run(["acme.json", "--script", "acme-2027.txt"], cwd: "scenarios")
        let before = try Data(contentsOf: URL(fileURLWithPath: a.path("scenarios/acme.json")))
        let r = try a.run(["acme.json"], stdin: """
        export sheet --format json --out acme.json
        export letters --format md --out ./acme.json.journal
        save acme.json.lock
        save ../scenarios/acme.json
        export sheet --format csv --out sheet.csv

        """, cwd: "scenarios")
        #expect(r.status == 1, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 4, "\(r.stderr)")
        #expect(lines[0] == "stdin:1: error: Cannot write acme.json: it is the open session acme.json (or its journal or lock). Choose another path.")
        #expect(lines[1].hasPrefix("stdin:2: error: Cannot write ./acme.json.journal: it is the open session"))
        #expect(lines[2].hasPrefix("stdin:3: error: Cannot write acme.json.lock: it is the open session"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("scenarios/acme.json"))) == before)
        #expect(a.exists("scenarios/sheet.csv"))
    }

    /// Regression: an export to a device (`--out /dev/null`, `/dev/stdout`) renamed a temporary
    /// file over it; run as root, that put a regular file in place of /dev/null.
    @Test func anExportToADeviceWritesIntoItAndNeverReplacesIt() throws {
        let a = try Accord()
        try a.copyFixtures()
        _ = try a.run(["acme.json", "--script", "acme-2027.txt"], cwd: "scenarios")
        // links in the test's own directory stand in for the devices themselves
        try FileManager.default.createSymbolicLink(atPath: a.path("scenarios/null.csv"), withDestinationPath: "/dev/null")
        try FileManager.default.createSymbolicLink(atPath: a.path("scenarios/full.csv"), withDestinationPath: "/dev/full")
        let r = try a.run(["acme.json"], stdin: "export sheet --format csv --out null.csv\nexport sheet --format csv --out full.csv\n",
                          cwd: "scenarios")
        #expect(r.status == 1)
        #expect(r.stdout.contains("Wrote null.csv"), "\(r.stdout)")
        #expect(r.stderr.contains("stdin:2: error: cannot write full.csv: No space left on device"), "\(r.stderr)")
        for link in ["null.csv", "full.csv"] {
            let type = try FileManager.default.attributesOfItem(atPath: a.path("scenarios/" + link))[.type] as? FileAttributeType
            #expect(type == .typeSymbolicLink, "\(link) was replaced")
        }
        let cli = try a.run(["export", "acme.json", "--what", "sheet", "--format", "json", "--out", "null.csv"], cwd: "scenarios")
        #expect(cli.status == 0, "\(cli.stderr)")
        let type = try FileManager.default.attributesOfItem(atPath: a.path("scenarios/null.csv"))[.type] as? FileAttributeType
        #expect(type == .typeSymbolicLink)
    }

    @Test func veryLongLinesTakeLinearTime() throws {
        let a = try Accord()
        // 1 MB or more each: one unknown word, a department name, words, combining accents
        let lines = [String(repeating: "x", count: 1 << 20),
                     "dept add " + String(repeating: "部", count: 350_000),
                     "title " + String(repeating: "a ", count: 1 << 19),
                     "title \"" + String(repeating: "e\u{301}", count: 350_000)]
        let start = Date()
        let r = try a.script("s.json", lines.joined(separator: "\n") + "\nperiod 2027\n")
        let seconds = Date().timeIntervalSince(start)
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 5, "\(r.stderr.prefix(300))")
        #expect(try a.events("s.json").count == 1)
        // quadratic work on 4 MB would take hours; linear work takes well under a second (debug build)
        #expect(seconds < 30, "\(seconds) s")
    }
}

// MARK: - deterministic randomness


// MARK: - session-file mutations

/// Damages a session file in the ways issue 7 lists, on the bytes and on its JSON.
struct SessionMutator: Sendable {
    static let kinds = ["truncate", "bit-flip", "byte-edit", "invalid-utf8", "wrong-type", "huge-number", "deep-nesting",
                        "duplicate-key", "structural", "resealed", "hostile-text"]
    let data: Data
    let lines: [Data]  // the file's lines (accord's layout)

    init(_ data: Data) throws {
        self.data = data
        lines = data.split(separator: 0x0a, omittingEmptySubsequences: false).map { Data($0) }
        guard lines.count > 6, lines[3] == Data("\"events\":[".utf8) else { throw ELayoutError() }
    }

    static let huge = ["1e308", "1e309", "-1e309", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                       "-1", "0", "-0", "1.5", "1E400", "123456789012345678901234567890", "NaN", "Infinity", "00", "1e", "-"]
    static let wrong = ["null", "true", "\"\"", "\"x\"", "[]", "{}", "0", "-1", "[1,2]", "{\"a\":1}", "1.5", "\"K1\""]
    static let badUTF8: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xC3], [0xE6, 0x97], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]]

    func mutate(_ rng: inout SplitMix64) -> (String, Data) {
        let kind = Self.kinds.randomElement(using: &rng)!
        var out = mutate(kind, &rng)
        if out == data { out = flip(&rng) }
        return (kind, out)
    }

    func mutate(_ kind: String, _ rng: inout SplitMix64) -> Data {
        var b = [UInt8](data)
        switch kind {
        case "truncate":
            return Data(b.prefix(Int.random(in: 0..<b.count, using: &rng)))
        case "bit-flip":
            return flip(&rng)
        case "byte-edit":
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let i = Int.random(in: 0..<b.count, using: &rng)
                let v = Array("\"{}[],:\\\n 0-.e".utf8).randomElement(using: &rng)!
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: b[i] = v
                case 1: b.insert(v, at: i)
                default: b.remove(at: i)
                }
            }
            return Data(b)
        case "invalid-utf8":
            let quotes = b.indices.filter { b[$0] == 0x22 }
            let i = quotes.randomElement(using: &rng)! + 1
            b.insert(contentsOf: Self.badUTF8.randomElement(using: &rng)!, at: i)
            return Data(b)
        case "wrong-type", "huge-number":
            // a value token (after a colon) in the head, the state or an event line replaced
            let pool = kind == "wrong-type" ? Self.wrong : Self.huge
            return replaceValue(&rng, with: pool.randomElement(using: &rng)!, numbersOnly: kind == "huge-number")
        case "deep-nesting":
            let d = [100, 511, 512, 513, 5000, 100_000].randomElement(using: &rng)!
            if Bool.random(using: &rng) {
                return Data(repeating: 0x5B, count: d) + data + Data(repeating: 0x5D, count: d)
            }
            return replaceValue(&rng, with: String(repeating: "[", count: d) + String(repeating: "]", count: d), numbersOnly: false)
        case "duplicate-key":
            return duplicateKey(&rng)
        case "structural":
            var ls = lines
            let first = 4, last = ls.count - 3  // event lines
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: ls.remove(at: Int.random(in: first...last, using: &rng))
            case 1: ls.swapAt(Int.random(in: first...last, using: &rng), Int.random(in: first...last, using: &rng))
            case 2: ls.insert(ls[first + 1], at: first + 1)
            case 3: return Data([0xEF, 0xBB, 0xBF]) + data
            default: return data + Data("garbage".utf8)
            }
            return Data(ls.joined(separator: [0x0a]))
        case "hostile-text":
            return hostileText(&rng)
        default:  // resealed: a value of the state or an event changed, the chain and head recomputed
            return reseal(&rng)
        }
    }

    func flip(_ rng: inout SplitMix64) -> Data {
        var b = [UInt8](data)
        let i = Int.random(in: 0..<b.count, using: &rng)
        b[i] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
        return Data(b)
    }

    /// Positions right after a `:` outside strings, with the extent of the value that follows.
    static func valueSpans(_ line: [UInt8], numbersOnly: Bool) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var inString = false, i = 0
        while i < line.count {
            let c = line[i]
            if inString {
                if c == 0x5C { i += 2; continue }
                if c == 0x22 { inString = false }
                i += 1; continue
            }
            if c == 0x22 { inString = true; i += 1; continue }
            if c == 0x3A {
                var j = i + 1
                let isNumber = j < line.count && (line[j] == 0x2D || (0x30...0x39).contains(line[j]))
                if line[j] == 0x22 {
                    j += 1
                    while j < line.count, line[j] != 0x22 { j += line[j] == 0x5C ? 2 : 1 }
                    j += 1
                } else {
                    while j < line.count, ![0x2C, 0x7D, 0x5D].contains(line[j]) { j += 1 }
                }
                if !numbersOnly || isNumber { spans.append((i + 1)..<min(j, line.count)) }
            }
            i += 1
        }
        return spans
    }

    func replaceValue(_ rng: inout SplitMix64, with text: String, numbersOnly: Bool) -> Data {
        var ls = lines
        let li = [1, 2, Int.random(in: 4...(ls.count - 3), using: &rng)].randomElement(using: &rng)!
        let line = [UInt8](ls[li])
        guard let span = Self.valueSpans(line, numbersOnly: numbersOnly).randomElement(using: &rng) else { return flip(&rng) }
        ls[li] = Data(line[..<span.lowerBound] + Array(text.utf8) + line[span.upperBound...])
        return Data(ls.joined(separator: [0x0a]))
    }

    func duplicateKey(_ rng: inout SplitMix64) -> Data {
        var ls = lines
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: ls[0] = Data("{\"format\":\"accord-session\",\"version\":1,\"version\":\(["1", "2"].randomElement(using: &rng)!),".utf8)
        case 1:
            // the head line with one of its keys twice
            var head = [UInt8](ls[1])
            let keys = ["\"events\":0,", "\"last\":\"\(String(repeating: "0", count: 64))\",", "\"events\":\(lines.count - 7),"]
            head.insert(contentsOf: Array(keys.randomElement(using: &rng)!.utf8), at: 8)
            ls[1] = Data(head)
        case 2:
            // "state" twice: a second state line after the first
            ls.insert(Data("\"state\":{},".utf8), at: Bool.random(using: &rng) ? 2 : 3)
        default:
            // "events" twice: an empty log after the real one
            ls[ls.count - 2] = Data("],\"events\":[]}".utf8)
        }
        return Data(ls.joined(separator: [0x0a]))
    }

    /// What a hand-edited name may hold that no command lets in: escape sequences, C0/C1
    /// controls, bidi controls (issue 13 §4).
    static let hostile = ["\u{1B}[2J", "\u{1B}]0;pwned\u{7}", "\u{7}", "\u{8}", "\r", "\u{1B}[31m", "\u{9B}2J", "\u{85}", "\u{7F}",
                          "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}",
                          "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{0}"]

    /// Names a person reads (the title, departments, people, KPIs, goals, notes …) given
    /// control and bidi characters, everywhere they appear in the state and the events, and
    /// the file resealed: it opens, and what it shows must show them as codes.
    func hostileText(_ rng: inout SplitMix64) -> Data {
        let state = String(decoding: lines[2], as: UTF8.self)
        let keys = ["title", "name", "head", "supervisor", "kpi", "note", "source", "unit", "period"]
        var names: [String] = []
        for key in keys {
            var rest = state[...]
            while let r = rest.range(of: "\"\(key)\":\"") {
                let tail = rest[r.upperBound...]
                guard let end = tail.firstIndex(where: { $0 == "\"" || $0 == "\\" }), tail[end] == "\"" else { break }
                let value = String(tail[..<end])
                if value.count >= 3 && !names.contains(value) { names.append(value) }
                rest = tail[end...]
            }
        }
        guard !names.isEmpty else { return flip(&rng) }
        var pairs: [(old: String, new: String)] = []
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let name = names.randomElement(using: &rng)!
            var chars = Array(name)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                chars.insert(contentsOf: Self.hostile.randomElement(using: &rng)!, at: Int.random(in: 0...chars.count, using: &rng))
            }
            pairs.append((name, String(chars)))
        }
        return (try? HostileSession.replacing(data, pairs)) ?? flip(&rng)
    }

    func reseal(_ rng: inout SplitMix64) -> Data {
        var ls = lines
        let events = Array(4...(ls.count - 3))
        func stripComma(_ l: Data) -> Data { l.last == 0x2C ? l.dropLast() : l }
        var stateLine = stripComma(ls[2]).dropFirst(8)
        var eventLines = events.map { stripComma(ls[$0]) }
        let pool = Self.wrong + Self.huge + ["\"\\u001b[2J\"", "\"" + String(repeating: "長", count: 20000) + "\"",
                                              String(repeating: "[", count: 600) + String(repeating: "]", count: 600)]
        let text = pool.randomElement(using: &rng)!
        if Bool.random(using: &rng) {
            let line = [UInt8](stateLine)
            if let span = Self.valueSpans(line, numbersOnly: false).randomElement(using: &rng) {
                stateLine = Data(line[..<span.lowerBound] + Array(text.utf8) + line[span.upperBound...])[...]
            }
        } else {
            let k = Int.random(in: 0..<eventLines.count, using: &rng)
            let line = [UInt8](eventLines[k])
            // not the seq and prev at the start
            if let span = Self.valueSpans(line, numbersOnly: false).filter({ $0.lowerBound > 80 }).randomElement(using: &rng) {
                eventLines[k] = Data(line[..<span.lowerBound] + Array(text.utf8) + line[span.upperBound...])
            }
        }
        var prev = Event.genesis
        for k in eventLines.indices {
            let line = [UInt8](eventLines[k])
            // {"seq":N,"prev":"<64>",…
            if let at = line.indices.dropFirst(6).first(where: { line[$0] == 0x22 && line[$0...].starts(with: Array("\"prev\":\"".utf8)) }) {
                eventLines[k] = Data(line[..<(at + 8)] + Array(prev.utf8) + line[(at + 8 + 64)...])
            }
            prev = Digest.sha256(eventLines[k])
        }
        ls[1] = Data("\"head\":{\"events\":\(eventLines.count),\"last\":\"\(prev)\",\"state\":\"\(Digest.sha256(Data(stateLine)))\"},".utf8)
        ls[2] = Data("\"state\":".utf8) + stateLine + Data(",".utf8)
        for (k, i) in events.enumerated() { ls[i] = eventLines[k] + (k < events.count - 1 ? Data(",".utf8) : Data()) }
        return Data(ls.joined(separator: [0x0a]))
    }
}

// MARK: - command-line generation

/// Lines built from every command's usage and example (`Engine.commands`, what `help` prints),
/// then broken in the ways issue 7 lists.
struct LineGenerator {
    let specs = Engine.commands.filter { $0.name != "quit" && $0.name != "exit" }
    static let values = ["Marketing", "Sales", "\"Customer Success\"", "行銷部", "G1", "K3", "C1", "X2", "K99", "0", "-1",
                         "1e309", "NaN", "200萬", "1,200", "8%", "revenue", "traffic", "acquisition", "推薦", "monthly", "2027-12-31",
                         "copy.json", "/dev/null", "/dev/full", "../data/kpi-sheet-en.csv", "\"a reason\"", "head", "supervisor",
                         "agree", "object", "sheet", "--format", "json", "--out", "--force", "--", "\"\"", "''"]
    static let controls = ["\u{0}", "\u{7}", "\u{8}", "\u{B}", "\u{C}", "\r", "\u{1B}", "\u{1B}[2J", "\u{1B}]0;x\u{7}", "\u{7F}", "\u{85}", "\u{9B}"]
    static let unicode = ["\u{301}\u{301}", "👩‍👩‍👧‍👦", "\u{202E}", "\u{202B}", "\u{2066}", "\u{2069}", "\u{200F}", "\u{061C}", "\u{200B}", "\u{2028}", "\u{FEFF}", "「", "」", "“", "\u{3000}", "𝓈"]

    func filled(_ spec: CommandSpec, _ rng: inout SplitMix64) -> String {
        if Int.random(in: 0..<3, using: &rng) == 0 { return spec.example }
        var words = [spec.name]
        for w in spec.usage.split(separator: " ").dropFirst(spec.words.count) {
            if w.hasPrefix("[") && Bool.random(using: &rng) { continue }
            let t = w.trimmingCharacters(in: CharacterSet(charactersIn: "[]."))
            if t.hasPrefix("--") { words.append(t) } else if t.contains("|") {
                words.append(t.split(separator: "|").randomElement(using: &rng).map(String.init)!)
            } else { words.append(Self.values.randomElement(using: &rng)!) }
        }
        return words.joined(separator: " ")
    }

    func line(_ rng: inout SplitMix64) -> Data {
        let spec = specs.randomElement(using: &rng)!
        var words = filled(spec, &rng).split(separator: " ").map(String.init)
        var bytes: [UInt8]?
        switch Int.random(in: 0..<10, using: &rng) {
        case 0, 1: break  // as is
        case 2: if words.count > 1 { words.remove(at: Int.random(in: 1..<words.count, using: &rng)) }  // missing
        case 3: words.append(Self.values.randomElement(using: &rng)!)  // extra
        case 4:
            let q = ["\"", "'", "\\", "「", "“"].randomElement(using: &rng)!
            words.insert(q, at: Int.random(in: 0...words.count, using: &rng))
        case 5:
            words.insert(Self.controls.randomElement(using: &rng)!, at: Int.random(in: 1...words.count, using: &rng))
        case 6:
            var b = Array(words.joined(separator: " ").utf8)
            b.insert(contentsOf: SessionMutator.badUTF8.randomElement(using: &rng)!, at: Int.random(in: 0...b.count, using: &rng))
            bytes = b
        case 7:
            words.insert(Self.unicode.randomElement(using: &rng)!, at: Int.random(in: 1...words.count, using: &rng))
        case 8:
            var b = Array(words.joined(separator: " ").utf8)
            for _ in 0..<Int.random(in: 1...3, using: &rng) where !b.isEmpty {
                let i = Int.random(in: 0..<b.count, using: &rng)
                b[i] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
                if b[i] == 0x0a { b[i] = 0x20 }
            }
            bytes = b
        default:
            bytes = (0..<Int.random(in: 0..<60, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }.map { $0 == 0x0a ? 0x20 : $0 }
        }
        var out = bytes ?? Array(words.joined(separator: " ").utf8)
        // a line that quits (`quit`, `"exit" --`) would end the batch early
        let text = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let first = (try? Shell.split(text).first?.lowercased()) ?? nil
        if first == "quit" || first == "exit" { out += Array(" now".utf8) }
        return Data(out)
    }
}

/// The session file does not have the layout a test relies on.
struct ELayoutError: Error {}
