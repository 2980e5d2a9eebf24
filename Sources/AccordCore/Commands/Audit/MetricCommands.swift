import Foundation

/// Step 1, audit: the metric catalog (`metric list|show|add`).
extension AuditCommands {
    static let metricList = CommandSpec(
        "metric list", usage: "metric list [TEXT] [--stage S] [--kind activity|outcome|business]",
        example: "metric list 轉化", flags: [FlagSpec("stage", "S"), FlagSpec("kind", "activity|outcome|business")],
        args: 0...1, step: .audit
    ) { inv, d, ctx in
        let catalog = Catalog(d.state)
        var metrics = catalog.metrics
        if let s = inv.flag("stage") {
            guard let stage = Stage(parsing: s) else { throw CommandError("metric.bad-stage", ["value": s]) }
            metrics = metrics.filter { $0.stage == stage }
        }
        if let k = inv.flag("kind") {
            guard let kind = MetricKind(rawValue: k.lowercased()) else { throw CommandError("metric.bad-kind", ["value": k]) }
            metrics = metrics.filter { $0.kind == kind }
        }
        if let text = inv.args.first {
            let needle = NameKey.of(text)
            metrics = metrics.filter { m in
                ([m.id, m.en, m.zhHant, m.zhHans] + m.synonyms).contains { NameKey.of($0).contains(needle) }
            }
        }
        guard !metrics.isEmpty else { return Outcome(t("metric.none-match")) }
        let session = Set(catalog.sessionMetrics.map(\.id))
        var table = TextTable([t("audit.col.key"), "English", "繁體", "简体", t("audit.col.stage"), t("audit.col.kind"), t("audit.col.dir"), t("audit.col.family")])
        table.wraps(1, 2, 3, 4)
        table.drops(7, 3, 5)
        for m in metrics {
            table.row([m.id + (session.contains(m.id) ? " +" : ""), m.en, m.zhHant, m.zhHans,
                       m.stage.map(Mapping.stageLabel) ?? "–", m.kind.label, m.dir.arrow, m.family ?? ""])
        }
        var summary = t("metric.list-summary", ["n": "\(metrics.count)"])
        // the session's own metrics among the ones listed (marked +), not in the whole catalog
        let listedSession = metrics.filter { session.contains($0.id) }.count
        if listedSession > 0 { summary += " " + t("metric.list-session", ["n": "\(listedSession)"]) + " " + t("metric.list-session-mark") }
        return Outcome(table.render(width: ctx.width) + "\n" + TextWrap.block(summary, width: ctx.width, hanging: 2))
    }

    static let metricShow = CommandSpec(
        "metric show", usage: "metric show KEY", example: "metric show lead_conversion", args: 1...1, step: .audit
    ) { inv, d, ctx in
        let catalog = Catalog(d.state)
        guard let key = catalog.resolve(inv.args[0]), let m = catalog.metric(key) else {
            throw CommandError(MetricRef.unknown(inv.args[0], catalog))
        }
        var lines = [Paint.strong("\(m.id) · \(m.en) · \(m.zhHant) · \(m.zhHans)")]
        lines.append("  " + t("metric.show.facts", ["stage": m.stage.map(Mapping.stageLabel) ?? "–",
                                                    "kind": m.kind.rawValue, "dir": m.dir.arrow + " " + m.dir.rawValue]))
        if let f = m.family { lines.append("  " + t("metric.show.family", ["family": catalog.label(f)])) }
        if let agg = m.aggregation ?? BuiltinAggregation.of(m.id) {
            lines.append("  " + t("metric.show.aggregation", ["agg": t("aggregation." + agg.rawValue)]))
        } else {
            lines.append("  " + t("metric.show.aggregation-unit"))
        }
        let members = catalog.metrics.filter { $0.family == m.id }.map(\.id)
        if !members.isEmpty { lines.append("  " + t("metric.show.members", ["keys": members.joined(separator: Punct.list)])) }
        if !m.synonyms.isEmpty { lines.append("  " + t("metric.show.synonyms", ["list": m.synonyms.joined(separator: Punct.list)])) }
        let lineage = Set(catalog.lineage(m.id))
        for rule in catalog.tensions where (rule.a + rule.b).contains(where: { lineage.contains($0.metric) }) {
            lines.append("  " + t("metric.show.tension", ["pair": TensionText.pair(rule), "reason": rule.reasonText]))
        }
        let kpis = d.state.kpis.all.filter { $0.metric == m.id }
        if !kpis.isEmpty { lines.append("  " + t("metric.show.kpis", ["ids": kpis.prefix(12).map { "\($0.ref)" }.joined(separator: " ")])) }
        return Outcome(TextWrap.block(lines.joined(separator: "\n"), width: ctx.width, hanging: 2))
    }

    static let metricAdd = CommandSpec(
        "metric add", usage: "metric add KEY --name NAME [--zh NAME] [--synonyms \"A, B\"] [--stage S] [--kind activity|outcome|business] [--dir up|down] [--family KEY] [--agg sum|mean|last]",
        example: "metric add inventory_days --name \"Inventory days\" --zh 庫存天數 --stage revenue --kind business --dir down --agg last",
        flags: [FlagSpec("name", "NAME"), FlagSpec("zh", "NAME"), FlagSpec("synonyms", "LIST"), FlagSpec("stage", "S"),
                FlagSpec("kind", "activity|outcome|business"), FlagSpec("dir", "up|down"), FlagSpec("family", "KEY"),
                FlagSpec("agg", "sum|mean|last")],
        args: 1...1, step: .audit
    ) { inv, d, _ in
        try MetricRef.add(inv, &d)
    }
}
