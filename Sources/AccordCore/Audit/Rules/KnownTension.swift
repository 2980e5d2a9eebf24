/// A tension of the catalog between two KPIs: pushing one pulls against the other
/// (clicks against lead quality, handle time against satisfaction …). Between two
/// departments it is a wall; inside one department it is reported one level lower.
///
/// KPIs are found through the catalog's families, so a tension stated for conversion rates
/// covers lead conversion, trial conversion and the others. One finding per tension and
/// department pushing its first side (against every other department pushing the second
/// side), however many KPIs each has: the number of findings grows with the departments,
/// never with the pairs of KPIs or of departments.
public struct KnownTension: AuditRule {
    public init() {}
    public let id = "known-tension"
    public let severity = Severity.high
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
            let bDepts = input.ordered(b.keys)
            // The second side's KPIs, department after department. Every finding against the
            // other departments names all of them but its own department's run: they share
            // this one list (RefList), which the session file stores once.
            var bAll: [Int] = [], run: [Int: (kpis: Range<Int>, at: Int)] = [:]
            for (at, d) in bDepts.enumerated() {
                let from = bAll.count
                bAll += b[d]!
                run[d] = (from..<bAll.count, at)
            }
            let bIDs = input.ids(bAll)
            let bMetrics = input.metricKeys(bAll)
            func add(_ aK: [Int], _ kpis: RefList, depts: RefList, severity: Severity, bMetrics: [String]) {
                let identity = Finding.identity(id, kpis: kpis.array)
                guard seen.insert(identity).inserted else { return }
                var metrics = input.metricKeys(aK)
                for m in bMetrics where !metrics.contains(m) { metrics.append(m) }
                out.append(Finding(
                    rule: id, identity: identity, severity: severity, kpis: kpis, depts: depts, metrics: metrics,
                    explanation: tension.reason, remedy: tension.remedy ?? remedyText, rank: rank))
            }
            for da in input.ordered(a.keys) {
                let aK = a[da]!
                // inside the department (a KPI on both sides is not in tension with itself)
                if let inside = b[da] {
                    let own = aK.filter { !inside.contains($0) }
                    if !own.isEmpty {
                        add(own, RefList(input.ids(own) + input.ids(inside)), depts: [da], severity: severity.lowered,
                            bMetrics: input.metricKeys(inside))
                    }
                }
                // against every other department that pushes the other side
                if bDepts.count == 1 && bDepts[0] == da { continue }
                let aIDs = input.ids(aK)
                if let mine = run[da] {
                    let others = RefList(aIDs, shared: bIDs, ranges: [0..<mine.kpis.lowerBound, mine.kpis.upperBound..<bIDs.count])
                    let depts = RefList([da], shared: bDepts, ranges: [0..<mine.at, (mine.at + 1)..<bDepts.count])
                    add(aK, others, depts: depts, severity: severity,
                        bMetrics: input.metricKeys(Array(bAll[..<mine.kpis.lowerBound]) + Array(bAll[mine.kpis.upperBound...])))
                } else {
                    add(aK, RefList(aIDs, shared: bIDs, ranges: [bIDs.indices]), depts: RefList([da], shared: bDepts, ranges: [bDepts.indices]),
                        severity: severity, bMetrics: bMetrics)
                }
            }
        }
        return out
    }

    /// KPIs (indices) that push one of these metrics (or their members) the stated way, by department.
    func side(_ sides: [TensionSide], _ input: AuditInput) -> [Int: [Int]] {
        var out: [Int: [Int]] = [:]
        var taken = Set<Int>()
        for s in sides {
            for i in input.byLineage[s.metric] ?? [] where input.dirOf[i] == s.dir && taken.insert(i).inserted {
                out[input.deptOf[i], default: []].append(i)
            }
        }
        return sides.count == 1 ? out : out.mapValues { $0.sorted() }
    }
}
