import AccordCore
import Foundation
import Testing

/// Issue 13 §1: a full forgery (a signed target edited in the state and its event, every
/// `prev` and the head recomputed, the stored signature digests replaced by the new letter's
/// digest) used to pass `verify`. With seals it fails: the seals no longer match, and a file
/// re-sealed with another key fails `--key` of the original. docs/seal.md.
@Suite("seals: keyed, with a trust anchor outside the file")
struct SealEndToEndTests {
    /// The installation key's full fingerprint, as `accord key show` prints it.
    static func fingerprint(_ a: Accord) throws -> String {
        let r = try a.run(["key", "show"])
        #expect(r.status == 0, "\(r.stderr)")
        let line = r.stdout.split(separator: "\n").first { $0.contains("Fingerprint:") } ?? ""
        return String(line.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces)
    }

    /// A signed demo, sealed by this test's installation key.
    static func signedDemo(_ a: Accord, _ name: String = "d.json") throws {
        let r = try a.run(["demo", name, "--no-open"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    enum Reseal { case keepSeals, strip, newKey(Sealer) }

    /// The forgery, as an adversary with only the file and a program does it: the last event
    /// that set contribution `X1` gets a target ten times its challenge, the state is the fold
    /// of the edited log, every signature of its letter is given the new letter's digest,
    /// every `prev` and the head are recomputed. Returns the file and the new target.
    static func forge(_ data: Data, _ reseal: Reseal) throws -> (file: Data, target: Double, dept: Int) {
        let image = try SessionFile.parse(data)
        var events = try image.lines.map(EventLine.decode)
        // the last event that wrote X1
        var at: (event: Int, op: Int)?
        for (i, e) in events.enumerated() {
            for (j, op) in e.ops.enumerated() { if case let .contrib(c) = op, c.key == 1, c.after != nil { at = (i, j) } }
        }
        let (ei, oi) = try #require(at)
        guard case var .contrib(change) = events[ei].ops[oi], var after = change.after else { throw Forgery.noTarget }
        let target = after.challenge * 10
        after.target = target
        change.after = after
        events[ei].ops[oi] = .contrib(change)
        let dept = after.dept
        func fold(_ es: [Event]) throws -> State {
            var s = State()
            for e in es { try s.fold(e) }
            return s
        }
        let forgedState = try fold(events)
        let department = try #require(forgedState.departments.first { $0.id == dept })
        let newDigest = Letter(department, in: forgedState).digest
        // the signatures of that letter now name its new digest
        for i in events.indices {
            events[i].ops = events[i].ops.map { op in
                guard case var .signature(c) = op else { return op }
                if var b = c.before, b.dept == dept { b.digest = newDigest; c.before = b }
                if var a = c.after, a.dept == dept { a.digest = newDigest; c.after = a }
                return .signature(c)
            }
        }
        let state = try fold(events)
        // every prev, then the head
        var lines: [Data] = []
        var prev = Event.genesis
        for var e in events {
            e.prev = prev
            let line = try EventLine.encode(e)
            lines.append(line)
            prev = Digest.sha256(line)
        }
        let stateLine = try SessionFile.encodeState(state)
        var book = SealBook()
        switch reseal {
        case .keepSeals: book = image.seal ?? SealBook()
        case .strip: break
        case let .newKey(sealer):
            // a thorough forger seals it all again with a key of its own
            for (e, line) in zip(events, lines) where e.isSignatureEvent {
                book.seals.append(sealer.seal(.event, seq: e.seq, digest: Digest.sha256(line)))
            }
            book = sealer.sealFold(book, head: SessionFile.head(stateLine: stateLine, lines: lines), lines: lines, adopting: nil)
        }
        return (SessionFile.encode(stateLine: stateLine, lines: lines, seal: book), target, dept)
    }

    enum Forgery: Error { case noTarget }

    @Test func anUntouchedSealedFilePassesVerifyAndItsKey() throws {
        let a = try Accord()
        try Self.signedDemo(a)
        let key = try Self.fingerprint(a)
        let plain = try a.run(["verify", "d.json"])
        #expect(plain.status == 0, "\(plain.stdout)")
        let short = Fingerprint.short(try #require(Fingerprint.parse(key)))
        #expect(plain.stdout.contains("✓ sealed by key \(short)"))
        #expect(plain.stdout.contains("Checked integrity, not authorship"))
        let keyed = try a.run(["verify", "d.json", "--key", key])
        #expect(keyed.status == 0, "\(keyed.stdout)")
        #expect(keyed.stdout.contains("✓ sealed by the trusted key \(short)"))
        #expect(!keyed.stdout.contains("Checked integrity, not authorship"))
        // a trusted-keys file, one fingerprint a line, lower case and without spaces too
        try a.write("trusted.txt", "# HR's keys\n\(try #require(Fingerprint.parse(key)))\n")
        #expect(try a.run(["verify", "d.json", "--trusted-keys", "trusted.txt"]).status == 0)
        try a.expectReplayVerifies("d.json")
        // working on it keeps it sealed: a signature event is sealed on its own, the fold's head too
        let r = try a.script("d.json", "dept add Legal\nstatus\n")
        #expect(r.status == 0, "\(r.stderr)")
        let again = try a.run(["verify", "d.json", "--key", key])
        #expect(again.status == 0, "\(again.stdout)")
        #expect(try a.validateSchema("d.json").status == 0)
    }

    @Test func theForgeryOfIssue13FailsVerifyNamingTheFirstEventItCannotVouchFor() throws {
        let a = try Accord()
        try Self.signedDemo(a)
        let key = try Self.fingerprint(a)
        let original = try Data(contentsOf: URL(fileURLWithPath: a.path("d.json")))
        let (forged, target, _) = try Self.forge(original, .keepSeals)
        try forged.write(to: URL(fileURLWithPath: a.path("f.json")))
        // what used to pass: the chain, the head and every letter's signature hold
        let state = try a.state("f.json")
        #expect((state["contribs"] as! [[String: Any]]).contains { $0["id"] as? Int == 1 && $0["target"] as? Double == target })
        let v = try a.run(["verify", "f.json"])
        #expect(v.status == 1, "\(v.stdout)")
        #expect(v.stdout.contains("✓ hash chain intact"))
        #expect(v.stdout.contains("0 void"))
        #expect(v.stdout.contains("changed after key"))
        #expect(v.stdout.contains("no seal that holds vouches for event"))
        #expect(v.stdout.contains("a seal does not hold"))
        #expect(!v.stdout.contains("Everything holds"))
        #expect(try a.run(["verify", "f.json", "--key", key]).status == 1)
        let replay = try a.run(["replay", "f.json", "--verify"])
        #expect(replay.status == 1 && replay.stdout.contains("but a seal does not hold"), "\(replay.stdout)")
        // opening it is refused (a fold would seal the forgery with this installation's key)
        let open = try a.script("f.json", "status\n")
        #expect(open.status == 65, "\(open.stdout)\(open.stderr)")
        #expect(open.stderr.contains("seal does not hold"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("f.json"))) == forged)
    }

    @Test func theForgeryResealedWithAnotherKeyFailsTheOriginalKey() throws {
        let a = try Accord()
        try Self.signedDemo(a)
        let key = try Self.fingerprint(a)
        let original = try Data(contentsOf: URL(fileURLWithPath: a.path("d.json")))
        let thief = try Sealer(privateKey: Sealer.generate())
        let (forged, _, _) = try Self.forge(original, .newKey(thief))
        try forged.write(to: URL(fileURLWithPath: a.path("f.json")))
        // on its own terms the re-keyed file holds: only the key HR was given tells
        let plain = try a.run(["verify", "f.json"])
        #expect(plain.status == 0, "\(plain.stdout)")
        #expect(plain.stdout.contains("sealed by key \(Fingerprint.short(thief.fingerprint))"))
        #expect(plain.stdout.contains("Checked integrity, not authorship"))
        let keyed = try a.run(["verify", "f.json", "--key", key])
        #expect(keyed.status == 1, "\(keyed.stdout)")
        #expect(keyed.stdout.contains("not sealed by a trusted key"))
        #expect(keyed.stdout.contains("sealed by key \(Fingerprint.short(thief.fingerprint))"))
        // and the letters printed from it name the thief's key, not the one HR holds
        let letters = try a.run(["export", "f.json", "--what", "letters", "--format", "md"])
        #expect(letters.stdout.contains(Fingerprint.full(thief.fingerprint)))
        #expect(!letters.stdout.contains(key))
    }

    @Test func theForgeryWithItsSealsStrippedIsUnsealedAndFailsTheKey() throws {
        let a = try Accord()
        try Self.signedDemo(a)
        let key = try Self.fingerprint(a)
        let original = try Data(contentsOf: URL(fileURLWithPath: a.path("d.json")))
        let (forged, _, _) = try Self.forge(original, .strip)
        try forged.write(to: URL(fileURLWithPath: a.path("f.json")))
        let plain = try a.run(["verify", "f.json"])
        #expect(plain.stdout.contains("unsealed"), "\(plain.stdout)")
        #expect(plain.stdout.contains("Checked integrity, not authorship"))
        let keyed = try a.run(["verify", "f.json", "--key", key])
        #expect(keyed.status == 1, "\(keyed.stdout)")
        #expect(keyed.stdout.contains("not sealed by a trusted key"))
        // its letters say they are not sealed
        let letters = try a.run(["export", "f.json", "--what", "letters", "--format", "md"])
        #expect(letters.stdout.contains("Not sealed"))
    }

    @Test func anOlderFileIsReportedUnsealedNeverBroken() throws {
        let a = try Accord()
        for name in ["signed-demo-format1.json", "main-format1-signed.json", "main-format2-signed.json"] {
            try FileManager.default.copyItem(atPath: Accord.fixture("sessions/" + name), toPath: a.path(name))
            let v = try a.run(["verify", name])
            #expect(v.status == 0, "\(name): \(v.stdout)")
            #expect(v.stdout.contains("unsealed"), "\(name)")
            #expect(v.stdout.contains("4 letters: 4 signed, 0 partly, 0 unsigned, 0 void"), "\(name)")
            #expect(!v.stdout.contains("✗"), "\(name): \(v.stdout)")
            #expect(try a.run(["verify", name, "--key", try Self.fingerprint(a)]).status == 1, "\(name)")
        }
    }

    /// A session sealed and signed by the build before the year came in (format 3, the demo
    /// as that build wrote it) keeps verifying, seals and signatures included, under format 4,
    /// and is carried into the year with its letters' digests unchanged.
    @Test func aSealedFormat3FileStillVerifiesAndTakesTheYear() throws {
        let a = try Accord()
        let name = "main-format3-sealed-signed.json"
        try FileManager.default.copyItem(atPath: Accord.fixture("sessions/" + name), toPath: a.path(name))
        #expect(try a.read(name).hasPrefix("{\"format\":\"accord-session\",\"version\":3,"))
        let v = try a.run(["verify", name, "--key", try Self.fingerprint(a)])
        #expect(v.status == 0, "\(v.stdout)")
        #expect(v.stdout.contains("sealed by key") && !v.stdout.contains("unsealed"), "\(v.stdout)")
        #expect(v.stdout.contains("4 letters: 4 signed, 0 partly, 0 unsigned, 0 void"), "\(v.stdout)")
        try a.expectReplayVerifies(name)
        let signed = Set((try a.state(name)["signatures"] as! [[String: Any]]).map { $0["digest"] as! String })
        let r = try a.script(name, "next\nactual X1 2027-01 100\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try a.read(name).hasPrefix("{\"format\":\"accord-session\",\"version\":5,"))
        let after = try a.run(["verify", name])
        #expect(after.status == 0 && after.stdout.contains("4 letters: 4 signed, 0 partly, 0 unsigned, 0 void"), "\(after.stdout)")
        #expect(Set((try a.state(name)["signatures"] as! [[String: Any]]).map { $0["digest"] as! String }) == signed)
        try a.expectReplayVerifies(name)
    }

    @Test func aFormat2FileOpensReplaysVerifiesAndIsSealedWhenWorkedOn() throws {
        let a = try Accord()
        let name = "main-format2-signed.json"
        try FileManager.default.copyItem(atPath: Accord.fixture("sessions/" + name), toPath: a.path(name))
        #expect(try a.read(name).hasPrefix("{\"format\":\"accord-session\",\"version\":2,"))
        try a.expectReplayVerifies(name)
        let signed = Set((try a.state(name)["signatures"] as! [[String: Any]]).map { $0["digest"] as! String })
        let r = try a.script(name, "dept add Legal\nstatus\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("carries no seal"))
        #expect(try a.read(name).hasPrefix("{\"format\":\"accord-session\",\"version\":5,"))
        // the old letters' digests are what their signatures signed
        let letters = try a.run(["export", name, "--what", "letters", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(letters.stdout.utf8)) as! [String: Any]
        let now = Set((json["letters"] as! [[String: Any]]).filter { ($0["signatures"] as! [Any]).count > 0 }.compactMap { l in
            (l["signatures"] as! [[String: Any]]).first?["digest"] as? String
        })
        #expect(now.isSubset(of: signed))
        let key = try Self.fingerprint(a)
        let v = try a.run(["verify", name, "--key", key])
        #expect(v.status == 0, "\(v.stdout)")
        #expect(v.stdout.contains("as it found them in a file without seals"))
        try a.expectReplayVerifies(name)
    }

    @Test func everyLetterCarriesTheFingerprintAndItsDigest() throws {
        let a = try Accord()
        try Self.signedDemo(a)
        let key = try Self.fingerprint(a)
        let id = try #require(Fingerprint.parse(key))
        let json = try a.run(["export", "d.json", "--what", "letters", "--format", "json"])
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        for l in doc["letters"] as! [[String: Any]] { #expect(l["sealKey"] as? String == id) }
        let md = try a.run(["export", "d.json", "--what", "letters", "--format", "md"]).stdout
        #expect(md.components(separatedBy: "Sealed by key \(key) · letter digest sha256:").count == 5)
        let html = try a.run(["export", "d.json", "--what", "letters", "--format", "html"]).stdout
        #expect(html.components(separatedBy: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\"").count == 5)
        #expect(html.contains("aria-label=\"ACCORD-SEAL:\(id.uppercased()):SHA256:"))
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("src="))
        let letter = try a.script("d.json", "letter Marketing\n", env: ["COLUMNS": "200"])
        #expect(letter.stdout.contains("Sealed by key \(key) · letter digest sha256:"), "\(letter.stdout)")
    }

    @Test func theKeyIsCreatedOnFirstUsePrivateAndNeverFollowedThroughALink() throws {
        let a = try Accord(freshKey: true)
        #expect(!a.exists("config/accord/signing-key"))
        let first = try a.run(["key", "show"])
        #expect(first.stdout.contains("A new key was created."), "\(first.stdout)")
        let key = try Self.fingerprint(a)
        #expect(Fingerprint.parse(key) != nil)
        let dir = a.path("config/accord"), file = dir + "/signing-key"
        let attrs = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attrs[.posixPermissions] as! NSNumber).intValue & 0o777 == 0o600)
        #expect((try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as! NSNumber).intValue & 0o777 == 0o700)
        // the same key next time
        #expect(try Self.fingerprint(a) == key)
        #expect(!(try a.run(["key", "show"])).stdout.contains("A new key was created."))
        // a key readable by others is refused, and so is a link
        chmod(file, 0o644)
        let open = try a.run(["key", "show"])
        #expect(open.status == 65 && open.stderr.contains("can be read by other users"), "\(open.stderr)")
        chmod(file, 0o600)
        try FileManager.default.moveItem(atPath: file, toPath: dir + "/elsewhere")
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: dir + "/elsewhere")
        let linked = try a.script("s.json", "dept add Sales\n")
        #expect(linked.status == 65 && linked.stderr.contains("symbolic link"), "\(linked.stderr)")
        #expect(!a.exists("s.json"))
    }

    @Test func aBadKeyArgumentIsBadUsage() throws {
        let a = try Accord()
        try Self.signedDemo(a)
        let r = try a.run(["verify", "d.json", "--key", "3F2A…91C0"])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("32 hex digits"))
    }
}
