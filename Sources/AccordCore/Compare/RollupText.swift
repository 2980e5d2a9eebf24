import Foundation

/// `accord rollup` as text (the room's language, `TextTable`), Markdown, HTML (one
/// self-contained printable page, every value escaped by `HTMLWriter`) and JSON
/// (schema/rollup.schema.json).
public enum RollupText {
    // MARK: the tables, shared by text, Markdown and HTML

    struct Grid {
        var header: [String]
        var rows: [[String]]
        /// Columns holding numbers (right-aligned).
        var numeric: Set<Int> = []
    }

    static func letters(_ n: [LetterStatus: Int], total: Int) -> String {
        t("sign.summary", ["n": "\(total)", "signed": "\(n[.signed] ?? 0)", "partly": "\(n[.partly] ?? 0)",
                           "unsigned": "\(n[.unsigned] ?? 0)", "void": "\(n[.void] ?? 0)"])
    }

    static func grid(_ r: Rollup, _ section: Rollup.Section) -> Grid {
        switch section {
        case .units:
            return Grid(header: [t("rollup.col.unit"), t("rollup.col.title"), t("rollup.col.period"), t("rollup.col.depts"),
                                 t("rollup.col.goals"), t("rollup.col.contribs"), t("rollup.col.letters")],
                        rows: r.units.map { u in
                            [u.label, u.title, u.period, "\(u.departments.count)", "\(u.goals)", "\(u.contributions)",
                             letters(u.letters, total: u.departments.count)]
                        }, numeric: [3, 4, 5])
        case .departments:
            var rows: [[String]] = []
            for u in r.units {
                for d in u.departments {
                    rows.append([u.label, d.name, d.head ?? "—", d.supervisor ?? "—", "\(d.contributions)", Num.format(d.weight),
                                 t("sign.status." + d.letter.rawValue)])
                }
            }
            return Grid(header: [t("rollup.col.unit"), t("rollup.col.dept"), t("rollup.col.head"), t("rollup.col.supervisor"),
                                 t("rollup.col.contribs"), t("rollup.col.weight"), t("rollup.col.letter")],
                        rows: rows, numeric: [4, 5])
        case .goals:
            let total = r.units.count
            return Grid(header: [t("rollup.col.metric"), t("rollup.col.adopted")] + r.units.map(\.label),
                        rows: r.shared.map { g in
                            [g.name, t("rollup.adopted", ["n": "\(g.adopted)", "total": "\(total)"])] + g.perUnit.map { goal in
                                guard let goal else { return "—" }
                                let target = goal.current.target.map { Num.format($0) + (goal.current.unit.map { " " + $0 } ?? "") }
                                return "\(goal.ref)" + (target.map { " · " + $0 } ?? "")
                            }
                        })
        case .stages:
            return Grid(header: [t("rollup.col.unit")] + Stage.allCases.map(\.label),
                        rows: r.units.map { u in
                            [u.label] + Stage.allCases.map { s in
                                guard let share = u.stageShare else { return "—" }
                                return Num.format((share[s] ?? 0).rounded()) + "%"
                            }
                        }, numeric: Set(1...Stage.allCases.count))
        case .grades:
            var rows: [[String]] = []
            for u in r.units {
                guard let review = u.review else { continue }
                for d in u.departments where d.grade != nil {
                    rows.append([u.label, d.name, review.label, d.score.map { YearText.fig($0) } ?? "—", d.grade ?? "—"])
                }
            }
            return Grid(header: [t("rollup.col.unit"), t("rollup.col.dept"), t("rollup.col.review"), t("rollup.col.score"),
                                 t("rollup.col.grade")],
                        rows: rows, numeric: [3])
        }
    }

    static func heading(_ s: Rollup.Section) -> String { t("rollup.section." + s.rawValue) }

    static func note(_ s: Rollup.Section) -> String? {
        switch s {
        case .goals: return t("rollup.goals.note")
        case .stages: return t("rollup.stages.note")
        case .grades: return t("rollup.grades.note")
        case .units, .departments: return nil
        }
    }

    static func empty(_ r: Rollup, _ s: Rollup.Section) -> String? {
        if r.units.isEmpty { return t("rollup.no-units") }
        if s == .goals && r.shared.isEmpty { return t("rollup.no-goals") }
        if s == .grades && !r.units.contains(where: { $0.departments.contains { $0.grade != nil } }) { return t("rollup.no-grades") }
        return nil
    }

    public static func summary(_ r: Rollup) -> String {
        t("rollup.summary", ["n": "\(r.units.count)", "left": "\(r.excluded.count)"])
    }

    static func excludedLine(_ e: Rollup.Excluded) -> String {
        t("rollup.excluded", ["file": e.label, "why": e.reasons.joined(separator: t("list.separator"))])
    }

    // MARK: text

    public static func render(_ r: Rollup, width: Int = 80) -> String {
        var out = [Paint.strong(t("rollup.head", ["n": "\(r.units.count)"]))]
        if !r.excluded.isEmpty {
            out.append(Paint.bad(t("rollup.excluded-head")))
            for e in r.excluded { out.append(Paint.bad("  ✗ " + excludedLine(e))) }
        }
        for s in Rollup.Section.allCases {
            out.append("")
            out.append(Paint.strong(heading(s)))
            if let n = note(s) { out.append("  " + Paint.faint(n)) }
            if let e = empty(r, s) { out.append("  " + e); continue }
            let g = grid(r, s)
            var table = TextTable(g.header, align: (0..<g.header.count).map { g.numeric.contains($0) ? .right : .left }, indent: 2)
            for row in g.rows { table.row(row) }
            out.append(table.render(width: width))
        }
        out.append("")
        out.append(r.excluded.isEmpty ? summary(r) : Paint.bad(summary(r)))
        return out.joined(separator: "\n")
    }

    // MARK: Markdown

    public static func markdown(_ r: Rollup) -> String {
        var out = ["# " + Markdown.escape(t("rollup.head", ["n": "\(r.units.count)"])), ""]
        if !r.excluded.isEmpty {
            out.append("**" + Markdown.escape(t("rollup.excluded-head")) + "**")
            out.append("")
            for e in r.excluded { out.append("- " + Markdown.escape(excludedLine(e))) }
            out.append("")
        }
        for s in Rollup.Section.allCases {
            out.append("## " + Markdown.escape(heading(s)))
            out.append("")
            if let n = note(s) { out.append(Markdown.escape(n)); out.append("") }
            if let e = empty(r, s) { out.append(Markdown.escape(e)); out.append(""); continue }
            let g = grid(r, s)
            out.append(Markdown.table(g.header, g.rows, align: (0..<g.header.count).map { g.numeric.contains($0) ? .right : .left }))
            out.append("")
        }
        out.append(Markdown.escape(summary(r)))
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: HTML

    public static func html(_ r: Rollup) -> String {
        var w = HTMLWriter(capacity: 8192 + r.units.reduce(0) { $0 + $1.departments.count } * 400)
        let title = t("rollup.head", ["n": "\(r.units.count)"])
        let lang = Language.current != .en ? Language.current.rawValue
            : DocumentLanguage.guess(r.units.flatMap { [$0.title] + $0.departments.map(\.name) } + r.shared.map(\.name))
        HTMLExport.head(&w, title: title, style: style, lang: lang)
        w.open("body", ["class": "rollup"])
        w.element("header") { w in
            w.element("h1", text: title)
            w.element("p", ["class": "meta"], text: summary(r))
        }
        w.newline()
        if !r.excluded.isEmpty {
            w.element("section", ["class": "excluded"]) { w in
                w.element("h2", text: t("rollup.excluded-head"))
                w.element("ul") { w in
                    for e in r.excluded { w.element("li", text: excludedLine(e)) }
                }
            }
            w.newline()
        }
        for s in Rollup.Section.allCases {
            w.element("section", ["class": s.rawValue]) { w in
                w.element("h2", text: heading(s))
                if let n = note(s) { w.element("p", ["class": "note"], text: n) }
                if let e = empty(r, s) { w.element("p", ["class": "none"], text: e); return }
                let g = grid(r, s)
                w.element("table") { w in
                    w.element("thead") { w in
                        w.element("tr") { w in
                            for (i, h) in g.header.enumerated() {
                                if g.numeric.contains(i) { w.element("th", ["class": "num"], text: h) } else { w.element("th", text: h) }
                            }
                        }
                    }
                    w.element("tbody") { w in
                        for row in g.rows {
                            w.element("tr") { w in
                                for (i, c) in row.enumerated() {
                                    if g.numeric.contains(i) { w.element("td", ["class": "num"], text: c) } else { w.element("td", text: c) }
                                }
                            }
                            w.newline()
                        }
                    }
                }
            }
            w.newline()
        }
        w.close("body")
        w.close("html")
        w.newline()
        return w.document
    }

    static let style: StaticString = """
    :root{color-scheme:light}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans TC","Noto Sans SC","PingFang TC","Microsoft JhengHei",sans-serif;color:#1b1f24;margin:24px auto;max-width:1100px;padding:0 16px}\
    h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 6px;border-bottom:1px solid #d0d7de;padding-bottom:3px}\
    .meta,.note{color:#57606a;margin:2px 0 8px}.none{color:#57606a;font-style:italic}\
    table{border-collapse:collapse;width:100%;margin:4px 0 8px}th,td{border:1px solid #d0d7de;padding:4px 7px;text-align:left;vertical-align:top}\
    th{background:#f6f8fa;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\
    tbody tr:nth-child(even){background:#fbfcfd}\
    .excluded{border:2px solid #cf222e;background:#fff5f5;padding:4px 14px;margin:12px 0}.excluded h2{color:#cf222e;border:0}\
    .nw{white-space:nowrap}bdi{unicode-bidi:isolate}\
    @media print{body{margin:0;max-width:none;font-size:11px}section{break-inside:avoid-page}thead{display:table-header-group}tr{break-inside:avoid}}
    """

    // MARK: JSON

    public static let format = "accord-rollup"
    public static let version = 1

    struct Doc: Encodable {
        var format: String
        var version: Int
        var units: [UnitDoc]
        var goals: [GoalDoc]
        var excluded: [ExcludedDoc]
    }

    struct UnitDoc: Encodable {
        var file: String
        var title: String
        var period: String
        var events: Int
        var goalsAdopted: Int
        var contributions: Int
        var letters: [String: Int]
        var stageWeight: [String: Double]
        var stageShare: [String: Double]?
        var departments: [DeptDoc]
        /// The period the grades are of; absent before the unit has actuals.
        var review: String?
    }

    struct DeptDoc: Encodable {
        var name: String
        var head: String?
        var supervisor: String?
        var contributions: Int
        var weight: Double
        var letter: String
        var headSigner: String?
        var supervisorSigner: String?
        /// The year-end review's score and grade; absent when nothing was scored.
        var score: Double?
        var grade: String?
    }

    struct GoalDoc: Encodable {
        var identity: String
        var metric: String?
        var name: String
        var adopted: Int
        var units: [UnitGoalDoc?]
    }

    struct UnitGoalDoc: Encodable {
        var goal: String
        var title: String
        var target: Double?
        var unit: String?
    }

    struct ExcludedDoc: Encodable {
        var file: String
        var reasons: [String]
    }

    public static func json(_ r: Rollup) throws -> Data {
        func round(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        let units = r.units.map { u in
            UnitDoc(file: u.label, title: u.title, period: u.period, events: u.events, goalsAdopted: u.goals,
                    contributions: u.contributions,
                    letters: Dictionary(uniqueKeysWithValues: LetterStatus.allCases.map { ($0.rawValue, u.letters[$0] ?? 0) }),
                    stageWeight: Dictionary(uniqueKeysWithValues: Stage.allCases.map { ($0.rawValue, u.stageWeight[$0] ?? 0) }),
                    stageShare: u.stageShare.map { s in Dictionary(uniqueKeysWithValues: Stage.allCases.map { ($0.rawValue, round(s[$0] ?? 0)) }) },
                    departments: u.departments.map {
                        DeptDoc(name: $0.name, head: $0.head, supervisor: $0.supervisor, contributions: $0.contributions,
                                weight: $0.weight, letter: $0.letter.rawValue, headSigner: $0.headSigner, supervisorSigner: $0.supervisorSigner,
                                score: $0.score.map(round), grade: $0.grade)
                    }, review: u.review?.canonical)
        }
        let goals = r.shared.map { g in
            GoalDoc(identity: g.identity, metric: g.metric, name: g.name, adopted: g.adopted,
                    units: g.perUnit.map { $0.map { UnitGoalDoc(goal: "\($0.ref)", title: $0.current.title, target: $0.current.target, unit: $0.current.unit) } })
        }
        let doc = Doc(format: format, version: version, units: units, goals: goals,
                      excluded: r.excluded.map { ExcludedDoc(file: $0.label, reasons: $0.reasons) })
        var data = try JSONExport.encoder().encode(doc)
        data.append(0x0a)
        return data
    }
}
