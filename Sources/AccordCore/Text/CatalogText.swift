/// A sentence the session stores as data: a catalog key and its arguments, rendered in the
/// reader's language when it is shown (`t`), never as finished English. The audit's findings
/// are stored this way from format 2 on.
///
///     {"key":"rule.opposing-direction.why","args":{"metric":"Lead volume","up":["Marketing"],"down":["Sales"]}}
public struct CatalogText: Codable, Equatable, Hashable, Sendable {
    public var key: String
    public var args: [String: Arg]

    public init(_ key: String, _ args: [String: Arg] = [:]) { self.key = key; self.args = args }

    /// An argument: text as typed (a name), a list of names (joined the language's way), a
    /// term of the catalog (a word such as "unit" that is itself translated), or text a person
    /// typed in several languages (by language tag; English, or the first given, otherwise).
    public enum Arg: Codable, Equatable, Hashable, Sendable {
        case text(String)
        case list([String])
        case term(String)
        case typed([String: String])

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) { self = .text(s); return }
            if let l = try? c.decode([String].self) { self = .list(l); return }
            if let t = try? c.decode(Term.self) { self = .term(t.term); return }
            self = .typed(try c.decode([String: String].self))
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case let .text(s): try c.encode(s)
            case let .list(l): try c.encode(l)
            case let .term(k): try c.encode(Term(term: k))
            case let .typed(m): try c.encode(m)
            }
        }

        struct Term: Codable { var term: String }

        /// The argument as the language writes it.
        func rendered(in language: Language) -> String {
            switch self {
            case let .text(s): return s
            case let .list(l): return l.joined(separator: t("list.separator", in: language))
            case let .term(k): return t(k, in: language)
            case let .typed(m): return m[language.rawValue] ?? m[Language.en.rawValue] ?? m.sorted { $0.key < $1.key }.first?.value ?? ""
            }
        }
    }

    /// The sentence in `language`.
    public func rendered(in language: Language = Language.current) -> String {
        t(key, args.mapValues { $0.rendered(in: language) }, in: language)
    }
}

extension CatalogText.Arg: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self = .text(value) }
}

/// Text a session holds: a catalog sentence (format 2), or the English sentence a format-1
/// file stored, kept exactly as it was so that old files replay and verify unchanged.
public enum StoredText: Codable, Equatable, Hashable, Sendable {
    case literal(String)
    case catalog(CatalogText)

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { self = .literal(s) } else { self = .catalog(try c.decode(CatalogText.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .literal(s): try c.encode(s)
        case let .catalog(m): try c.encode(m)
        }
    }

    /// The text in `language` (a format-1 sentence is English whatever the language).
    public func rendered(in language: Language = Language.current) -> String {
        switch self {
        case let .literal(s): return s
        case let .catalog(m): return m.rendered(in: language)
        }
    }
}
