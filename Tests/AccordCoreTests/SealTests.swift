@testable import AccordCore
import Foundation
import Testing

/// The seal's checks in the core (docs/seal.md): keys handed in, nothing read from disk.
@Suite("seals")
struct SealTests {
    static let demo = try! Demo.build()
    static let key = try! Sealer(privateKey: Data(repeating: 7, count: 32))

    static func sealed(_ sealer: Sealer = key) throws -> Data { try demo.fileBytes(sealedBy: sealer) }

    /// The key is made from its bytes when first used; the bytes are checked at once, and a
    /// sealer made from the same bytes signs as the key does.
    @Test func theKeyIsMadeWhenFirstUsedAndItsSizeCheckedAtOnce() throws {
        for n in [0, 31, 33, 64] { #expect(throws: (any Error).self) { try Sealer(privateKey: Data(repeating: 7, count: n)) } }
        let sealer = try Sealer(privateKey: Data(repeating: 7, count: 32))
        #expect(sealer.fingerprint == Self.key.fingerprint)
        #expect(sealer.fingerprint != (try Sealer(privateKey: Data(repeating: 9, count: 32))).fingerprint)
        let seal = sealer.seal(.head, seq: 3, digest: "abc")
        #expect(seal.signatureHolds(in: SealBook(keys: [sealer.publicKey], seals: [seal])))
        #expect(Seal.message(covers: "head", seq: 3, digest: "abc") == Data("accord-seal/1\nhead\n3\nabc\n".utf8))
    }

    @Test func aSealedFileLoadsAndEverySealHolds() throws {
        let image = try SessionFile.load(try Self.sealed())
        #expect(image.version == SessionFile.version)
        let review = SealReview.review(image.seal, head: image.head, lines: image.lines)
        #expect(review.holds, "\(review.problems)")
        #expect(review.headKey == Self.key.fingerprint)
        #expect(review.vouched == image.lines.count)
        // every signature event has its own seal
        let signatureEvents = Self.demo.events.filter(\.isSignatureEvent).map(\.seq)
        #expect(!signatureEvents.isEmpty)
        let sealedEvents = Set(image.seal!.seals.filter { $0.covers == "event" }.map(\.seq))
        #expect(Set(signatureEvents).isSubset(of: sealedEvents))
        #expect(review.sealed(byOneOf: [Self.key.fingerprint]))
        #expect(!review.sealed(byOneOf: [String(repeating: "0", count: 32)]))
    }

    @Test func anEditedSealLineIsFound() throws {
        let text = String(decoding: try Self.sealed(), as: UTF8.self)
        var image = try SessionFile.parse(Data(text.utf8))
        // a changed signature (one character of the head seal) no longer verifies: refused at open
        var book = image.seal!
        let i = book.seals.firstIndex { $0.covers == "head" }!
        var sig = Array(book.seals[i].sig)
        sig[5] = sig[5] == "A" ? "B" : "A"
        book.seals[i].sig = String(sig)
        image.seal = book
        let edited = SessionFile.encode(stateLine: image.stateLine, lines: image.lines, lastDigest: image.head.last, seal: book)
        #expect(throws: SessionFile.LoadError.self) { try SessionFile.load(edited) }
        let review = SealReview.review(book, head: image.head, lines: image.lines)
        #expect(!review.holds)
        #expect(review.problems.contains { $0.contains("not that key's signature") })
        // a key listed under another key's fingerprint is not that key
        var swapped = try SessionFile.parse(try Self.sealed()).seal!
        let other = try Sealer(privateKey: Data(repeating: 9, count: 32))
        swapped.keys[0].ed25519 = other.publicKey.ed25519
        #expect(swapped.keys[0].publicKey == nil)
        #expect(!SealReview.review(swapped, head: image.head, lines: image.lines).holds)
    }

    @Test func anUnsealedFileIsUnsealedNotBroken() throws {
        let image = try SessionFile.load(try Self.demo.fileBytes())
        let review = SealReview.review(image.seal, head: image.head, lines: image.lines)
        #expect(review.unsealed)
        #expect(review.holds)
        #expect(!review.sealed(byOneOf: [Self.key.fingerprint]))
    }

    @Test func aFileWithSealsButNoHeadSealDoesNotOpen() throws {
        let image = try SessionFile.parse(try Self.sealed())
        var book = image.seal!
        book.seals.removeAll { $0.covers == "head" }
        let data = SessionFile.encode(stateLine: image.stateLine, lines: image.lines, lastDigest: image.head.last, seal: book)
        #expect(throws: SessionFile.LoadError.self) { try SessionFile.load(data) }
        let review = SealReview.review(book, head: image.head, lines: image.lines)
        #expect(!review.holds)
        #expect(review.problems.contains { $0.contains("none on its head") })
    }

    @Test func fingerprintsReadAsPeopleTypeThem() {
        let id = Self.key.fingerprint
        #expect(id.count == 32)
        #expect(Fingerprint.parse(Fingerprint.full(id)) == id)
        #expect(Fingerprint.parse(id.uppercased()) == id)
        #expect(Fingerprint.parse(Fingerprint.short(id)) == nil)
        #expect(Fingerprint.short(id).count == 9)
    }

    @Test func theQRCodeOfALetterIsDrawnFromLibqrencode() throws {
        let payload = QRCode.sealPayload(key: Self.key.fingerprint, digest: "sha256:" + String(repeating: "ab", count: 32))
        #expect(payload.hasPrefix("ACCORD-SEAL:") && payload == payload.uppercased())
        let m = try #require(QRCode.modules(payload))
        #expect(m.width >= 21 && (m.width - 17) % 4 == 0)  // a QR symbol is 17 + 4·version modules wide
        // the three finder patterns: dark 7×7 corners
        for (x, y) in [(0, 0), (m.width - 7, 0), (0, m.width - 7)] {
            #expect(m.dark[y * m.width + x] && m.dark[(y + 6) * m.width + x + 6])
            #expect(!m.dark[(y + 1) * m.width + x + 1])
        }
    }
}
