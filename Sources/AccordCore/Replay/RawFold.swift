import Foundation

/// The fast path of `replay --verify`: the fold of the event log done on the JSON values
/// themselves, without decoding them into Swift values (decoding 50,000 events with
/// Foundation's JSONDecoder takes seconds; scanning their bytes takes a fraction of one).
///
/// Every event line and the state line are canonical (sorted keys, one encoder), so an
/// entity is the same bytes in an op as in the state. The fold keeps, per table, each
/// entity's bytes by key; every op must start from exactly the bytes that are there (as
/// `State.apply` demands of values), undo and redo keep the same bookkeeping as
/// `State.fold`, and at the end every table, the meta and the undo stacks must be exactly
/// the stored state's.
///
/// It only ever answers "holds" when the bytes agree everywhere. Anything else — a
/// difference, a line it cannot scan, a table it does not know — is "undecided", and the
/// caller runs the typed fold, which decides and names the difference.
enum RawFold {
    enum Key: Hashable {
        case int(Int)
        case string(Data)
    }

    struct Undecided: Error, CustomStringConvertible {
        var description: String
        init(_ why: String) { description = why }
    }

    /// The empty session's state line: its tables (every array-valued key) and its meta.
    static let empty: (tables: Set<Data>, meta: Data) = {
        let line = (try? SessionFile.encodeState(State())) ?? Data()
        var tables = Set<Data>(), meta = Data()
        try? line.withUnsafeBytes { raw in
            var s = JSONScan(raw)
            try s.object { key, s in
                let v = try s.value()
                let name = Data(s.bytes(key))
                if raw[v.lowerBound] == UInt8(ascii: "[") && name != Data("undoable".utf8) && name != Data("redoable".utf8) {
                    tables.insert(name)
                } else if name == Data("meta".utf8) {
                    meta = Data(s.bytes(v))
                }
            }
        }
        return (tables, meta)
    }()

    /// True when folding `lines` gives exactly `stateLine`; throws `Undecided` otherwise.
    static func check(stateLine: Data, lines: [Data]) throws {
        var tables: [Data: [Key: Data]] = [:]
        for name in empty.tables { tables[name] = [:] }
        var meta = empty.meta
        var undoable: [Int] = [], redoable: [Int] = []
        let s = UInt8(ascii: "s")
        for line in lines {
            let event = try scanEvent(line)
            if let u = event.undoes {
                guard undoable.last == u else { throw Undecided("event \(event.seq) undoes \(u), not the last undoable event") }
            }
            if let r = event.redoes {
                guard redoable.last == r else { throw Undecided("event \(event.seq) redoes \(r), not the last undo") }
            }
            for op in event.ops {
                if op.table == kMeta {
                    guard let b = op.before, let a = op.after, b == meta else { throw Undecided("event \(event.seq): meta") }
                    meta = a
                    continue
                }
                var name = op.table
                name.append(s)
                guard tables[name] != nil, let key = op.key else { throw Undecided("event \(event.seq): table \(String(decoding: op.table, as: UTF8.self))") }
                guard tables[name]![key] == op.before else { throw Undecided("event \(event.seq): an op does not start from what is there") }
                tables[name]![key] = op.after
            }
            if event.undoes != nil {
                undoable.removeLast(); redoable.append(event.seq)
            } else if event.redoes != nil {
                redoable.removeLast(); undoable.append(event.seq)
            } else {
                undoable.append(event.seq); redoable.removeAll()
            }
        }
        try compare(stateLine, tables: tables, meta: meta, undoable: undoable, redoable: redoable)
    }

    // MARK: - events

    struct RawOp {
        var table: Data
        var key: Key?
        var before: Data?
        var after: Data?
    }

    struct RawEvent {
        var seq = 0
        var undoes: Int?
        var redoes: Int?
        var ops: [RawOp] = []
    }

    static let kSeq = Data("seq".utf8), kOps = Data("ops".utf8), kUndoes = Data("undoes".utf8), kRedoes = Data("redoes".utf8)
    static let kT = Data("t".utf8), kKey = Data("key".utf8), kBefore = Data("before".utf8), kAfter = Data("after".utf8)
    static let kID = Data("id".utf8), kMeta = Data("meta".utf8)
    static let kUndoable = Data("undoable".utf8), kRedoable = Data("redoable".utf8)

    static func scanEvent(_ line: Data) throws -> RawEvent {
        var event = RawEvent()
        try line.withUnsafeBytes { raw in
            var s = JSONScan(raw)
            var seen = 0
            // a key twice is a file parsers could read two ways: leave it to the typed fold
            func once(_ bit: Int) throws {
                guard seen & bit == 0 else { throw Undecided("a key appears twice in an event") }
                seen |= bit
            }
            try s.object { key, s in
                if s.equals(key, kSeq) {
                    try once(1); event.seq = try s.int()
                } else if s.equals(key, kUndoes) {
                    try once(2); event.undoes = try s.int()
                } else if s.equals(key, kRedoes) {
                    try once(4); event.redoes = try s.int()
                } else if s.equals(key, kOps) {
                    try once(8); try s.array { s in event.ops.append(try scanOp(&s, line)) }
                } else {
                    _ = try s.value()
                }
            }
            try s.end()
        }
        return event
    }

    static func scanOp(_ s: inout JSONScan, _ line: Data) throws -> RawOp {
        var op = RawOp(table: Data())
        var ids: [Key] = []
        var seen = 0
        func once(_ bit: Int) throws {
            guard seen & bit == 0 else { throw Undecided("a key appears twice in an op") }
            seen |= bit
        }
        try s.object { key, s in
            if s.equals(key, kT) {
                try once(1)
                op.table = Data(s.bytes(try s.stringInner()))
            } else if s.equals(key, kKey) {
                try once(2)
                op.key = try s.key()
            } else if s.equals(key, kBefore) || s.equals(key, kAfter) {
                let isBefore = s.equals(key, kBefore)
                try once(isBefore ? 4 : 8)
                let start = s.i
                let id = try entityID(&s)
                let bytes = line[(line.startIndex + start)..<(line.startIndex + s.i)]
                if let id { ids.append(id) }
                if isBefore { op.before = bytes } else { op.after = bytes }
            } else {
                _ = try s.value()
            }
        }
        // as decoding demands: the entities carry the op's key, and an op changes something
        if op.table != kMeta {
            guard op.key != nil, ids.allSatisfy({ $0 == op.key }), op.before != nil || op.after != nil else {
                throw Undecided("an op's key does not match its entity")
            }
        }
        return op
    }

    /// Scans an entity (or any value) and returns its `id` when it is an object that has one.
    static func entityID(_ s: inout JSONScan) throws -> Key? {
        guard s.peek == UInt8(ascii: "{") else { _ = try s.value(); return nil }
        var id: Key?, count = 0
        try s.object { k, s in
            if s.equals(k, kID) { id = try s.key(); count += 1 } else { _ = try s.value() }
        }
        guard count <= 1 else { throw Undecided("an entity has two ids") }
        return id
    }

    // MARK: - the stored state

    static func compare(_ stateLine: Data, tables: [Data: [Key: Data]], meta: Data, undoable: [Int], redoable: [Int]) throws {
        var seen = Set<Data>()
        try stateLine.withUnsafeBytes { raw in
            var s = JSONScan(raw)
            try s.object { key, s in
                let name = Data(s.bytes(key))
                guard seen.insert(name).inserted else { throw Undecided("a part of the state appears twice") }
                if name == kMeta {
                    let v = try s.value()
                    guard Data(s.bytes(v)) == meta else { throw Undecided("meta differs") }
                } else if name == kUndoable || name == kRedoable {
                    var list: [Int] = []
                    try s.array { s in list.append(try s.int()) }
                    guard list == (name == kUndoable ? undoable : redoable) else { throw Undecided("\(String(decoding: name, as: UTF8.self)) differs") }
                } else if let folded = tables[name] {
                    var count = 0
                    try s.array { s in
                        let start = s.i
                        guard s.peek == UInt8(ascii: "{") else { throw Undecided("not an entity") }
                        let id = try entityID(&s)
                        guard let id, let mine = folded[id],
                              mine == stateLine[(stateLine.startIndex + start)..<(stateLine.startIndex + s.i)] else {
                            throw Undecided("\(String(decoding: name, as: UTF8.self)) differ")
                        }
                        count += 1
                    }
                    guard count == folded.count else { throw Undecided("\(String(decoding: name, as: UTF8.self)) differ in number") }
                } else {
                    throw Undecided("unknown part of the state: \(String(decoding: name, as: UTF8.self))")
                }
            }
            try s.end()
        }
        guard seen == empty.tables.union([kMeta, kUndoable, kRedoable]) else {
            throw Undecided("the state's parts differ from this build's")
        }
    }
}

/// A strict scanner of one JSON text in memory: it checks the syntax and hands back byte
/// ranges; it builds no values.
struct JSONScan {
    let p: UnsafeRawBufferPointer
    var i = 0
    /// Containers open around the current value: deep nesting is refused (a fuzzed line of
    /// 100,000 `[` overflowed the stack), as Foundation's decoder refuses it beyond 512.
    var depth = 0
    static let maxDepth = 512

    init(_ p: UnsafeRawBufferPointer) { self.p = p }

    typealias Undecided = RawFold.Undecided

    var peek: UInt8? { i < p.count ? p[i] : nil }

    func bytes(_ r: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: p[r]) }

    func equals(_ r: Range<Int>, _ word: Data) -> Bool {
        guard r.count == word.count else { return false }
        return word.withUnsafeBytes { w in memcmp(p.baseAddress! + r.lowerBound, w.baseAddress!, r.count) == 0 }
    }

    mutating func ws() {
        while i < p.count, p[i] == 0x20 || p[i] == 0x0a || p[i] == 0x0d || p[i] == 0x09 { i += 1 }
    }

    mutating func expect(_ c: UInt8) throws {
        ws()
        guard i < p.count, p[i] == c else { throw Undecided("expected \(Character(Unicode.Scalar(c))) at \(i)") }
        i += 1
    }

    mutating func end() throws {
        ws()
        guard i == p.count else { throw Undecided("text after the value at \(i)") }
    }

    /// Members of an object; `body` gets the key (inside the quotes) and must consume the value.
    mutating func object(_ body: (Range<Int>, inout JSONScan) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        ws()
        if peek == UInt8(ascii: "}") { i += 1; return }
        while true {
            ws()
            let key = try stringInner()
            try expect(UInt8(ascii: ":"))
            ws()
            try body(key, &self)
            ws()
            guard let c = peek else { throw Undecided("unterminated object") }
            i += 1
            if c == UInt8(ascii: "}") { return }
            guard c == UInt8(ascii: ",") else { throw Undecided("expected , or } at \(i - 1)") }
        }
    }

    /// Elements of an array; `body` must consume each.
    mutating func array(_ body: (inout JSONScan) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        ws()
        if peek == UInt8(ascii: "]") { i += 1; return }
        while true {
            ws()
            try body(&self)
            ws()
            guard let c = peek else { throw Undecided("unterminated array") }
            i += 1
            if c == UInt8(ascii: "]") { return }
            guard c == UInt8(ascii: ",") else { throw Undecided("expected , or ] at \(i - 1)") }
        }
    }

    /// A string; returns the range between the quotes (escapes left as they are).
    mutating func stringInner() throws -> Range<Int> {
        try expect(UInt8(ascii: "\""))
        let start = i
        while i < p.count {
            let c = p[i]
            if c == UInt8(ascii: "\"") { i += 1; return start..<(i - 1) }
            if c < 0x20 { throw Undecided("control character in a string at \(i)") }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < p.count else { break }
                let e = p[i + 1]
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 5 < p.count, (2...5).allSatisfy({ isHex(p[i + $0]) }) else { throw Undecided("bad \\u escape at \(i)") }
                    i += 6
                default:
                    throw Undecided("bad escape at \(i)")
                }
                continue
            }
            i += 1
        }
        throw Undecided("unterminated string")
    }

    private func isHex(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c)
    }

    /// An integer (no fraction, no exponent).
    mutating func int() throws -> Int {
        ws()
        var neg = false
        if peek == UInt8(ascii: "-") { neg = true; i += 1 }
        var v = 0, digits = 0
        while i < p.count, (0x30...0x39).contains(p[i]), digits < 18 { v = v * 10 + Int(p[i] - 0x30); i += 1; digits += 1 }
        guard digits > 0, !(peek.map { (0x30...0x39).contains($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") } ?? false) else {
            throw Undecided("expected an integer at \(i)")
        }
        return neg ? -v : v
    }

    /// An entity key: an integer or a string.
    mutating func key() throws -> RawFold.Key {
        ws()
        if peek == UInt8(ascii: "\"") { return .string(Data(bytes(try stringInner()))) }
        return .int(try int())
    }

    /// Any value; returns its byte range.
    @discardableResult
    mutating func value() throws -> Range<Int> {
        ws()
        let start = i
        guard let c = peek else { throw Undecided("expected a value") }
        if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
            depth += 1
            guard depth <= Self.maxDepth else { throw Undecided("nested deeper than \(Self.maxDepth) at \(i)") }
        }
        defer { if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth -= 1 } }
        switch c {
        case UInt8(ascii: "{"): try object { _, s in _ = try s.value() }
        case UInt8(ascii: "["): try array { s in _ = try s.value() }
        case UInt8(ascii: "\""): _ = try stringInner()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try number()
        }
        return start..<i
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= p.count, memcmp(p.baseAddress! + i, word.utf8Start, n) == 0 else { throw Undecided("bad literal at \(i)") }
        i += n
    }

    private mutating func number() throws {
        func digits() -> Int {
            let s = i
            while i < p.count, (0x30...0x39).contains(p[i]) { i += 1 }
            return i - s
        }
        if peek == UInt8(ascii: "-") { i += 1 }
        guard digits() > 0 else { throw Undecided("bad number at \(i)") }
        if peek == UInt8(ascii: ".") { i += 1; guard digits() > 0 else { throw Undecided("bad number at \(i)") } }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw Undecided("bad number at \(i)") }
        }
    }
}
