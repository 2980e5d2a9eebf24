import Crypto
import Foundation

/// Keyed seals over a session file (docs/seal.md). The hash chain and the letters' digests
/// are unkeyed: anyone who can write the file can recompute them. A seal is an Ed25519
/// signature by a key that lives outside the file (the installation's, in the user's config
/// directory), over one of
///
/// - `head`: the file's head (event count, last event's digest, the state's digest): the
///   whole file as it was folded. Written at every fold; only the current one is kept.
/// - `event`: one event line's digest (and so, through `prev`, every event before it).
///   Written for every signature event, and for the last event of every fold.
/// - `adopted`: the last event of a file that had no seals when this key first sealed it
///   (a file from an older build): the key vouches that those events are unchanged since,
///   not that it wrote them.
///
/// The file records the public keys (`keys`, by fingerprint) and the seals. Each seal names
/// its key, so a per-signer key (a participant's device) can be added to `keys` and seal
/// its own signature events without another format change; a seal of a kind this build does
/// not know is listed, not checked.
///
/// This type signs and checks; reading and writing the private key is the store's.
public struct SealBook: Codable, Equatable, Sendable {
    public var keys: [SealKey]
    public var seals: [Seal]

    public init(keys: [SealKey] = [], seals: [Seal] = []) { self.keys = keys; self.seals = seals }

    public var isEmpty: Bool { keys.isEmpty && seals.isEmpty }
    public var headSeals: [Seal] { seals.filter { $0.covers == Seal.Covers.head.rawValue } }

    public func key(_ id: String) -> SealKey? { keys.first { $0.id == id } }

    /// The canonical line of the book in the file.
    public func line() throws -> Data { try EventLine.makeEncoder().encode(self) }
}

public struct SealKey: Codable, Equatable, Sendable {
    /// The fingerprint: the first 16 bytes of SHA-256 of the raw public key, lowercase hex.
    public var id: String
    /// The raw 32-byte Ed25519 public key, base64.
    public var ed25519: String
    /// Whose key this is: `installation` (the accord that wrote the file); later `device`.
    public var holder: String

    public init(id: String, ed25519: String, holder: String) { self.id = id; self.ed25519 = ed25519; self.holder = holder }

    /// The public key, if the entry is well formed and its id is its fingerprint.
    public var publicKey: Curve25519.Signing.PublicKey? {
        guard let raw = Data(base64Encoded: ed25519), raw.count == 32, Fingerprint.of(raw) == id else { return nil }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
    }
}

public struct Seal: Codable, Equatable, Sendable {
    public enum Covers: String, Sendable { case head, event, adopted }

    /// The sealing key's fingerprint (an id in `keys`).
    public var key: String
    /// `head`, `event` or `adopted` (`Covers`).
    public var covers: String
    /// The event it covers (for `head`: the number of events).
    public var seq: Int
    /// `event`, `adopted`: SHA-256 (hex) of the event's line. `head`: of the head's JSON.
    public var digest: String
    /// The Ed25519 signature of `message`, base64.
    public var sig: String

    public init(key: String, covers: String, seq: Int, digest: String, sig: String) {
        self.key = key; self.covers = covers; self.seq = seq; self.digest = digest; self.sig = sig
    }

    /// What is signed: a domain line, the kind, the number and the digest.
    public static func message(covers: String, seq: Int, digest: String) -> Data {
        // copied from the string's storage: `Data(text.utf8)` casts the view to `ContiguousBytes`
        // at run time, a scan of every conformance in the binary (the head seal is checked at open)
        Bytes.data("accord-seal/1\n\(covers)\n\(seq)\n\(digest)\n")
    }

    /// Whether the signature is the key's over this seal's fields.
    public func signatureHolds(in book: SealBook) -> Bool {
        guard let k = book.key(key)?.publicKey, let s = Data(base64Encoded: sig) else { return false }
        return k.isValidSignature(s, for: Seal.message(covers: covers, seq: seq, digest: digest))
    }
}

/// Key fingerprints: the first 16 bytes of SHA-256 of the raw public key.
public enum Fingerprint {
    public static func of(_ publicKey: Data) -> String {
        String(Digest.sha256(publicKey).prefix(32))
    }

    /// `3F2A…91C0`, for a line a person reads.
    public static func short(_ id: String) -> String {
        let u = id.uppercased()
        guard u.count > 8 else { return u }
        return u.prefix(4) + "…" + u.suffix(4)
    }

    /// `3F2A 91C0 …` in groups of four: the form to hand to `verify --key`.
    public static func full(_ id: String) -> String {
        let u = Array(id.uppercased())
        return stride(from: 0, to: u.count, by: 4).map { String(u[$0..<min($0 + 4, u.count)]) }.joined(separator: " ")
    }

    /// A fingerprint as a person typed it (any case, spaces, colons or dashes between
    /// groups), or nil when it is not 32 hex digits.
    public static func parse(_ text: String) -> String? {
        let hex = text.lowercased().filter { !" :-\t".contains($0) }
        guard hex.count == 32, hex.allSatisfy({ $0.isHexDigit }) else { return nil }
        return hex
    }
}

/// An installation's signing key, handed in by the front end: seals events and heads.
public struct Sealer: @unchecked Sendable {
    /// The key, made from its raw bytes when first used: deriving the public key is most of a
    /// tenth of a millisecond, and a session opened and closed without a change never seals.
    private let box: KeyBox
    var key: Curve25519.Signing.PrivateKey { box.key }
    public let holder: String

    public init(privateKey raw: Data, holder: String = "installation") throws {
        // the one thing the key's initialiser checks of the bytes: there are 32 of them
        guard raw.count == 32 else { throw CryptoKitError.incorrectKeySize }
        box = KeyBox(raw)
        self.holder = holder
    }

    private final class KeyBox: @unchecked Sendable {
        let raw: Data
        private var made: Curve25519.Signing.PrivateKey?
        private let lock = NSLock()

        init(_ raw: Data) { self.raw = raw }

        var key: Curve25519.Signing.PrivateKey {
            lock.lock()
            defer { lock.unlock() }
            if let made { return made }
            // 32 bytes: checked when the sealer was made, so this cannot fail
            let k = try! Curve25519.Signing.PrivateKey(rawRepresentation: raw)
            made = k
            return k
        }
    }

    /// A new key; its raw bytes are for the caller to keep.
    public static func generate() -> Data { Curve25519.Signing.PrivateKey().rawRepresentation }

    public var publicKey: SealKey {
        let raw = key.publicKey.rawRepresentation
        return SealKey(id: Fingerprint.of(raw), ed25519: raw.base64EncodedString(), holder: holder)
    }

    public var fingerprint: String { Fingerprint.of(key.publicKey.rawRepresentation) }

    public func seal(_ covers: Seal.Covers, seq: Int, digest: String) -> Seal {
        let sig = (try? key.signature(for: Seal.message(covers: covers.rawValue, seq: seq, digest: digest))) ?? Data()
        return Seal(key: fingerprint, covers: covers.rawValue, seq: seq, digest: digest, sig: sig.base64EncodedString())
    }

    /// The book with this key's seals for a fold: its key listed, the events of an unsealed
    /// file it takes over (`adopting`), the fold's last event, and the new head (replacing
    /// every older head seal, which no longer describes the file).
    public func sealFold(_ book: SealBook, head: SessionFile.Head, lines: [Data], adopting: Int?) -> SealBook {
        var b = book
        if b.key(fingerprint) == nil { b.keys.append(publicKey) }
        let me = fingerprint
        if let n = adopting, n > 0, n <= lines.count, !b.seals.contains(where: { $0.covers == Seal.Covers.adopted.rawValue }) {
            b.seals.append(seal(.adopted, seq: n, digest: Digest.sha256(lines[n - 1])))
        }
        if head.events > 0, head.events <= lines.count,
           !b.seals.contains(where: { $0.key == me && $0.seq == head.events && $0.covers != Seal.Covers.head.rawValue }) {
            b.seals.append(seal(.event, seq: head.events, digest: head.last))
        }
        b.seals.removeAll { $0.covers == Seal.Covers.head.rawValue }
        b.seals.append(seal(.head, seq: head.events, digest: SessionFile.headDigest(head)))
        return b
    }
}

/// What the seals of a file say: who sealed what, and the first event they cannot vouch for.
public struct SealReview: Sendable {
    public struct Entry: Sendable {
        public var seal: Seal
        /// The signature is the key's and what it covers is what the file holds now.
        public var holds: Bool
        /// A kind this build does not check.
        public var unknown: Bool
    }

    public var entries: [Entry]
    /// Broken seals and keys, first event first.
    public var problems: [String]
    /// Events in the file (not the journal).
    public var events: Int
    /// Events 1…vouched are covered by a seal that holds.
    public var vouched: Int
    /// The key of the head seal that holds, if one does.
    public var headKey: String?
    /// Events taken in from an unsealed file, when a key adopted it.
    public var adopted: (seq: Int, key: String)?

    /// The file carries no seal at all (an older build's, or one written without a key).
    public var unsealed: Bool { entries.isEmpty }
    public var holds: Bool { problems.isEmpty }

    /// The keys whose seals hold, with what each sealed.
    public var keysThatSealed: [String] {
        var seen: [String] = []
        for e in entries where e.holds && !seen.contains(e.seal.key) { seen.append(e.seal.key) }
        return seen
    }

    /// Checks every seal of `book` against the head and the event lines.
    public static func review(_ book: SealBook?, head: SessionFile.Head, lines: [Data]) -> SealReview {
        var r = SealReview(entries: [], problems: [], events: lines.count, vouched: 0, headKey: nil, adopted: nil)
        guard let book, !book.seals.isEmpty else { return r }
        for k in book.keys where k.publicKey == nil {
            r.problems.append(t("seal.bad-key", ["key": Fingerprint.short(k.id)]))
        }
        let headDigest = SessionFile.headDigest(head)
        var changed: [String: [Int]] = [:]  // by key: events that no longer match their seals
        for s in book.seals {
            let kind = Seal.Covers(rawValue: s.covers)
            guard let kind else { r.entries.append(Entry(seal: s, holds: false, unknown: true)); continue }
            let signed = s.signatureHolds(in: book)
            let matches: Bool
            switch kind {
            case .head: matches = s.digest == headDigest && s.seq == head.events
            case .event, .adopted: matches = s.seq >= 1 && s.seq <= lines.count && Digest.sha256(lines[s.seq - 1]) == s.digest
            }
            let holds = signed && matches
            r.entries.append(Entry(seal: s, holds: holds, unknown: false))
            let who = Fingerprint.short(s.key)
            if holds {
                switch kind {
                case .head: r.headKey = s.key; r.vouched = max(r.vouched, lines.count)
                case .adopted: r.adopted = (s.seq, s.key); r.vouched = max(r.vouched, s.seq)
                case .event: r.vouched = max(r.vouched, s.seq)
                }
            } else {
                if !signed {
                    r.problems.append(kind == .head ? t("seal.head-forged", ["key": who])
                                                    : t("seal.event-forged", ["key": who, "seq": "\(s.seq)"]))
                } else if kind == .head {
                    r.problems.append(t("seal.head-changed", ["key": who]))
                } else {
                    changed[s.key, default: []].append(s.seq)
                }
            }
        }
        for (key, seqs) in changed.sorted(by: { ($0.value.min() ?? 0) < ($1.value.min() ?? 0) }) {
            let sorted = seqs.sorted()
            r.problems.insert(t("seal.event-changed", ["key": Fingerprint.short(key), "n": "\(sorted.count)",
                                                       "list": VerifyReport.ranges(sorted)]), at: 0)
        }
        if r.headKey == nil {
            if !book.seals.contains(where: { $0.covers == Seal.Covers.head.rawValue }) {
                r.problems.append(t("seal.no-head"))
            }
            // the first event no seal that holds reaches (or, when every event is reached, the state)
            r.problems.insert(r.vouched < lines.count ? t("seal.first-unvouched", ["seq": "\(r.vouched + 1)"])
                                                      : t("seal.state-unvouched"), at: 0)
        }
        return r
    }

    /// Whether a key in `trusted` sealed the head as it is now (and no seal is broken).
    public func sealed(byOneOf trusted: Set<String>) -> Bool {
        holds && headKey.map(trusted.contains) == true
    }
}

extension Event {
    /// An event that records, changes or removes a signature: sealed on its own.
    public var isSignatureEvent: Bool {
        ops.contains { if case .signature = $0 { return true }; return false }
    }
}
