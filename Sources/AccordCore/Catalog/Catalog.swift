/// The metric catalog a session sees: the built-in metrics and tensions, plus those added
/// with `metric add` and `tension add`. Finds the metric a KPI name means.
///
///     let c = Catalog(state)
///     c.match("網站流量")         // .exact("traffic")
///     c.match("website traffic") // .exact("traffic")
///     c.match("月營收")           // .partial("revenue", via: "營收")
public struct Catalog {
    public let sessionMetrics: [Metric]
    public let sessionTensions: [Tension]
    private let sessionByKey: [String: Metric]
    private let sessionIndex: NameIndex

    public init(_ state: State) {
        self.init(metrics: state.metrics.all, tensions: state.tensions.all)
    }

    public init(metrics: [Metric] = [], tensions: [Tension] = []) {
        sessionMetrics = metrics
        sessionTensions = tensions
        var byKey: [String: Metric] = [:]
        for m in metrics { byKey[m.id] = m }
        sessionByKey = byKey
        sessionIndex = metrics.isEmpty ? NameIndex.empty : NameIndex(metrics)
    }

    // MARK: metrics

    public static var builtinKeys: [String] { Builtin.metrics.map(\.id) }

    public static func isBuiltin(_ key: String) -> Bool { Builtin.byKey[key] != nil }

    /// Every metric: built in first (in catalog order), then the session's.
    public var metrics: [Metric] { Builtin.metrics + sessionMetrics }

    public var keys: [String] { metrics.map(\.id) }

    public func metric(_ key: String) -> Metric? { Builtin.byKey[key] ?? sessionByKey[key] }

    /// The metric and the families it belongs to, nearest first: lead_conversion →
    /// [lead_conversion, conversion_rate].
    public func lineage(_ key: String) -> [String] {
        var out = [key]
        var cur = metric(key)?.family
        while let f = cur, !out.contains(f), out.count < 8 {
            out.append(f)
            cur = metric(f)?.family
        }
        return out
    }

    /// How a metric is named beside its key, in the current language: `Website traffic · 網站流量`
    /// in English (the English name with its Chinese gloss), `網站流量` in zh-Hant, `网站流量` in
    /// zh-Hans. The key itself when the catalog does not know it.
    public func label(_ key: String) -> String {
        guard let m = metric(key) else { return key }
        switch Language.current {
        case .en:
            let gloss = BuiltinMetrics.englishGloss[key] ?? m.zhHant
            return m.en == gloss || gloss.isEmpty ? m.en : "\(m.en) · \(gloss)"
        case .zhHant, .zhHans:
            return m.displayName
        }
    }

    // MARK: tensions

    /// Built-in tensions first, then the session's, in the order they were added.
    public var tensions: [TensionRule] { BuiltinTensions.all + sessionTensions.map(TensionRule.init) }

    // MARK: matching names

    public enum Match: Equatable, Sendable {
        /// The whole name is a name or synonym of this metric.
        case exact(String)
        /// The name contains a name of this metric (`via`, as the catalog writes it).
        case partial(String, via: String)
        /// The name contains names of several metrics equally well.
        case ambiguous([String])
        case none

        public var key: String? {
            switch self {
            case let .exact(k), let .partial(k, _): return k
            case .ambiguous, .none: return nil
            }
        }
    }

    /// The metric a KPI name means: a name or synonym in any language, whatever the case,
    /// width, spacing, punctuation or Chinese script; else the longest catalog name the
    /// KPI name contains as whole words.
    public func match(_ name: String) -> Match {
        let words = NameKey.words(name)
        let key = words.joined()
        guard !key.isEmpty else { return .none }
        if let k = sessionIndex.exact[key] ?? Builtin.index.exact[key] { return .exact(k) }
        let hits = sessionIndex.contained(in: words) + Builtin.index.contained(in: words)
        guard let best = hits.map(\.weight).max() else { return .none }
        let top = hits.filter { $0.weight == best }
        let keys = Array(Set(top.map(\.key))).sorted()
        if keys.count == 1 { return .partial(keys[0], via: top[0].text) }
        return .ambiguous(keys)
    }

    /// A metric named by its key (any case) or by one of its names exactly.
    public func resolve(_ keyOrName: String) -> String? {
        let t = keyOrName.trimmingCharacters(in: .whitespaces)
        if metric(t) != nil { return t }
        if metric(t.lowercased()) != nil { return t.lowercased() }
        if case let .exact(k) = match(t) { return k }
        return nil
    }

    /// The metric (other than `except`) that already has this name, if any.
    public func owner(ofName name: String, except: String? = nil) -> String? {
        let key = NameKey.of(name)
        guard !key.isEmpty else { return nil }
        let hit = sessionIndex.exact[key] ?? Builtin.index.exact[key]
        return hit == except ? nil : hit
    }
}

extension Metric {
    /// The metric's name in the current language: the English name, the Taiwan name in
    /// zh-Hant, the mainland name in zh-Hans. A metric added with only some names falls back
    /// to the other script, then to English.
    public var displayName: String { displayName(in: Language.current) }

    public func displayName(in language: Language) -> String {
        let names: [String]
        switch language {
        case .en: names = [en, zhHant, zhHans]
        case .zhHant: names = [zhHant, zhHans, en]
        case .zhHans: names = [zhHans, zhHant, en]
        }
        return names.first { !$0.isEmpty } ?? id
    }
}

/// Normalised names of a set of metrics: exact keys, and multi-word phrases for matching
/// names that contain them.
struct NameIndex: Sendable {
    struct Phrase: Sendable {
        var words: [String]
        var key: String
        var text: String
        /// Longer phrases win: words first, then characters.
        var weight: Int
    }

    struct Hit { var key: String; var text: String; var weight: Int }

    var exact: [String: String] = [:]
    var phrases: [Phrase] = []
    /// First word → phrases that start with it.
    var byFirst: [String: [Int]] = [:]

    static let empty = NameIndex()

    init() {}

    init(_ metrics: [Metric]) {
        for m in metrics {
            for text in [m.id.replacingOccurrences(of: "_", with: " "), m.en, m.zhHant, m.zhHans] + m.synonyms {
                let words = NameKey.words(text)
                let key = words.joined()
                guard !key.isEmpty else { continue }
                if exact[key] == nil { exact[key] = m.id }
                // a phrase of several words, or one acronym written in capitals (CTR, NPS)
                let acronym = words.count == 1 && text.count >= 2 && text.count <= 5
                    && text.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
                guard words.count >= 2 || acronym else { continue }
                let i = phrases.count
                phrases.append(Phrase(words: words, key: m.id, text: text, weight: words.count * 1000 + key.count))
                byFirst[words[0], default: []].append(i)
            }
        }
    }

    /// Phrases found as whole words inside `words`.
    func contained(in words: [String]) -> [Hit] {
        guard !phrases.isEmpty else { return [] }
        var hits: [Hit] = []
        var seen = Set<Int>()
        for start in words.indices {
            guard let candidates = byFirst[words[start]] else { continue }
            for i in candidates where !seen.contains(i) {
                let p = phrases[i]
                guard start + p.words.count <= words.count else { continue }
                if Array(words[start..<(start + p.words.count)]) == p.words {
                    seen.insert(i)
                    hits.append(Hit(key: p.key, text: p.text, weight: p.weight))
                }
            }
        }
        return hits
    }
}

/// The built-in catalog. Each part is built once, on first use (the name index calls ICU,
/// which costs tens of milliseconds the first time, so it is not built until a name is matched).
enum Builtin {
    static let metrics: [Metric] = BuiltinMetrics.all
    static let byKey: [String: Metric] = {
        var m: [String: Metric] = [:]
        for x in metrics { m[x.id] = x }
        return m
    }()
    static let index = NameIndex(metrics)
}
