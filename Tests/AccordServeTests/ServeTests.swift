import AccordCore
import Crypto
import AccordREPL
import AccordStore
@testable import AccordServe
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// A session with two departments and one goal open for votes, a room over it, and the
/// writer a test uses (the same `VoteDesk` as the REPL's, under a lock instead of the main thread).
final class RoomFixture: @unchecked Sendable {
    let dir: String
    let store: SessionStore
    let runner: SessionRunner
    let desk: VoteDesk
    let room: Room
    let lock = NSLock()

    static let signing = """
    title "Acme 2027"
    period 2027
    dept add Marketing --head "Dana Reyes" --supervisor "Chris Wong"
    dept add Sales --head "Omar Haddad" --supervisor "Chris Wong"
    goal add "Raise customer lifetime value" --metric cltv --baseline 12000 --target 14500 --unit USD --by 2027-12-31 --owner Sales
    vote G1 Marketing agree
    vote G1 Sales agree
    goal adopt G1
    map G1 revenue referral
    contrib add G1 Marketing --stage referral --kpi "Referral signups" --metric referrals --target 300 --challenge 400 --floor 200 --unit signups --weight 100 --source HubSpot --cycle monthly
    contrib add G1 Sales --stage revenue --kpi "Expansion revenue" --metric revenue --target 1200000 --challenge 1500000 --floor 900000 --unit USD --weight 100 --source Salesforce --cycle quarterly
    step sign --force "straight to signing"
    """

    init(hidden: Bool = false, signing: Bool = false) throws {
        dir = NSTemporaryDirectory() + "accord-serve-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        store = try SessionStore(path: dir + "/s.json")
        runner = SessionRunner(store: store, clock: { "2027-01-15T09:00:00Z" }, interactive: false)
        let lines = signing ? RoomFixture.signing.split(separator: "\n").map(String.init)
            : ["title Acme <b>2027</b>", "dept add \"Sales <script>\" --head Ann --supervisor Bob", "dept add Ops --head Cy",
               "goal add \"Raise <i>CLTV</i>\" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027-12-31 --owner Ops"]
            + (hidden ? ["vote reveal on"] : [])
        for line in lines {
            guard case .ok = runner.execute(line) else { throw CommandError("setup failed: \(line)") }
        }
        let desk = VoteDesk(runner: runner)
        self.desk = desk
        let lock = self.lock
        let box = UncheckedSendable(desk)
        room = Room(view: RoomView(state: store.state, events: store.count, now: "2027-01-15T09:00:00Z"), lang: .en) { v, p in
            lock.withLock { box.value.apply(v, from: p).0 }
        }
        room.submitSign = { v, p in
            lock.withLock { box.value.sign(v, from: p).0 }
        }
        runner.onChange = { [unowned self] in
            room.publish(RoomView(state: store.state, events: store.count, now: "2027-01-15T09:00:00Z"), lang: .en)
        }
    }

    deinit { try? store.close(); try? FileManager.default.removeItem(atPath: dir) }

    var head: String { room.link(for: Participant(dept: 1, role: .head)) }
    var supervisor: String { room.link(for: Participant(dept: 1, role: .supervisor)) }
    var app: some ApplicationProtocol { Application(router: Routes.router(room)) }
    var journal: String { (try? String(contentsOfFile: dir + "/s.json.journal", encoding: .utf8)) ?? "" }
    var votes: [Vote] { store.state.votes.all }
}

func form(_ fields: [String: String]) -> ByteBuffer {
    let allowed = CharacterSet.alphanumerics
    return ByteBuffer(string: fields.map { k, v in "\(k)=\(v.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&"))
}

let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

final class ServeRouteTests: XCTestCase {
    func vote(_ choice: String = "agree", reason: String = "", revision: String = "1", key: String = UUID().uuidString, dept: String = "1") -> ByteBuffer {
        form(["goal": "1", "revision": revision, "choice": choice, "reason": reason, "key": key, "dept": dept])
    }

    func testRoomPageIsEscapedAndShowsTheGoal() async throws {
        let f = try RoomFixture()
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/room", method: .get) { res in
                XCTAssertEqual(res.status, .ok)
                let body = String(buffer: res.body)
                XCTAssertTrue(body.contains("Raise &lt;i&gt;CLTV&lt;/i&gt;"), body)
                XCTAssertFalse(body.contains("<i>CLTV"))
                XCTAssertTrue(body.contains("EventSource('/room/events')"))
                XCTAssertEqual(res.headers[.contentType], "text/html; charset=utf-8")
                XCTAssertNotNil(res.headers[HTTPField.Name("Content-Security-Policy")!])
            }
        }
    }

    func testParticipantPageSaysWhoAndCarriesRevisionAndKey() async throws {
        let f = try RoomFixture()
        let token = f.head
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/p/\(token)", method: .get) { res in
                XCTAssertEqual(res.status, .ok)
                let body = String(buffer: res.body)
                XCTAssertTrue(body.contains("You are Ann · head of Sales &lt;script&gt;."), body)
                XCTAssertFalse(body.contains("Sales <script>"))
                XCTAssertTrue(body.contains("name=\"revision\" value=\"1\""))
                XCTAssertTrue(body.contains("name=\"key\" value=\""))
                XCTAssertTrue(body.contains("SMART"))
            }
        }
    }

    func testUnknownAndRevokedLinksAre401() async throws {
        let f = try RoomFixture()
        let token = f.head
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/p/0123456789abcdef0123456789abcdef", method: .get) { XCTAssertEqual($0.status, .unauthorized) }
            try await client.execute(uri: "/p/\(token)", method: .get) { XCTAssertEqual($0.status, .ok) }
            XCTAssertEqual(f.room.revoke(dept: 1, role: .head), 1)
            try await client.execute(uri: "/p/\(token)", method: .get) { XCTAssertEqual($0.status, .unauthorized) }
            try await client.execute(uri: "/p/\(token)/vote", method: .post, headers: formHeaders, body: self.vote()) {
                XCTAssertEqual($0.status, .unauthorized)
            }
        }
        XCTAssertTrue(f.votes.isEmpty)
    }

    func testAVoteFromADeviceIsJournaledWithItsChannelAndParticipant() async throws {
        let f = try RoomFixture()
        let token = f.head
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/p/\(token)/vote", method: .post, headers: formHeaders, body: self.vote()) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(String(buffer: res.body).contains("Recorded: agree on G1 r1."))
            }
        }
        XCTAssertEqual(f.votes.count, 1)
        XCTAssertEqual(f.votes.first?.dept, 1)
        let last = try f.store.event(f.store.count)
        XCTAssertEqual(last.via, Via(channel: "device", dept: 1, role: .head))
        XCTAssertEqual(last.kind, "vote")
        XCTAssertTrue(f.journal.contains("\"via\":{\"channel\":\"device\",\"dept\":1,\"role\":\"head\"}"), f.journal)
        XCTAssertFalse(f.journal.contains(token), "a token never reaches the session's files")
        // the room page follows
        XCTAssertTrue(f.room.current.0.state.votes.all.count == 1)
    }

    func testTheSameKeyIsAppliedOnce() async throws {
        let f = try RoomFixture()
        let token = f.head
        try await f.app.test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/p/\(token)/vote", method: .post, headers: formHeaders, body: self.vote(key: "k1")) {
                    XCTAssertEqual($0.status, .ok)
                }
            }
        }
        XCTAssertEqual(f.votes.count, 1)
    }

    func testRefusalsChangeNothing() async throws {
        let f = try RoomFixture()
        let head = f.head, sup = f.supervisor
        let before = f.store.count
        try await f.app.test(.router) { client in
            // another department named in the form
            try await client.execute(uri: "/p/\(head)/vote", method: .post, headers: formHeaders, body: self.vote(dept: "2")) {
                XCTAssertEqual($0.status, .forbidden)
            }
            // a supervisor's link does not vote
            try await client.execute(uri: "/p/\(sup)/vote", method: .post, headers: formHeaders, body: self.vote()) {
                XCTAssertEqual($0.status, .forbidden)
            }
            // a revision that is not the current one
            try await client.execute(uri: "/p/\(head)/vote", method: .post, headers: formHeaders, body: self.vote(revision: "2")) {
                XCTAssertEqual($0.status, .conflict)
                XCTAssertTrue(String(buffer: $0.body).contains("nothing was recorded"))
            }
            // object without a reason: the vote command's own rule
            try await client.execute(uri: "/p/\(head)/vote", method: .post, headers: formHeaders, body: self.vote("object")) {
                XCTAssertEqual($0.status, .unprocessableContent)
            }
            // not a vote form
            try await client.execute(uri: "/p/\(head)/vote", method: .post, headers: formHeaders, body: ByteBuffer(string: "x=1")) {
                XCTAssertEqual($0.status, .badRequest)
            }
            // too large
            let big = ByteBuffer(string: "reason=" + String(repeating: "a", count: Room.bodyLimit + 10))
            try await client.execute(uri: "/p/\(head)/vote", method: .post, headers: formHeaders, body: big) {
                XCTAssertEqual($0.status, .contentTooLarge)
            }
        }
        XCTAssertEqual(f.store.count, before)
        XCTAssertTrue(f.votes.isEmpty)
    }

    func testObjectWithAReasonIsRecorded() async throws {
        let f = try RoomFixture()
        let head = f.head
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/p/\(head)/vote", method: .post, headers: formHeaders, body: self.vote("object", reason: "needs a headcount \"decision\"")) {
                XCTAssertEqual($0.status, .ok)
            }
        }
        XCTAssertEqual(f.votes.first?.reason, "needs a headcount \"decision\"")
    }

    func testTooManyRequestsFromOneLinkAre429() async throws {
        let f = try RoomFixture()
        let head = f.head
        try await f.app.test(.router) { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<7 {
                try await client.execute(uri: "/p/\(head)/vote", method: .post, headers: formHeaders, body: self.vote()) { statuses.append($0.status) }
            }
            XCTAssertEqual(statuses.prefix(5), [.ok, .ok, .ok, .ok, .ok])
            XCTAssertEqual(statuses.last, .tooManyRequests)
            var pages: [HTTPResponse.Status] = []
            for _ in 0..<22 { try await client.execute(uri: "/p/\(head)", method: .get) { pages.append($0.status) } }
            XCTAssertEqual(pages.filter { $0 == .ok }.count, 20, "page loads have their own, larger allowance")
            XCTAssertEqual(pages.last, .tooManyRequests)
        }
        XCTAssertEqual(f.votes.count, 5, "a refused request changes nothing")
    }

    func testHiddenVotesShowHowManyAreInNotWhich() async throws {
        let f = try RoomFixture(hidden: true)
        let head = f.head
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/p/\(head)/vote", method: .post, headers: formHeaders, body: self.vote("abstain")) {
                XCTAssertEqual($0.status, .ok)
            }
            try await client.execute(uri: "/room", method: .get) { res in
                let body = String(buffer: res.body)
                XCTAssertTrue(body.contains("1 of 2 votes in"), body)
                XCTAssertFalse(body.contains(">abstain<"))
            }
        }
        guard case .ok = f.runner.execute("vote G1 Ops agree") else { return XCTFail() }
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/room", method: .get) { res in
                let body = String(buffer: res.body)
                XCTAssertTrue(body.contains(">abstain<"), body)
                XCTAssertTrue(body.contains("1 agree"), body)
            }
        }
    }
}

final class DeviceSignatureRouteTests: XCTestCase {
    func signForm(_ key: P256.Signing.PrivateKey, digest: String, signedDigest: String? = nil) throws -> ByteBuffer {
        let sig = try key.signature(for: DeviceSignature.message(digest: signedDigest ?? digest)).rawRepresentation
        return form(["digest": digest, "pub": key.publicKey.x963Representation.base64EncodedString(),
                     "sig": sig.base64EncodedString(), "key": UUID().uuidString])
    }

    func edForm(_ key: Curve25519.Signing.PrivateKey, digest: String, alg: String? = "ed25519") throws -> ByteBuffer {
        let sig = try key.signature(for: DeviceSignature.message(digest: digest))
        var fields = ["digest": digest, "pub": key.publicKey.rawRepresentation.base64EncodedString(),
                      "sig": sig.base64EncodedString(), "key": UUID().uuidString]
        fields["alg"] = alg
        return form(fields)
    }

    func p256Form(_ key: P256.Signing.PrivateKey, digest: String, alg: String) throws -> ByteBuffer {
        let sig = try key.signature(for: DeviceSignature.message(digest: digest)).rawRepresentation
        return form(["digest": digest, "pub": key.publicKey.x963Representation.base64EncodedString(),
                     "sig": sig.base64EncodedString(), "key": UUID().uuidString, "alg": alg])
    }

    func shownDigest(_ body: String) -> String? {
        guard let r = body.range(of: #"name="digest" value="(sha256:[0-9a-f]+)""#, options: .regularExpression) else { return nil }
        return String(body[r]).components(separatedBy: "value=\"").last.map { String($0.dropLast()) }
    }

    func testADeviceSignsTheLetterItWasShownWithItsOwnKeyAndVerifyNamesTheKey() async throws {
        let f = try RoomFixture(signing: true)
        let token = f.room.link(for: Participant(dept: 1, role: .head))
        let device = P256.Signing.PrivateKey()
        try await f.app.test(.router) { client in
            let digest = try await client.execute(uri: "/p/\(token)", method: .get) { res in
                let body = String(buffer: res.body)
                XCTAssertTrue(body.contains("crypto.subtle.generateKey({name:'ECDSA',namedCurve:'P-256'},false"), "a key that never leaves the device")
                return self.shownDigest(body) ?? ""
            }
            XCTAssertEqual(digest, Letter(f.store.state.depts[1]!, in: f.store.state).digest)
            try await client.execute(uri: "/p/\(token)/sign", method: .post, headers: formHeaders, body: try self.signForm(device, digest: digest)) {
                XCTAssertEqual($0.status, .ok, String(buffer: $0.body))
            }
        }
        let sig = try XCTUnwrap(f.store.state.signatures.all.first)
        XCTAssertEqual(sig.name, "Dana Reyes")
        XCTAssertEqual(sig.device?.key, device.publicKey.x963Representation.base64EncodedString())
        XCTAssertEqual(try f.store.event(f.store.count).via, Via(dept: 1, role: .head))
        let report = Verifier.report(f.store.state, events: f.store.count, integrity: [])
        let text = Paint.strip(report.text(f.store.state))
        XCTAssertTrue(text.contains("signed on a device with key " + sig.device!.fingerprint), text)
        XCTAssertTrue(report.badDeviceSignatures.isEmpty)
        // a device signature made by another key than the one it names makes verify fail
        var forged = f.store.state
        var s2 = sig
        let other = try P256.Signing.PrivateKey().signature(for: DeviceSignature.message(digest: sig.digest)).rawRepresentation
        s2.device = DeviceSignature(key: sig.device!.key, sig: other.base64EncodedString())
        forged.signatures[s2.id] = s2
        XCTAssertFalse(Verifier.report(forged, events: 1, integrity: []).badDeviceSignatures.isEmpty)
    }

    /// At signing the participant reads the letter laid out for a phone, from the letter's own
    /// model: each row a card with the KPI as its heading and the letter's columns as labels
    /// (target, challenge, floor, unit, source, cycle, weight), the total, the completion rule,
    /// each role's signature; never the terminal's text (its columns, its `Next:` hint).
    func testTheLetterOnThePhoneIsTheLettersRowsAsCardsNotTerminalText() async throws {
        let f = try RoomFixture(signing: true)
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/p/\(f.head)", method: .get) { res in
                let body = String(buffer: res.body)
                XCTAssertFalse(body.contains("<pre"), "no preformatted terminal text")
                XCTAssertFalse(body.contains("Next:") || body.contains("Not shown at"), "no REPL hints or terminal columns")
                XCTAssertTrue(body.contains("<div class=\"row\"><h4>Referral signups</h4><dl>"), body)
                let gloss = { (en: String, zh: String) in "<dt>\(en) <span lang=\"zh-Hant\">\(zh)</span></dt>" }
                for cell in ["<dt>Goal</dt><dd>G1</dd>", "<dt>Stage</dt><dd>referral", gloss("Target", "目標值") + "<dd class=\"num\">300</dd>",
                             gloss("Challenge", "挑戰值") + "<dd class=\"num\">400</dd>", gloss("Floor", "底線值") + "<dd class=\"num\">200</dd>",
                             "<dt>Unit</dt><dd>signups</dd>", gloss("Data source", "資料來源") + "<dd>HubSpot</dd>",
                             gloss("Review cycle", "考核週期") + "<dd>monthly</dd>", "<dt>Weight</dt><dd class=\"num\">100</dd>",
                             "<p class=\"total\">Total weight: 100</p>"] {
                    XCTAssertTrue(body.contains(cell), "\(cell) in \(body)")
                }
                XCTAssertFalse(body.contains("Expansion revenue"), "only the participant's own department's letter")
                XCTAssertTrue(body.contains("below floor 0%"), "the completion rule")
                XCTAssertTrue(body.contains("Head · Dana Reyes"), body)
                XCTAssertTrue(body.contains("<form id=\"sign\""))
            }
            // once the head's signature stands, the head's page says so instead of offering to sign again
            let digest = Letter(f.store.state.depts[1]!, in: f.store.state).digest
            try await client.execute(uri: "/p/\(f.head)/sign", method: .post, headers: formHeaders,
                                     body: try self.edForm(Curve25519.Signing.PrivateKey(), digest: digest)) {
                XCTAssertEqual($0.status, .ok, String(buffer: $0.body))
            }
            try await client.execute(uri: "/p/\(f.head)", method: .get) { res in
                let body = String(buffer: res.body)
                XCTAssertTrue(body.contains("You have signed this letter as it stands."), body)
                XCTAssertFalse(body.contains("<form id=\"sign\""))
                XCTAssertTrue(body.contains("Head · Dana Reyes · <span class=\"ok\">✓ valid</span>"), body)
            }
        }
    }

    func testThePageTriesEd25519FirstAndFallsBackToP256() async throws {
        let f = try RoomFixture(signing: true)
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/p/\(f.head)", method: .get) { res in
                let body = String(buffer: res.body)
                let ed = try XCTUnwrap(body.range(of: "crypto.subtle.generateKey({name:'Ed25519'},false,['sign','verify'])"))
                let p256 = try XCTUnwrap(body.range(of: "crypto.subtle.generateKey({name:'ECDSA',namedCurve:'P-256'},false,['sign','verify'])"))
                XCTAssertLessThan(ed.lowerBound, p256.lowerBound, "Ed25519 first, P-256 when the browser refuses it")
                XCTAssertTrue(body.contains("<input type=\"hidden\" name=\"alg\">"), "the request says which algorithm")
                XCTAssertTrue(body.contains("crypto.subtle.sign(ed?{name:'Ed25519'}:{name:'ECDSA',hash:'SHA-256'}"))
            }
        }
    }

    func testAnEd25519DeviceSignsAndVerifyNamesItsKey() async throws {
        let f = try RoomFixture(signing: true)
        let token = f.head
        let device = Curve25519.Signing.PrivateKey()
        let digest = Letter(f.store.state.depts[1]!, in: f.store.state).digest
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/p/\(token)/sign", method: .post, headers: formHeaders, body: try self.edForm(device, digest: digest)) {
                XCTAssertEqual($0.status, .ok, String(buffer: $0.body))
            }
        }
        let sig = try XCTUnwrap(f.store.state.signatures.all.first)
        XCTAssertEqual(sig.device, DeviceSignature(key: device.publicKey.rawRepresentation.base64EncodedString(),
                                                   sig: sig.device?.sig ?? "", algorithm: .ed25519))
        XCTAssertTrue(f.journal.contains("--device-alg ed25519"), f.journal)
        XCTAssertTrue(f.journal.contains("\"alg\":\"ed25519\""), f.journal)
        XCTAssertEqual(try f.store.event(f.store.count).via, Via(dept: 1, role: .head))
        let report = Verifier.report(f.store.state, events: f.store.count, integrity: [])
        let text = Paint.strip(report.text(f.store.state))
        XCTAssertTrue(sig.device!.fingerprint.hasPrefix("ed25519:"))
        XCTAssertTrue(text.contains("signed on a device with key " + sig.device!.fingerprint), text)
        XCTAssertTrue(report.badDeviceSignatures.isEmpty)
        // another Ed25519 key's signature under this key makes verify fail
        var forged = f.store.state, s2 = sig
        s2.device!.sig = try Curve25519.Signing.PrivateKey().signature(for: DeviceSignature.message(digest: sig.digest)).base64EncodedString()
        forged.signatures[s2.id] = s2
        XCTAssertFalse(Verifier.report(forged, events: 1, integrity: []).badDeviceSignatures.isEmpty)
    }

    func testAP256DeviceThatSaysSoSignsAsBefore() async throws {
        let f = try RoomFixture(signing: true)
        let device = P256.Signing.PrivateKey()
        let digest = Letter(f.store.state.depts[1]!, in: f.store.state).digest
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/p/\(f.supervisor)/sign", method: .post, headers: formHeaders, body: try self.p256Form(device, digest: digest, alg: "p256")) {
                XCTAssertEqual($0.status, .ok, String(buffer: $0.body))
            }
        }
        let sig = try XCTUnwrap(f.store.state.signatures.all.first)
        XCTAssertEqual(sig.role, .supervisor)
        XCTAssertEqual(sig.device?.key, device.publicKey.x963Representation.base64EncodedString())
        XCTAssertNil(sig.device?.alg, "a P-256 record is written as before")
        XCTAssertTrue(sig.device!.fingerprint.hasPrefix("p256:"))
        XCTAssertTrue(Verifier.report(f.store.state, events: f.store.count, integrity: []).badDeviceSignatures.isEmpty)
    }

    func testAMismatchedOrUnknownAlgorithmIsRefusedAndTheBindingCoversTheAlgorithm() async throws {
        let f = try RoomFixture(signing: true)
        let token = f.head
        let digest = Letter(f.store.state.depts[1]!, in: f.store.state).digest
        let ed = Curve25519.Signing.PrivateKey(), p = P256.Signing.PrivateKey()
        try await f.app.test(.router) { client in
            for (body, why) in [(try self.edForm(ed, digest: digest, alg: "p256"), "an Ed25519 signature said to be P-256"),
                                (try self.edForm(ed, digest: digest, alg: nil), "an Ed25519 signature without alg (P-256 then)"),
                                (try self.p256Form(p, digest: digest, alg: "ed25519"), "a P-256 signature said to be Ed25519")] {
                try await client.execute(uri: "/p/\(token)/sign", method: .post, headers: formHeaders, body: body) {
                    XCTAssertEqual($0.status, .unprocessableContent, why)
                    XCTAssertTrue(String(buffer: $0.body).contains("does not match Marketing"), why)
                }
            }
            try await client.execute(uri: "/p/\(token)/sign", method: .post, headers: formHeaders, body: try self.edForm(ed, digest: digest, alg: "rsa")) {
                XCTAssertEqual($0.status, .badRequest, "an algorithm accord does not verify")
            }
            XCTAssertTrue(f.store.state.signatures.all.isEmpty)
            try await client.execute(uri: "/p/\(token)/sign", method: .post, headers: formHeaders, body: try self.edForm(ed, digest: digest)) {
                XCTAssertEqual($0.status, .ok)
            }
            try await Task.sleep(nanoseconds: 1_100_000_000)   // past the rate limit (5 a second per link)
            try await client.execute(uri: "/p/\(token)/sign", method: .post, headers: formHeaders, body: try self.p256Form(p, digest: digest, alg: "p256")) {
                XCTAssertEqual($0.status, .forbidden, "the link is bound to its first key, algorithm included")
            }
        }
        XCTAssertEqual(f.store.state.signatures.all.count, 1)
    }

    func testAChangedLetterAnotherKeyAndABadSignatureAreRefused() async throws {
        let f = try RoomFixture(signing: true)
        let token = f.room.link(for: Participant(dept: 1, role: .head))
        let digest = Letter(f.store.state.depts[1]!, in: f.store.state).digest
        let stale = "sha256:" + String(repeating: "1", count: 64)
        let a = P256.Signing.PrivateKey(), b = P256.Signing.PrivateKey()
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/p/\(token)/sign", method: .post, headers: formHeaders, body: try self.signForm(a, digest: stale)) {
                XCTAssertEqual($0.status, .conflict, "a letter that changed since it was shown is never signed")
            }
            try await client.execute(uri: "/p/\(token)/sign", method: .post, headers: formHeaders, body: try self.signForm(a, digest: digest, signedDigest: stale)) {
                XCTAssertEqual($0.status, .unprocessableContent, "a signature over something else")
            }
            XCTAssertTrue(f.store.state.signatures.all.isEmpty)
            try await client.execute(uri: "/p/\(token)/sign", method: .post, headers: formHeaders, body: try self.signForm(a, digest: digest)) {
                XCTAssertEqual($0.status, .ok)
            }
            try await client.execute(uri: "/p/\(token)/sign", method: .post, headers: formHeaders, body: try self.signForm(b, digest: digest)) {
                XCTAssertEqual($0.status, .forbidden, "the link is bound to the first key")
            }
        }
        XCTAssertEqual(f.store.state.signatures.all.count, 1)
    }
}

final class ServeUnitTests: XCTestCase {
    /// The fragment is rendered off the publishing thread; a listener gets the newest view's.
    func testAListenerGetsTheNewestViewsFragment() async throws {
        var s = State()
        let room = Room(view: RoomView(state: s, events: 0, now: "2027-01-15T09:00:00Z"), lang: .en) { _, _ in Answer(200, "") }
        let (_, stream) = room.listen()
        for i in 1...50 {
            s.meta.title = "Acme \(i)"
            room.publish(RoomView(state: s, events: i, now: "2027-01-15T09:00:00Z"), lang: .en)
            XCTAssertEqual(room.current.0.state.meta.title, "Acme \(i)", "the view is current at once")
        }
        var last = ""
        for await fragment in stream {
            last = fragment
            if fragment.contains("Acme 50<") { break }
        }
        XCTAssertTrue(last.contains("<h1>Acme 50</h1>"), last)
    }

    func testTokensAre128BitsAndRevocable() {
        var table = TokenTable()
        let a = table.token(for: Participant(dept: 1, role: .head))
        let b = table.token(for: Participant(dept: 1, role: .supervisor))
        XCTAssertEqual(a.count, 32)
        XCTAssertTrue(a.allSatisfy { $0.isHexDigit })
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(table.token(for: Participant(dept: 1, role: .head)), a)
        XCTAssertEqual(table.revoke(dept: 1, role: .head), 1)
        XCTAssertNil(table.participant(a))
        XCTAssertNotNil(table.participant(b))
        XCTAssertNotEqual(table.token(for: Participant(dept: 1, role: .head)), a, "a revoked link is never handed out again")
    }

    func testRateLimitIsPerTokenAndPerSecond() {
        var r = RateLimiter(limit: 2)
        XCTAssertTrue(r.allow("a", now: 10)); XCTAssertTrue(r.allow("a", now: 10.1)); XCTAssertFalse(r.allow("a", now: 10.2))
        XCTAssertTrue(r.allow("b", now: 10.2))
        XCTAssertTrue(r.allow("a", now: 11.05))
    }

    func testServerSentEventsSplitLines() {
        XCTAssertEqual(Routes.sse("a\nb"), "data: a\ndata: b\n\n")
    }

    func testFormDecoding() {
        XCTAssertEqual(Routes.form("a=1+2&b=%E8%A1%8C&a=3"), ["a": "1 2", "b": "行"])
    }

    func testTerminalQRHasQuietZoneAndHalfBlocks() {
        let qr = TerminalQR.draw("http://127.0.0.1:8080/p/0123456789abcdef0123456789abcdef")
        let lines = qr.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 10)
        XCTAssertTrue(lines[0].allSatisfy { $0 == "█" }, "the quiet zone is light")
        XCTAssertTrue(qr.contains("▀") || qr.contains("▄"))
    }
}
