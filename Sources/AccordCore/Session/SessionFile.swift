import Foundation

/// The session file's layout. It is ordinary JSON (one object), written one part per line
/// so that it can be read back without decoding every event:
///
///     {"format":"accord-session","version":1,
///     "head":{"events":N,"last":"<sha256 of event N's line>","state":"<sha256 of the state line>"},
///     "seal":{"keys":[…],"seals":[…]},
///     "state":{…},
///     "events":[
///     {"seq":1,"prev":"000…0",…},
///     {"seq":2,"prev":"<sha256 of event 1's line>",…}
///     ]}
///
/// A file in another layout (say, pretty-printed by another tool) is still read: its events
/// are re-encoded to their canonical lines and checked the same way.
public enum SessionFile {
    public static let format = "accord-session"
    /// The version this build writes. Version 2 stores the audit's findings as catalog
    /// sentences with their arguments (`StoredText.catalog`) instead of finished English, and
    /// may record forced steps in `meta.forced`; nothing else changed. Every version in
    /// `readable` is read (a version-1 file opens, replays and verifies as it was written:
    /// its conflicts keep their English sentences as `StoredText.literal`).
    /// Version 3 adds the `seal` line after the head: the keys and the Ed25519 seals over
    /// the head and events (`SealBook`, docs/seal.md). Versions 1 and 2 have no seals: they
    /// open, replay and verify as before, reported as unsealed.
    /// Version 5 stores the long lists that conflicts share once per line (`RefList`,
    /// `RefPool`): a conflict's `kpis` and `depts` may hold `{"list":I,"from":A,"to":B}`,
    /// a range of the line's `lists`. Lines that share nothing are as version 4 wrote them,
    /// and every line of an older file keeps its bytes, so its digests and seals hold.
    public static let version = 5
    public static let readable: ClosedRange<Int> = 1...5
    /// The first version that carries seals.
    public static let sealedVersion = 3

    public struct Head: Codable, Equatable, Sendable {
        public var events: Int
        public var last: String
        public var state: String
    }

    /// What a file holds, split into its canonical parts.
    public struct Image: Sendable {
        public var head: Head
        public var state: State
        public var stateLine: Data
        public var lines: [Data]
        /// The file is in accord's own layout: its state and event lines are slices of it.
        public var isCanonicalLayout = false
        /// The format version the file declares.
        public var version = SessionFile.version
        /// The keys and seals (version 3 on); nil for an older file.
        public var seal: SealBook?

        public init(head: Head, state: State, stateLine: Data, lines: [Data]) {
            self.head = head; self.state = state; self.stateLine = stateLine; self.lines = lines
        }
    }

    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case empty
        case notJSON(String)
        case notASession
        case unknownVersion(String)
        case malformed(String)
        case integrity(String)

        public var description: String {
            switch self {
            case .empty: return t("file.empty")
            case let .notJSON(why): return t("file.not-json", ["why": why])
            case .notASession: return t("file.not-a-session")
            case let .unknownVersion(v):
                return t("file.unknown-version", ["version": v, "low": "\(SessionFile.readable.lowerBound)",
                                                   "high": "\(SessionFile.readable.upperBound)"])
            case let .malformed(why): return t("file.malformed", ["why": why])
            case let .integrity(why): return t("file.integrity", ["why": why])
            }
        }
    }

    static func stateEncoder() -> JSONEncoder { EventLine.makeEncoder() }

    /// The state line: the lists its conflicts share written once (`RefPool`).
    public static func encodeState(_ state: State) throws -> Data {
        let pool = RefPool()
        pool.add(conflicts: state.conflicts.all)
        let encoder = stateEncoder()
        if !pool.lists.isEmpty { encoder.userInfo[RefPool.key] = pool }
        return try encoder.encode(state)
    }

    /// The head of a file holding this state line and these event lines.
    public static func head(stateLine: Data, lines: [Data], lastDigest: String? = nil) -> Head {
        Head(events: lines.count, last: lastDigest ?? lines.last.map { Digest.sha256($0) } ?? Event.genesis,
             state: Digest.sha256(stateLine))
    }

    /// The head as the file writes it, `{"events":N,"last":"…","state":"…"}`.
    public static func headJSON(_ head: Head) -> String {
        "{\"events\":\(head.events),\"last\":\"\(head.last)\",\"state\":\"\(head.state)\"}"
    }

    /// What a head seal covers: the SHA-256 of the head's JSON.
    public static func headDigest(_ head: Head) -> String { Digest.sha256(Bytes.data(headJSON(head))) }

    /// The whole file for a state line and the event lines, with its head and seals.
    public static func encode(stateLine: Data, lines: [Data], lastDigest: String? = nil, seal: SealBook = SealBook()) -> Data {
        let head = head(stateLine: stateLine, lines: lines, lastDigest: lastDigest)
        let sealLine = (try? seal.line()) ?? Data("{\"keys\":[],\"seals\":[]}".utf8)
        var out = Data()
        out.reserveCapacity(stateLine.count + sealLine.count + lines.reduce(0) { $0 + $1.count + 2 } + 300)
        out.append(contentsOf: "{\"format\":\"\(format)\",\"version\":\(version),\n".utf8)
        out.append(contentsOf: "\"head\":\(headJSON(head)),\n".utf8)
        out.append(contentsOf: "\"seal\":".utf8)
        out.append(sealLine)
        out.append(contentsOf: ",\n".utf8)
        out.append(contentsOf: "\"state\":".utf8)
        out.append(stateLine)
        out.append(contentsOf: ",\n\"events\":[\n".utf8)
        for (i, line) in lines.enumerated() {
            out.append(line)
            out.append(contentsOf: (i == lines.count - 1 ? "\n" : ",\n").utf8)
        }
        out.append(contentsOf: "]}\n".utf8)
        return out
    }

    // MARK: - reading

    /// Parses a file and checks its integrity: the head, the state digest, and the hash chain.
    /// In accord's own layout the state is decoded while the event lines are hashed, as tasks
    /// this thread and a helper share (`OpenCheck`, `SharedTasks`): they are independent, and
    /// together they are most of the time to the first prompt.
    public static func load(_ data: Data) throws -> Image {
        try checkNotEmpty(data)
        if let top = try fastTop(data), let lines = eventLines(top.rest) {
            let check = OpenCheck(head: top.head, seal: top.seal, stateLine: top.stateLine, lines: lines)
            check.run(shared: top.rest.count >= 1 << 16)
            if let failure = check.decodeFailure { throw failure }
            if let problem = check.problems.first { throw LoadError.integrity(problem) }
            var image = Image(head: top.head, state: check.state!, stateLine: top.stateLine, lines: lines)
            image.isCanonicalLayout = true
            image.version = top.version
            image.seal = top.seal
            if let sealProblem = check.sealProblem { throw LoadError.integrity(sealProblem) }
            return image
        }
        let image = try slowSplit(data)
        if let problem = integrityProblems(image).first ?? headSealProblem(image) { throw LoadError.integrity(problem) }
        return image
    }

    /// The one seal checked at open: a file that carries seals must have a head seal that
    /// holds for the head it has (one Ed25519 verification). Every other seal is checked by
    /// `verify` and `replay --verify` (`SealReview`). A file without seals opens.
    public static func headSealProblem(_ image: Image) -> String? { headSealProblem(head: image.head, seal: image.seal) }

    static func headSealProblem(head: Head, seal: SealBook?) -> String? {
        guard let book = seal, !book.seals.isEmpty else { return nil }
        let digest = headDigest(head)
        for s in book.headSeals where s.seq == head.events && s.digest == digest && s.signatureHolds(in: book) {
            return nil
        }
        return t("seal.open-broken")
    }

    /// Parses a file without judging its integrity (see `integrityProblems`).
    public static func parse(_ data: Data) throws -> Image {
        try checkNotEmpty(data)
        if let parts = try fastParts(data) {
            var image = Image(head: parts.head, state: try decodeState(parts.stateLine), stateLine: Data(parts.stateLine), lines: parts.lines)
            image.isCanonicalLayout = true
            image.version = parts.version
            image.seal = parts.seal
            return image
        }
        return try slowSplit(data)
    }

    /// The head and event lines of a file in accord's own layout, the state not decoded; nil
    /// for any other layout.
    public static func log(_ data: Data) throws -> (head: Head, lines: [Data])? {
        try fastParts(data).map { ($0.head, $0.lines) }
    }

    private static func checkNotEmpty(_ data: Data) throws {
        guard !data.isEmpty, data.contains(where: { !($0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09) }) else {
            throw LoadError.empty
        }
    }

    /// Every integrity problem of an image, first broken link first.
    public static func integrityProblems(_ image: Image) -> [String] {
        integrityProblems(head: image.head, stateLine: image.stateLine, lines: image.lines)
    }

    static func integrityProblems(head: Head, stateLine: Data, lines: [Data]) -> [String] {
        integrityProblems(head: head, stateHolds: Digest.sha256(stateLine) == head.state, lines: lines) { i, hex in
            Digest.sha256Hex(lines[i], into: &hex)
        }
    }

    /// `integrityProblems`, the state line's digest already compared and each line's digest
    /// written by `digest(i, &hex)` (`chainProblems`).
    static func integrityProblems(head: Head, stateHolds: Bool, lines: [Data], digest: (Int, inout [UInt8]) -> Void) -> [String] {
        var problems: [String] = []
        if !stateHolds { problems.append(t("integrity.state-edited")) }
        if head.events != lines.count {
            problems.append(t("integrity.count", ["n": "\(head.events)", "lines": "\(lines.count)"]))
        }
        return problems + chainProblems(lines, last: head.last, digest: digest)
    }

    /// Problems of the hash chain: each event names the digest of the one before it, and the
    /// last one's digest is `last`. Stops at the first broken link.
    public static func chainProblems(_ lines: [Data], last: String) -> [String] {
        chainProblems(lines, last: last) { i, hex in Digest.sha256Hex(lines[i], into: &hex) }
    }

    /// `chainProblems`, the digest of line `i` written as 64 hex bytes by `digest(i, &hex)`
    /// (computed here, or already by `OpenCheck`).
    static func chainProblems(_ lines: [Data], last: String, digest: (Int, inout [UInt8]) -> Void) -> [String] {
        var problems: [String] = []
        var prev = Array(Event.genesis.utf8)
        for (i, line) in lines.enumerated() {
            switch EventLine.check(line, seq: i + 1, prevHex: prev) {
            case .ok: break
            case .malformed:
                problems.append(t("integrity.malformed", ["seq": "\(i + 1)"]))
                return problems
            case let .seq(n):
                problems.append(t("integrity.numbered", ["seq": "\(i + 1)", "n": "\(n)"]))
                return problems
            case .prev:
                problems.append(i == 0 ? t("integrity.no-start")
                                       : t("integrity.not-follow", ["seq": "\(i + 1)", "prev": "\(i)"]))
                return problems
            }
            digest(i, &prev)
        }
        if prev != Array(last.utf8) {
            problems.append(lines.isEmpty ? t("integrity.empty-log")
                                          : t("integrity.last-changed", ["seq": "\(lines.count)"]))
        }
        return problems
    }

    /// The parts of a file in accord's own layout, found by line: nothing decoded but the head.
    struct Parts {
        var head: Head
        var stateLine: Data
        var lines: [Data]
        var version: Int
        var seal: SealBook?
    }

    /// The layout accord writes: parts found by line, events not decoded.
    static func fastParts(_ data: Data) throws -> Parts? {
        guard let top = try fastTop(data), let events = eventLines(top.rest) else { return nil }
        return Parts(head: top.head, stateLine: top.stateLine, lines: events, version: top.version, seal: top.seal)
    }

    /// The top lines of accord's layout (the head read, the seals read from version 3 on,
    /// the state line found) and the bytes after them; nil for another layout.
    static func fastTop(_ data: Data) throws -> (head: Head, seal: SealBook?, stateLine: Data, rest: Data, version: Int)? {
        // the first five line breaks, found with memchr (the state line is most of a megabyte)
        var breaks: [Int] = []
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var from = 0
            while breaks.count < 5, from < raw.count, let p = memchr(base + from, 0x0a, raw.count - from) {
                let at = base.distance(to: UnsafeRawPointer(p))
                breaks.append(at)
                from = at + 1
            }
        }
        guard breaks.count >= 4 else { return nil }
        var lines: [Data] = []
        var i = data.startIndex
        for b in breaks {
            let nl = data.startIndex + b
            lines.append(data[i..<(nl > i && data[nl - 1] == 0x0d ? nl - 1 : nl)])
            i = nl + 1
        }
        guard let version = readable.first(where: { Bytes.equal(lines[0], "{\"format\":\"\(format)\",\"version\":\($0),") })
        else { return nil }
        let sealed = version >= sealedVersion
        let top = sealed ? 5 : 4
        guard lines.count >= top else { return nil }
        let stateAt = sealed ? 3 : 2
        guard Bytes.starts(lines[1], with: "\"head\":"), lines[1].last == UInt8(ascii: ","),
              Bytes.starts(lines[stateAt], with: "\"state\":"), lines[stateAt].last == UInt8(ascii: ","),
              Bytes.equal(lines[top - 1], "\"events\":[")
        else { return nil }
        let headBytes = lines[1].dropFirst(7).dropLast()
        let stateLine = lines[stateAt].dropFirst(8).dropLast()
        let head: Head
        do { head = try TapeDecoder.decode(direct: Head.self, from: headBytes) } catch {
            throw LoadError.malformed(t("file.head-unreadable"))
        }
        // the head is the one part no digest covers: only accord's own form of it is read here
        // (a head with a key twice, or other keys, goes to the slow path, which refuses repeats)
        guard headBytes.elementsEqual(headJSON(head).utf8) else { return nil }
        var seal: SealBook?
        if sealed {
            guard Bytes.starts(lines[2], with: "\"seal\":"), lines[2].last == UInt8(ascii: ",") else { return nil }
            let sealBytes = lines[2].dropFirst(7).dropLast()
            let book: SealBook
            do { book = try TapeDecoder.decode(direct: SealBook.self, from: sealBytes) } catch {
                throw LoadError.malformed(t("file.seals-unreadable"))
            }
            // every seal is checked against its key, so any layout of the line will do; but not a
            // key twice (parsers disagree on which counts): that goes to the slow path, which refuses it
            guard JSONDuplicateKeys.first(in: Data(sealBytes)) == nil else { return nil }
            seal = book
        }
        return (head, seal, stateLine, data[(data.startIndex + breaks[top - 1] + 1)...], version)
    }

    /// The event lines of what follows `"events":[` in accord's layout: one event per line,
    /// each but the last followed by a comma, then `]}` (and nothing but line breaks); nil
    /// for anything else.
    static func eventLines(_ rest: Data) -> [Data]? {
        let lines = splitLines(rest)
        var end = lines.count - 1
        while end > 0, lines[end].isEmpty { end -= 1 }
        guard end >= 0, Bytes.equal(lines[end], "]}") else { return nil }
        var events: [Data] = []
        events.reserveCapacity(end)
        for i in 0..<end {
            var l = lines[i]
            if i < end - 1 {
                guard l.last == UInt8(ascii: ",") else { return nil }
                l = l.dropLast()
            }
            events.append(l)
        }
        return events
    }

    static func decodeState(_ stateLine: Data) throws -> State {
        do { return try TapeDecoder.decode(direct: State.self, from: stateLine) } catch {
            throw LoadError.malformed(t("file.state-unreadable", ["why": describe(error)]))
        }
    }

    private struct Whole: Decodable {
        var format: String
        var version: Int
        var head: Head
        var seal: SealBook?
        var state: State
        var events: [AnyEvent]
    }

    private struct AnyEvent: Decodable {
        var line: Data
        init(from decoder: Decoder) throws {
            let w = try EventLine.Whole(from: decoder)
            line = try EventLine.encode(Event(seq: w.seq, prev: w.prev, time: w.time, step: w.step, command: w.cmd,
                                              kind: w.kind, ops: w.ops, undoes: w.undoes, redoes: w.redoes, via: w.via))
        }
    }

    /// Any other layout: decoded whole, then brought to canonical lines.
    static func slowSplit(_ data: Data) throws -> Image {
        let any: Any
        do { any = try JSONSerialization.jsonObject(with: data, options: []) } catch {
            throw LoadError.notJSON(describe(error))
        }
        // parsers disagree on which of two values of one key counts: refuse the ambiguity
        if let key = JSONDuplicateKeys.first(in: data) {
            let shown = String(String.UnicodeScalarView(key.unicodeScalars.prefix(40).map { ControlCharacters.isControl($0) ? "?" : $0 }))
            throw LoadError.malformed(t("file.duplicate-key", ["key": shown]))
        }
        guard let obj = any as? [String: Any], obj["format"] as? String == format else { throw LoadError.notASession }
        guard let v = obj["version"] as? Int, readable.contains(v) else {
            throw LoadError.unknownVersion(obj["version"].map { "\($0)" } ?? "(none)")
        }
        let whole: Whole
        do { whole = try RefPool.decoder().decode(Whole.self, from: data) } catch {
            throw LoadError.malformed(describe(error))
        }
        var image = Image(head: whole.head, state: whole.state, stateLine: try encodeState(whole.state),
                          lines: whole.events.map(\.line))
        image.version = whole.version
        image.seal = whole.seal ?? (whole.version >= sealedVersion ? SealBook() : nil)
        return image
    }

    public static func splitLines(_ data: Data) -> [Data] {
        var out: [Data] = []
        var start = data.startIndex
        data.withUnsafeBytes { raw in
            let base = raw.bindMemory(to: UInt8.self)
            var i = 0
            let n = base.count
            while i < n {
                if let p = memchr(base.baseAddress! + i, 0x0a, n - i) {
                    let j = base.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
                    var e = j
                    if e > i, base[e - 1] == 0x0d { e -= 1 }
                    out.append(data[(data.startIndex + i)..<(data.startIndex + e)])
                    i = j + 1
                } else {
                    out.append(data[(data.startIndex + i)..<(data.startIndex + n)])
                    i = n
                }
            }
            start = data.startIndex + n
        }
        _ = start
        return out
    }

    /// A short, single-line reason for a decoding error.
    public static func describe(_ error: Error) -> String {
        if let d = error as? DecodingError {
            switch d {
            case let .dataCorrupted(c): return path(c.codingPath, c.debugDescription)
            case let .keyNotFound(k, c): return path(c.codingPath, "missing \"\(k.stringValue)\"")
            case let .typeMismatch(_, c): return path(c.codingPath, "wrong type")
            case let .valueNotFound(_, c): return path(c.codingPath, "missing value")
            @unknown default: return "cannot be decoded"
            }
        }
        let text = "\(error)"
        return text.split(separator: "\n").first.map(String.init) ?? text
    }

    private static func path(_ p: [CodingKey], _ what: String) -> String {
        let where_ = p.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        let line = what.split(separator: "\n").first.map(String.init) ?? what
        return where_.isEmpty ? line : "\(where_.hasPrefix(".") ? String(where_.dropFirst()) : where_): \(line)"
    }
}

/// Bytes compared with text without building a `Data` of the text: `Data(string.utf8)` is
/// generic over the sequence and casts it to `ContiguousBytes` at run time, a scan of every
/// protocol conformance in the binary the first time (on every start, in the static build).
enum Bytes {
    /// The text's UTF-8 bytes, copied from its storage.
    static func data(_ text: String) -> Data {
        var text = text
        return text.withUTF8 { u in u.isEmpty ? Data() : Data(bytes: u.baseAddress!, count: u.count) }
    }

    static func equal(_ data: Data, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { u in data.count == u.count && starts(data, with: u) }
    }

    static func starts(_ data: Data, with text: String) -> Bool {
        var text = text
        return text.withUTF8 { u in starts(data, with: u) }
    }

    static func starts(_ data: Data, with u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard data.count >= u.count else { return false }
        if u.isEmpty { return true }
        return data.withUnsafeBytes { raw in memcmp(raw.baseAddress!, u.baseAddress!, u.count) == 0 }
    }
}
