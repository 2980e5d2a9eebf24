/// A metric that several departments carry with no single accountable owner: when it
/// misses, each can point at the others.
public struct UnownedSharedMetric: AuditRule {
    public init() {}
    public let id = "unowned-shared-metric"
    public let severity = Severity.medium
    public let explanation = "Several departments carry the same metric and no single person is accountable for it."
    public let explanationZH = "多個部門共同背同一指標，卻沒有單一負責人：沒達標時只會互相推諉。"
    public let remedy = "Name one accountable owner for the metric; the other departments contribute to it."
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
            let who: String, whoZH: String
            if owners.isEmpty {
                who = "no owner named"; whoZH = "沒有負責人"
            } else {
                let list = order.prefix(6).map { owners[$0]! }.joined(separator: ", ") + (order.count > 6 ? " …" : "")
                who = blank > 0 ? t("rule.unowned.some-blank", ["list": list, "n": "\(blank)"])
                    : t("rule.unowned.owners", ["list": list, "n": "\(owners.count)"])
                whoZH = "負責人各不相同（\(list)）"
            }
            let ids = input.ids(group.kpis)
            out.append(Finding(
                rule: id, identity: Finding.identity(id, kpis: ids), severity: severity,
                kpis: ids, depts: depts, metrics: input.metricKeys(group.kpis),
                explanation: "\(name) is carried by \(depts.count) departments with \(who): when it misses, nobody is accountable.",
                explanationZH: "\(name)由\(depts.count)個部門共同承擔，\(whoZH)，沒達標時無人當責。",
                remedy: "Name one accountable owner for \(name); the other departments contribute to it."))
        }
        return out
    }
}
