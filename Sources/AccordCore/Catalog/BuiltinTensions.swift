/// One side of a tension: a metric (or a family of metrics) pushed one way.
public struct TensionSide: Equatable, Sendable {
    public var metric: String
    public var dir: Direction

    public init(_ metric: String, _ dir: Direction) { self.metric = metric; self.dir = dir }
}

/// "Pushing any of `a` pulls against any of `b`": a tension of the catalog, with its reason
/// and what to do about it. A built-in tension's texts are in the message catalog
/// (`tension.seed.N.reason`, `.remedy`), in every language; a tension the room added keeps the
/// reason as typed. A side names metrics or families (`conversion_rate` covers lead
/// conversion, trial conversion …).
public struct TensionRule: Equatable, Sendable {
    /// `seed.N` for the built-in ones, `T<n>` for those added with `tension add`.
    public var key: String
    public var a: [TensionSide]
    public var b: [TensionSide]
    public var reason: CatalogText
    public var remedy: CatalogText?

    /// A built-in tension: its reason and remedy are the catalog's.
    init(seed n: Int, a: [TensionSide], b: [TensionSide], remedy: Bool = true) {
        key = "seed.\(n)"; self.a = a; self.b = b
        reason = CatalogText("tension.seed.\(n).reason")
        self.remedy = remedy ? CatalogText("tension.seed.\(n).remedy") : nil
    }

    /// A tension added to the session (`tension add`): the reason as typed, in English and
    /// (when given) Chinese.
    public init(_ t: Tension) {
        key = "\(t.ref)"; a = [TensionSide(t.a, t.aDir)]; b = [TensionSide(t.b, t.bDir)]
        var typed = [Language.en.rawValue: t.reasonEN]
        if t.reasonZH != t.reasonEN { typed[Language.zhHant.rawValue] = t.reasonZH }
        reason = CatalogText("tension.typed", ["reason": .typed(typed)])
        remedy = nil
    }

    public var reasonText: String { reason.rendered() }
    public var reasonEN: String { reason.rendered(in: .en) }
    public var reasonZH: String { reason.rendered(in: .zhHant) }
    public var remedyEN: String? { remedy?.rendered(in: .en) }
}

/// The design's seed tensions ("A up pulls against B"), most specific first: the first
/// one that matches a pair of KPIs is the one reported.
public enum BuiltinTensions {
    private static func s(_ m: String, _ d: Direction) -> TensionSide { TensionSide(m, d) }

    public static let all: [TensionRule] = [
        TensionRule(seed: 1, a: [s("ctr", .up)], b: [s("lead_conversion", .up), s("qualified_leads", .up)]),
        TensionRule(seed: 2, a: [s("leads", .up)], b: [s("lead_conversion", .up)]),
        TensionRule(seed: 3, a: [s("traffic", .up), s("impressions", .up)], b: [s("conversion_rate", .up)]),
        TensionRule(seed: 4, a: [s("new_customers", .up)], b: [s("cac", .down)]),
        TensionRule(seed: 5, a: [s("ad_traffic", .up)], b: [s("engagement_rate", .up)]),
        TensionRule(seed: 6, a: [s("followers", .up)], b: [s("engagement_rate", .up)]),
        TensionRule(seed: 7, a: [s("content_output", .up)], b: [s("engagement_rate", .up), s("content_conversion", .up)]),
        TensionRule(seed: 8, a: [s("discount_rate", .up), s("short_term_revenue", .up)],
                    b: [s("gross_margin", .up), s("brand_awareness", .up), s("retention_rate", .up), s("churn_rate", .down)]),
        TensionRule(seed: 9, a: [s("handle_time", .down), s("tickets_closed", .up)], b: [s("csat", .up), s("first_contact_resolution", .up)]),
        TensionRule(seed: 10, a: [s("ad_spend", .up)], b: [s("roi", .up)]),
    ]
}
