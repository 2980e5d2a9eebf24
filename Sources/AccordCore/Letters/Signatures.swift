/// Which signatures hold. Every signature ever made is kept; for each department and role
/// the latest one (highest id) is the one that counts, and it is *valid* while the letter's
/// current digest is the digest it signed, *void* once the letter has changed.
public enum LetterStatus: String, CaseIterable, Sendable {
    /// Head and supervisor both hold a valid signature.
    case signed
    /// One role holds a valid signature, the other has never signed.
    case partly
    /// Nobody has signed.
    case unsigned
    /// A signature that counts no longer matches the letter.
    case void
}

/// The signature that counts for one role, and whether it still holds.
public struct SignatureCheck: Equatable, Sendable {
    public var signature: Signature
    public var valid: Bool
}

/// A department's letter and its signatures.
public struct LetterSignatures: Sendable {
    public var dept: Department
    /// The letter's content digest as shown: in the version its signatures signed (version 1
    /// while every signature that counts signed version 1 and version 1 can still say the
    /// letter, so an existing session's digests never change), else the current version.
    public var digest: String
    /// The version of the canonical content `digest` is of.
    public var version: Int = Letter.version
    public var head: SignatureCheck?
    public var supervisor: SignatureCheck?
    /// Earlier signatures of this letter (replaced, or void and signed again).
    public var earlier: Int

    public func check(_ role: SignatureRole) -> SignatureCheck? { role == .head ? head : supervisor }

    public var status: LetterStatus {
        let checks = [head, supervisor].compactMap { $0 }
        if checks.contains(where: { !$0.valid }) { return .void }
        switch checks.count {
        case 2: return .signed
        case 1: return .partly
        default: return .unsigned
        }
    }

    public var voids: [SignatureCheck] { [head, supervisor].compactMap { $0 }.filter { !$0.valid } }
}

public enum Signatures {
    /// The latest signature per department and role.
    public static func latest(_ s: State) -> [Int: [SignatureRole: Signature]] {
        var out: [Int: [SignatureRole: Signature]] = [:]
        for sig in s.signatures.byKey.values {
            if let have = out[sig.dept]?[sig.role], have.id > sig.id { continue }
            out[sig.dept, default: [:]][sig.role] = sig
        }
        return out
    }

    /// Every department's letter and signatures (or only `depts`), in department order.
    public static func review(_ s: State, depts only: Set<Int>? = nil) -> [LetterSignatures] {
        let latest = latest(s)
        var counts: [Int: Int] = [:]
        for sig in s.signatures.byKey.values { counts[sig.dept, default: 0] += 1 }
        let index = LetterIndex(s)
        var out: [LetterSignatures] = []
        for dept in s.departments where only?.contains(dept.id) ?? true {
            let letter = Letter(dept, in: s, index: index)
            let current = letter.digest
            // a signature made before version 2 holds while version 1 still says the same
            var v1: String??
            func check(_ role: SignatureRole) -> SignatureCheck? {
                latest[dept.id]?[role].map { sig in
                    let version = sig.letter ?? 1
                    if version == Letter.version { return SignatureCheck(signature: sig, valid: sig.digest == current) }
                    if version == 1 {
                        if v1 == nil { v1 = .some(letter.digest(version: 1)) }
                        return SignatureCheck(signature: sig, valid: v1! == sig.digest)
                    }
                    return SignatureCheck(signature: sig, valid: letter.digest(version: version) == sig.digest)
                }
            }
            let h = check(.head), sv = check(.supervisor)
            let counting = [h, sv].compactMap { $0 }
            var digest = current, version = Letter.version
            if !counting.isEmpty, counting.allSatisfy({ ($0.signature.letter ?? 1) == 1 }), let old = v1 ?? letter.digest(version: 1) {
                digest = old; version = 1
            }
            out.append(LetterSignatures(dept: dept, digest: digest, version: version, head: h, supervisor: sv,
                                        earlier: (counts[dept.id] ?? 0) - counting.count))
        }
        return out
    }

    /// Signatures that name a department the session no longer has.
    public static func orphans(_ s: State) -> [Signature] {
        s.signatures.all.filter { s.depts[$0.dept] == nil }
    }

    /// `4 letters: 2 signed, 1 partly, 1 unsigned, 0 void`
    public static func summary(_ letters: [LetterSignatures]) -> String {
        var n: [LetterStatus: Int] = [:]
        for l in letters { n[l.status, default: 0] += 1 }
        return t("sign.summary", ["n": "\(letters.count)", "signed": "\(n[.signed] ?? 0)", "partly": "\(n[.partly] ?? 0)",
                                  "unsigned": "\(n[.unsigned] ?? 0)", "void": "\(n[.void] ?? 0)"])
    }

    /// `Marketing head Dana Reyes`
    public static func label(_ sig: Signature, in s: State) -> String {
        t("sign.label", ["dept": s.deptName(sig.dept), "role": roleName(sig.role), "name": sig.name])
    }

    public static func roleName(_ role: SignatureRole) -> String { t("sign.role." + role.rawValue) }
}

/// Finds the signatures a change voids, and everything else it undoes on the letters. Used by
/// `Engine.run` for every command that changes the session, so it costs nothing unless
/// signatures exist and the change touches what a letter shows.
public enum VoidGuard {
    /// A signature a change voids, named as it was before the change (`Marketing head Dana Reyes`).
    public struct Voided: Equatable, Sendable {
        public var signature: Signature
        public var label: String
    }

    /// What a change does to signed letters, said before it is done.
    public struct Impact: Equatable, Sendable {
        /// Signatures that stay recorded but no longer match their letter.
        public var voided: [Voided] = []
        /// Signatures the change takes out of the session (the undo of a `sign`): their
        /// letters need not have changed.
        public var withdrawn: [Voided] = []
        /// Signatures whose whole letter goes with its department (`dept rm`).
        public var removed: [Voided] = []
        /// Adopted goals the change turns back into proposals (or drops), as they were before.
        public var unadopted: [GoalLoss] = []
        /// Per letter that changed: the department's name and what happened to its rows.
        public var letters: [LetterChange] = []

        public var isEmpty: Bool { voided.isEmpty && withdrawn.isEmpty && removed.isEmpty }
        /// Every signature that no longer holds after the change.
        public var all: [Voided] { voided + withdrawn + removed }
    }

    public struct GoalLoss: Equatable, Sendable {
        public var goal: Goal
        public var dropped: Bool
    }

    public struct LetterChange: Equatable, Sendable {
        public var dept: String
        public var lost: [String] = []
        public var gained: [String] = []
        public var changed: [String] = []
    }

    /// The signatures that held before `ops` and no longer hold after them (their role has no
    /// valid signature any more), whether voided or taken out.
    public static func voided(by ops: [Op], in state: inout State) throws -> [Voided] {
        try impact(of: ops, in: &state).all
    }

    /// What `ops` undo on signed letters. `state` is the state after the ops; it is taken back
    /// to the state before them and forward again in place (no copy); either way failing is
    /// an error (`UndoFailure`, or the op's `FoldError`), never a half-restored state ignored.
    public static func impact(of ops: [Op], in state: inout State) throws -> Impact {
        guard ops.contains(where: touchesLetters) else { return Impact() }
        var depts = Set(state.signatures.byKey.values.map(\.dept))
        for op in ops { if case let .signature(c) = op, let b = c.before { depts.insert(b.dept) } }
        guard !depts.isEmpty else { return Impact() }
        let after = holding(state, depts)
        let rowsAfter = rows(state, depts)
        let adoptedAfter = Set(state.goals.byKey.values.filter { $0.status == .adopted }.map(\.id))
        let droppedAfter = Set(state.goals.byKey.values.filter { $0.status == .dropped }.map(\.id))
        let signaturesAfter = Set(state.signatures.byKey.keys)
        let deptsAfter = Set(state.depts.byKey.keys)
        try state.takeBack(ops)
        var out = Impact()
        do {
            for (key, sig) in holding(state, depts) where after[key] == nil {
                let v = Voided(signature: sig, label: Signatures.label(sig, in: state))
                if signaturesAfter.contains(sig.id) { out.voided.append(v) }
                else if deptsAfter.contains(sig.dept) { out.withdrawn.append(v) } else { out.removed.append(v) }
            }
            if !out.voided.isEmpty {
                out.unadopted = state.goals.byKey.values.filter { $0.status == .adopted && !adoptedAfter.contains($0.id) }
                    .sorted { $0.id < $1.id }.map { GoalLoss(goal: $0, dropped: droppedAfter.contains($0.id)) }
                let signedDepts = Set(out.voided.map(\.signature.dept))
                for dept in state.departments where signedDepts.contains(dept.id) {
                    let before = rows(state, [dept.id])[dept.id] ?? [:]
                    let now = rowsAfter[dept.id] ?? [:]
                    var change = LetterChange(dept: dept.name)
                    for (id, c) in before.sorted(by: { $0.key < $1.key }) {
                        if let n = now[id] { if n != c { change.changed.append(rowLabel(n)) } } else { change.lost.append(rowLabel(c)) }
                    }
                    for (id, c) in now.sorted(by: { $0.key < $1.key }) where before[id] == nil { change.gained.append(rowLabel(c)) }
                    if !(change.lost.isEmpty && change.gained.isEmpty && change.changed.isEmpty) { out.letters.append(change) }
                }
            }
        }
        try state.apply(ops)
        let order = { (v: Voided) in (v.signature.dept, v.signature.role == .head ? 0 : 1) }
        out.voided.sort { order($0) < order($1) }
        out.withdrawn.sort { order($0) < order($1) }
        out.removed.sort { order($0) < order($1) }
        return out
    }

    /// `X7 Sales-accepted leads`
    static func rowLabel(_ c: Contribution) -> String { "\(c.ref) \(c.kpi)" }

    /// The rows on each given department's letter, by contribution id.
    static func rows(_ s: State, _ depts: Set<Int>) -> [Int: [Int: Contribution]] {
        var out: [Int: [Int: Contribution]] = [:]
        for dept in s.departments where depts.contains(dept.id) {
            out[dept.id] = Dictionary(uniqueKeysWithValues: Letter(dept, in: s).rows.map { ($0.id, $0) })
        }
        return out
    }

    /// Valid signatures per "dept/role" for the given departments.
    static func holding(_ s: State, _ depts: Set<Int>) -> [String: Signature] {
        var out: [String: Signature] = [:]
        for l in Signatures.review(s, depts: depts) {
            for check in [l.head, l.supervisor].compactMap({ $0 }) where check.valid {
                out["\(l.dept.id)/\(check.signature.role.rawValue)"] = check.signature
            }
        }
        return out
    }

    /// Could this op change a letter or a signature? (Counters and the step cannot.)
    static func touchesLetters(_ op: Op) -> Bool {
        switch op {
        case let .meta(b, a): return b.title != a.title || b.period != a.period || b.grades != a.grades
        case .dept, .goal, .contrib, .signature, .adjustment: return true
        default: return false
        }
    }

    /// Everything the change undoes, one line each:
    ///
    ///     ⚠ voids 6 signatures: Marketing head Dana Reyes, …
    ///       · G2 "Lower blended acquisition cost" is no longer adopted: …
    ///       · Marketing's letter loses X7 Sales-accepted leads.
    ///     ⚠ takes back 1 signature: Growth supervisor Chris Wong (its letter does not change).
    public static func warning(_ impact: Impact) -> String {
        var lines: [String] = []
        if !impact.voided.isEmpty {
            lines.append(t("void.warning", ["n": "\(impact.voided.count)", "who": impact.voided.map(\.label).joined(separator: Punct.list)]))
            for loss in impact.unadopted {
                let g = loss.goal
                lines.append("  · " + t(loss.dropped ? "void.dropped" : "void.unadopted", ["id": "\(g.ref)", "title": g.current.title]))
            }
            for l in impact.letters {
                if !l.lost.isEmpty { lines.append("  · " + t("void.rows-lost", ["dept": l.dept, "n": "\(l.lost.count)", "rows": l.lost.joined(separator: Punct.list)])) }
                if !l.gained.isEmpty { lines.append("  · " + t("void.rows-gained", ["dept": l.dept, "n": "\(l.gained.count)", "rows": l.gained.joined(separator: Punct.list)])) }
                if !l.changed.isEmpty { lines.append("  · " + t("void.rows-changed", ["dept": l.dept, "n": "\(l.changed.count)", "rows": l.changed.joined(separator: Punct.list)])) }
            }
        }
        if !impact.removed.isEmpty {
            lines.append(t("void.removed", ["n": "\(impact.removed.count)", "who": impact.removed.map(\.label).joined(separator: Punct.list)]))
        }
        if !impact.withdrawn.isEmpty {
            lines.append(t("void.withdrawn", ["n": "\(impact.withdrawn.count)", "who": impact.withdrawn.map(\.label).joined(separator: Punct.list)]))
        }
        return lines.joined(separator: "\n")
    }

    public static func question(_ impact: Impact) -> String {
        warning(impact) + "\n" + t(impact.voided.isEmpty && impact.removed.isEmpty ? "void.question.withdraw" : "void.question")
    }
}

/// The sign step's line of `status` and what to type next there.
public enum SignGate {
    /// `4 letters: 2 signed, 1 partly, 1 unsigned, 0 void`; nil until the room reaches the
    /// sign step or someone signs.
    public static func summary(_ s: State) -> String? {
        guard s.meta.step == .sign || !s.signatures.isEmpty, !s.depts.isEmpty else { return nil }
        return Signatures.summary(Signatures.review(s))
    }

    public static func nextHint(_ s: State) -> String {
        // a goal whose contributions wait for its adoption comes first: signing cannot help
        let waiting = Set(s.contribs.filter { !Mapping.counts($0, in: s) }.map(\.goal))
        if let g = s.goals.all.first(where: { $0.status == .proposed && waiting.contains($0.id) }) {
            let v = Consent.verdict(g, in: s)
            let id = "\(g.ref)"
            if !v.canAdopt {
                return t("status.next.readopt-vote", ["id": id, "n": "\(g.current.number)"])
            }
            return t("status.next.readopt", ["id": id, "n": "\(g.current.number)"])
        }
        let mapBlockers = MapGate.blockers(s)
        if !mapBlockers.isEmpty { return t("status.next.map-first", ["what": mapBlockers.joined(separator: Punct.clauses)]) }
        let letters = Signatures.review(s)
        let voids = letters.filter { $0.status == .void }
        if let first = voids.first {
            return Paint.bad(t("status.next.void", ["n": "\(voids.flatMap(\.voids).count)", "dept": Shell.quote(first.dept.name)]))
        }
        var missing: [(LetterSignatures, SignatureRole)] = []
        for l in letters { for role in SignatureRole.allCases where l.check(role) == nil { missing.append((l, role)) } }
        guard let (l, role) = missing.first else { return Paint.good(t("status.next.signed")) }
        let letter = Letter(l.dept, in: s)
        if let why = letter.notReady { return t("status.next.blocked", ["what": why]) }
        let name = (role == .head ? l.dept.head : l.dept.supervisor) ?? t("sign.name-placeholder")
        return t("status.next.sign", ["cmd": "sign \(Shell.quote(l.dept.name)) \(role.rawValue) \(Shell.quote(name))",
                                      "n": "\(missing.count)"])
    }
}
