import Foundation

/// Metrics as commands name them, and `metric add`.
enum MetricRef {
    static func unknown(_ name: String, _ catalog: Catalog) -> Message {
        .suggesting("metric.unknown", ["name": name], nearest: Nearest.match(name, in: catalog.keys))
    }

    static func add(_ inv: Invocation, _ d: inout Draft) throws -> Outcome {
        let key = inv.args[0].trimmingCharacters(in: .whitespaces)
        guard key.count >= 2, key.count <= 40, key.first!.isASCII, key.first!.isLetter,
              key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw CommandError("metric.bad-key", ["key": key])
        }
        let catalog = Catalog(d.state)
        if catalog.metric(key) != nil { throw CommandError("metric.exists", ["key": key]) }
        guard let rawName = inv.flag("name") else { throw CommandError("metric.needs-name") }
        let name = try Names.clean(rawName, what: "what.metric-name")
        let zh = try inv.flag("zh").map { try Names.clean($0, what: "what.metric-name") }
        let synonyms = try (inv.flag("synonyms") ?? "").split(whereSeparator: { ",、，;".contains($0) })
            .map { try Names.clean(String($0), what: "what.metric-name") }
        let en = name
        let hant = zh ?? (NameKey.hasCJK(name) ? name : "")
        let hans = hant.isEmpty ? "" : Simplify.simplified(hant)
        for n in [en, hant] + synonyms where !n.isEmpty {
            if let other = catalog.owner(ofName: n) {
                throw CommandError("metric.name-taken", ["name": n, "key": other])
            }
        }
        var stage: Stage?
        if let s = inv.flag("stage") {
            guard let st = Stage(parsing: s) else { throw CommandError("metric.bad-stage", ["value": s]) }
            stage = st
        }
        var kind = MetricKind.outcome
        if let k = inv.flag("kind") {
            guard let kk = MetricKind(rawValue: k.lowercased()) else { throw CommandError("metric.bad-kind", ["value": k]) }
            kind = kk
        }
        var dir = Direction.up
        if let raw = inv.flag("dir") {
            guard let dd = Direction(parsing: raw) else { throw CommandError("kpi.bad-dir", ["value": raw]) }
            dir = dd
        }
        var family: String?
        if let f = inv.flag("family") {
            guard let fk = catalog.resolve(f) else { throw CommandError(unknown(f, catalog)) }
            family = fk
        }
        var aggregation: Aggregation?
        if let raw = inv.flag("agg") {
            guard let a = Aggregation(parsing: raw) else { throw CommandError("metric.bad-agg", ["value": raw]) }
            aggregation = a
        }
        let metric = Metric(id: key, en: en, zhHant: hant, zhHans: hans, synonyms: synonyms, stage: stage, kind: kind,
                            dir: dir, family: family, aggregation: aggregation)
        d.put(metric)
        // KPIs that matched nothing and match the new metric now
        let updated = Catalog(d.state)
        var now: [Int] = []
        for var k in d.state.kpis.all where k.metric == nil && !k.metricPinned {
            guard updated.match(k.name).key == key else { continue }
            k.metric = key
            if k.dir == nil { k.dir = dir }
            d.put(k)
            now.append(k.id)
        }
        var text = t("metric.added", ["key": key, "label": updated.label(key), "stage": stage?.rawValue ?? "–",
                                      "kind": kind.rawValue, "dir": dir.arrow])
        if !now.isEmpty { text += "\n  " + t("metric.rematched", ["ids": now.map { "\(ID(.kpi, $0))" }.joined(separator: " ")]) }
        return Outcome(text)
    }
}
