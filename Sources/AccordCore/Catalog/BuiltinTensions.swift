/// One side of a tension: a metric (or a family of metrics) pushed one way.
public struct TensionSide: Equatable, Sendable {
    public var metric: String
    public var dir: Direction

    public init(_ metric: String, _ dir: Direction) { self.metric = metric; self.dir = dir }
}

/// "Pushing any of `a` pulls against any of `b`": a tension of the catalog, with its reason
/// and what to do about it, in English and Chinese. A side names metrics or families
/// (`conversion_rate` covers lead conversion, trial conversion …).
public struct TensionRule: Equatable, Sendable {
    /// `seed.N` for the built-in ones, `T<n>` for those added with `tension add`.
    public var key: String
    public var a: [TensionSide]
    public var b: [TensionSide]
    public var reasonEN: String
    public var reasonZH: String
    public var remedyEN: String?

    public init(key: String, a: [TensionSide], b: [TensionSide], reasonEN: String, reasonZH: String, remedyEN: String? = nil) {
        self.key = key; self.a = a; self.b = b; self.reasonEN = reasonEN; self.reasonZH = reasonZH; self.remedyEN = remedyEN
    }

    /// A tension added to the session (`tension add`).
    public init(_ t: Tension) {
        self.init(key: "\(t.ref)", a: [TensionSide(t.a, t.aDir)], b: [TensionSide(t.b, t.bDir)],
                  reasonEN: t.reasonEN, reasonZH: t.reasonZH)
    }
}

/// The design's seed tensions ("A up pulls against B"), most specific first: the first
/// one that matches a pair of KPIs is the one reported.
public enum BuiltinTensions {
    private static func s(_ m: String, _ d: Direction) -> TensionSide { TensionSide(m, d) }

    public static let all: [TensionRule] = [
        TensionRule(
            key: "seed.1", a: [s("ctr", .up)], b: [s("lead_conversion", .up), s("qualified_leads", .up)],
            reasonEN: "Chasing clicks fills the funnel with low-intent leads; lead quality and conversion fall.",
            reasonZH: "追求點擊率會帶進大量低意向名單，線索品質與轉化率隨之下降。",
            remedyEN: "Judge both on a shared outcome such as sales-accepted leads or revenue."),
        TensionRule(
            key: "seed.2", a: [s("leads", .up)], b: [s("lead_conversion", .up)],
            reasonEN: "Pushing lead volume lowers the bar for a lead; the share that converts falls.",
            reasonZH: "為了衝線索數量而放寬標準，線索品質下降，轉化率跟著下滑。",
            remedyEN: "Agree one lead definition and count sales-accepted leads, not raw volume."),
        TensionRule(
            key: "seed.3", a: [s("traffic", .up), s("impressions", .up)], b: [s("conversion_rate", .up)],
            reasonEN: "Buying traffic and exposure brings visitors who do not buy; the conversion rate is diluted.",
            reasonZH: "衝流量與曝光會帶來不會購買的訪客，轉化率因此被稀釋。",
            remedyEN: "Judge traffic by its quality (qualified visits, cost per conversion), not by volume alone."),
        TensionRule(
            key: "seed.4", a: [s("new_customers", .up)], b: [s("cac", .down)],
            reasonEN: "Winning more customers faster costs more per customer.",
            reasonZH: "要更快增加新客，每位客戶的獲客成本就會上升。",
            remedyEN: "Give the new-customer target a CAC ceiling, or judge both on CLTV / CAC."),
        TensionRule(
            key: "seed.5", a: [s("ad_traffic", .up)], b: [s("engagement_rate", .up)],
            reasonEN: "Paid reach brings people who do not engage; the engagement rate falls.",
            reasonZH: "廣告帶來的流量互動意願低，互動率被拉低。",
            remedyEN: "Report paid and organic engagement apart, or judge on engaged users."),
        TensionRule(
            key: "seed.6", a: [s("followers", .up)], b: [s("engagement_rate", .up)],
            reasonEN: "Chasing follower count adds inactive fans and dilutes the engagement rate.",
            reasonZH: "衝粉絲數會帶進不活躍的粉絲，稀釋互動率。",
            remedyEN: "Judge on engaged followers or interactions, not on the follower count alone."),
        TensionRule(
            key: "seed.7", a: [s("content_output", .up)], b: [s("engagement_rate", .up), s("content_conversion", .up)],
            reasonEN: "Publishing more pieces spreads the effort thin; each piece engages and converts less.",
            reasonZH: "一味追求產出篇數，每篇的品質、互動與轉化都會下降。",
            remedyEN: "Set a quality bar (engagement or conversion per piece) beside the output target."),
        TensionRule(
            key: "seed.8", a: [s("discount_rate", .up), s("short_term_revenue", .up)],
            b: [s("gross_margin", .up), s("brand_awareness", .up), s("retention_rate", .up), s("churn_rate", .down)],
            reasonEN: "Discounts and short-term pushes buy revenue now at the cost of margin, brand and loyal customers.",
            reasonZH: "靠折扣與短期衝刺換來的營收，犧牲的是毛利、品牌與客戶忠誠。",
            remedyEN: "Cap discounting, and judge revenue together with margin or retention."),
        TensionRule(
            key: "seed.9", a: [s("handle_time", .down), s("tickets_closed", .up)], b: [s("csat", .up), s("first_contact_resolution", .up)],
            reasonEN: "Rushing contacts to cut handle time leaves problems unsolved; satisfaction falls.",
            reasonZH: "為了壓低處理時間而趕著結案，問題沒解決，滿意度就下降。",
            remedyEN: "Pair handle time with first-contact resolution, and let satisfaction lead."),
        TensionRule(
            key: "seed.10", a: [s("ad_spend", .up)], b: [s("roi", .up)],
            reasonEN: "Spending more reaches less efficient audiences; the return on each dollar falls.",
            reasonZH: "加碼投放會觸及效率較低的受眾，每一塊錢的投資報酬率下降。",
            remedyEN: "Set the budget by marginal return (ROAS), not by a spend target."),
    ]
}
