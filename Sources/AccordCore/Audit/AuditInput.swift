import Foundation

/// What the rules look at, grouped once so that no rule compares all pairs of KPIs:
/// KPIs by department, by metric, and by every family a metric belongs to.
public struct AuditInput {
    public let state: State
    public let catalog: Catalog
    /// Every KPI, in id order.
    public let kpis: [KPI]
    /// Departments in the order they were added.
    public let deptOrder: [Int]
    public let byDept: [Int: [KPI]]
    /// KPIs that measure the same thing: same catalog metric, or (for unknown metrics) the
    /// same name. In order of their first KPI.
    public let byMetric: [MetricGroup]
    /// Catalog metric or family → KPIs whose metric is it or belongs to it.
    public let byLineage: [String: [KPI]]
    private let deptRank: [Int: Int]

    public struct MetricGroup {
        /// The catalog key, or nil for KPIs whose metric is unknown (grouped by name).
        public var key: String?
        public var kpis: [KPI]
    }

    public init(_ state: State) {
        self.state = state
        catalog = Catalog(state)
        kpis = state.kpis.all
        deptOrder = state.depts.all.map(\.id)
        var rank: [Int: Int] = [:]
        for (i, d) in deptOrder.enumerated() { rank[d] = i }
        deptRank = rank
        var byDept: [Int: [KPI]] = [:]
        var groupAt: [String: Int] = [:]
        var groups: [MetricGroup] = []
        var byLineage: [String: [KPI]] = [:]
        var lineages: [String: [String]] = [:]
        for k in kpis {
            byDept[k.dept, default: []].append(k)
            let gkey = k.metric ?? "?" + NameKey.of(k.name, simplify: false)
            if let i = groupAt[gkey] { groups[i].kpis.append(k) } else {
                groupAt[gkey] = groups.count
                groups.append(MetricGroup(key: k.metric, kpis: [k]))
            }
            if let m = k.metric {
                let lin: [String]
                if let l = lineages[m] { lin = l } else { lin = catalog.lineage(m); lineages[m] = lin }
                for f in lin { byLineage[f, default: []].append(k) }
            }
        }
        self.byDept = byDept
        byMetric = groups
        self.byLineage = byLineage
    }

    /// The direction a KPI is pushed: as entered, else its metric's natural direction.
    public func dir(_ k: KPI) -> Direction? { k.dir ?? k.metric.flatMap { catalog.metric($0)?.dir } }

    public func kind(_ k: KPI) -> MetricKind? { k.metric.flatMap { catalog.metric($0)?.kind } }

    public func deptName(_ id: Int) -> String { state.deptName(id) }

    /// Department ids in the order the departments were added.
    public func ordered(_ depts: some Sequence<Int>) -> [Int] {
        Array(Set(depts)).sorted { (deptRank[$0] ?? Int.max, $0) < (deptRank[$1] ?? Int.max, $1) }
    }

    /// The departments of these KPIs, in order.
    public func depts(of kpis: [KPI]) -> [Int] { ordered(kpis.map(\.dept)) }

    /// "行銷部, 業務部"
    public func names(_ depts: [Int]) -> String { depts.map(deptName).joined(separator: ", ") }

    /// The metric as the room wrote it: the first KPI's name.
    public func metricName(_ kpis: [KPI]) -> String { kpis.first?.name ?? "?" }

    /// Sorted, distinct metric keys of these KPIs.
    public func metricKeys(_ kpis: [KPI]) -> [String] { Array(Set(kpis.compactMap(\.metric))).sorted() }
}

/// A folded form for comparing sources, owners and units: case, width, spaces and
/// punctuation do not count (Google Analytics = google-analytics).
func fold(_ text: String?) -> String? {
    guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
    let k = NameKey.of(t, simplify: false)
    return k.isEmpty ? t : k
}

/// Units written differently that mean the same.
func unitKey(_ unit: String?) -> String? {
    guard let u = unit?.trimmingCharacters(in: .whitespaces), !u.isEmpty else { return nil }
    let n = u.precomposedStringWithCompatibilityMapping.lowercased()
    let same: [String: String] = [
        "%": "%", "percent": "%", "pct": "%", "百分比": "%", "percentage": "%",
        "元": "twd", "ntd": "twd", "nt$": "twd", "twd": "twd", "新台幣": "twd", "台幣": "twd",
        "usd": "usd", "us$": "usd", "$": "usd", "美元": "usd",
        "rmb": "cny", "cny": "cny", "人民幣": "cny", "人民币": "cny", "¥": "cny",
        "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes", "分鐘": "minutes", "分钟": "minutes",
    ]
    return same[n] ?? fold(n)
}
