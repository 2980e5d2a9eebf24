/// A tension of the catalog between two KPIs: pushing one pulls against the other
/// (clicks against lead quality, handle time against satisfaction …). Between two
/// departments it is a wall; inside one department it is reported one level lower.
///
/// KPIs are found through the catalog's families, so a tension stated for conversion rates
/// covers lead conversion, trial conversion and the others. One finding per tension and
/// pair of departments, however many KPIs each side has.
public struct KnownTension: AuditRule {
    public init() {}
    public let id = "known-tension"
    public let severity = Severity.high
    public let explanation = "Two KPIs that pull against each other: pushing one makes the other worse."
    public let explanationZH = "兩個互相拉扯的指標：把一個往上推，另一個就變差。"
    public let remedy = "Agree which of the two leads, and judge both departments on a shared outcome."
    public let detail = KPIDetail.arrow
    public let relational = true

    public var examples: [RuleExample] {
        [
            .triggers("click-through rate (marketing) against lead conversion (sales)", [
                ExampleKPI("行銷部", "廣告點擊率"), ExampleKPI("業務部", "線索轉化率"),
            ]),
            .triggers("a family: traffic against any conversion rate (here trial-to-paid)", [
                ExampleKPI("Marketing", "Website traffic"), ExampleKPI("Growth", "Trial to paid conversion"),
            ]),
            .triggers("inside one department, at a lower severity", [
                ExampleKPI("客服部", "平均處理時間", dir: .down), ExampleKPI("客服部", "客戶滿意度"),
            ]),
            .triggers("a tension added to the session", [
                ExampleKPI("Ops", "Inventory days", metric: "inventory_days", dir: .down), ExampleKPI("Sales", "Fill rate", metric: "fill_rate"),
            ], metrics: [
                Metric(id: "inventory_days", en: "Inventory days", zhHant: "庫存天數", zhHans: "库存天数", stage: nil, kind: .business, dir: .down),
                Metric(id: "fill_rate", en: "Fill rate", zhHant: "訂單滿足率", zhHans: "订单满足率", stage: .revenue, kind: .outcome, dir: .up),
            ], tensions: [
                Tension(id: 1, a: "inventory_days", aDir: .down, b: "fill_rate", bDir: .up,
                        reasonEN: "Less stock means more orders that cannot be filled.", reasonZH: "庫存越少，缺貨越多。"),
            ]),
            .passes("the same two metrics, but handle time is pushed up, not down", [
                ExampleKPI("客服部", "平均處理時間", dir: .up), ExampleKPI("客服部", "客戶滿意度"),
            ]),
            .passes("metrics with no tension between them", [
                ExampleKPI("Sales", "Revenue"), ExampleKPI("Customer Success", "CSAT"),
            ]),
        ]
    }

    public func check(_ input: AuditInput) -> [Finding] {
        var out: [Finding] = []
        var seen = Set<String>()
        for (rank, tension) in input.catalog.tensions.enumerated() {
            let a = side(tension.a, input)
            guard !a.isEmpty else { continue }
            let b = side(tension.b, input)
            guard !b.isEmpty else { continue }
            for da in input.ordered(a.keys) {
                for db in input.ordered(b.keys) {
                    var aK = a[da]!
                    let bK = b[db]!
                    if da == db {
                        // a KPI on both sides (overlapping families) is not in tension with itself
                        let bIDs = Set(bK.map(\.id))
                        aK = aK.filter { !bIDs.contains($0.id) }
                        if aK.isEmpty { continue }
                    }
                    let ids = aK.map(\.id) + bK.map(\.id)
                    let identity = Finding.identity(id, kpis: ids)
                    guard seen.insert(identity).inserted else { continue }
                    out.append(Finding(
                        rule: id, identity: identity, severity: da == db ? severity.lowered : severity,
                        kpis: ids, depts: da == db ? [da] : [da, db], metrics: uniq((aK + bK).compactMap(\.metric)),
                        explanation: tension.reasonEN, explanationZH: tension.reasonZH,
                        remedy: tension.remedyEN ?? remedy, rank: rank))
                }
            }
        }
        return out
    }

    /// KPIs that push one of these metrics (or their members) the stated way, by department.
    func side(_ sides: [TensionSide], _ input: AuditInput) -> [Int: [KPI]] {
        var out: [Int: [KPI]] = [:]
        var taken = Set<Int>()
        for s in sides {
            for k in input.byLineage[s.metric] ?? [] where input.dir(k) == s.dir && taken.insert(k.id).inserted {
                out[k.dept, default: []].append(k)
            }
        }
        return out.mapValues { $0.sorted { $0.id < $1.id } }
    }

    private func uniq(_ keys: [String]) -> [String] {
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }
}
