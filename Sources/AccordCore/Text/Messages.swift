/// The message catalog: every sentence a user reads, keyed by id, with `{name}` placeholders.
/// English only for now; a Traditional Chinese table can be added beside `english` without
/// touching the logic. Each feature keeps its own part of the table in a file beside this one
/// (`Messages+Setup.swift` …); `english` merges them.
///
///     t("dept.added", ["name": "Sales"])   // "Added department Sales."
///
/// Plural forms live in the template, so every message gets them the same way:
/// `{n|# metric|# metrics}` is the first form when the argument `n` is 1 and the second
/// otherwise, `#` standing for the number (`1 metric`, `7 metrics`). A language without
/// plurals writes `{n} 項指標`.
public func t(_ key: String, _ args: [String: String] = [:], in language: Language = Language.current) -> String {
    guard let template = Messages.template(key, in: language) else { return "⟨\(key)⟩" }
    guard !args.isEmpty, template.utf8.contains(UInt8(ascii: "{")) else { return template }
    // one pass: copy the template, replacing each {name} (or {name|one|other}) that has an argument
    var out = ""
    out.reserveCapacity(template.utf8.count + 16)
    var rest = Substring(template)
    // by bytes: `{`, `}` and `|` are ASCII, so where they are is a character boundary
    while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")) {
        out += rest[..<open]
        guard let close = rest[open...].utf8.firstIndex(of: UInt8(ascii: "}")) else { break }
        let inside = rest[rest.index(after: open)..<close]
        if let bar = inside.utf8.firstIndex(of: UInt8(ascii: "|")) {
            let name = String(inside[..<bar])
            if let value = args[name] {
                out += Plural.choose(value, forms: inside[inside.index(after: bar)...], language: language)
            } else { out += rest[open...close] }
        } else if let value = args[String(inside)] { out += value } else { out += rest[open...close] }
        rest = rest[rest.index(after: close)...]
    }
    out += rest
    return out
}

/// The plural choice for `{n|one|other}`, by the language's rule (English: `one` when the
/// number is exactly 1; Chinese: always `other`).
enum Plural {
    static func choose(_ value: String, forms: Substring, language: Language) -> String {
        // by bytes: `|` and `#` are ASCII, so their positions are character boundaries
        // (Foundation's replacingOccurrences cost about 4 µs a call here, 100 × the lookup)
        let form: Substring
        if let bar = forms.utf8.firstIndex(of: UInt8(ascii: "|")) {
            form = language.pluralIsOne(value) ? forms[..<bar] : forms[forms.index(after: bar)...]
        } else {
            form = forms
        }
        var out = ""
        var rest = form
        while let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            out += rest[..<hash]
            out += value
            rest = rest[rest.index(after: hash)...]
        }
        out += rest
        return out
    }
}

public enum Messages {
    /// The template for `key` in `language`, or in English when that catalog lacks it.
    @inline(__always)
    static func template(_ key: String, in language: Language) -> String? {
        if language != .en, let own = catalog(language)[key] { return own }
        return english[key]
    }

    /// Each language's own catalog. English is complete; the others hold what has been
    /// translated so far, and every key they hold is one English has, with the same
    /// placeholders (a test checks it).
    public static func catalog(_ language: Language) -> [String: String] {
        switch language {
        case .en: return english
        case .zhHant: return traditional
        case .zhHans: return simplified
        }
    }

    /// Languages whose catalog must define every key English does (a test checks it).
    public static let complete: Set<Language> = [.en, .zhHant, .zhHans]

    public static let traditional: [String: String] = merged(zhHantParts)
    public static let simplified: [String: String] = merged(zhHansParts)
    static var zhHantParts: [KeyValuePairs<String, String>] { [generalZhHant, frontEndZhHant, setupZhHant, helpZhHant, auditZhHant, goalsZhHant, mapZhHant, signZhHant, yearZhHant, yearOutZhHant, replayZhHant, exportsZhHant, demoZhHant, rulesZhHant, labelsZhHant, sealZhHant, displayZhHant, templateZhHant, compareZhHant, carryZhHant, serveZhHant, roomZhHant] }
    static var zhHansParts: [KeyValuePairs<String, String>] { [generalZhHans, frontEndZhHans, setupZhHans, helpZhHans, auditZhHans, goalsZhHans, mapZhHans, signZhHans, yearZhHans, yearOutZhHans, replayZhHans, exportsZhHans, demoZhHans, rulesZhHans, labelsZhHans, sealZhHans, displayZhHans, templateZhHans, compareZhHans, carryZhHans, serveZhHans, roomZhHans] }

    /// One dictionary of every part's entries (the first of a key twice wins; a test keeps
    /// there being none). The parts are lists of pairs, not dictionaries: building each part's
    /// own table and then merging it hashed every key twice, and the prompt's first `t()` at
    /// start-up pays for the whole English catalog.
    static func merged(_ parts: [KeyValuePairs<String, String>]) -> [String: String] {
        var all: [String: String] = [:]
        all.reserveCapacity(parts.reduce(0) { $0 + $1.count })  // no rehashing as it grows
        for part in parts {
            // one lookup per entry: a key already there (a test keeps there being none) is put back
            for (k, v) in part { if let first = all.updateValue(v, forKey: k) { all[k] = first } }
        }
        return all
    }

    /// The placeholders of a template: `{name}` and the name of `{name|one|other}`.
    public static func placeholders(_ template: String) -> Set<String> {
        var out = Set<String>()
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let inside = rest[rest.index(after: open)..<close]
            out.insert(String(inside.split(separator: "|", maxSplits: 1).first ?? inside))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    public static let english: [String: String] = merged(parts)

    /// Every part of the catalog. A feature adds its table here.
    static var parts: [KeyValuePairs<String, String>] { [general, frontEnd, setup, help, audit, goals, map, sign, year, yearOut] + export + [rules, labels, seal, display, template, compare, carry, serve, room] }

    /// Keys that appear in more than one part, or twice in one (a test keeps this empty).
    public static var duplicateKeys: [String] {
        var seen: [String: Int] = [:]
        for part in parts { for (k, _) in part { seen[k, default: 0] += 1 } }
        return seen.filter { $0.value > 1 }.map(\.key).sorted()
    }
}

import Foundation

extension KeyValuePairs {
    /// The keys in order (a part of the catalog, as the catalog tests read it).
    var keys: [Key] { map(\.key) }
}
