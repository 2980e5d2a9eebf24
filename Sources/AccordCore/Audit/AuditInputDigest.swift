import Foundation

/// A digest of everything the audit's rules read: the KPIs, departments, session metrics and
/// tensions, plus the build's rules and built-in catalog. `audit` stores it in the session
/// (`meta.audited`) when it brings the register up to date; while the digest of the session
/// still equals it, the register's live conflicts are exactly what a fresh audit would find,
/// so `status`, the "Next:" hint and the gates read the register instead of running the rules
/// again (on 100,000 KPIs the known-tension rule alone hashes tens of millions of KPI ids).
///
/// SHA-256 over a length-prefixed binary form of the fields (no JSON of 100,000 KPIs): about
/// 10 ms per 100,000 KPIs. A file from a build before it has no `meta.audited`: the rules run.
public enum AuditInputDigest {
    /// Bump when a rule changes what it finds for the same input (a build with other rules
    /// must not trust a digest taken by this one). Rule ids and the built-in catalog are
    /// part of the digest anyway.
    static let rulesRevision = "audit-rules.1"

    public static func of(_ s: State) -> String {
        var w = Writer()
        w.bytes.reserveCapacity(s.kpis.count * 120 + 4096)
        w.str(builtin)
        w.int(s.kpis.count)
        for id in s.kpis.byKey.keys.sorted() {
            let k = s.kpis.byKey[id]!
            w.int(k.id); w.int(k.dept); w.str(k.name); w.opt(k.metric); w.int(k.metricPinned ? 1 : 0)
            w.opt(k.dir?.rawValue); w.num(k.target); w.opt(k.unit); w.opt(k.source); w.opt(k.cycle?.rawValue)
            w.num(k.weight); w.opt(k.owner)
            w.json(k.last)
        }
        w.int(s.depts.count)
        for id in s.depts.byKey.keys.sorted() {
            let d = s.depts.byKey[id]!
            w.int(d.id); w.str(d.name); w.opt(d.head); w.opt(d.supervisor)
        }
        w.int(s.metrics.count)
        for id in s.metrics.byKey.keys.sorted() { w.json(s.metrics.byKey[id]) }
        w.int(s.tensions.count)
        for id in s.tensions.byKey.keys.sorted() { w.json(s.tensions.byKey[id]) }
        return "sha256:" + Digest.sha256(w.bytes)
    }

    /// True when the register is what a fresh audit of this session would find: `audit`
    /// stored the digest of this very input (and no rule, catalog or KPI changed since).
    public static func registerIsCurrent(_ s: State) -> Bool {
        guard let mark = s.meta.audited else { return false }
        return mark == DigestMemo.shared.value(s)
    }

    /// The rules and the built-in catalog of this build, once per process.
    static let builtin: String = {
        var parts = [rulesRevision, Auditor.rules.map(\.id).joined(separator: ",")]
        let enc = EventLine.makeEncoder()
        parts.append((try? enc.encode(BuiltinMetrics.all)).map { String(decoding: $0, as: UTF8.self) } ?? "")
        parts.append(BuiltinTensions.all.map { String(reflecting: $0) }.joined(separator: "\n"))
        return Digest.sha256(Data(parts.joined(separator: "\u{1}").utf8))
    }()

    /// Length-prefixed fields, so that no two inputs write the same bytes.
    struct Writer {
        var bytes: [UInt8] = []
        let encoder = EventLine.makeEncoder()

        mutating func int(_ v: Int) {
            withUnsafeBytes(of: Int64(v).littleEndian) { bytes.append(contentsOf: $0) }
        }
        mutating func str(_ s: String) {
            var s = s
            s.withUTF8 { u in int(u.count); bytes.append(contentsOf: u) }
        }
        mutating func opt(_ s: String?) {
            if let s { bytes.append(1); str(s) } else { bytes.append(0) }
        }
        mutating func num(_ d: Double?) {
            if let d { bytes.append(1); withUnsafeBytes(of: d.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } } else { bytes.append(0) }
        }
        mutating func json<T: Encodable>(_ v: T?) {
            guard let v else { bytes.append(0); return }
            bytes.append(1)
            str((try? encoder.encode(v)).map { String(decoding: $0, as: UTF8.self) } ?? "?")
        }
    }
}

/// The digest of the last input asked for: `status` asks from the audit line and the "Next:"
/// hint (and the gates of later steps) for the same state; comparing the tables with the
/// last ones is a check of their storage when nothing changed.
enum DigestMemo {
    static let shared = AuditInputMemo<String>(AuditInputDigest.of)
}
