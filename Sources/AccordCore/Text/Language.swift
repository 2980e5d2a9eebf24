/// The languages Accord speaks: English, Traditional Chinese as written in Taiwan, and
/// Simplified Chinese as written on the mainland. Each has its own catalog of messages;
/// a key a catalog does not have falls back to English.
public enum Language: String, CaseIterable, Codable, Sendable {
    case en
    case zhHant = "zh-Hant"
    case zhHans = "zh-Hans"

    /// The language every message is shown in: the one a task set for what it runs
    /// (`Language.$scoped.withValue(.zhHant) { … }`), else the process's (`Language.use`).
    public static var current: Language { scoped ?? process.value }

    /// A language for one piece of work (a test, one command of the REPL).
    @TaskLocal public static var scoped: Language?

    /// Sets the process's language: the front end does it once it knows the choice (`--lang`,
    /// `ACCORD_LANG`, the session's own setting, the locale; English otherwise).
    public static func use(_ language: Language) { process.value = language }

    private static let process = ProcessLanguage()

    /// `en`, `zh-Hant`, `zh-Hans`, and the forms people type or locales carry: `zh_TW`,
    /// `zh-TW.UTF-8`, `zh_HK`, `zh_MO` → Traditional; `zh_CN`, `zh_SG`, `zh-Hans-CN` →
    /// Simplified; `en_US.UTF-8` → English. Nil for anything else.
    public init?(tag raw: String) {
        // the standard library only: every start reads the locale through here, and Foundation's
        // trimmingCharacters and replacingOccurrences cost ~0.2 ms on their first call
        func space(_ c: Unicode.Scalar) -> Bool { c == "\t" || c.properties.generalCategory == .spaceSeparator }
        let scalars = raw.unicodeScalars
        let from = scalars.firstIndex { !space($0) } ?? scalars.endIndex
        let to = scalars.lastIndex { !space($0) }.map(scalars.index(after:)) ?? from
        var s = String(scalars[from..<to]).lowercased()
        if let dot = s.firstIndex(of: ".") { s = String(s[..<dot]) }
        if let at = s.firstIndex(of: "@") { s = String(s[..<at]) }
        let parts = s.split { $0 == "-" || $0 == "_" }.map(String.init)
        guard let first = parts.first else { return nil }
        switch first {
        case "en": self = .en
        case "zh":
            let rest = Set(parts.dropFirst())
            if rest.contains("hant") || !rest.isDisjoint(with: ["tw", "hk", "mo"]) { self = .zhHant }
            else if rest.contains("hans") || !rest.isDisjoint(with: ["cn", "sg", "my"]) || rest.isEmpty { self = .zhHans }
            else { return nil }
        case "c", "posix": self = .en
        default: return nil
        }
    }

    /// The plural form for `{n|one|other}`: English has two; Chinese has one (the `other` form).
    func pluralIsOne(_ value: String) -> Bool {
        switch self {
        case .en: return value == "1"
        case .zhHant, .zhHans: return false
        }
    }

    /// The name of the language in itself, for `lang` and `status`.
    public var name: String {
        switch self {
        case .en: return "English"
        case .zhHant: return "繁體中文（台灣）"
        case .zhHans: return "简体中文（中国大陆）"
        }
    }
}

import Foundation
#if os(Linux)
import Synchronization
#endif

/// The process's language: set by the front end (and the REPL's `lang`), read by every `t()`.
/// On Linux an atomic byte, so a read is one load (behind a lock, reading it was about a third
/// of the cost of a `t()` call: `accord-bench text`); elsewhere a lock (`Atomic` needs macOS 15).
#if os(Linux)
private final class ProcessLanguage: Sendable {
    private let stored = Atomic<UInt8>(0)
    var value: Language {
        get {
            switch stored.load(ordering: .acquiring) {
            case 1: return .zhHant
            case 2: return .zhHans
            default: return .en
            }
        }
        set {
            let byte: UInt8 = switch newValue { case .en: 0; case .zhHant: 1; case .zhHans: 2 }
            stored.store(byte, ordering: .releasing)
        }
    }
}
#else
/// `@unchecked Sendable` is safe: the one stored value is only touched under `lock`.
private final class ProcessLanguage: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Language = .en
    var value: Language {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
#endif

/// How the front end chooses the language: `--lang` or `ACCORD_LANG` (told explicitly), then
/// the session's own setting (`lang`), then the locale, then English.
public struct LanguageChoice: Sendable, Equatable {
    /// From `--lang` or `ACCORD_LANG`: wins over the session's setting.
    public var told: Language?
    /// From `LC_ALL`, `LC_MESSAGES` or `LANG`.
    public var locale: Language

    public init(told: Language?, locale: Language) { self.told = told; self.locale = locale }

    /// `ACCORD_LANG` and the locale, from an environment the front end hands in.
    public init(flag: Language?, environment get: (String) -> String?) {
        told = flag ?? get("ACCORD_LANG").flatMap(Language.init(tag:))
        var loc = Language.en
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let v = get(name), !v.isEmpty else { continue }
            loc = Language(tag: v) ?? .en
            break
        }
        locale = loc
    }

    /// The language for a session whose own setting is `session`.
    public func effective(session: Language?) -> Language { told ?? session ?? locale }
}
