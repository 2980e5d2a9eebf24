import Foundation

/// Longer than 400 lines on purpose: one concept, the tokenizer and the `Decoder` over its tape;
/// splitting it would only scatter one state machine (docs/decisions/ records why it exists).
/// A fast `Decodable` reader for the JSON accord writes (and any other valid JSON).
///
/// One concept in one file (over 400 lines): the tape and the decoder that reads it share
/// private invariants (entry layout, sibling skips) that splitting would expose.
///
/// Why it exists: Foundation's `JSONDecoder` runs as unspecialised generic code across the
/// module boundary: every value goes through a runtime generic-metadata lookup, an
/// existential container box and a hashed key lookup. Measured on a 42 MB session of
/// 50,000 events it decodes about 9 MB/s (~3 µs per field); replaying that log took 5 s.
///
/// How it works: one pass over the bytes builds a *tape*, a flat array with one entry per
/// JSON value (its kind, where its bytes are, and where the next sibling starts), so that
/// skipping a nested value is O(1). The synthesized `Codable` initialisers then read from
/// the tape: keys are compared as bytes, numbers are parsed in place, strings are built
/// once. Nothing is boxed per value.
///
/// It is strict (RFC 8259; at most 512 levels deep) and never traps on hostile input.
/// `decode` falls back to Foundation's `JSONDecoder` whenever it declines, so the error a
/// user sees is Foundation's, and the fast path can only ever be an optimisation.
///
///     let event = try TapeDecoder.decode(EventLine.Whole.self, from: line)
public enum TapeDecoder {
    public static let maxDepth = 512

    /// Decodes with the tape; on any failure, with Foundation's `JSONDecoder` (which gives
    /// the error, or — should the tape be wrong — the right answer).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if let value = try? decodeFast(type, from: data) { return value }
        return try RefPool.decoder().decode(type, from: data)
    }

    /// The tape path alone (tests compare it with Foundation's).
    /// A type that reads itself from the tape, called directly: `decode`'s `as? TapeDecodable`
    /// is a dynamic cast whose first use per type scans every protocol conformance in the
    /// binary (tens of microseconds each in the static release build, on every start).
    static func decode<T: TapeDecodable & Decodable>(direct type: T.Type, from data: Data) throws -> T {
        if let value = try? decodeFast(direct: type, from: data) { return value }
        return try RefPool.decoder().decode(type, from: data)
    }

    static func decodeFast<T: TapeDecodable>(direct type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { raw -> T in
            let tape = try Tape(raw.bindMemory(to: UInt8.self))
            return try T(tape: tape, at: 0)
        }
    }

    public static func decodeFast<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { raw -> T in
            let bytes = raw.bindMemory(to: UInt8.self)
            let tape = try Tape(bytes)
            return try TapeValue.decode(T.self, tape, 0, [])
        }
    }

    /// Why the tape declined a document. Never shown to a person (`decode` then asks
    /// Foundation, whose error is the one reported), so it is data for tests and debugging.
    struct Failure: Error, Equatable, CustomStringConvertible {
        enum Reason: Equatable {
            case tooLarge, emptyInput, unexpectedEnd, expectedCommaOrClose, expectedColon, expectedKey, tooDeep,
                 trailingCharacters, controlCharacter, unterminatedString, invalidLiteral, invalidValue, invalidNumber
            case notAString, notANumber, notAnObject, notAnArray, notAnInteger, notABoolean
            case badEscape, badUnicodeEscape, loneSurrogate, badSurrogatePair, invalidUTF8, numberOutOfRange
            /// A string that is not one of an enum's raw values (the enum's type name).
            case unknownValue(String)
            /// A required member absent (its key).
            case missing(String)
            case goalWithoutRevisions, opWithoutTable, opWithoutValue, keyMismatch, unknownOp
            /// A `{"list":…}` that names no shared list of its line, or runs past its end.
            case badListRef
        }
        var reason: Reason
        /// The byte offset, for syntax errors.
        var at: Int?
        init(_ reason: Reason, at: Int? = nil) { self.reason = reason; self.at = at }
        var description: String { at.map { "\(reason) at byte \($0)" } ?? "\(reason)" }
    }
}

// MARK: - the tape

/// One JSON value: what it is, where its bytes are, and where the next sibling starts.
struct TapeEntry {
    var kind: Tape.Kind
    /// Strings with a backslash inside (they need unescaping).
    var escaped: Bool
    /// Strings: the first byte inside the quotes. Numbers: the first byte.
    var start: Int32
    /// Strings: the closing quote. Numbers: one past the last byte. Containers: child count.
    var end: Int32
    /// The index of the entry after this value and everything inside it.
    var next: Int32
}

/// The parsed index of a JSON text. Immutable once built (a `let` array: reading it costs
/// no exclusivity checks, which on a mutable class property cost a quarter of the time).
final class Tape {
    enum Kind: UInt8 { case null, `true`, `false`, number, string, array, object }

    let bytes: UnsafeBufferPointer<UInt8>
    let entries: [TapeEntry]
    /// The shared lists of the line (`"lists"`, version 5), read before what refers to them
    /// (`refList`).
    var sharedLists: [[Int]] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard bytes.count < Int(Int32.max) else { throw TapeDecoder.Failure(.tooLarge) }
        self.bytes = bytes
        var builder = TapeBuilder(bytes: bytes)
        try builder.parse()
        entries = builder.entries
    }

    var count: Int { entries.count }
}

/// Builds the tape in one pass. Iterative, so deep nesting cannot overflow the stack.
struct TapeBuilder {
    typealias Kind = Tape.Kind
    let bytes: UnsafeBufferPointer<UInt8>
    var entries: [TapeEntry] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // room for the most entries the bytes can hold (a value and its separator take at least
        // two bytes), so the array never grows: growing a state line's tape copied half a
        // megabyte into fresh pages, a seventh of the page faults of opening the realistic
        // session. Pages reserved and never written are never touched.
        entries.reserveCapacity(bytes.count / 2 + 2)
    }

    private func fail(_ reason: TapeDecoder.Failure.Reason, _ at: Int) -> TapeDecoder.Failure {
        TapeDecoder.Failure(reason, at: at)
    }

    @inline(__always) private func skipSpace(_ i: inout Int) {
        while i < bytes.count {
            let c = bytes[i]
            guard c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09 else { return }
            i += 1
        }
    }

    private mutating func append(_ k: Kind, _ s: Int, _ e: Int, escaped esc: Bool = false, leaf: Bool) -> Int {
        let index = entries.count
        entries.append(TapeEntry(kind: k, escaped: esc, start: Int32(s), end: Int32(e), next: leaf ? Int32(index + 1) : 0))
        return index
    }

    mutating func parse() throws {
        var i = 0
        // open containers
        struct Open { var entry: Int; var object: Bool }
        var stack: [Open] = []
        stack.reserveCapacity(16)
        var afterValue = false  // a value was just completed inside the top container
        skipSpace(&i)
        guard i < bytes.count else { throw fail(.emptyInput, i) }
        while true {
            skipSpace(&i)
            if let top = stack.last {
                guard i < bytes.count else { throw fail(.unexpectedEnd, i) }
                let c = bytes[i]
                let close: UInt8 = top.object ? 0x7D : 0x5D
                if afterValue {
                    if c == 0x2C {  // ,
                        i += 1; skipSpace(&i); afterValue = false
                        if top.object { try key(&i) }
                        continue
                    }
                    guard c == close else { throw fail(.expectedCommaOrClose, i) }
                    i += 1
                    entries[top.entry].next = Int32(entries.count)
                    stack.removeLast()
                    if stack.isEmpty { break }
                    continue
                }
                if entries[top.entry].end == 0 {
                    // first member, or an empty container
                    if c == close {
                        i += 1
                        entries[top.entry].next = Int32(entries.count)
                        stack.removeLast()
                        afterValue = true
                        if stack.isEmpty { break }
                        continue
                    }
                    if top.object { try key(&i) }
                }
                entries[top.entry].end += 1
            }
            // a value
            guard i < bytes.count else { throw fail(.unexpectedEnd, i) }
            let c = bytes[i]
            switch c {
            case 0x7B, 0x5B:  // { [
                guard stack.count < TapeDecoder.maxDepth else { throw fail(.tooDeep, i) }
                let e = append(c == 0x7B ? .object : .array, i, 0, leaf: false)
                stack.append(Open(entry: e, object: c == 0x7B))
                i += 1
                afterValue = false
                continue
            case 0x22:
                try string(&i)
            case 0x74:
                try literal(&i, "true", .true)
            case 0x66:
                try literal(&i, "false", .false)
            case 0x6E:
                try literal(&i, "null", .null)
            default:
                try number(&i)
            }
            if stack.isEmpty { break }
            afterValue = true
        }
        skipSpace(&i)
        guard i == bytes.count else { throw fail(.trailingCharacters, i) }
    }

    /// An object member's key and the colon after it.
    private mutating func key(_ i: inout Int) throws {
        guard i < bytes.count, bytes[i] == 0x22 else { throw fail(.expectedKey, i) }
        try string(&i)
        skipSpace(&i)
        guard i < bytes.count, bytes[i] == 0x3A else { throw fail(.expectedColon, i) }
        i += 1
        skipSpace(&i)
    }

    private mutating func string(_ i: inout Int) throws {
        let open = i
        i += 1
        var esc = false
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 {
                _ = append(.string, open + 1, i, escaped: esc, leaf: true)
                i += 1
                return
            }
            if c == 0x5C {
                esc = true
                i += 2
                continue
            }
            guard c >= 0x20 else { throw fail(.controlCharacter, i) }
            i += 1
        }
        throw fail(.unterminatedString, open)
    }

    private mutating func literal(_ i: inout Int, _ word: StaticString, _ k: Kind) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw fail(.unexpectedEnd, i) }
        for j in 0..<n where bytes[i + j] != word.utf8Start[j] { throw fail(.invalidLiteral, i) }
        _ = append(k, i, i + n, leaf: true)
        i += n
    }

    private mutating func number(_ i: inout Int) throws {
        let s = i
        if i < bytes.count, bytes[i] == 0x2D { i += 1 }
        guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { throw fail(.invalidValue, s) }
        if bytes[i] == 0x30 {
            i += 1
        } else {
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        }
        if i < bytes.count, bytes[i] == 0x2E {
            i += 1
            guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { throw fail(.invalidNumber, s) }
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        }
        if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { throw fail(.invalidNumber, s) }
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        }
        _ = append(.number, s, i, leaf: true)
    }
}

extension Tape {
    // MARK: reading values

    func kind(_ e: Int) -> Kind { entries[e].kind }
    func childCount(_ e: Int) -> Int { Int(entries[e].end) }
    func after(_ e: Int) -> Int { Int(entries[e].next) }

    /// Does the string entry `e` hold exactly `text`?
    func stringEquals(_ e: Int, _ text: String) -> Bool {
        let entry = entries[e]
        guard entry.kind == .string else { return false }
        if entry.escaped { return (try? string(e)) == text }
        let s = Int(entry.start), n = Int(entry.end) - s
        var text = text
        return text.withUTF8 { u in
            guard u.count == n else { return false }
            return memcmp(u.baseAddress!, bytes.baseAddress! + s, n) == 0
        }
    }

    func string(_ e: Int) throws -> String {
        let entry = entries[e]
        guard entry.kind == .string else { throw TapeDecoder.Failure(.notAString) }
        let slice = UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)])
        if !entry.escaped { return try Tape.utf8(slice) }
        var out = [UInt8]()
        out.reserveCapacity(slice.count)
        var i = 0
        while i < slice.count {
            let c = slice[i]
            guard c == 0x5C else { out.append(c); i += 1; continue }
            guard i + 1 < slice.count else { throw TapeDecoder.Failure(.badEscape) }
            let x = slice[i + 1]
            i += 2
            switch x {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = try hex4(slice, &i)
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 1 < slice.count, slice[i] == 0x5C, slice[i + 1] == 0x75 else {
                        throw TapeDecoder.Failure(.loneSurrogate)
                    }
                    i += 2
                    let low = try hex4(slice, &i)
                    guard (0xDC00...0xDFFF).contains(low) else { throw TapeDecoder.Failure(.badSurrogatePair) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw TapeDecoder.Failure(.loneSurrogate)
                }
                guard let u = Unicode.Scalar(scalar) else { throw TapeDecoder.Failure(.badUnicodeEscape) }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw TapeDecoder.Failure(.badEscape)
            }
        }
        return try out.withUnsafeBufferPointer { try Tape.utf8($0) }
    }

    /// Strict UTF-8 to String. (`String(validating:as:)` is unspecialised generic code here,
    /// a metadata lookup per call; decoding, then checking that nothing was repaired, is not.)
    @inline(__always)
    static func utf8(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String {
        var s = String(decoding: bytes, as: UTF8.self)
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if !ascii {
            // a repaired sequence becomes U+FFFD: the bytes would differ (compared in place, not
            // through the generic elementsEqual of the UTF-8 view)
            let same = s.withUTF8 { u in
                u.count == bytes.count && memcmp(u.baseAddress!, bytes.baseAddress!, u.count) == 0
            }
            guard same else { throw TapeDecoder.Failure(.invalidUTF8) }
        }
        return s
    }

    private func hex4(_ s: UnsafeBufferPointer<UInt8>, _ i: inout Int) throws -> UInt32 {
        guard i + 4 <= s.count else { throw TapeDecoder.Failure(.badUnicodeEscape) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = s[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw TapeDecoder.Failure(.badUnicodeEscape)
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    /// The number as an integer, when it is one that fits.
    func integer(_ e: Int) -> Int? {
        let entry = entries[e]
        guard entry.kind == .number else { return nil }
        var i = Int(entry.start)
        let end = Int(entry.end)
        var negative = false
        if bytes[i] == 0x2D { negative = true; i += 1 }
        guard end - i <= 18 else { return nil }
        var v = 0
        while i < end {
            let c = bytes[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
            i += 1
        }
        return negative ? -v : v
    }

    func double(_ e: Int) throws -> Double {
        let entry = entries[e]
        guard entry.kind == .number else { throw TapeDecoder.Failure(.notANumber) }
        if let n = integer(e), abs(n) < (1 << 53) { return Double(n) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)]), as: UTF8.self)
        guard let v = Double(text), v.isFinite else { throw TapeDecoder.Failure(.numberOutOfRange) }
        return v
    }

    /// The member of object `e` named `key`, by byte comparison.
    func member(_ e: Int, _ key: String) -> Int? {
        var j = e + 1
        let end = Int(entries[e].next)
        while j < end {
            let value = j + 1
            if stringEquals(j, key) { return value }
            j = Int(entries[value].next)
        }
        return nil
    }
}

// MARK: - Decoder over the tape
//
// Coding paths stay empty: building them costs an allocation per nested value, and any
// failure here is decoded again by Foundation, whose error carries the path.

struct TapeReader: Decoder {
    let tape: Tape
    let index: Int
    var codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard tape.kind(index) == .object else {
            throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath, debugDescription: "not an object"))
        }
        return KeyedDecodingContainer(TapeKeyed<Key>(tape: tape, object: index, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard tape.kind(index) == .array else {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "not an array"))
        }
        return TapeUnkeyed(tape: tape, array: index, codingPath: codingPath)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        TapeSingle(tape: tape, index: index, codingPath: codingPath)
    }
}

/// Decoding one value at a tape entry, shared by the three containers.
enum TapeValue {
    static func mismatch<T>(_ t: T.Type, _ path: [CodingKey]) -> DecodingError {
        .typeMismatch(t, .init(codingPath: path, debugDescription: "wrong type"))
    }

    static func bool(_ tape: Tape, _ e: Int, _ path: [CodingKey]) throws -> Bool {
        switch tape.kind(e) {
        case .true: return true
        case .false: return false
        default: throw mismatch(Bool.self, path)
        }
    }

    static func int<T: FixedWidthInteger>(_ t: T.Type, _ tape: Tape, _ e: Int, _ path: [CodingKey]) throws -> T {
        guard let n = tape.integer(e), let v = T(exactly: n) else { throw mismatch(t, path) }
        return v
    }

    static func decode<T: Decodable>(_ t: T.Type, _ tape: Tape, _ e: Int, _ path: [CodingKey]) throws -> T {
        // the session's own types read themselves in one pass (TapeEntities.swift)
        if let direct = t as? TapeDecodable.Type { return try direct.init(tape: tape, at: e) as! T }
        // the common leaves without a nested decoder
        if t == String.self { return try tape.string(e) as! T }
        if t == Int.self { return try int(Int.self, tape, e, path) as! T }
        if t == Double.self { return try tape.double(e) as! T }
        if t == Bool.self { return try bool(tape, e, path) as! T }
        return try T(from: TapeReader(tape: tape, index: e, codingPath: path))
    }
}

struct TapeKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let tape: Tape
    let object: Int
    var codingPath: [CodingKey]

    var allKeys: [Key] {
        var keys: [Key] = []
        var j = object + 1
        while j < tape.after(object) {
            if let s = try? tape.string(j), let k = Key(stringValue: s) { keys.append(k) }
            j = tape.after(j + 1)
        }
        return keys
    }

    func contains(_ key: Key) -> Bool { tape.member(object, key.stringValue) != nil }

    private func value(_ key: Key) throws -> Int {
        guard let e = tape.member(object, key.stringValue) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        return e
    }

    func decodeNil(forKey key: Key) throws -> Bool { tape.kind(try value(key)) == .null }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try TapeValue.bool(tape, try value(key), codingPath) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try tape.string(try value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try tape.double(try value(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try tape.double(try value(key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try TapeValue.int(type, tape, try value(key), codingPath) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try TapeValue.int(type, tape, try value(key), codingPath) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try TapeValue.int(type, tape, try value(key), codingPath) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try TapeValue.int(type, tape, try value(key), codingPath) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try TapeValue.int(type, tape, try value(key), codingPath) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try TapeValue.int(type, tape, try value(key), codingPath) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try TapeValue.int(type, tape, try value(key), codingPath) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try TapeValue.int(type, tape, try value(key), codingPath) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try TapeValue.int(type, tape, try value(key), codingPath) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try TapeValue.int(type, tape, try value(key), codingPath) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try TapeValue.decode(type, tape, try value(key), [])
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let e = tape.member(object, key.stringValue), tape.kind(e) != .null else { return nil }
        return try tape.string(e)
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        guard let e = tape.member(object, key.stringValue), tape.kind(e) != .null else { return nil }
        return try tape.double(e)
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let e = tape.member(object, key.stringValue), tape.kind(e) != .null else { return nil }
        return try TapeValue.int(type, tape, e, codingPath)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let e = tape.member(object, key.stringValue), tape.kind(e) != .null else { return nil }
        return try TapeValue.decode(type, tape, e, [])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try TapeReader(tape: tape, index: try value(key), codingPath: []).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try TapeReader(tape: tape, index: try value(key), codingPath: []).unkeyedContainer()
    }

    func superDecoder() throws -> Decoder {
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "super decoders are not supported"))
    }

    func superDecoder(forKey key: Key) throws -> Decoder {
        TapeReader(tape: tape, index: try value(key), codingPath: [])
    }
}

struct TapeUnkeyed: UnkeyedDecodingContainer {
    let tape: Tape
    let array: Int
    var codingPath: [CodingKey]
    private(set) var currentIndex = 0
    private var entry: Int

    init(tape: Tape, array: Int, codingPath: [CodingKey]) {
        self.tape = tape; self.array = array; self.codingPath = codingPath
        entry = array + 1
    }

    var count: Int? { tape.childCount(array) }
    var isAtEnd: Bool { currentIndex >= tape.childCount(array) }

    private mutating func take() throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "at end of array"))
        }
        let e = entry
        entry = tape.after(e)
        currentIndex += 1
        return e
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, tape.kind(entry) == .null else { return false }
        _ = try take()
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try TapeValue.bool(tape, try take(), codingPath) }
    mutating func decode(_ type: String.Type) throws -> String { try tape.string(try take()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try tape.double(try take()) }
    mutating func decode(_ type: Float.Type) throws -> Float { Float(try tape.double(try take())) }
    mutating func decode(_ type: Int.Type) throws -> Int { try TapeValue.int(type, tape, try take(), codingPath) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try TapeValue.int(type, tape, try take(), codingPath) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try TapeValue.int(type, tape, try take(), codingPath) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try TapeValue.int(type, tape, try take(), codingPath) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try TapeValue.int(type, tape, try take(), codingPath) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try TapeValue.int(type, tape, try take(), codingPath) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try TapeValue.int(type, tape, try take(), codingPath) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try TapeValue.int(type, tape, try take(), codingPath) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try TapeValue.int(type, tape, try take(), codingPath) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try TapeValue.int(type, tape, try take(), codingPath) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try TapeValue.decode(type, tape, try take(), codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try TapeReader(tape: tape, index: try take(), codingPath: codingPath).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        try TapeReader(tape: tape, index: try take(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superDecoder() throws -> Decoder {
        TapeReader(tape: tape, index: try take(), codingPath: codingPath)
    }
}

struct TapeSingle: SingleValueDecodingContainer {
    let tape: Tape
    let index: Int
    var codingPath: [CodingKey]

    func decodeNil() -> Bool { tape.kind(index) == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try TapeValue.bool(tape, index, codingPath) }
    func decode(_ type: String.Type) throws -> String { try tape.string(index) }
    func decode(_ type: Double.Type) throws -> Double { try tape.double(index) }
    func decode(_ type: Float.Type) throws -> Float { Float(try tape.double(index)) }
    func decode(_ type: Int.Type) throws -> Int { try TapeValue.int(type, tape, index, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try TapeValue.int(type, tape, index, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try TapeValue.int(type, tape, index, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try TapeValue.int(type, tape, index, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try TapeValue.int(type, tape, index, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try TapeValue.int(type, tape, index, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try TapeValue.int(type, tape, index, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try TapeValue.int(type, tape, index, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try TapeValue.int(type, tape, index, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try TapeValue.int(type, tape, index, codingPath) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try TapeValue.decode(type, tape, index, codingPath)
    }
}
