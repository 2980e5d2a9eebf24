/// The same metric measured from different sources (數據打架): the numbers in the room
/// will not agree, and every review becomes an argument about whose figure is right.
public struct DataSourceMismatch: AuditRule {
    public init() {}
    public let id = "data-source-mismatch"
    public let severity = Severity.high
    public let explanation = "The same metric is measured from different sources: the numbers will disagree (數據打架)."
    public let explanationZH = "同一指標有不同的數據來源，數字一定對不起來（數據打架）。"
    public let remedy = "Agree one source of record for the metric and who maintains it."
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
            var sources: [String: String] = [:]   // folded → as written
            var order: [String] = []
            for k in group.kpis {
                guard let f = fold(k.source) else { continue }
                if sources[f] == nil { sources[f] = k.source!; order.append(f) }
            }
            guard sources.count > 1 else { continue }
            let involved = group.kpis.filter { fold($0.source) != nil }
            let depts = input.depts(of: involved)
            let name = input.metricName(group.kpis)
            let list = order.map { sources[$0]! }.joined(separator: ", ")
            out.append(Finding(
                rule: id, identity: Finding.identity(id, kpis: involved.map(\.id)),
                severity: depts.count > 1 ? severity : severity.lowered,
                kpis: involved.map(\.id), depts: depts, metrics: input.metricKeys(involved),
                explanation: "\(sources.count == 2 ? "Two" : "\(sources.count)") sources for one metric (\(list)): the numbers will disagree (數據打架).",
                explanationZH: "\(name)有\(sources.count)個數據來源（\(list)），數字一定對不起來。",
                remedy: "Agree one source of record for \(name) and who maintains it."))
        }
        return out
    }
}
