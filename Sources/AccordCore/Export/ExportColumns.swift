/// The exports' one column model. Every table an export shows (the sheet's contributions,
/// adopted goals, settled conflicts and signatures; each letter's rows and signatures) is a
/// list of typed rows (`TargetSheet.Row` …) and a column type listing every column that
/// table has: its heading (from the catalog) and the typed value of its cell. A renderer
/// (Markdown, CSV, HTML) chooses which columns it shows, in which order, and formats each
/// value its own way (`ExportValue.plain`, `CSV.cell`, `HTMLExport.cell`); it never lists
/// headings or formats cells on its own. JSON keeps its own schema (schema/export-*.json).
///
///     TargetSheet.Column.all.map(\.heading)     // Goal, Stage, Department, KPI, …
///     TargetSheet.Column.stage.value(row)       // .stage(.retention) → "retention 留存"
public protocol ExportColumn: Hashable, Sendable {
    associatedtype Row
    /// The heading, from the catalog.
    var heading: String { get }
    /// Right-aligned (numbers).
    var numeric: Bool { get }
    func value(_ row: Row) -> ExportValue
}

/// A cell's value as typed data; each renderer formats it.
public enum ExportValue: Equatable, Sendable {
    /// Text from the session (a name, a title, a unit): escaped by each format.
    case text(String)
    /// A KPI's name.
    case kpi(String)
    /// Nothing: `–` where people read, an empty CSV cell.
    case absent
    /// A reference that never wraps: `G1 r2`, `C3`.
    case ref(String)
    /// A calendar date as typed (`2027-12-31`), never wrapped; nil shows as absent.
    case day(String?)
    case number(Double)
    /// A number with its unit: `14,500 USD` (`–` without a number).
    case quantity(Double?, unit: String?)
    /// One stage, always by its label (`retention 留存`, `Export.stageLabel`), in every
    /// format a person reads; JSON writes the stage's id.
    case stage(Stage)
    /// Stages in AARRR order: `retention 留存, revenue 收入`.
    case stages([Stage])
    /// A moment (ISO 8601): `Time.short` where people read, as stored in CSV.
    case time(String)
    case status(LetterStatus)
    case severity(Severity)
    case conflictStatus(ConflictStatus)
    case digest(String)
    /// The signature that counts for a role: `Dana Reyes · 2027-01-15 10:05 · valid`.
    case signature(SignatureLine)
    /// A department with its letter's status beside it when the letter is not signed (for
    /// a table that has no status column).
    case department(String, status: LetterStatus)

    static func text(_ s: String?) -> ExportValue { s.map { .text($0) } ?? .absent }

    /// The text a person reads (Markdown writes it escaped, HTML writes it with markup
    /// around some kinds, CSV writes it for everything but numbers and times).
    public var plain: String {
        switch self {
        case let .text(s), let .kpi(s), let .ref(s), let .digest(s): return s
        case .absent: return "–"
        case let .day(d): return d.map { Dates.show($0) } ?? "–"
        case let .number(v): return Num.show(v)
        case let .quantity(v, unit): return (v.map { Num.show($0) } ?? "–") + (unit.map { " " + $0 } ?? "")
        case let .stage(s): return Export.stageLabel(s)
        case let .stages(list): return list.map(Export.stageLabel).joined(separator: Punct.list)
        case let .time(iso): return Time.short(iso)
        case let .status(st): return Export.statusWord(st)
        case let .severity(s): return s.label
        case let .conflictStatus(s): return t("conflict.status." + s.rawValue)
        case let .signature(line):
            guard let sig = line.signature, let who = line.signer else { return line.verdict }
            return "\(who) · \(Time.short(sig.time)) · \(line.verdict)"
        case let .department(name, st): return st == .signed ? name : name + " " + Export.statusWord(st)
        }
    }
}

// MARK: - the target sheet

extension TargetSheet {
    /// The contributions table.
    public enum Column: ExportColumn {
        case goal, stage, department, kpi, target, challenge, floor, unit, weight, owner, source, cycle, status
        /// The department, with the letter's status beside it when not signed.
        case departmentAndStatus

        /// Every column, as the Markdown and CSV sheets show them.
        public static let all: [Column] = [.goal, .stage, .department, .kpi, .target, .challenge, .floor, .unit, .weight,
                                           .owner, .source, .cycle, .status]

        public var heading: String {
            switch self {
            case .goal: return t("export.col.goal")
            case .stage: return t("export.col.stage")
            case .department, .departmentAndStatus: return t("export.col.department")
            case .kpi: return t("export.col.kpi")
            case .target: return t("export.col.target")
            case .challenge: return t("export.col.challenge")
            case .floor: return t("export.col.floor")
            case .unit: return t("export.col.unit")
            case .weight: return t("export.col.weight")
            case .owner: return t("export.col.owner")
            case .source: return t("export.col.source")
            case .cycle: return t("export.col.cycle")
            case .status: return t("export.col.signature")
            }
        }

        public var numeric: Bool { [.target, .challenge, .floor, .weight].contains(self) }

        public func value(_ r: Row) -> ExportValue {
            switch self {
            case .goal: return .text(Export.goalLabel(r.goal, r.goalTitle))
            case .stage: return .stage(r.stage)
            case .department: return .text(r.department)
            case .departmentAndStatus: return .department(r.department, status: r.status)
            case .kpi: return .kpi(r.kpi)
            case .target: return .number(r.target)
            case .challenge: return .number(r.challenge)
            case .floor: return .number(r.floor)
            case .unit: return .text(r.unit)
            case .weight: return .number(r.weight)
            case .owner: return .text(r.owner)
            case .source: return .text(r.source)
            case .cycle: return .text(r.cycle.label)
            case .status: return .status(r.status)
            }
        }
    }

    /// The adopted goals table.
    public enum GoalColumn: ExportColumn {
        /// `G1 r2`
        case reference
        /// `G1`
        case id
        case title, revision
        /// The metric's id (`cltv`).
        case metric
        /// `cltv (Customer lifetime value · 客戶終身價值)`
        case metricLabel
        case baseline, target
        /// `14,500 USD`
        case targetWithUnit
        case unit, by, owner, stages, votes

        /// As Markdown and HTML show them (the revision beside the id, the unit beside the target).
        public static let prose: [GoalColumn] = [.reference, .title, .metricLabel, .baseline, .targetWithUnit, .by, .owner,
                                                 .stages, .votes]
        /// As CSV holds them (one value per cell).
        public static let cells: [GoalColumn] = [.id, .title, .revision, .metric, .baseline, .target, .unit, .by, .owner,
                                                 .stages, .votes]

        public var heading: String {
            switch self {
            case .reference, .id: return t("export.col.id")
            case .title: return t("export.col.title")
            case .revision: return t("export.col.revision")
            case .metric, .metricLabel: return t("export.col.metric")
            case .baseline: return t("export.col.baseline")
            case .target, .targetWithUnit: return t("export.col.target")
            case .unit: return t("export.col.unit")
            case .by: return t("export.col.by")
            case .owner: return t("export.col.owner")
            case .stages: return t("export.col.stages")
            case .votes: return t("export.col.votes")
            }
        }

        public var numeric: Bool { [.baseline, .target, .targetWithUnit].contains(self) }

        public func value(_ g: GoalRow) -> ExportValue {
            switch self {
            case .reference: return .ref("G\(g.id) r\(g.revision)")
            case .id: return .ref("G\(g.id)")
            case .title: return .text(g.title)
            case .revision: return .number(Double(g.revision))
            case .metric: return .text(g.metric)
            case .metricLabel: return .text(g.metricLabel)
            case .baseline: return g.baseline.map { .number($0) } ?? .absent
            case .target: return g.target.map { .number($0) } ?? .absent
            case .targetWithUnit: return .quantity(g.target, unit: g.unit)
            case .unit: return .text(g.unit)
            case .by: return .day(g.by)
            case .owner: return .text(g.owner)
            case .stages: return .stages(g.stages)
            case .votes: return .text(g.tally)
            }
        }
    }

    /// The settled conflicts table.
    public enum SettledColumn: ExportColumn {
        case id, severity, rule, departments, kpis, status, note

        public static let all: [SettledColumn] = [.id, .severity, .rule, .departments, .kpis, .status, .note]

        public var heading: String {
            switch self {
            case .id: return t("export.col.id")
            case .severity: return t("export.col.severity")
            case .rule: return t("export.col.rule")
            case .departments: return t("export.col.departments")
            case .kpis: return t("export.col.kpis")
            case .status: return t("export.col.status")
            case .note: return t("export.col.note")
            }
        }

        public var numeric: Bool { false }

        public func value(_ c: Settled) -> ExportValue {
            switch self {
            case .id: return .ref("C\(c.id)")
            case .severity: return .severity(c.severity)
            case .rule: return .text(c.rule)
            case .departments: return .text(c.departments.joined(separator: " ↔ "))
            case .kpis: return .text(c.kpis.joined(separator: Punct.clauses))
            case .status: return .conflictStatus(c.status)
            case .note: return .text(c.note)
            }
        }
    }

    /// The signatures table (one row per letter).
    public enum LetterColumn: ExportColumn {
        case department, letter, digest
        case signature(SignatureRole)

        public static let all: [LetterColumn] = [.department, .letter, .digest] + SignatureRole.allCases.map { .signature($0) }

        public var heading: String {
            switch self {
            case .department: return t("export.col.department")
            case .letter: return t("export.col.letter")
            case .digest: return t("export.col.digest")
            case let .signature(role): return t("export.col." + role.rawValue)
            }
        }

        public var numeric: Bool { false }

        public func value(_ l: LetterState) -> ExportValue {
            switch self {
            case .department: return .text(l.department)
            case .letter: return .status(l.status)
            case .digest: return .digest(l.digest)
            case let .signature(role):
                return l.signatures.first { $0.role == role }.map { .signature($0) } ?? .absent
            }
        }
    }
}

// MARK: - the letters

extension LetterSet {
    /// One line of a letter: a contribution row, or nil for a letter without rows (which
    /// still has its department and signatures).
    public struct Line: Sendable {
        public var item: Item
        public var row: Contribution?
    }

    /// Every letter's lines, in order.
    public var lines: [Line] {
        items.flatMap { item in
            item.letter.rows.isEmpty ? [Line(item: item, row: nil)] : item.letter.rows.map { Line(item: item, row: $0) }
        }
    }

    /// A letter line's columns.
    public enum Column: ExportColumn {
        case department, head, supervisor
        /// `G1`
        case goalRef
        /// `G1 Raise customer lifetime value`
        case goal
        case kpi, stage, weight, floor, target, challenge, unit, source, cycle, digest, letter
        case signer(SignatureRole), signedAt(SignatureRole), verdict(SignatureRole)

        /// A letter's rows, as the printed letter shows them (Markdown and HTML).
        public static let rows: [Column] = [.goalRef, .kpi, .stage, .weight, .floor, .target, .challenge, .unit, .source, .cycle]
        /// The CSV: each line with its letter's department, digest, status and signatures.
        public static let flat: [Column] = [.department, .head, .supervisor, .goal, .kpi, .stage, .weight, .floor, .target,
                                            .challenge, .unit, .source, .cycle, .digest, .letter]
            + SignatureRole.allCases.flatMap { [Column.signer($0), .signedAt($0), .verdict($0)] }

        public var heading: String {
            switch self {
            case .department: return t("export.col.department")
            case .head: return t("export.col.head")
            case .supervisor: return t("export.col.supervisor")
            case .goalRef, .goal: return t("export.col.goal")
            case .kpi: return t("export.col.kpi")
            case .stage: return t("export.col.stage")
            case .weight: return t("export.col.weight")
            case .floor: return t("export.col.floor")
            case .target: return t("export.col.target")
            case .challenge: return t("export.col.challenge")
            case .unit: return t("export.col.unit")
            case .source: return t("export.col.source")
            case .cycle: return t("export.col.cycle")
            case .digest: return t("export.col.digest")
            case .letter: return t("export.col.letter")
            case let .signer(role): return t("export.col.sig-signer", ["role": t("export.col." + role.rawValue)])
            case let .signedAt(role): return t("export.col.sig-time", ["role": t("export.col." + role.rawValue)])
            case let .verdict(role): return t("export.col.sig-verdict", ["role": t("export.col." + role.rawValue)])
            }
        }

        public var numeric: Bool { [.weight, .floor, .target, .challenge].contains(self) }

        public func value(_ line: Line) -> ExportValue {
            let l = line.item.letter
            func sig(_ role: SignatureRole) -> SignatureLine? { line.item.signatures.first { $0.role == role } }
            switch self {
            case .department: return .text(l.dept)
            case .head: return .text(l.head)
            case .supervisor: return .text(l.supervisor)
            case .digest: return .digest(line.item.digest)
            case .letter: return .status(line.item.status)
            case let .signer(role): return .text(sig(role)?.signer)
            case let .signedAt(role): return sig(role)?.signature.map { .time($0.time) } ?? .absent
            case let .verdict(role): return .text(sig(role)?.verdict)
            default: break
            }
            guard let r = line.row else { return .absent }
            switch self {
            case .goalRef: return .ref("G\(r.goal)")
            case .goal: return .text(Export.goalLabel(r.goal, l.goals.first { $0.id == r.goal }?.title ?? ""))
            case .kpi: return .kpi(r.kpi)
            case .stage: return .stage(r.stage)
            case .weight: return .number(r.weight)
            case .floor: return .number(r.floor)
            case .target: return .number(r.target)
            case .challenge: return .number(r.challenge)
            case .unit: return .text(r.unit)
            case .source: return .text(r.source)
            case .cycle: return .text(r.cycle.label)
            default: return .absent
            }
        }
    }

    /// A letter's signatures table (one row per role).
    public enum SignatureColumn: ExportColumn {
        case role, recorded, signer, time, digest, verdict

        public static let all: [SignatureColumn] = [.role, .recorded, .signer, .time, .digest, .verdict]

        public var heading: String {
            switch self {
            case .role: return t("export.col.role")
            case .recorded: return t("export.col.name")
            case .signer: return t("export.col.signer")
            case .time: return t("export.col.time")
            case .digest: return t("export.col.signed-digest")
            case .verdict: return t("export.col.verdict")
            }
        }

        public var numeric: Bool { false }

        public func value(_ line: SignatureLine) -> ExportValue {
            switch self {
            case .role: return .text(Signatures.roleName(line.role))
            case .recorded: return .text(line.recorded)
            case .signer: return .text(line.signer)
            case .time: return line.signature.map { .time($0.time) } ?? .absent
            case .digest: return line.signature.map { .digest($0.digest) } ?? .absent
            case .verdict: return .text(line.verdict)
            }
        }
    }
}
