@testable import AccordCore
import Crypto
import Foundation
import Testing

/// Device signatures: P-256 as before (the record and its digest unchanged), Ed25519 beside it,
/// and neither taken for the other.
@Suite("device signatures: ECDSA P-256 and Ed25519, verified with swift-crypto")
struct DeviceSignatureTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)
    static let other = "sha256:" + String(repeating: "cd", count: 32)

    static func p256(_ key: P256.Signing.PrivateKey = .init(), over digest: String = digest) throws -> DeviceSignature {
        let sig = try key.signature(for: DeviceSignature.message(digest: digest)).rawRepresentation
        return DeviceSignature(key: key.publicKey.x963Representation.base64EncodedString(), sig: sig.base64EncodedString())
    }

    static func ed25519(_ key: Curve25519.Signing.PrivateKey = .init(), over digest: String = digest) throws -> DeviceSignature {
        let sig = try key.signature(for: DeviceSignature.message(digest: digest))
        return DeviceSignature(key: key.publicKey.rawRepresentation.base64EncodedString(), sig: sig.base64EncodedString(), algorithm: .ed25519)
    }

    func json(_ d: DeviceSignature) throws -> String { String(decoding: try EventLine.makeEncoder().encode(d), as: UTF8.self) }

    @Test func aGoodSignatureOfEitherAlgorithmVerifiesAndItsFingerprintNamesTheAlgorithm() throws {
        let p = try Self.p256(), e = try Self.ed25519()
        #expect(p.verifies(digest: Self.digest))
        #expect(e.verifies(digest: Self.digest))
        #expect(p.algorithm == .p256 && p.alg == nil)
        #expect(e.algorithm == .ed25519 && e.alg == "ed25519")
        #expect(p.fingerprint.hasPrefix("p256:") && p.fingerprint.count == "p256:".count + 39)
        #expect(e.fingerprint.hasPrefix("ed25519:") && e.fingerprint.count == "ed25519:".count + 39)
        // the fingerprint is of the key's bytes: raw for Ed25519
        let raw = try #require(Data(base64Encoded: e.key))
        #expect(raw.count == 32)
        #expect(e.fingerprint.replacingOccurrences(of: ":", with: "").dropFirst("ed25519".count) == Digest.sha256(raw).prefix(32))
    }

    @Test func aSignatureOverAnotherDigestOrWithAChangedByteIsBad() throws {
        for d in [try Self.p256(over: Self.other), try Self.ed25519(over: Self.other)] {
            #expect(!d.verifies(digest: Self.digest), "\(d.fingerprint)")
            #expect(d.verifies(digest: Self.other))
        }
        for var d in [try Self.p256(), try Self.ed25519()] {
            var bytes = [UInt8](Data(base64Encoded: d.sig)!)
            bytes[10] ^= 1
            d.sig = Data(bytes).base64EncodedString()
            #expect(!d.verifies(digest: Self.digest), "\(d.fingerprint)")
            d.sig = "not base64!"
            #expect(!d.verifies(digest: Self.digest))
        }
    }

    @Test func aSignatureMadeByAnotherKeyThanTheOneNamedIsBad() throws {
        var p = try Self.p256()
        p.key = P256.Signing.PrivateKey().publicKey.x963Representation.base64EncodedString()
        #expect(!p.verifies(digest: Self.digest))
        var e = try Self.ed25519()
        e.key = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.base64EncodedString()
        #expect(!e.verifies(digest: Self.digest))
    }

    @Test func neitherAlgorithmIsTakenForTheOther() throws {
        let p = try Self.p256(), e = try Self.ed25519()
        // an Ed25519 key and signature said to be P-256, and the reverse
        #expect(!DeviceSignature(key: e.key, sig: e.sig, algorithm: .p256).verifies(digest: Self.digest))
        #expect(!DeviceSignature(key: p.key, sig: p.sig, algorithm: .ed25519).verifies(digest: Self.digest))
        // an algorithm accord does not know never verifies, and says so in the fingerprint
        let unknown = DeviceSignature(key: e.key, sig: e.sig, alg: "rsa")
        #expect(unknown.algorithm == nil && !unknown.verifies(digest: Self.digest))
        #expect(unknown.fingerprint.hasPrefix("unknown:"))
        // "p256" written out is P-256
        #expect(DeviceSignature(key: p.key, sig: p.sig, alg: "p256").verifies(digest: Self.digest))
    }

    /// A P-256 record is written exactly as before Ed25519 existed (`{"key","sig"}`), so the
    /// digests of the events and files that hold one do not change; one read back without
    /// `alg` is P-256.
    @Test func aP256RecordIsUnchangedAndAnOldOneReadsAsP256() throws {
        let p = try Self.p256()
        #expect(try json(p) == "{\"key\":\"\(p.key)\",\"sig\":\"\(p.sig)\"}")
        let e = try Self.ed25519()
        #expect(try json(e).contains("\"alg\":\"ed25519\""))
        let old = Data("{\"key\":\"\(p.key)\",\"sig\":\"\(p.sig)\"}".utf8)
        let read = try JSONDecoder().decode(DeviceSignature.self, from: old)
        #expect(read == p && read.algorithm == .p256 && read.verifies(digest: Self.digest))
        // the session file's own reader, through a signature
        var sig = Signature(id: 1, dept: 1, role: .head, name: "Dana", time: "t", digest: Self.digest, delegate: false)
        for d in [p, e] {
            sig.device = d
            let data = try EventLine.makeEncoder().encode(sig)
            let back = try TapeDecoder.decodeFast(Signature.self, from: data)
            #expect(back == sig && back.device!.verifies(digest: Self.digest))
        }
    }

    // MARK: the sign command, as a device's request runs it

    func signLine(_ d: DeviceSignature, alg: String?, digest: String) -> String {
        "sign Marketing head \"Dana Reyes\" --digest \(digest) --device-key \(Shell.quote(d.key)) --device-sig \(Shell.quote(d.sig))"
            + (alg.map { " --device-alg \($0)" } ?? "")
    }

    @Test func signRecordsAnEd25519DeviceSignatureAndVerifyNamesItsKey() throws {
        var m = try MapSignFixture.atSign()
        let digest = Letter(m.state.depts[1]!, in: m.state).digest
        let e = try Self.ed25519(over: digest)
        try m.run(signLine(e, alg: "ed25519", digest: digest))
        let sig = try #require(m.state.signatures.all.first)
        #expect(sig.device == e && sig.device?.alg == "ed25519")
        let report = Verifier.report(m.state, events: 1, integrity: [])
        #expect(report.badDeviceSignatures.isEmpty)
        #expect(Paint.strip(report.text(m.state)).contains("signed on a device with key " + e.fingerprint))
        #expect(e.fingerprint.hasPrefix("ed25519:"))
    }

    @Test func signWithoutAnAlgorithmIsP256AsBefore() throws {
        var m = try MapSignFixture.atSign()
        let digest = Letter(m.state.depts[1]!, in: m.state).digest
        let p = try Self.p256(over: digest)
        try m.run(signLine(p, alg: nil, digest: digest))
        #expect(m.state.signatures.all.first?.device == p)
        #expect(m.state.signatures.all.first?.device?.alg == nil)
    }

    @Test func signRefusesAMismatchedOrUnknownAlgorithm() throws {
        var m = try MapSignFixture.atSign()
        let digest = Letter(m.state.depts[1]!, in: m.state).digest
        let e = try Self.ed25519(over: digest), p = try Self.p256(over: digest)
        #expect(m.error(signLine(e, alg: nil, digest: digest)) == "The device's signature does not match Marketing's letter: not signed.")
        #expect(m.error(signLine(e, alg: "p256", digest: digest)) == "The device's signature does not match Marketing's letter: not signed.")
        #expect(m.error(signLine(p, alg: "ed25519", digest: digest)) == "The device's signature does not match Marketing's letter: not signed.")
        #expect(m.error(signLine(e, alg: "rsa", digest: digest)) == "The device's key algorithm rsa is not one accord verifies (p256, ed25519): not signed.")
        #expect(m.state.signatures.isEmpty)
        #expect(m.error("sign Marketing head \"Dana Reyes\" --device-alg ed25519")?.contains("--device-key") == true)
        #expect(m.state.signatures.isEmpty)
    }
}
