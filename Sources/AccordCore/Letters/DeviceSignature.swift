import Crypto
import Foundation

/// The kind of key a participant's device signed with. The page makes an Ed25519 key where the
/// browser has it (WebCrypto `Ed25519`) and an ECDSA P-256 key otherwise.
public enum DeviceKeyAlgorithm: String, CaseIterable, Sendable {
    /// ECDSA P-256 with SHA-256: the key is base64 of its uncompressed X9.63 form (65 bytes),
    /// the signature base64 of r‖s (64 bytes, as WebCrypto gives it).
    case p256
    /// Ed25519: the key is base64 of its raw form (32 bytes), the signature base64 of its 64 bytes.
    case ed25519
}

/// A signature made on a participant's own device: a key the browser generated (WebCrypto;
/// the private key never leaves the device), over the letter's content digest. Verified here
/// with swift-crypto, when signed and by every `verify`.
///
/// The record in the file is `{key, sig}` for P-256 (as every device signature was before
/// Ed25519 was accepted, so those records and their digests are unchanged) and
/// `{key, sig, alg: "ed25519"}` for Ed25519.
public struct DeviceSignature: Codable, Equatable, Sendable {
    /// The public key, base64 (its form depends on the algorithm).
    public var key: String
    /// The signature, base64.
    public var sig: String
    /// The algorithm as the file says it; absent: P-256.
    public var alg: String?

    public init(key: String, sig: String, algorithm: DeviceKeyAlgorithm = .p256) {
        self.key = key; self.sig = sig
        alg = algorithm == .p256 ? nil : algorithm.rawValue
    }

    /// As read from a file: `alg` kept as written (an unknown one never verifies).
    public init(key: String, sig: String, alg: String?) { self.key = key; self.sig = sig; self.alg = alg }

    /// The algorithm; nil when the file names one accord does not know.
    public var algorithm: DeviceKeyAlgorithm? { alg.map { DeviceKeyAlgorithm(rawValue: $0) } ?? .p256 }

    /// What the device signs: a fixed prefix and the digest it was shown.
    public static func message(digest: String) -> Data { Data("accord-device-signature/1\n\(digest)".utf8) }

    /// True when `sig` is the key's signature over `digest`, with the record's algorithm (a key
    /// or a signature of the other algorithm's form never verifies).
    public func verifies(digest: String) -> Bool {
        guard let k = Data(base64Encoded: key), let s = Data(base64Encoded: sig), let algorithm else { return false }
        let message = DeviceSignature.message(digest: digest)
        switch algorithm {
        case .p256:
            guard let pub = try? P256.Signing.PublicKey(x963Representation: k),
                  let signature = try? P256.Signing.ECDSASignature(rawRepresentation: s) else { return false }
            return pub.isValidSignature(signature, for: message)
        case .ed25519:
            guard k.count == 32, s.count == 64, let pub = try? Curve25519.Signing.PublicKey(rawRepresentation: k) else { return false }
            return pub.isValidSignature(s, for: message)
        }
    }

    /// The key's fingerprint: the algorithm, then the first 16 bytes of SHA-256 of the key's
    /// bytes (X9.63 for P-256, raw for Ed25519), hex in groups of 4: `p256:…`, `ed25519:…`.
    public var fingerprint: String {
        let hex = Digest.sha256(Data(base64Encoded: key) ?? Data(key.utf8))
        var out = ""
        for (i, ch) in hex.prefix(32).enumerated() { if i > 0 && i % 4 == 0 { out += ":" }; out.append(ch) }
        return (algorithm?.rawValue ?? "unknown") + ":" + out
    }
}
