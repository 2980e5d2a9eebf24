import Foundation

/// Reading and describing KPIs as commands type them.
enum KPIEntry {
    /// `K12`, `k12` or `12`.
    static func find(_ ref: String, _ s: State) throws -> KPI {
        guard let id = ID(parsing: ref, as: .kpi) else { throw CommandError("kpi.bad-id", ["ref": ref]) }
        guard let k = s.kpis[id.number] else {
            throw CommandError("kpi.no-such", ["id": "\(id)", "n": "\(s.kpis.count)"])
        }
        return k
    }

    /// The KPI of this department with this name (case, width, spacing aside).
    static func duplicate(of name: String, in dept: Int, _ s: State) -> KPI? {
        let key = NameKey.of(name, simplify: false)
        return s.kpis.byKey.values.first { $0.dept == dept && NameKey.of($0.name, simplify: false) == key }
    }

    /// Applies the flags of `kpi add` / `kpi edit`; matches the metric by name when it was
    /// not given (and the name is new). Returns the match made, if one was made.
    static func apply(_ inv: Invocation, to k: inout KPI, catalog: Catalog, rename: Bool) throws -> Catalog.Match? {
        func text(_ flag: String, _ what: String) throws -> String?? {
            guard let raw = inv.flag(flag) else { return nil }
            if raw.trimmingCharacters(in: .whitespaces) == "-" { return .some(nil) }
            return .some(try Names.clean(raw, what: what))
        }
        var match: Catalog.Match?
        // a direction that was the old metric's natural one follows the metric
        let oldMetric = k.metric
        let natural = k.dir == nil || k.dir == oldMetric.flatMap { catalog.metric($0)?.dir }
        if let raw = inv.flag("metric") {
            let v = raw.trimmingCharacters(in: .whitespaces)
            if v == "-" || v.lowercased() == "auto" {
                k.metricPinned = false
                match = catalog.match(k.name); k.metric = match?.key
            } else {
                guard let key = catalog.resolve(v) else { throw CommandError(MetricRef.unknown(v, catalog)) }
                k.metric = key; k.metricPinned = true
            }
        } else if rename && !k.metricPinned {
            match = catalog.match(k.name); k.metric = match?.key
        }
        if let raw = inv.flag("dir") {
            if raw == "-" { k.dir = nil } else {
                guard let dir = Direction(parsing: raw) else { throw CommandError("kpi.bad-dir", ["value": raw]) }
                k.dir = dir
            }
        } else if natural, let m = k.metric.flatMap({ catalog.metric($0) }) {
            k.dir = m.dir
        }
        if let raw = inv.flag("target") {
            if raw == "-" { k.target = nil } else {
                guard let n = Num.parse(raw) else {
                    throw CommandError("error.not-a-number", ["flag": "--target", "value": raw])
                }
                k.target = n.value
                if inv.flag("unit") == nil, let u = n.unit { k.unit = u }
            }
        }
        if let u = try text("unit", "what.kpi-unit") { k.unit = u }
        if let s = try text("source", "what.source") { k.source = s }
        if let o = try text("owner", "what.person") { k.owner = o }
        if let raw = inv.flag("cycle") {
            if raw == "-" { k.cycle = nil } else {
                guard let c = Cycle(parsing: raw) else { throw CommandError("kpi.bad-cycle", ["value": raw]) }
                k.cycle = c
            }
        }
        if let raw = inv.flag("weight") {
            if raw == "-" { k.weight = nil } else {
                guard let n = Num.parse(raw), n.unit == nil || n.unit == "%" else {
                    throw CommandError("error.not-a-number", ["flag": "--weight", "value": raw])
                }
                guard n.value >= 0, n.value <= 100 else { throw CommandError("kpi.bad-weight", ["value": raw]) }
                k.weight = n.value
            }
        }
        return match
    }

    /// "→ traffic (Website traffic · 網站流量) ↑ · target 2,000,000 訪次 · GA4 · monthly · weight 30 · 林經理"
    static func describe(_ k: KPI, match: Catalog.Match?, catalog: Catalog) -> String {
        var parts: [String] = []
        if let m = k.metric {
            var how = ""
            if case let .partial(_, via)? = match { how = " " + t("kpi.matched-via", ["via": via]) }
            parts.append("→ \(m) (\(catalog.label(m)))\(how) \((k.dir ?? catalog.metric(m)?.dir)?.arrow ?? "")")
        } else if case let .ambiguous(keys)? = match {
            parts.append(Paint.warn(t("kpi.ambiguous", ["keys": keys.joined(separator: Punct.list)])))
        } else {
            parts.append(Paint.warn(t("kpi.no-match")) + (k.dir.map { " " + $0.arrow } ?? ""))
        }
        if let v = k.target { parts.append(t("kpi.desc.target", ["value": Num.show(v) + (k.unit.map { " " + $0 } ?? "")])) }
        parts += [k.source, k.cycle?.rawValue].compactMap { $0 }
        if let w = k.weight { parts.append(t("kpi.desc.weight", ["value": Num.show(w)])) }
        if let o = k.owner { parts.append(o) }
        return parts.joined(separator: " · ")
    }

    /// "target 3.5 → 4, source Google Ads → GA4"
    static func diff(_ a: KPI, _ b: KPI, _ s: State) -> String {
        var out: [String] = []
        func show(_ label: String, _ x: String?, _ y: String?) {
            if x != y { out.append("\(label) \(x ?? "–") → \(y ?? "–")") }
        }
        show(t("col.department"), s.deptName(a.dept), s.deptName(b.dept))
        show(t("audit.col.name"), a.name, b.name)
        show(t("audit.col.metric"), a.metric, b.metric)
        show(t("audit.col.dir"), a.dir?.arrow, b.dir?.arrow)
        show(t("audit.col.target"), a.target.map { Num.show($0) }, b.target.map { Num.show($0) })
        show(t("audit.col.unit"), a.unit, b.unit)
        show(t("audit.col.source"), a.source, b.source)
        show(t("audit.col.cycle"), a.cycle?.rawValue, b.cycle?.rawValue)
        show(t("audit.col.weight"), a.weight.map { Num.show($0) }, b.weight.map { Num.show($0) })
        show(t("audit.col.owner"), a.owner, b.owner)
        return out.joined(separator: Punct.phrases)
    }
}
