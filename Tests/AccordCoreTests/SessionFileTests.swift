@testable import AccordCore
import Foundation
import Testing

@Suite("Session file and hash chain")
struct SessionFileTests {
    func meeting() throws -> Meeting {
        var m = Meeting()
        try m.runAll(FoldTests.setup + "\ndept rename Sales 業務部\nundo\nnext")
        return m
    }

    func file(_ m: Meeting) throws -> Data {
        SessionFile.encode(stateLine: try SessionFile.encodeState(m.state), lines: m.lines)
    }

    @Test func theChainCheckHexDigestMatchesTheStringOne() {
        // known answers, and the in-place form used by the chain check agrees with them
        #expect(Digest.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var out = [UInt8](repeating: 0, count: 64)
        for text in ["", "abc", "{\"seq\":1}", String(repeating: "目標責任書", count: 500)] {
            Digest.sha256Hex(Data(text.utf8), into: &out)
            #expect(String(decoding: out, as: UTF8.self) == Digest.sha256(text))
        }
    }

    @Test func aLargeLogIsCheckedOnTwoCoresWithTheSameVerdict() throws {
        // 300 events: the state is decoded while the chain is checked
        var m = Meeting()
        try m.runAll((1...300).map { "dept add D\($0)" }.joined(separator: "\n"))
        let good = try file(m)
        #expect(try SessionFile.load(good).state == m.state)
        var lines = String(decoding: good, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // five lines before the events (format 3: the seal line after the head)
        lines[151] = lines[151].replacingOccurrences(of: "D147", with: "D999")
        #expect(throws: SessionFile.LoadError.integrity("event 148 does not follow event 147: event 147 was changed, or one was removed")) {
            try SessionFile.load(Data(lines.joined(separator: "\n").utf8))
        }
    }

    @Test func writtenFileLoadsBackExactly() throws {
        let m = try meeting()
        let image = try SessionFile.load(try file(m))
        #expect(image.state == m.state)
        #expect(image.lines == m.lines)
        #expect(image.head.events == m.events.count)
        #expect(image.head.last == Digest.sha256(m.lines.last!))
    }

    @Test func theFileIsPlainJSONWithOneEventPerLine() throws {
        let m = try meeting()
        let data = try file(m)
        let obj = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(obj["format"] as? String == "accord-session")
        #expect(obj["version"] as? Int == SessionFile.version)
        #expect((obj["events"] as! [Any]).count == m.events.count)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.split(separator: "\n").count == 5 + m.events.count + 1)
    }

    @Test func eachEventCarriesTheDigestOfThePreviousOne() throws {
        let m = try meeting()
        #expect(m.events[0].prev == Event.genesis)
        for i in 1..<m.events.count {
            #expect(m.events[i].prev == Digest.sha256(m.lines[i - 1]))
        }
        #expect(SessionFile.chainProblems(m.lines, last: Digest.sha256(m.lines.last!)).isEmpty)
    }

    @Test(arguments: [0, 2, 5])
    func editingAnyEventBreaksTheChainAtTheNextLink(index: Int) throws {
        let m = try meeting()
        var text = String(decoding: try file(m), as: UTF8.self)
        let line = String(decoding: m.lines[index], as: UTF8.self)
        let edited = line.replacingOccurrences(of: "\"time\":\"2027-01-15T09:00:00Z\"", with: "\"time\":\"2027-01-15T09:00:01Z\"")
        #expect(edited != line)
        text = text.replacingOccurrences(of: line, with: edited)
        #expect(throws: SessionFile.LoadError.self) { _ = try SessionFile.load(Data(text.utf8)) }
        let image = try SessionFile.parse(Data(text.utf8))
        let problems = SessionFile.integrityProblems(image)
        let expected = index == m.lines.count - 1 ? "event \(index + 1) was changed" : "event \(index + 2) does not follow event \(index + 1)"
        #expect(problems.first?.contains(expected) == true, "\(problems)")
    }

    @Test func editingTheStateIsFound() throws {
        let m = try meeting()
        let text = String(decoding: try file(m), as: UTF8.self).replacingOccurrences(of: "\"title\":\"Acme 2027\"", with: "\"title\":\"Acme 2028\"")
        #expect(throws: SessionFile.LoadError.integrity("the stored state does not match its digest (the state was edited by hand)")) {
            _ = try SessionFile.load(Data(text.utf8))
        }
    }

    @Test func removingTheLastEventIsFound() throws {
        let m = try meeting()
        let short = SessionFile.encode(stateLine: try SessionFile.encodeState(m.state), lines: Array(m.lines.dropLast()))
        var text = String(decoding: short, as: UTF8.self)
        // keep the original head
        let original = String(decoding: try file(m), as: UTF8.self)
        let headLine = original.split(separator: "\n")[1]
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        parts[1] = String(headLine)
        text = parts.joined(separator: "\n")
        #expect(throws: SessionFile.LoadError.self) { _ = try SessionFile.load(Data(text.utf8)) }
    }

    @Test func aReformattedFileIsStillReadAndChecked() throws {
        let m = try meeting()
        let obj = try JSONSerialization.jsonObject(with: try file(m))
        let pretty = try JSONSerialization.data(withJSONObject: obj, options: [.prettyPrinted])
        let image = try SessionFile.load(pretty)
        #expect(image.state == m.state)
        #expect(image.lines == m.lines)
    }

    @Test func badFilesGiveOneLineReasons() throws {
        func reason(_ text: String) -> String {
            do { _ = try SessionFile.load(Data(text.utf8)); return "loaded" } catch { return "\(error)" }
        }
        #expect(reason("") == "the file is empty")
        #expect(reason("garbage {").hasPrefix("not valid JSON"))
        #expect(reason("{\"a\":1}").hasPrefix("not an Accord session file"))
        #expect(reason("{\"format\":\"accord-session\",\"version\":7}").contains("format version 7"))
        #expect(reason("{\"format\":\"accord-session\",\"version\":1,\"head\":{}}").hasPrefix("the session file is damaged"))
        for r in [reason("garbage {"), reason("{\"format\":\"accord-session\",\"version\":1,\"head\":{}}")] {
            #expect(!r.contains("\n"))
        }
    }

    @Test func truncatedFilesAreRefused() throws {
        let data = try file(try meeting())
        for cut in stride(from: 1, to: data.count, by: max(1, data.count / 40)) {
            #expect(throws: (any Error).self) { _ = try SessionFile.load(data.prefix(cut)) }
        }
    }

    @Test func eventLineHeaderIsReadWithoutDecoding() throws {
        let m = try meeting()
        for (i, line) in m.lines.enumerated() {
            let h = EventLine.header(line)
            #expect(h?.seq == i + 1)
            #expect(h?.prev == m.events[i].prev)
        }
        #expect(EventLine.header(Data("{\"seq\":1}".utf8)) == nil)
    }
}

/// JSONDuplicateKeys compares an object's first keys in a short list and moves to a set past
/// 16: a repeat is found on either side of the switch, and only within one object.
@Suite struct DuplicateKeyListTests {
    func object(_ keys: [String]) -> String { "{" + keys.map { "\"\($0)\":1" }.joined(separator: ",") + "}" }

    @Test func aRepeatIsFoundBeforeAndAfterTheSwitchToASet() {
        let distinct = (1...40).map { "k\($0)" }
        #expect(JSONDuplicateKeys.first(in: Data(object(distinct).utf8)) == nil)
        for at in [1, 2, 15, 16, 17, 18, 39] {
            var keys = distinct
            keys.insert("k\(at)", at: keys.count)  // a repeat at the end: `at` is before it in the list or the set
            #expect(JSONDuplicateKeys.first(in: Data(object(keys).utf8)) == "k\(at)", "k\(at)")
            var early = Array(distinct.prefix(at + 1))
            early.append("k1")
            #expect(JSONDuplicateKeys.first(in: Data(object(early).utf8)) == "k1", "\(at + 1) keys, then k1")
        }
        // the same keys in sibling and nested objects are not repeats
        let nested = "{\"a\":\(object(distinct)),\"b\":[\(object(distinct)),\(object(distinct))],\"k1\":2}"
        #expect(JSONDuplicateKeys.first(in: Data(nested.utf8)) == nil)
        // escapes resolved past the switch too
        let escaped = object(distinct) .dropLast() + ",\"\\u006b30\":2}"
        #expect(JSONDuplicateKeys.first(in: Data(escaped.utf8)) == "k30")
    }
}
