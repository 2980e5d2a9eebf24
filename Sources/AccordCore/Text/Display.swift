#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// How numbers are shown to people: `myriad` writes large round figures in 萬/億 (万/亿 in
/// Simplified Chinese) — `1.5億`, `1,200萬` — when the figure is exactly that (the value is
/// never rounded: `12,345` stays `12,345`); `plain` always writes digits (`150,000,000`);
/// `auto` is `myriad` in a Chinese interface and `plain` in English.
public enum NumberStyle: String, CaseIterable, Sendable {
    case auto, myriad, plain
}

/// How calendar dates (and the date part of times) are shown to people: `iso` 2027-12-31,
/// `slash` 2027/12/31, `minguo` 民國116年12月31日 (the Republic of China calendar, for a
/// Taiwanese room); `auto` is `slash` in a Chinese interface and `iso` in English. What is
/// stored, signed and exported for machines (JSON, CSV) is always ISO 8601.
public enum DateStyle: String, CaseIterable, Sendable {
    case auto, iso, slash, minguo
}

/// The reader's display settings: a user's preference, not part of the session (they change
/// no event and no digest). Read from `ACCORD_NUMBERS` and `ACCORD_DATES` on first use; the
/// REPL's `numbers` and `dates` change them for the rest of the run. A test (or one piece of
/// work) gives itself its own with `Display.$scoped.withValue(DisplaySettings()) { … }`.
public final class DisplaySettings: @unchecked Sendable {
    private let lock = NSLock()
    private var storedNumbers: NumberStyle
    private var storedDates: DateStyle

    public init(numbers: NumberStyle = .auto, dates: DateStyle = .auto) {
        storedNumbers = numbers; storedDates = dates
    }

    public var numbers: NumberStyle {
        get { lock.lock(); defer { lock.unlock() }; return storedNumbers }
        set { lock.lock(); storedNumbers = newValue; lock.unlock() }
    }

    public var dates: DateStyle {
        get { lock.lock(); defer { lock.unlock() }; return storedDates }
        set { lock.lock(); storedDates = newValue; lock.unlock() }
    }
}

public enum Display {
    /// Settings for one piece of work (a test); the process's otherwise.
    @TaskLocal public static var scoped: DisplaySettings?

    /// The process's settings, from the environment (`ACCORD_NUMBERS=plain`, `ACCORD_DATES=minguo`).
    static let process = DisplaySettings(
        numbers: getenv("ACCORD_NUMBERS").flatMap { NumberStyle(rawValue: String(cString: $0).lowercased()) } ?? .auto,
        dates: getenv("ACCORD_DATES").flatMap { DateStyle(rawValue: String(cString: $0).lowercased()) } ?? .auto)

    /// The settings in force: the task's, else the process's.
    public static var settings: DisplaySettings { scoped ?? process }

    /// The number style in force, `auto` resolved for `language`.
    public static func numbers(in language: Language = .current) -> NumberStyle {
        switch settings.numbers {
        case .auto: return language == .en ? .plain : .myriad
        case let other: return other
        }
    }

    /// The date style in force, `auto` resolved for `language`. 民國 years are Taiwan's: in
    /// another language `minguo` shows as `slash`.
    public static func dates(in language: Language = .current) -> DateStyle {
        switch settings.dates {
        case .auto: return language == .en ? .iso : .slash
        case .minguo: return language == .zhHant ? .minguo : .slash
        case let other: return other
        }
    }
}

/// The punctuation that joins the pieces of a sentence the code assembles: `, ` `; ` `: ` in
/// English, full-width in Chinese (`、` `；` `：`), as the glossary's conventions ask.
public enum Punct {
    /// Between the items of a list: `3 agree, 1 abstain` · `3 同意、1 棄權`.
    public static var list: String { t("list.separator") }
    /// Between the phrases of one sentence, such as the changes an edit made:
    /// `target 100 → 120, unit leads → deals` · `目標值 100 → 120，單位 名單 → 成交`.
    public static var phrases: String { t("sep.phrases") }
    /// Between clauses: `C3 …; C4 …` · `C3 …；C4 …`.
    public static var clauses: String { t("sep.clauses") }
    /// After a label: `agree: Marketing` · `同意：行銷部`.
    public static var label: String { t("sep.label") }
}

extension Num {
    /// A number as a person reads it in the current language and number style (`Display`):
    /// `150000000` → `1.5億` (zh-Hant), `1.5亿` (zh-Hans), `150,000,000` (en or `plain`).
    /// Only for what people read: machine exports and digests use `canonical`.
    public static func show(_ v: Double, in language: Language = .current) -> String {
        guard Display.numbers(in: language) == .myriad, let m = myriad(v, simplified: language == .zhHans) else {
            return format(v)
        }
        return m
    }

    /// `v` in 億 or 萬 when it is a whole number of at least 10,000 that the unit writes
    /// exactly with at most two decimals (`1.5億`, `1,200萬`, `123.45萬`); nil otherwise
    /// (`12,345`, `9,999`, `0.5`), so that the figure shown is always the exact value.
    public static func myriad(_ v: Double, simplified: Bool = false) -> String? {
        guard v == v.rounded(), abs(v) >= 1e4, abs(v) < 1e15 else { return nil }
        let n = Int(v)
        for (scale, unit) in [(100_000_000, simplified ? "亿" : "億"), (10_000, simplified ? "万" : "萬")]
        where n.magnitude >= UInt(scale) && n % (scale / 100) == 0 {
            return format(Double(n) / Double(scale)) + unit
        }
        return nil
    }
}

extension Dates {
    /// A stored date (`2027-12-31`) as the room writes it (`Display.dates`): `2027-12-31`,
    /// `2027/12/31`, or `民國116年12月31日`. Text that is not a stored date comes back as it was.
    public static func show(_ stored: String, in language: Language = .current) -> String {
        let u = Array(stored.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = Int(stored.prefix(4)), let m = Int(stored.dropFirst(5).prefix(2)), let d = Int(stored.suffix(2)) else {
            return stored
        }
        return show(year: y, month: m, day: d, style: Display.dates(in: language))
    }

    /// One day in `style`: `minguo` writes 民國 years from 1912 (民國1年) on, and the
    /// Gregorian year with `/` before that.
    static func show(year y: Int, month m: Int, day d: Int, style: DateStyle) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch style {
        case .iso, .auto: return "\(y)-\(two(m))-\(two(d))"
        case .slash: return "\(y)/\(two(m))/\(two(d))"
        case .minguo:
            guard y > 1911 else { return "\(y)/\(two(m))/\(two(d))" }
            return "民國\(y - 1911)年\(m)月\(d)日"
        }
    }
}
