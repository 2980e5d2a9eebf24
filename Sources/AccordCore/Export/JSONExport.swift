import Foundation

/// The JSON exporters, described by schema/export-sheet.schema.json and
/// schema/export-letters.schema.json. Keys are sorted, numbers are numbers, absent values
/// are left out; `format` and `version` say what the document is.
public enum JSONExport {
    public static let sheetFormat = "accord-export-sheet"
    public static let lettersFormat = "accord-export-letters"
    public static let version = 1

    struct Session: Encodable {
        var title: String
        var period: String
        var file: String
        var events: Int
        var lastEvent: String?
    }

    struct Sig: Encodable {
        var role: String
        var recorded: String?
        var signed: Bool
        var name: String?
        var delegate: Bool?
        var time: String?
        var digest: String?
        var valid: Bool
        var verdict: String

        init(_ l: SignatureLine) {
            role = l.role.rawValue
            recorded = l.recorded
            signed = l.signature != nil
            name = l.signature?.name
            delegate = l.signature?.delegate
            time = l.signature?.time
            digest = l.signature?.digest
            valid = l.valid
            verdict = l.signature == nil ? "unsigned" : l.valid ? "valid" : "void"
        }
    }

    struct SheetDoc: Encodable {
        struct Row: Encodable {
            var contribution: String
            var goal: String
            var goalTitle: String
            var stage: String
            var department: String
            var kpi: String
            var metric: String?
            var target: Double
            var challenge: Double
            var floor: Double
            var unit: String
            var weight: Double
            var owner: String?
            var source: String
            var cycle: String
            var signature: String
        }
        struct Goal: Encodable {
            var id: String
            var revision: Int
            var title: String
            var metric: String?
            var baseline: Double?
            var target: Double?
            var unit: String?
            var by: String?
            var owner: String?
            var stages: [String]
            var tally: String
            var agree: Int
            var abstain: Int
        }
        struct Settled: Encodable {
            var id: String
            var severity: String
            var rule: String
            var departments: [String]
            var kpis: [String]
            var status: String
            var note: String?
        }
        struct Letter: Encodable {
            var department: String
            var status: String
            var digest: String
            var rows: Int
            var weight: Double
            var signatures: [Sig]
        }
        var format = JSONExport.sheetFormat
        var version = JSONExport.version
        var session: Session
        var rows: [Row]
        var goals: [Goal]
        var settled: [Settled]
        var letters: [Letter]
    }

    static func session(_ title: String, _ period: String, _ info: ExportInfo) -> Session {
        Session(title: title, period: period, file: info.file, events: info.events, lastEvent: info.lastTime)
    }

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return e
    }

    public static func sheet(_ sheet: TargetSheet) throws -> Data {
        let doc = SheetDoc(
            session: session(sheet.title, sheet.period, sheet.info),
            rows: sheet.rows.map { r in
                SheetDoc.Row(contribution: "X\(r.contribution)", goal: "G\(r.goal)", goalTitle: r.goalTitle, stage: r.stage.rawValue,
                             department: r.department, kpi: r.kpi, metric: r.metric, target: r.target, challenge: r.challenge,
                             floor: r.floor, unit: r.unit, weight: r.weight, owner: r.owner, source: r.source,
                             cycle: r.cycle.rawValue, signature: r.status.rawValue)
            },
            goals: sheet.goals.map { g in
                SheetDoc.Goal(id: "G\(g.id)", revision: g.revision, title: g.title, metric: g.metric, baseline: g.baseline,
                              target: g.target, unit: g.unit, by: g.by, owner: g.owner, stages: g.stages.map(\.rawValue),
                              tally: g.tally, agree: g.agree, abstain: g.abstain)
            },
            settled: sheet.settled.map { c in
                SheetDoc.Settled(id: "C\(c.id)", severity: c.severity.rawValue, rule: c.rule, departments: c.departments,
                                 kpis: c.kpis, status: c.status.rawValue, note: c.note)
            },
            letters: sheet.letters.map { l in
                SheetDoc.Letter(department: l.department, status: l.status.rawValue, digest: l.digest, rows: l.rows,
                                weight: l.weight, signatures: l.signatures.map(Sig.init))
            })
        var data = try encoder().encode(doc)
        data.append(0x0a)
        return data
    }

    struct LettersDoc: Encodable {
        struct Goal: Encodable {
            var id: String
            var revision: Int
            var title: String
            var metric: String?
            var baseline: Double?
            var target: Double?
            var unit: String?
            var by: String?
        }
        struct Row: Encodable {
            var contribution: String
            var goal: String
            var stage: String
            var kpi: String
            var metric: String?
            var weight: Double
            var floor: Double
            var target: Double
            var challenge: Double
            var unit: String
            var source: String
            var cycle: String
        }
        struct Scoring: Encodable {
            var belowFloor: Double
            var atFloor: Double
            var atTarget: Double
            var atChallenge: Double
            var text: String
        }
        struct Letter: Encodable {
            var department: String
            var head: String?
            var supervisor: String?
            var period: String
            var goals: [Goal]
            var rows: [Row]
            var pending: [String]
            var weightTotal: Double
            var scoring: Scoring
            /// The canonical text the digest is the SHA-256 of (docs/letter-digest.md).
            var canonical: String
            var digest: String
            /// The fingerprint of the key that seals the session (docs/seal.md); absent when unsealed.
            var sealKey: String?
            var status: String
            var signatures: [Sig]
            var earlierSignatures: Int
        }
        var format = JSONExport.lettersFormat
        var version = JSONExport.version
        var session: Session
        var letters: [Letter]
    }

    public static func letters(_ set: LetterSet) throws -> Data {
        let doc = LettersDoc(session: session(set.title, set.period, set.info), letters: set.items.map { item in
            let l = item.letter
            return LettersDoc.Letter(
                department: l.dept, head: l.head, supervisor: l.supervisor, period: l.period,
                goals: l.goals.map { g in
                    LettersDoc.Goal(id: "G\(g.id)", revision: g.revision, title: g.title, metric: g.metric, baseline: g.baseline,
                                    target: g.target, unit: g.unit, by: g.by)
                },
                rows: l.rows.map { r in
                    LettersDoc.Row(contribution: "X\(r.id)", goal: "G\(r.goal)", stage: r.stage.rawValue, kpi: r.kpi, metric: r.metric,
                                   weight: r.weight, floor: r.floor, target: r.target, challenge: r.challenge, unit: r.unit,
                                   source: r.source, cycle: r.cycle.rawValue)
                },
                pending: l.pending.map { "X\($0.id)" }, weightTotal: l.weightTotal,
                scoring: LettersDoc.Scoring(belowFloor: l.scoring.belowFloor, atFloor: l.scoring.atFloor, atTarget: l.scoring.atTarget,
                                            atChallenge: l.scoring.atChallenge, text: l.scoring.text),
                canonical: l.canonical(version: item.version) ?? l.canonical, digest: item.digest, sealKey: set.info.sealKey, status: item.status.rawValue,
                signatures: item.signatures.map(Sig.init), earlierSignatures: item.earlier)
        })
        var data = try encoder().encode(doc)
        data.append(0x0a)
        return data
    }
}
