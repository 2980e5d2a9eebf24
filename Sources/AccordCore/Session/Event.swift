import Crypto
import Foundation

/// One entry of the event log: a command that changed the session, and what it changed.
public struct Event: Equatable, Sendable {
    /// 1, 2, 3 … in order.
    public var seq: Int
    /// SHA-256 (hex) of the previous event's line; 64 zeros for the first event.
    public var prev: String
    /// ISO 8601 UTC, e.g. 2027-01-15T09:40:00Z
    public var time: String
    /// The step the room was at when the command was typed.
    public var step: Step
    /// The command as it was typed.
    public var command: String
    /// The command's verb, e.g. `dept.add`, `undo`.
    public var kind: String
    public var ops: [Op]
    /// For `undo`: the event it took back. For `redo`: the undo it took back.
    public var undoes: Int?
    public var redoes: Int?
    /// Who acted and through what, when not the facilitator at the terminal: a vote sent from
    /// a participant's own device (`serve`). Absent for every typed command, so events
    /// written before it existed, and their digests, are unchanged.
    public var via: Via?

    public init(seq: Int, prev: String, time: String, step: Step, command: String, kind: String, ops: [Op],
                undoes: Int? = nil, redoes: Int? = nil, via: Via? = nil) {
        self.seq = seq; self.prev = prev; self.time = time; self.step = step; self.command = command
        self.kind = kind; self.ops = ops; self.undoes = undoes; self.redoes = redoes; self.via = via
    }

    public static let genesis = String(repeating: "0", count: 64)
}

/// The channel an event came through and the participant behind it (never their link's token).
public struct Via: Codable, Equatable, Sendable {
    /// `device`: sent from a participant's page. (`terminal` is the absence of `via`.)
    public var channel: String
    /// The participant's department (its number, as `Vote.dept`) and role.
    public var dept: Int
    public var role: SignatureRole
    public init(channel: String = "device", dept: Int, role: SignatureRole) {
        self.channel = channel; self.dept = dept; self.role = role
    }
}

/// The canonical one-line JSON form of an event, the unit that is hashed, journaled and
/// stored: `{"seq":N,"prev":"<hex>",` followed by the other fields with sorted keys.
/// The fixed prefix lets a reader check the hash chain without decoding the events.
public enum EventLine {
    private struct Body: Codable {
        var time: String
        var step: Step
        var cmd: String
        var kind: String
        var ops: [Op]
        var undoes: Int?
        var redoes: Int?
        var via: Via?
        /// The lists the ops' conflicts share (`RefPool`): absent when they share none, so
        /// every other event's line is as before version 5.
        var lists: [[Int]]?
    }

    #if DEBUG
    /// Foundation-decodable form, for tests that compare decoders.
    typealias WholeForTests = Whole
    #endif

    struct Whole: Decodable {
        var seq: Int
        var prev: String
        var time: String
        var step: Step
        var cmd: String
        var kind: String
        var ops: [Op]
        var undoes: Int?
        var redoes: Int?
        var via: Via?

        enum CodingKeys: String, CodingKey { case seq, prev, time, step, cmd, kind, ops, undoes, redoes, via, lists }

        init(seq: Int, prev: String, time: String, step: Step, cmd: String, kind: String, ops: [Op],
             undoes: Int?, redoes: Int?, via: Via?) {
            self.seq = seq; self.prev = prev; self.time = time; self.step = step; self.cmd = cmd; self.kind = kind
            self.ops = ops; self.undoes = undoes; self.redoes = redoes; self.via = via
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            try RefPool.readLists(c, forKey: .lists, decoder)
            self.init(seq: try c.decode(Int.self, forKey: .seq), prev: try c.decode(String.self, forKey: .prev),
                      time: try c.decode(String.self, forKey: .time), step: try c.decode(Step.self, forKey: .step),
                      cmd: try c.decode(String.self, forKey: .cmd), kind: try c.decode(String.self, forKey: .kind),
                      ops: try c.decode([Op].self, forKey: .ops), undoes: try c.decodeIfPresent(Int.self, forKey: .undoes),
                      redoes: try c.decodeIfPresent(Int.self, forKey: .redoes), via: try c.decodeIfPresent(Via.self, forKey: .via))
        }
    }

    static func makeEncoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    public static func encode(_ event: Event) throws -> Data {
        let pool = RefPool()
        for op in event.ops { if case let .conflict(c) = op { pool.add(conflicts: [c.before, c.after].compactMap { $0 }) } }
        let encoder = makeEncoder()
        // most events share nothing: their encoding is then as before version 5, no pool asked
        if !pool.lists.isEmpty { encoder.userInfo[RefPool.key] = pool }
        let body = try encoder.encode(Body(time: event.time, step: event.step, cmd: event.command,
                                           kind: event.kind, ops: event.ops,
                                           undoes: event.undoes, redoes: event.redoes, via: event.via,
                                           lists: pool.lists.isEmpty ? nil : pool.lists))
        var line = Data("{\"seq\":\(event.seq),\"prev\":\"\(event.prev)\",".utf8)
        line.append(body.dropFirst())
        return line
    }

    public static func decode(_ line: Data) throws -> Event {
        let w = try TapeDecoder.decode(Whole.self, from: line)
        return Event(seq: w.seq, prev: w.prev, time: w.time, step: w.step, command: w.cmd, kind: w.kind,
                     ops: w.ops, undoes: w.undoes, redoes: w.redoes, via: w.via)
    }

    public enum HeaderCheck: Equatable { case ok, malformed, seq(Int), prev }

    /// Checks the fixed prefix against the expected number and previous digest (64 hex bytes)
    /// without decoding the line or allocating.
    public static func check(_ line: Data, seq expected: Int, prevHex: [UInt8]) -> HeaderCheck {
        line.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> HeaderCheck in
            let b = raw.bindMemory(to: UInt8.self)
            let p1: StaticString = "{\"seq\":", p2: StaticString = ",\"prev\":\""
            guard b.count > p1.utf8CodeUnitCount + p2.utf8CodeUnitCount + 66 else { return .malformed }
            for k in 0..<p1.utf8CodeUnitCount where b[k] != p1.utf8Start[k] { return .malformed }
            var i = p1.utf8CodeUnitCount, seq = 0, digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39, digits < 12 {
                seq = seq * 10 + Int(b[i] - 0x30); i += 1; digits += 1
            }
            guard digits > 0, b.count >= i + p2.utf8CodeUnitCount + 66 else { return .malformed }
            for k in 0..<p2.utf8CodeUnitCount where b[i + k] != p2.utf8Start[k] { return .malformed }
            i += p2.utf8CodeUnitCount
            guard b[i + 64] == 0x22, b[i + 65] == 0x2C else { return .malformed }
            if seq != expected { return .seq(seq) }
            for k in 0..<64 where b[i + k] != prevHex[k] { return .prev }
            return .ok
        }
    }

    /// Reads `seq` and `prev` from the fixed prefix, without decoding the line.
    public static func header(_ line: Data) -> (seq: Int, prev: String)? {
        line.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> (Int, String)? in
            let b = raw.bindMemory(to: UInt8.self)
            let p1 = Array("{\"seq\":".utf8), p2 = Array(",\"prev\":\"".utf8)
            guard b.count > p1.count + p2.count + 66, b.starts(with: p1) else { return nil }
            var i = p1.count, seq = 0, digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39, digits < 12 {
                seq = seq * 10 + Int(b[i] - 0x30); i += 1; digits += 1
            }
            guard digits > 0, b.count >= i + p2.count + 66 else { return nil }
            for (k, ch) in p2.enumerated() where b[i + k] != ch { return nil }
            i += p2.count
            var hex = [UInt8]()
            hex.reserveCapacity(64)
            for k in 0..<64 {
                let ch = b[i + k]
                guard (0x30...0x39).contains(ch) || (0x61...0x66).contains(ch) else { return nil }
                hex.append(ch)
            }
            guard b[i + 64] == 0x22, b[i + 65] == 0x2C else { return nil }
            return (seq, String(decoding: hex, as: UTF8.self))
        }
    }
}

public enum Digest {
    /// Lowercase hex SHA-256.
    public static func sha256<D: DataProtocol>(_ data: D) -> String {
        String(decoding: sha256Hex(data), as: UTF8.self)
    }

    /// Lowercase hex SHA-256 as 64 ASCII bytes (no String on the hot path of the chain check).
    public static func sha256Hex<D: DataProtocol>(_ data: D) -> [UInt8] {
        let d = SHA256.hash(data: data)
        return [UInt8](unsafeUninitializedCapacity: 64) { out, n in
            var i = 0
            d.withUnsafeBytes { raw in
                for byte in raw {
                    out[i] = hexDigits[Int(byte >> 4)]
                    out[i + 1] = hexDigits[Int(byte & 0x0f)]
                    i += 2
                }
            }
            n = 64
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The hex SHA-256 of `data` written over the 64 bytes of `out`: the chain check's loop,
    /// with no allocation per event but the hash's own context.
    public static func sha256Hex(_ data: Data, into out: inout [UInt8]) {
        precondition(out.count == 64)
        var h = SHA256()
        data.withUnsafeBytes { h.update(bufferPointer: $0) }
        let d = h.finalize()
        d.withUnsafeBytes { raw in hex(raw.bindMemory(to: UInt8.self), into: &out) }
    }

    /// 32 digest bytes as 64 lowercase hex bytes over `out`.
    public static func hex(_ digest: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        precondition(out.count == 64 && digest.count == 32)
        out.withUnsafeMutableBufferPointer { o in
            for (k, byte) in digest.enumerated() {
                o[2 * k] = hexDigit(byte >> 4)
                o[2 * k + 1] = hexDigit(byte & 0x0f)
            }
        }
    }

    @inline(__always) private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }
}
