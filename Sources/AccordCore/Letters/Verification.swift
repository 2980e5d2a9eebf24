import Foundation

/// `verify` and `accord verify FILE`: does every signature still hold, and is the session
/// file what accord wrote? Checks
///
/// 1. every signature that counts (the latest per department and role) against the digest
///    of its letter's current content;
/// 2. the event log's hash chain and the head (the stored state's digest, the last event);
/// 3. for a file: that the stored state is the fold of its events.
///
/// The report names each void signature and the first broken link; it holds only when
/// there is nothing to name.
public struct VerifyReport: Sendable {
    public var letters: [LetterSignatures]
    /// Signatures naming a department the session does not have.
    public var orphans: [Signature]
    /// Problems of the hash chain and the head, first broken link first.
    public var integrity: [String]
    /// Where the stored state differs from the fold of the log (files only).
    public var fold: [String]
    public var events: Int
    /// Whether the fold was checked (files) — the REPL's state is the fold by construction.
    public var foldChecked: Bool
    /// The file's seals (files only; docs/seal.md), and the format version it declares.
    public var seals: SealReview?
    public var version: Int?
    /// The keys the seals must be by (`verify --key`, `--trusted-keys`); nil: integrity only.
    public var trusted: Set<String>?

    public var voids: [SignatureCheck] { letters.flatMap(\.voids) }

    /// Events after the file's (in its journal): not sealed yet.
    public var journalEvents: Int { seals.map { max(0, events - $0.events) } ?? 0 }

    /// With trusted keys: a trusted key sealed the file as it is, and nothing is unsealed.
    public var authorshipHolds: Bool {
        guard let trusted else { return true }
        guard let seals else { return false }
        return seals.sealed(byOneOf: trusted) && journalEvents == 0
    }

    public var holds: Bool {
        voids.isEmpty && orphans.isEmpty && integrity.isEmpty && fold.isEmpty && (seals?.holds ?? true) && authorshipHolds
            && badDeviceSignatures.isEmpty
    }

    /// The report as the room reads it.
    /// The signatures that count and were made on a participant's own device.
    public var deviceSignatures: [Signature] {
        letters.flatMap { [$0.head, $0.supervisor] }.compactMap { $0?.signature }.filter { $0.device != nil }
    }

    /// Device signatures whose key did not sign the digest they record.
    public var badDeviceSignatures: [Signature] { deviceSignatures.filter { !$0.device!.verifies(digest: $0.digest) } }

    public func text(_ s: State) -> String {
        var lines: [String] = [Paint.strong(t("verify.signatures"))]
        if letters.isEmpty {
            lines.append("  " + t("verify.no-letters"))
        } else {
            var table = TextTable(indent: 2)
            for l in letters {
                func cell(_ role: SignatureRole) -> String {
                    guard let c = l.check(role) else { return Paint.faint(Signatures.roleName(role) + " " + t("letter.unsigned")) }
                    let who = Signatures.roleName(role) + " " + c.signature.name + (c.signature.delegate ? " " + t("verify.delegate") : "")
                    return c.valid ? Paint.good("✓ " + who) : Paint.bad("✗ " + who)
                }
                table.row([l.dept.name, cell(.head), cell(.supervisor), LetterText.statusWord(l.status)])
            }
            lines.append(table.render())
            lines.append("  " + Signatures.summary(letters))
        }
        for l in letters {
            for c in l.voids {
                lines.append(Paint.bad("  " + t("verify.void", [
                    "who": Signatures.label(c.signature, in: s), "time": Time.short(c.signature.time),
                    "signed": Letter.short(c.signature.digest), "now": Letter.short(l.digest),
                ])))
            }
        }
        for c in deviceSignatures {
            let ok = c.device!.verifies(digest: c.digest)
            let line = t(ok ? "verify.device" : "verify.device-bad", ["who": Signatures.label(c, in: s), "key": c.device!.fingerprint])
            lines.append("  " + (ok ? Paint.good(line) : Paint.bad(line)))
        }
        for o in orphans {
            lines.append(Paint.bad("  " + t("verify.orphan", ["id": "\(o.id)", "role": Signatures.roleName(o.role), "name": o.name,
                                                              "dept": "\(ID(.department, o.dept))"])))
        }
        lines.append(Paint.strong(t("verify.log")))
        if integrity.isEmpty {
            lines.append("  " + Paint.good(t("verify.chain-ok", ["n": "\(events)"])))
        } else {
            for p in integrity { lines.append(Paint.bad("  ✗ " + p)) }
        }
        if foldChecked {
            if fold.isEmpty {
                lines.append("  " + Paint.good(t("verify.fold-ok")))
            } else {
                for p in fold { lines.append(Paint.bad("  ✗ " + p)) }
            }
        }
        if let seals { lines += sealLines(seals) }
        if holds {
            lines.append(Paint.good(t("verify.holds")))
        } else {
            var what: [String] = []
            if !voids.isEmpty { what.append(t("verify.n-void", ["n": "\(voids.count)"])) }
            if !orphans.isEmpty { what.append(t("verify.n-orphans", ["n": "\(orphans.count)"])) }
            if !badDeviceSignatures.isEmpty { what.append(t("verify.n-device-bad", ["n": "\(badDeviceSignatures.count)"])) }
            if !integrity.isEmpty { what.append(t("verify.log-broken")) }
            if !fold.isEmpty { what.append(t("verify.fold-broken")) }
            if let seals, !seals.holds { what.append(t("verify.seals-broken")) }
            if !authorshipHolds { what.append(t("verify.not-trusted")) }
            lines.append(Paint.bad(t("verify.fails", ["what": what.joined(separator: Punct.clauses)])))
        }
        return lines.joined(separator: "\n")
    }
}

extension VerifyReport {
    /// The seals section: who sealed what, what does not hold, and what was checked.
    func sealLines(_ r: SealReview) -> [String] {
        var lines = [Paint.strong(t("verify.seals"))]
        if r.unsealed {
            lines.append("  " + Paint.warn(t("verify.unsealed", ["version": "\(version ?? SessionFile.version)"])))
        }
        for key in r.keysThatSealed {
            var what: [String] = []
            let mine = r.entries.filter { $0.holds && $0.seal.key == key }
            if mine.contains(where: { $0.seal.covers == Seal.Covers.head.rawValue }) {
                what.append(t("verify.seal.head", ["n": "\(r.events)"]))
            }
            let events = mine.filter { $0.seal.covers == Seal.Covers.event.rawValue }.map(\.seal.seq).sorted()
            if !events.isEmpty {
                what.append(t("verify.seal.events", ["n": "\(events.count)", "list": Self.ranges(events)]))
            }
            if let a = mine.first(where: { $0.seal.covers == Seal.Covers.adopted.rawValue }) {
                what.append(t("verify.seal.adopted", ["n": "\(a.seal.seq)"]))
            }
            lines.append("  " + Paint.good(t("verify.seal.by", ["key": Fingerprint.short(key), "what": what.joined(separator: Punct.clauses)])))
        }
        let unknown = r.entries.filter(\.unknown).count
        if unknown > 0 { lines.append("  " + Paint.faint(t("verify.seal.unknown", ["n": "\(unknown)"]))) }
        for p in r.problems { lines.append(Paint.bad("  ✗ " + p)) }
        if journalEvents > 0 {
            lines.append("  " + Paint.warn(t("verify.seal.journal", ["n": "\(journalEvents)", "from": "\(r.events + 1)", "to": "\(events)"])))
        }
        if let trusted {
            let names = trusted.sorted().map(Fingerprint.short).joined(separator: Punct.list)
            if authorshipHolds, let k = r.headKey {
                lines.append("  " + Paint.good(t("verify.key-ok", ["key": Fingerprint.short(k)])))
            } else if let k = r.headKey, !trusted.contains(k) {
                lines.append(Paint.bad("  " + t("verify.key-other", ["trusted": names, "key": Fingerprint.short(k)])))
            } else if !authorshipHolds {
                lines.append(Paint.bad("  " + t("verify.key-none", ["trusted": names])))
            }
        } else {
            lines.append("  " + t("verify.integrity-only"))
        }
        return lines
    }

    /// `12, 14, 20–23`
    static func ranges(_ seqs: [Int]) -> String {
        var out: [String] = []
        var i = 0
        while i < seqs.count {
            var j = i
            while j + 1 < seqs.count, seqs[j + 1] == seqs[j] + 1 { j += 1 }
            out.append(j > i + 1 ? "\(seqs[i])–\(seqs[j])" : (j == i ? "\(seqs[i])" : "\(seqs[i])\(Punct.list)\(seqs[j])"))
            i = j + 1
        }
        return out.joined(separator: Punct.list)
    }
}

public enum Verifier {
    /// The report for a state whose log has `events` events and these integrity problems.
    public static func report(_ s: State, events: Int, integrity: [String], fold: [String]? = nil) -> VerifyReport {
        VerifyReport(letters: Signatures.review(s), orphans: Signatures.orphans(s), integrity: integrity,
                     fold: fold ?? [], events: events, foldChecked: fold != nil)
    }

    /// Checks a session file's bytes. Throws `SessionFile.LoadError` when they are not a
    /// session file at all (the caller says so and exits 65).
    public static func check(file data: Data, trusted: Set<String>? = nil) throws -> (report: VerifyReport, state: State) {
        let image = try SessionFile.parse(data)
        return check(image, trusted: trusted)
    }

    /// Checks a parsed file (its state, head, event lines and seals).
    public static func check(_ image: SessionFile.Image, trusted: Set<String>? = nil) -> (report: VerifyReport, state: State) {
        let problems = SessionFile.integrityProblems(image)
        let fold = ReplayVerify.foldProblems(image.lines, stored: image.state)
        var r = report(image.state, events: image.lines.count, integrity: problems, fold: fold)
        r.seals = SealReview.review(image.seal, head: image.head, lines: image.lines)
        r.version = image.version
        r.trusted = trusted
        return (r, image.state)
    }

    /// Where two states differ, by table and entity: `contribs X4, signatures S2`.
    static func differences(stored: State, folded: State) -> String {
        guard let a = try? json(stored), let b = try? json(folded) else { return "?" }
        var out: [String] = []
        for key in Set(a.keys).union(b.keys).sorted() {
            let x = a[key], y = b[key]
            if same(x, y) { continue }
            if let xs = x as? [[String: Any]], let ys = y as? [[String: Any]] {
                var ids: [String] = []
                let xb = byID(xs), yb = byID(ys)
                for id in Set(xb.keys).union(yb.keys).sorted(by: idOrder) where !same(xb[id], yb[id]) {
                    ids.append(entityName(key, id))
                }
                out.append(ids.isEmpty ? key : ids.prefix(5).joined(separator: Punct.list) + (ids.count > 5 ? Punct.list + "…" : ""))
            } else {
                out.append(key)
            }
        }
        return out.isEmpty ? "?" : out.joined(separator: Punct.clauses)
    }

    private static func json(_ s: State) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: SessionFile.encodeState(s)) as? [String: Any] ?? [:]
    }

    private static func same(_ x: Any?, _ y: Any?) -> Bool {
        switch (x, y) {
        case (nil, nil): return true
        case let (x?, y?):
            let opts: JSONSerialization.WritingOptions = [.sortedKeys]
            return (try? JSONSerialization.data(withJSONObject: [x], options: opts)) == (try? JSONSerialization.data(withJSONObject: [y], options: opts))
        default: return false
        }
    }

    private static func byID(_ items: [[String: Any]]) -> [String: Any] {
        var out: [String: Any] = [:]
        for (i, item) in items.enumerated() { out[(item["id"]).map { "\($0)" } ?? "#\(i)"] = item }
        return out
    }

    private static func idOrder(_ a: String, _ b: String) -> Bool {
        if let x = Int(a), let y = Int(b) { return x < y }
        return a < b
    }

    /// `contribution X4`, `signature S2`, `department D1`.
    static func entityName(_ table: String, _ id: String) -> String {
        let letters = ["contribs": "X", "goals": "G", "kpis": "K", "conflicts": "C", "depts": "D", "signatures": "S", "votes": "V"]
        if let l = letters[table], Int(id) != nil { return "\(table) \(l)\(id)" }
        return "\(table) \(id)"
    }
}
