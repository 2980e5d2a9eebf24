import AccordCore

/// Generated sessions for measuring the audit (`accord-bench audit`, scripts/bench-audit):
/// departments modelled on the ones in the room (marketing, sales, service, social,
/// content, growth), each carrying its kind of metrics with a few sources, owners and
/// cycles, so that every rule has work to do. Deterministic for a given size.
public enum AuditBench {
    struct Profile {
        var name: String
        var metrics: [(String, Direction?)]
        var sources: [String]
    }

    static let profiles: [Profile] = [
        Profile(name: "Marketing", metrics: [("traffic", nil), ("impressions", nil), ("ctr", nil), ("leads", nil),
                                             ("cpl", nil), ("brand_search", nil), ("email_open_rate", nil), ("ad_spend", nil)],
                sources: ["GA4", "HubSpot", "Meta Ads"]),
        Profile(name: "Sales", metrics: [("revenue", nil), ("lead_conversion", nil), ("leads", nil), ("win_rate", nil),
                                         ("discount_rate", .up), ("deal_size", nil), ("pipeline", nil), ("sales_calls", nil)],
                sources: ["Salesforce", "Sales Excel"]),
        Profile(name: "Service", metrics: [("csat", nil), ("handle_time", nil), ("first_response_time", nil),
                                           ("first_contact_resolution", nil), ("complaints", nil), ("tickets_closed", nil),
                                           ("nps", nil), ("retention_rate", nil)],
                sources: ["Zendesk", "Survey tool"]),
        Profile(name: "Social", metrics: [("followers", nil), ("engagement_rate", nil), ("ad_traffic", nil),
                                          ("impressions", nil), ("content_output", nil), ("referrals", nil)],
                sources: ["Instagram", "Meta Business"]),
        Profile(name: "Content", metrics: [("content_output", nil), ("content_engagement", nil), ("page_views", nil),
                                           ("signups", nil), ("content_conversion", nil)],
                sources: ["CMS", "GA4"]),
        Profile(name: "Growth", metrics: [("new_customers", nil), ("cac", nil), ("ad_spend", nil), ("roas", nil),
                                          ("trial_conversion", nil), ("activation_rate", nil), ("churn_rate", nil),
                                          ("cltv", nil)],
                sources: ["Finance sheet", "Salesforce", "Amplitude"]),
    ]

    /// A session with `kpis` KPIs spread evenly over `depts` departments.
    public static func session(kpis: Int, depts: Int) -> State {
        var s = State()
        s.meta.title = "Audit benchmark \(kpis) KPIs"
        s.meta.period = "2027"
        s.meta.step = .audit
        let catalog = Catalog()
        var rng = SplitMix64(seed: UInt64(kpis &* 31 &+ depts))
        for d in 1...max(1, depts) {
            let p = profiles[(d - 1) % profiles.count]
            s.depts[d] = Department(id: d, name: "\(p.name) \(d)", head: "Head \(d)", supervisor: "VP \((d - 1) / 10 + 1)")
        }
        let perDept = kpis / max(1, depts), extra = kpis % max(1, depts)
        var id = 0
        for d in 1...max(1, depts) {
            let p = profiles[(d - 1) % profiles.count]
            let n = perDept + (d <= extra ? 1 : 0)
            for i in 0..<n {
                id += 1
                let (metric, dir) = p.metrics[i % p.metrics.count]
                let m = catalog.metric(metric)!
                var k = KPI(id: id, dept: d, name: "\(m.en) \(i / p.metrics.count + 1)")
                k.metric = metric
                k.metricPinned = true
                k.dir = dir ?? m.dir
                k.target = Double(100 + rng.next() % 10_000)
                k.unit = m.kind == .business ? "USD" : (rng.next() % 40 == 0 ? "pct" : "n")
                k.source = p.sources[Int(rng.next() % UInt64(p.sources.count))]
                k.cycle = rng.next() % 5 == 0 ? .quarterly : .monthly
                k.weight = 100 / Double(n)
                k.owner = rng.next() % 50 == 0 ? nil : "Head \(d)"
                s.kpis[id] = k
            }
        }
        s.meta.counters = ["D": depts, "K": id]
        return s
    }

}

/// A small, fast, deterministic generator (SplitMix64) for generated test and benchmark data
/// (the audit benchmark, the fuzz tests): the same seed gives the same data on every machine.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
