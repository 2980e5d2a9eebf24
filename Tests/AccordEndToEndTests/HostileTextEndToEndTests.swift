import AccordCore
import Foundation
import Testing

/// Issue 13 §4: a session file edited by hand to hold escape sequences and bidi controls in
/// its names (its hash chain recomputed, as anyone with a text editor and a SHA-256 can) opens;
/// what it holds must never reach a terminal, a Markdown or CSV file, or an HTML page raw.
@Suite("Hostile text from a session file")
struct HostileTextEndToEndTests {
    /// Clears the screen, retitles the terminal window, rings the bell, reverses what follows.
    static let title = "Acme\u{1B}[2J\u{1B}]0;pwned\u{7}\u{202E} 2027"
    static let kpi = "Net\u{2066} revenue\u{1B}[31m retention\u{202E}"
    static let dept = "Mark\u{202E}eting\u{200F}\u{9B}"

    /// The demo meeting with its title, a KPI and a department renamed, resealed.
    static func hostileSession(_ a: Accord) throws -> String {
        let d = try a.run(["demo", "d.json", "--no-open"])
        #expect(d.status == 0, "\(d.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: a.path("d.json")))
        let edited = try HostileSession.replacing(data, [("Acme 2027 Annual Alignment", title),
                                                         ("Net revenue retention", kpi), ("Marketing", dept)])
        try edited.write(to: URL(fileURLWithPath: a.path("h.json")))
        return "h.json"
    }

    /// The first scalar a terminal or a reader would act on (C0 but line feed and tab, a
    /// carriage return not before a line feed, DEL, C1, a bidi control), nil when none.
    static func unsafe(_ text: String) -> Unicode.Scalar? {
        HostileSession.unsafeScalar(text.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    func expectSafe(_ r: Accord.Run, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for (name, text) in [("stdout", r.stdout), ("stderr", r.stderr)] {
            let bad = Self.unsafe(text)
            #expect(bad == nil, "\(what): \(name) holds U+\(String(bad?.value ?? 0, radix: 16, uppercase: true))",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func theFileOpensAndItsOwnBytesAreHostile() throws {
        let a = try Accord()
        let file = try Self.hostileSession(a)
        let state = try a.state(file)
        #expect((state["meta"] as? [String: Any])?["title"] as? String == Self.title)
    }

    @Test func theREPLShowsEveryControlAndBidiCharacterAsItsCode() throws {
        let a = try Accord()
        let file = try Self.hostileSession(a)
        let r = try a.script(file, "status\nkpi list\ndept list\nletter Marketing\nlog 50\nhelp\n", extra: ["--echo"])
        expectSafe(r, "open --script")
        #expect(r.stdout.contains("Acme\\u{1B}[2J\\u{1B}]0;pwned\\u{7}\\u{202E} 2027"), "\(r.stdout.prefix(400))")
        #expect(r.stdout.contains("Net\\u{2066} revenue\\u{1B}[31m retention\\u{202E}"))
    }

    @Test func replayInEveryViewShowsThemAsCodes() throws {
        let a = try Accord()
        let file = try Self.hostileSession(a)
        for args in [["replay", file], ["replay", file, "--full"], ["replay", file, "--at", "20"], ["replay", file, "--verify"],
                     ["replay", file, "--step", "audit", "--full"], ["verify", file], ["audit", file]] {
            let r = try a.run(args)
            #expect([0, 1].contains(r.status), "\(args): \(r.stderr)")
            expectSafe(r, args.joined(separator: " "))
        }
        let r = try a.run(["replay", file])
        #expect(r.stdout.contains("\\u{1B}]0;pwned\\u{7}"))
    }

    @Test func markdownAndCSVExportsNeutraliseThem() throws {
        let a = try Accord()
        let file = try Self.hostileSession(a)
        for what in ["sheet", "letters"] {
            for format in ["md", "csv"] {
                let r = try a.run(["export", file, "--what", what, "--format", format])
                #expect(r.status == 0, "\(r.stderr)")
                expectSafe(r, "export \(what) \(format)")
                #expect(r.stdout.contains("\\u{202E}"), "\(what) \(format)")
            }
        }
    }

    @Test func htmlExportsEscapeThemAndIsolateTheTextThatHeldThem() throws {
        let a = try Accord()
        let file = try Self.hostileSession(a)
        for what in ["sheet", "letters"] {
            let r = try a.run(["export", file, "--what", what, "--format", "html"])
            #expect(r.status == 0, "\(r.stderr)")
            expectSafe(r, "export \(what) html")
            #expect(r.stdout.contains("<bdi>"), "\(what)")
            #expect(r.stdout.contains("Mark\\u{202E}eting"), "\(what)")
        }
    }

    @Test func jsonExportsKeepTheDataAsItIs() throws {
        let a = try Accord()
        let file = try Self.hostileSession(a)
        let r = try a.run(["export", file, "--what", "sheet", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((doc["session"] as? [String: Any])?["title"] as? String == Self.title)
        // JSON escapes the C0 controls itself; nothing raw but the data's own (bidi) text
        #expect(!r.stdout.contains("\u{1B}") && !r.stdout.contains("\u{7}"))
    }
}

/// Builds hand-edited session files the way an adversary would: strings replaced in the
/// state and the events, the hash chain and the head recomputed (as the product does,
/// Session/SessionFile.swift and Event.swift; scripts/lib/fuzzlib.py `reseal`).
enum HostileSession {
    /// C0 but line feed and tab, DEL, C1, and the bidi controls.
    static func unsafeScalar(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { $0 != "\n" && $0 != "\t" && ControlCharacters.isUnsafe($0) }
    }

    /// A JSON string's inside, as accord writes it (`\u001b` for controls, the rest as is).
    static func jsonInside(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// The file with each `old` string value (in the state and the events) replaced by `new`,
    /// resealed.
    static func replacing(_ data: Data, _ pairs: [(old: String, new: String)]) throws -> Data {
        var lines = String(decoding: Accord.withoutSeals(data), as: UTF8.self).components(separatedBy: "\n")
        guard lines.count > 6, lines[3] == "\"events\":[" else { throw CommandError("not accord's layout") }
        for i in 2..<(lines.count - 2) where i != 3 {
            for (old, new) in pairs { lines[i] = lines[i].replacingOccurrences(of: jsonInside(old), with: jsonInside(new)) }
        }
        return reseal(lines)
    }

    /// The chain (`prev` of each event) and the head recomputed for these lines.
    static func reseal(_ lines: [String]) -> Data {
        var ls = lines
        let events = Array(4..<(ls.count - 2))
        func stripComma(_ l: String) -> String { l.hasSuffix(",") ? String(l.dropLast()) : l }
        let state = String(stripComma(ls[2]).dropFirst("\"state\":".count))
        var prev = Event.genesis
        for (k, i) in events.enumerated() {
            var l = stripComma(ls[i])
            if let at = l.range(of: ",\"prev\":\"") {
                let start = at.upperBound, end = l.index(start, offsetBy: 64)
                l.replaceSubrange(start..<end, with: prev)
            }
            prev = Digest.sha256(l)
            ls[i] = l + (k < events.count - 1 ? "," : "")
        }
        ls[1] = "\"head\":{\"events\":\(events.count),\"last\":\"\(prev)\",\"state\":\"\(Digest.sha256(state))\"},"
        ls[2] = "\"state\":" + state + ","
        return Data(ls.joined(separator: "\n").utf8)
    }
}
