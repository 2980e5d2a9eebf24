import Crypto
import Foundation

/// A signature made on a participant's own device: an ECDSA P-256 key the browser generated
/// (WebCrypto; the private key never leaves the device), over the letter's content digest.
/// Verified here with swift-crypto, when signed and by every `verify`.
public struct DeviceSignature: Codable, Equatable, Sendable {
    /// The public key, base64 of its uncompressed X9.63 form (65 bytes).
    public var key: String
    /// The signature, base64 of r‖s (64 bytes, as WebCrypto gives it).
    public var sig: String

    public init(key: String, sig: String) { self.key = key; self.sig = sig }

    /// What the device signs: a fixed prefix and the digest it was shown.
    public static func message(digest: String) -> Data { Data("accord-device-signature/1\n\(digest)".utf8) }

    /// True when `sig` is the key's signature over `digest`.
    public func verifies(digest: String) -> Bool {
        guard let k = Data(base64Encoded: key), let s = Data(base64Encoded: sig),
              let pub = try? P256.Signing.PublicKey(x963Representation: k),
              let signature = try? P256.Signing.ECDSASignature(rawRepresentation: s) else { return false }
        return pub.isValidSignature(signature, for: DeviceSignature.message(digest: digest))
    }

    /// The key's fingerprint: the first 16 bytes of SHA-256 of its X9.63 form, hex in groups of 4.
    public var fingerprint: String {
        let hex = Digest.sha256(Data(base64Encoded: key) ?? Data(key.utf8))
        var out = ""
        for (i, ch) in hex.prefix(32).enumerated() { if i > 0 && i % 4 == 0 { out += ":" }; out.append(ch) }
        return "p256:" + out
    }
}
