/// Step 4, sign: each department's responsibility letter, its signatures, and `verify`.
///
/// Signing a role that already holds a valid signature is refused (it would only repeat
/// it); `--replace` records the new signature in its place (say, the head signs after a
/// delegate did). The earlier signature stays in the log and the state.
enum SignCommands {
    static var all: [CommandSpec] { [letter, sign, verify] }

    static let letter = CommandSpec(
        "letter", usage: "letter [DEPT] [--template FILE]", example: "letter 行銷部", flags: [FlagSpec("template", "FILE")],
        args: 0...1, step: .sign
    ) { inv, d, ctx in
        let s = d.state
        let template = try inv.flag("template").map { try LetterTemplate.load($0, kind: .text, read: ctx.readFile) }
        guard let name = inv.args.first else { return Outcome(LetterText.overview(s, width: ctx.width)) }
        let dept = try Names.department(name, in: s)
        let letter = Letter(dept, in: s)
        let sigs = Signatures.review(s, depts: [dept.id])[0]
        if let template { return Outcome(LetterText.render(letter, sigs, template: template)) }
        return Outcome(LetterText.render(letter, sigs, s, width: ctx.width, showSeal: true, sealKey: ctx.log.sealKey))
    }

    static let sign = CommandSpec(
        "sign", usage: "sign DEPT head|supervisor NAME [--as-delegate] [--replace]",
        example: "sign 行銷部 head 林經理",
        // --digest, --device-key, --device-sig, --device-alg: what a participant's device sends (`serve`)
        flags: [FlagSpec("as-delegate"), FlagSpec("replace"), FlagSpec("digest", "DIGEST"),
                FlagSpec("device-key", "KEY"), FlagSpec("device-sig", "SIG"), FlagSpec("device-alg", "ALG")],
        args: 3...3, restJoins: true, step: .sign, needsStep: true
    ) { inv, d, ctx in
        let dept = try Names.department(inv.args[0], in: d.state)
        guard let role = SignatureRole(parsing: inv.args[1]) else {
            let nearest = Nearest.match(inv.args[1], in: SignatureRole.allWords)
            throw CommandError(.suggesting("sign.bad-role", ["role": inv.args[1], "accepted": SignatureRole.accepted], nearest: nearest))
        }
        var name = try Names.clean(inv.args[2], what: "what.person")
        let recorded = role == .head ? dept.head : dept.supervisor
        let delegate = inv.has("as-delegate")
        let roleName = Signatures.roleName(role)
        if let r = recorded, r == name || r.lowercased() == name.lowercased() {
            name = r
            if delegate { throw CommandError("sign.delegate-is-recorded", ["name": r, "role": roleName, "dept": dept.name]) }
        } else if !delegate {
            if let r = recorded {
                throw CommandError("sign.not-recorded", ["name": name, "role": roleName, "dept": dept.name, "recorded": r,
                                                           "cmd": "sign \(Shell.quote(dept.name)) \(role.rawValue) \(Shell.quote(name)) --as-delegate"])
            }
            throw CommandError("sign.none-recorded", ["role": roleName, "dept": dept.name, "flag": role.rawValue])
        }
        let letter = Letter(dept, in: d.state)
        if let why = letter.notReady { throw CommandError("sign.not-ready", ["why": why]) }
        let review = Signatures.review(d.state, depts: [dept.id])[0]
        if let have = review.check(role), have.valid, !inv.has("replace") {
            throw CommandError("sign.already", ["dept": dept.name, "role": roleName, "name": have.signature.name,
                                                  "time": Time.short(have.signature.time)])
        }
        let digest = letter.digest
        // the digest the signer was shown: a letter that changed since is refused, never signed
        if let shown = inv.flag("digest"), shown != digest {
            throw CommandError("sign.digest-changed", ["dept": dept.name, "shown": Letter.short(shown), "now": Letter.short(digest)])
        }
        var device: DeviceSignature?
        if inv.has("device-key") || inv.has("device-sig") || inv.has("device-alg") {
            guard let k = inv.flag("device-key"), let s = inv.flag("device-sig") else { throw CommandError("sign.device-needs-both") }
            // absent: P-256, as every device signed before Ed25519 was accepted
            let name = inv.flag("device-alg") ?? DeviceKeyAlgorithm.p256.rawValue
            guard let alg = DeviceKeyAlgorithm(rawValue: name.lowercased()) else {
                throw CommandError("sign.device-alg", ["alg": name, "accepted": DeviceKeyAlgorithm.allCases.map(\.rawValue).joined(separator: Punct.list)])
            }
            let d = DeviceSignature(key: k, sig: s, algorithm: alg)
            guard d.verifies(digest: digest) else { throw CommandError("sign.device-bad", ["dept": dept.name]) }
            device = d
        }
        var sig = Signature(id: d.nextID(.signature), dept: dept.id, role: role, name: name, time: ctx.now, digest: digest,
                            delegate: delegate)
        sig.letter = Letter.version
        sig.device = device
        d.put(sig)
        var lines = [Paint.good(t(delegate ? "sign.signed-delegate" : "sign.signed", [
            "dept": dept.name, "role": roleName, "name": name, "for": recorded ?? "–", "time": Time.short(ctx.now),
            "digest": Letter.short(digest),
        ]))]
        if let replaced = review.check(role) {
            lines.append(t(replaced.valid ? "sign.replaced" : "sign.resigned", ["name": replaced.signature.name,
                                                                                "time": Time.short(replaced.signature.time)]))
        }
        let after = Signatures.review(d.state)
        lines.append(t("sign.letter-status", ["dept": dept.name, "status": LetterText.statusWord(after.first { $0.dept.id == dept.id }!.status)])
                     + " · " + Signatures.summary(after))
        return Outcome(lines.joined(separator: "\n"))
    }

    static let verify = CommandSpec("verify", usage: "verify", example: "verify", step: .sign) { _, d, ctx in
        let report = Verifier.report(d.state, events: ctx.log.count, integrity: ctx.log.integrityProblems())
        let text = report.text(d.state)
        return report.holds ? Outcome(text) : .refused(text)
    }
}
