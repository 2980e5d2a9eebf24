/// `goal suggest`: for each open tension between departments, a shared outcome or business
/// metric that both sides move, as a ready-to-type `goal add` line.
public enum Suggest {
    /// The outcomes a metric feeds, nearest first. A tension between A and B is best judged
    /// on an outcome both feed.
    static let feeds: [String: [String]] = [
        "traffic": ["qualified_leads", "revenue"],
        "impressions": ["qualified_leads", "brand_search", "revenue"],
        "ad_traffic": ["qualified_leads", "roas"],
        "ctr": ["qualified_leads", "revenue"],
        "leads": ["qualified_leads", "revenue"],
        "conversion_rate": ["qualified_leads", "revenue"],
        "lead_conversion": ["qualified_leads", "revenue"],
        "signups": ["activation_rate", "revenue"],
        "new_customers": ["cltv", "revenue"],
        "cac": ["cltv", "revenue"],
        "ad_spend": ["roas", "revenue"],
        "roi": ["roas", "revenue"],
        "followers": ["content_conversion", "qualified_leads"],
        "engagement_rate": ["content_conversion", "qualified_leads"],
        "content_output": ["content_conversion", "qualified_leads"],
        "content_engagement": ["content_conversion", "qualified_leads"],
        "handle_time": ["csat", "retention_rate"],
        "first_response_time": ["csat", "retention_rate"],
        "tickets_closed": ["csat", "retention_rate"],
        "csat": ["csat", "retention_rate"],
        "revenue": ["gross_margin", "cltv"],
        "short_term_revenue": ["gross_margin", "cltv"],
        "discount_rate": ["gross_margin", "cltv"],
        "gross_margin": ["gross_margin", "cltv"],
        "retention_rate": ["cltv", "retention_rate"],
        "brand_awareness": ["brand_search", "revenue"],
    ]

    public struct Suggestion: Equatable, Sendable {
        public var conflict: Int
        public var metric: String
        public var line: String
    }

    /// Open cross-department tensions (known-tension and opposing-direction findings).
    public static func tensions(_ s: State) -> [Conflict] {
        s.conflicts.all.filter {
            $0.status == .open && Set($0.depts).count >= 2 && ($0.rule == "known-tension" || $0.rule == "opposing-direction")
        }
    }

    public static func suggestions(_ s: State) -> [Suggestion] {
        let catalog = Catalog(s)
        var out: [Suggestion] = []
        for c in tensions(s) {
            let sides = c.metrics.map { m in catalog.lineage(m).lazy.compactMap { feeds[$0] }.first ?? [] }
            var shared = sides.first ?? []
            for side in sides.dropFirst() { shared = shared.filter(side.contains) }
            let union = sides.flatMap { $0 }
            var picks: [String] = []
            for k in shared + union where !picks.contains(k) && catalog.metric(k).map({ $0.kind != .activity }) == true {
                picks.append(k)
                if picks.count == 2 { break }
            }
            for key in picks {
                out.append(Suggestion(conflict: c.id, metric: key, line: line(for: key, conflict: c, in: s, catalog: catalog)))
            }
        }
        return out
    }

    /// `goal add "Grow sales-accepted leads" --metric qualified_leads --baseline … --owner …`
    static func line(for key: String, conflict c: Conflict, in s: State, catalog: Catalog) -> String {
        let m = catalog.metric(key)!
        // the title in the room's language, with the metric's name in that language
        let name = Language.current == .en ? m.displayName.lowercased() : m.displayName
        let title = t(m.dir == .up ? "suggest.title.up" : "suggest.title.down", ["metric": name])
        var parts = ["goal add", Shell.quote(title), "--metric", key]
        // a baseline from the departments' own KPIs on this metric, when they have one
        let kpis = s.kpis.all.filter { $0.metric.map { catalog.lineage($0).contains(key) } == true && $0.target != nil }
        if let k = kpis.first, let base = k.target {
            let target = m.dir == .up ? base * 1.1 : base * 0.9
            parts += ["--baseline", Num.canonical(base), "--target", Num.canonical((target * 100).rounded() / 100)]
            if let u = k.unit { parts += ["--unit", Shell.quote(u)] }
        }
        if let end = Period.end(s.meta.period) { parts += ["--by", end] }
        return parts.joined(separator: " ")
    }
}
