/// The kinds of numbered things the room names by a letter and a number: `K12` is KPI 12.
/// The letter is also the key of the session's counter for that kind (`Meta.counters`).
/// A new kind is one case here.
public enum IDKind: String, CaseIterable, Sendable {
    case kpi = "K"
    case conflict = "C"
    case goal = "G"
    case contribution = "X"
    case vote = "V"
    case signature = "S"
    case tension = "T"
    case department = "D"
    case adjustment = "A"

    public var letter: String { rawValue }
}

/// An id as people type and read it: printed `K12`, typed `K12`, `k12` or `12`. The session
/// stores only the number (entities keep `id: Int`; the JSON does not change): this type is
/// how the number is named.
///
///     ID(parsing: " k12", as: .kpi)   // K12
///     ID(.goal, 3).description         // "G3"
///     ID(parsing: "G3", as: .kpi)      // nil: a goal's id is not a KPI's
public struct ID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let kind: IDKind
    public let number: Int

    public init(_ kind: IDKind, _ number: Int) { self.kind = kind; self.number = number }

    /// `K12`, `k12` or `12` (spaces around it aside) for `.kpi`; nil for anything else: another
    /// kind's letter, a sign, a number below 1, digits other than 0–9. With `bare: false` the
    /// letter is required (where a bare number means something else).
    public init?(parsing text: String, as kind: IDKind, bare: Bool = true) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if let first = rest.first, String(first).uppercased() == kind.letter { rest = rest.dropFirst() }
        else if !bare { return nil }
        guard !rest.isEmpty, rest.count <= 18, rest.allSatisfy({ $0.isASCII && $0.isNumber }),
              let n = Int(rest), n >= 1 else { return nil }
        self.init(kind, n)
    }

    /// `K12`
    public var description: String { kind.letter + String(number) }

    /// By kind (in `IDKind`'s order), then by number: K2 before K10.
    public static func < (a: ID, b: ID) -> Bool {
        if a.kind != b.kind {
            return IDKind.allCases.firstIndex(of: a.kind)! < IDKind.allCases.firstIndex(of: b.kind)!
        }
        return a.number < b.number
    }

    /// The ids of these numbers as completion offers them (`K1`, `K2` …), in number order.
    public static func completions<S: Sequence>(_ kind: IDKind, _ numbers: S) -> [String] where S.Element == Int {
        numbers.sorted().map { ID(kind, $0).description }
    }
}

/// Each numbered entity's id as the room names it: `kpi.ref` is `K12`.
public protocol Numbered {
    static var idKind: IDKind { get }
    var id: Int { get }
}

extension Numbered {
    public var ref: ID { ID(Self.idKind, id) }
}

extension KPI: Numbered { public static var idKind: IDKind { .kpi } }
extension Conflict: Numbered { public static var idKind: IDKind { .conflict } }
extension Goal: Numbered { public static var idKind: IDKind { .goal } }
extension Contribution: Numbered { public static var idKind: IDKind { .contribution } }
extension Vote: Numbered { public static var idKind: IDKind { .vote } }
extension Signature: Numbered { public static var idKind: IDKind { .signature } }
extension Tension: Numbered { public static var idKind: IDKind { .tension } }
extension Department: Numbered { public static var idKind: IDKind { .department } }
