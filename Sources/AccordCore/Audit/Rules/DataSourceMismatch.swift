/// The same metric measured from different sources (數據打架): the numbers in the room
/// will not agree, and every review becomes an argument about whose figure is right.
public struct DataSourceMismatch: AuditRule {
    public init() {}
    public let id = "data-source-mismatch"
    public let severity = Severity.high
    public let detail = KPIDetail.source
    public let relational = true

    public var examples: [RuleExample] {
        [
            .triggers("線索量 counted in the CRM by marketing and in a sales spreadsheet", [
                ExampleKPI("行銷部", "線索量", source: "CRM"), ExampleKPI("業務部", "線索量", source: "業務Excel"),
            ]),
            .triggers("the same metric under English and Chinese names, two sources", [
                ExampleKPI("Marketing", "Website traffic", source: "GA4"), ExampleKPI("電商部", "網站流量", source: "Shopline後台"),
            ]),
            .passes("one source, written with different case and spacing", [
                ExampleKPI("Marketing", "Leads", source: "Hub Spot"), ExampleKPI("Sales", "MQL", source: "hubspot"),
            ]),
            .passes("different metrics from different sources", [
                ExampleKPI("Marketing", "Leads", source: "HubSpot"), ExampleKPI("Sales", "Revenue", source: "Salesforce"),
            ]),
            .passes("a blank source is not-smart's finding, not a mismatch", [
                ExampleKPI("Marketing", "Leads", source: "HubSpot"), ExampleKPI("Sales", "Leads", source: nil),
            ]),
        ]
    }

    public func check(_ input: AuditInput) -> [Finding] {
        var out: [Finding] = []
        for group in input.byMetric where group.kpis.count > 1 {
            var written: [Int: String] = [:]   // source id → as first written
            var order: [Int] = []
            var involved: [Int] = []
            for i in group.kpis {
                let s = input.sourceOf[i]
                guard s >= 0 else { continue }
                involved.append(i)
                if written[s] == nil { written[s] = input.kpis[i].source!; order.append(s) }
            }
            guard written.count > 1 else { continue }
            let depts = input.depts(of: involved)
            let name = input.metricName(group.kpis)
            let ids = input.ids(involved)
            out.append(Finding(
                rule: id, identity: Finding.identity(id, kpis: ids),
                severity: depts.count > 1 ? severity : severity.lowered,
                kpis: ids, depts: depts, metrics: input.metricKeys(involved),
                explanation: text(written.count == 2 ? "why.two" : "why", [
                    "n": "\(written.count)", "metric": .text(name), "more": order.count > 6 ? " …" : "",
                    "sources": .list(order.prefix(6).map { written[$0]! })]),
                remedy: text("remedy.metric", ["metric": .text(name)])))
        }
        return out
    }
}
