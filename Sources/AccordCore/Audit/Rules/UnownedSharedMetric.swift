/// A metric that several departments carry with no single accountable owner: when it
/// misses, each can point at the others.
public struct UnownedSharedMetric: AuditRule {
    public init() {}
    public let id = "unowned-shared-metric"
    public let severity = Severity.medium
    public let detail = KPIDetail.owner
    public let relational = true

    public var examples: [RuleExample] {
        [
            .triggers("線索量 carried by marketing and sales, each with its own owner", [
                ExampleKPI("行銷部", "線索量", owner: "林經理"), ExampleKPI("業務部", "線索量", owner: "張總監"),
            ]),
            .triggers("a shared metric with no owner named", [
                ExampleKPI("Marketing", "Revenue", owner: nil), ExampleKPI("Sales", "Revenue", owner: nil),
            ]),
            .passes("both departments name the same owner", [
                ExampleKPI("Marketing", "Revenue", owner: "Omar Haddad"), ExampleKPI("Sales", "營收", owner: "omar haddad"),
            ]),
            .passes("one department carries it twice", [
                ExampleKPI("Sales", "Revenue", owner: "A"), ExampleKPI("Sales", "New annual revenue", owner: "B"),
            ]),
        ]
    }

    public func check(_ input: AuditInput) -> [Finding] {
        var out: [Finding] = []
        for group in input.byMetric where group.kpis.count > 1 {
            let depts = input.depts(of: group.kpis)
            guard depts.count > 1 else { continue }
            var owners: [Int: String] = [:], order: [Int] = []
            var blank = 0
            for i in group.kpis {
                let o = input.ownerOf[i]
                if o >= 0 {
                    if owners[o] == nil { owners[o] = input.kpis[i].owner!; order.append(o) }
                } else { blank += 1 }
            }
            guard !(owners.count == 1 && blank == 0) else { continue }
            let name = input.metricName(group.kpis)
            let which = owners.isEmpty ? "why.none" : blank > 0 ? "why.some-blank" : "why.owners"
            let args: [String: CatalogText.Arg] = [
                "metric": .text(name), "n": "\(depts.count)", "owners": .list(order.prefix(6).map { owners[$0]! }),
                "more": order.count > 6 ? " …" : "", "count": "\(owners.count)", "blank": "\(blank)"]
            let ids = input.ids(group.kpis)
            out.append(Finding(
                rule: id, identity: Finding.identity(id, kpis: ids), severity: severity,
                kpis: ids, depts: depts, metrics: input.metricKeys(group.kpis),
                explanation: text(which, args),
                remedy: text("remedy.metric", ["metric": .text(name)])))
        }
        return out
    }
}
