import Foundation

/// What the rules look at, grouped once so that no rule compares all pairs of KPIs:
/// KPIs by department, by metric, and by every family a metric belongs to.
///
/// KPIs are addressed by their index in `kpis` (id order). What the rules compare
/// (department, direction, metric, folded source, owner and unit) is held in parallel
/// arrays of plain values, so that grouping and comparing 10,000 KPIs copies no strings.
public struct AuditInput {
    public let state: State
    public let catalog: Catalog
    /// Every KPI, in id order.
    public let kpis: [KPI]
    /// Per KPI index: its id, department, metric key, direction (as entered, else its
    /// metric's natural direction) and its metric's kind.
    public let ids: [Int]
    public let deptOf: [Int]
    public let metricOf: [String?]
    public let dirOf: [Direction?]
    public let kindOf: [MetricKind?]
    /// Per KPI index: its source, owner and unit as small numbers, equal when the texts are
    /// equal once folded (case, width, spacing, punctuation; % = percent …); -1 when blank.
    public let sourceOf: [Int]
    public let ownerOf: [Int]
    public let unitOf: [Int]
    /// Departments in the order they were added.
    public let deptOrder: [Int]
    /// Department → indices of its KPIs.
    public let byDept: [Int: [Int]]
    /// KPIs that measure the same thing: same catalog metric, or (for unknown metrics) the
    /// same name. In order of their first KPI.
    public let byMetric: [MetricGroup]
    /// Catalog metric or family → indices of the KPIs whose metric is it or belongs to it.
    public let byLineage: [String: [Int]]
    private let deptRank: [Int: Int]
    /// Per KPI index: its metric key as a small number (-1: none), and the keys by number,
    /// so that `metricKeys` marks an array instead of hashing a string per KPI.
    private let metricNumberOf: [Int]
    private let metricByNumber: [String]

    public struct MetricGroup {
        /// The catalog key, or nil for KPIs whose metric is unknown (grouped by name).
        public var key: String?
        public var kpis: [Int]
    }

    public init(_ state: State) {
        self.state = state
        let catalog = Catalog(state)
        self.catalog = catalog
        let sortedIDs = state.kpis.byKey.keys.sorted()
        let kpis = sortedIDs.map { state.kpis.byKey[$0]! }
        self.kpis = kpis
        ids = sortedIDs
        deptOrder = state.depts.byKey.keys.sorted()
        var rank: [Int: Int] = [:]
        for (i, d) in deptOrder.enumerated() { rank[d] = i }
        deptRank = rank

        let n = kpis.count
        var deptOf = [Int](repeating: 0, count: n), metricOf = [String?](repeating: nil, count: n)
        var dirOf = [Direction?](repeating: nil, count: n), kindOf = [MetricKind?](repeating: nil, count: n)
        var sourceOf = [Int](repeating: -1, count: n), ownerOf = [Int](repeating: -1, count: n)
        var unitOf = [Int](repeating: -1, count: n)
        var byDept: [Int: [Int]] = [:]
        var groupAt: [String: Int] = [:]
        var groups: [MetricGroup] = []
        var byLineage: [String: [Int]] = [:]
        var metricInfo: [String: (lineage: [String], dir: Direction?, kind: MetricKind?)] = [:]
        var texts = Interner(fold: fold), units = Interner(fold: unitKey)
        for (i, k) in kpis.enumerated() {
            deptOf[i] = k.dept
            byDept[k.dept, default: []].append(i)
            metricOf[i] = k.metric
            sourceOf[i] = texts.id(k.source)
            ownerOf[i] = texts.id(k.owner)
            unitOf[i] = units.id(k.unit)
            let gkey = k.metric ?? "?" + NameKey.of(k.name, simplify: false)
            if let g = groupAt[gkey] { groups[g].kpis.append(i) } else {
                groupAt[gkey] = groups.count
                groups.append(MetricGroup(key: k.metric, kpis: [i]))
            }
            var dir = k.dir
            if let m = k.metric {
                let info: (lineage: [String], dir: Direction?, kind: MetricKind?)
                if let hit = metricInfo[m] { info = hit } else {
                    let metric = catalog.metric(m)
                    info = (catalog.lineage(m), metric?.dir, metric?.kind)
                    metricInfo[m] = info
                }
                for f in info.lineage { byLineage[f, default: []].append(i) }
                dir = dir ?? info.dir
                kindOf[i] = info.kind
            }
            dirOf[i] = dir
        }
        self.deptOf = deptOf; self.metricOf = metricOf; self.dirOf = dirOf; self.kindOf = kindOf
        self.sourceOf = sourceOf; self.ownerOf = ownerOf; self.unitOf = unitOf
        self.byDept = byDept
        var numberOf = [Int](repeating: -1, count: n), numbers: [String: Int] = [:], byNumber: [String] = []
        for (i, m) in metricOf.enumerated() {
            guard let m else { continue }
            if let k = numbers[m] { numberOf[i] = k } else {
                numbers[m] = byNumber.count; numberOf[i] = byNumber.count; byNumber.append(m)
            }
        }
        metricNumberOf = numberOf; metricByNumber = byNumber
        byMetric = groups
        self.byLineage = byLineage
    }

    /// Department ids in the order the departments were added.
    public func ordered(_ depts: some Sequence<Int>) -> [Int] {
        Array(Set(depts)).sorted { (deptRank[$0] ?? Int.max, $0) < (deptRank[$1] ?? Int.max, $1) }
    }

    /// The departments of these KPIs (indices), in order.
    public func depts(of idx: [Int]) -> [Int] { ordered(idx.map { deptOf[$0] }) }

    public func ids(_ idx: [Int]) -> [Int] { idx.map { ids[$0] } }

    public func deptName(_ id: Int) -> String { state.deptName(id) }

    /// "行銷部, 業務部"
    public func names(_ depts: [Int]) -> String { depts.map(deptName).joined(separator: Punct.list) }

    /// The metric as the room wrote it: the first KPI's name.
    public func metricName(_ idx: [Int]) -> String { idx.first.map { kpis[$0].name } ?? "?" }

    /// Sorted, distinct metric keys of these KPIs.
    public func metricKeys(_ idx: [Int]) -> [String] {
        var seen = [Bool](repeating: false, count: metricByNumber.count)
        for i in idx where metricNumberOf[i] >= 0 { seen[metricNumberOf[i]] = true }
        var out: [String] = []
        for (k, on) in seen.enumerated() where on { out.append(metricByNumber[k]) }
        return out.sorted()
    }
}

/// Gives equal texts (once folded) the same small number, folding each distinct text once.
struct Interner {
    let fold: (String?) -> String?
    var byText: [String: Int] = [:]
    var byKey: [String: Int] = [:]

    init(fold: @escaping (String?) -> String?) { self.fold = fold }

    mutating func id(_ text: String?) -> Int {
        guard let text else { return -1 }
        if let hit = byText[text] { return hit }
        let id: Int
        if let key = fold(text) {
            if let k = byKey[key] { id = k } else { id = byKey.count; byKey[key] = id }
        } else { id = -1 }
        byText[text] = id
        return id
    }
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
