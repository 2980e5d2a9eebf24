/// Last year's figures and goals as the room reads them: the table beside the carried KPIs
/// (`kpi last-year`, and at the head of `audit` in a carried session), last year's goals
/// (`goal last-year`), and where the session came from (`verify`, `status`).
public enum CarryText {
    /// `last year 11,065 against 900/1,000/1,200 · 94.4% · B`
    public static func lastYearNote(_ l: LastYear, unit: String?) -> String {
        guard let a = l.actual else { return t("carry.note.none", ["period": l.period]) }
        return t("carry.note", ["period": l.period, "actual": YearText.number(a), "target": YearText.number(l.target),
                                "completion": YearText.percent(l.completion), "grade": l.grade ?? "–"])
    }

    /// Where last year's figures came from: `2027 review of acme.json (Acme 2027 Alignment)`.
    public static func sourceLine(_ s: State) -> String? {
        let sources = [s.meta.lineage].compactMap { $0 } + (s.meta.imports ?? [])
        guard !sources.isEmpty else { return nil }
        return sources.map { l in
            t("carry.source", ["file": l.file, "title": l.title.isEmpty ? l.file : l.title,
                               "review": l.review.isEmpty ? "–" : l.review])
        }.joined(separator: t("list.separator"))
    }

    /// The carried KPIs with last year's figures, nil when none was carried.
    public static func lastYearTable(_ s: State, dept: Int? = nil, width: Int) -> String? {
        let kpis = s.kpis.all.filter { $0.last != nil && (dept == nil || $0.dept == dept) }
        guard !kpis.isEmpty else { return nil }
        var table = TextTable([t("year.col.kpi"), t("col.department"), t("carry.col.was"), t("carry.col.target"),
                               t("carry.col.bounds"), t("carry.col.actual"), t("carry.col.months"), t("carry.col.completion"),
                               t("carry.col.grade")],
                              align: [.left, .left, .left, .right, .right, .right, .right, .right, .left])
        table.wraps(0, 1)
        table.drops(2, 4, 1)
        for k in kpis {
            let l = k.last!
            let adjusted = l.adjustments.isEmpty ? "" : " *"
            let months = "\(l.months - l.missing)/\(l.months)"
            table.row(["\(k.ref) \(k.name)" + adjusted, s.deptName(k.dept), l.contrib,
                       YearText.number(l.target), YearText.number(l.floor) + " / " + YearText.number(l.challenge),
                       YearText.number(l.actual), l.missing * 2 > l.months ? Paint.warn(months) : months,
                       YearText.percent(l.completion), l.grade ?? "–"])
        }
        var out = [Paint.strong(t("carry.table.title", ["period": kpis[0].last!.period])) ]
        if let source = sourceLine(s) { out.append(TextWrap.block(Paint.faint(source), width: width, hanging: 2)) }
        out.append(table.render(width: width))
        out.append(TextWrap.block(Paint.faint(t("carry.table.note")), width: width, hanging: 2))
        if kpis.contains(where: { !$0.last!.adjustments.isEmpty }) {
            out.append(TextWrap.block(Paint.faint(t("carry.table.adjusted")), width: width, hanging: 2))
        }
        return out.joined(separator: "\n")
    }

    /// Last year's adopted goals, nil when the session carried none.
    public static func goals(_ s: State, width: Int) -> String? {
        let goals = s.lastYearGoals
        guard !goals.isEmpty else { return nil }
        var table = TextTable([t("carry.col.goal"), t("carry.col.metric"), t("carry.col.target"), t("carry.col.owner"),
                               t("carry.col.progress")],
                              align: [.left, .left, .right, .left, .right])
        table.wraps(0)
        table.drops(1, 3)
        let catalog = Catalog(s)
        for (_, g) in goals {
            let target = g.target.map { YearText.number($0) + (g.unit.map { " " + $0 } ?? "") } ?? "–"
            table.row([g.ref + " " + g.title, g.metric.map { catalog.metric($0)?.displayName ?? $0 } ?? "–", target,
                       g.owner ?? "–", YearText.percent(g.progress)])
        }
        var out = [Paint.strong(t("carry.goals.title", ["n": "\(goals.count)"]))]
        if let source = sourceLine(s) { out.append(TextWrap.block(Paint.faint(source), width: width, hanging: 2)) }
        out.append(table.render(width: width))
        out.append(TextWrap.block(t("carry.goals.hint"), width: width, hanging: 2))
        return out.joined(separator: "\n")
    }

    /// What an import brought, as one paragraph.
    public static func summary(_ x: Carry.Summary, file: String) -> String {
        var lines = [t("carry.summary", ["file": file, "kpis": "\(x.kpis)", "depts": "\(x.departments.count)",
                                         "goals": "\(x.goals)", "review": x.review?.canonical ?? "–"])]
        if !x.newDepartments.isEmpty {
            // a long list is cut after ten names
            var list = x.newDepartments.prefix(10).joined(separator: t("list.separator"))
            if x.newDepartments.count > 10 { list += " " + t("carry.summary.more", ["n": "\(x.newDepartments.count - 10)"]) }
            lines.append("  " + t("carry.summary.new-depts", ["list": list]))
        }
        if !x.skipped.isEmpty {
            lines.append("  " + t("carry.summary.skipped", ["n": "\(x.skipped.count)", "list": x.skipped.prefix(20).joined(separator: " ") + (x.skipped.count > 20 ? " …" : "")]))
        }
        if x.review == nil { lines.append("  " + Paint.warn(t("carry.summary.no-review"))) }
        return lines.joined(separator: "\n")
    }

    /// The lineage as `verify` reports it.
    public static func lineageLines(_ s: State) -> [String] {
        var out: [String] = []
        if let l = s.meta.lineage {
            out.append(t("carry.lineage", ["file": l.file, "n": "\(l.events)", "head": String(l.head.prefix(12))]))
        }
        for l in s.meta.imports ?? [] {
            out.append(t("carry.lineage.import", ["file": l.file, "n": "\(l.events)", "head": String(l.head.prefix(12))]))
        }
        return out
    }
}
