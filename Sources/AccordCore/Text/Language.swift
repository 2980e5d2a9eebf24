/// The languages Accord speaks: English, Traditional Chinese as written in Taiwan, and
/// Simplified Chinese as written on the mainland. Each has its own catalog of messages;
/// a key a catalog does not have falls back to English.
public enum Language: String, CaseIterable, Codable, Sendable {
    case en
    case zhHant = "zh-Hant"
    case zhHans = "zh-Hans"

    /// The language every message is shown in while a command runs or its output is drawn.
    /// The front end sets it (`Language.$current.withValue(…)`) from `--lang`, `ACCORD_LANG`,
    /// the session's own setting or the locale; English otherwise.
    @TaskLocal public static var current: Language = .en

    /// `en`, `zh-Hant`, `zh-Hans`, and the forms people type or locales carry: `zh_TW`,
    /// `zh-TW.UTF-8`, `zh_HK`, `zh_MO` → Traditional; `zh_CN`, `zh_SG`, `zh-Hans-CN` →
    /// Simplified; `en_US.UTF-8` → English. Nil for anything else.
    public init?(tag raw: String) {
        var s = raw.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
        if let dot = s.firstIndex(of: ".") { s = String(s[..<dot]) }
        if let at = s.firstIndex(of: "@") { s = String(s[..<at]) }
        let parts = s.split(separator: "-").map(String.init)
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

    /// The language the environment asks for: `ACCORD_LANG`, then the locale (`LC_ALL`,
    /// `LC_MESSAGES`, `LANG`, the first that is set), then English. `environment` is the
    /// process's, handed in by the front end (the core reads no environment itself).
    public static func from(environment get: (String) -> String?) -> Language {
        if let v = get("ACCORD_LANG"), let l = Language(tag: v) { return l }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let v = get(name), !v.isEmpty else { continue }
            return Language(tag: v) ?? .en
        }
        return .en
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
