/// The review as one self-contained, printable page (A4 portrait): the departments' scores as
/// a bar chart against the grade bands, then per department its rows (targets, the actuals
/// of the period's parts, completion, points, the total and the grade), a chart per KPI of
/// its actuals across the periods against its floor, target and challenge, the adjustments
/// and the review notes. Every value goes through `HTMLWriter` (escaped, bidi isolated,
/// other-script runs marked); the page's language is the room's.
public enum ReviewHTML {
    public static func render(_ doc: ReviewDocument) -> String {
        let r = doc.review
        var w = HTMLWriter(capacity: 16_384 + r.departments.count * 12_000)
        HTMLExport.head(&w, title: doc.heading, style: style, lang: language(doc))
        w.open("body", ["class": "review"])
        w.element("header") { w in
            w.element("h1", text: doc.heading)
            w.element("p", ["class": "sub"], text: doc.subheading)
            w.element("p", ["class": "meta"], text: doc.info.line)
        }
        w.newline()
        w.element("section", ["class": "scores"]) { w in
            w.element("h2", text: t("export.review.scores"))
            if r.departments.isEmpty { w.element("p", ["class": "none"], text: t("export.none.depts")); return }
            scoreChart(&w, doc)
            w.open("table", ["class": "totals"])
            w.element("thead") { w in
                w.element("tr") { w in
                    w.element("th", text: t("year.col.department"))
                    w.element("th", ["class": "num"], text: t("export.review.col.score"))
                    w.element("th", text: t("export.review.col.grade"))
                    w.element("th", ["class": "num"], text: t("year.col.points"))
                    w.element("th", text: t("export.review.col.scored"))
                }
            }
            w.open("tbody")
            for d in r.departments {
                w.element("tr") { w in
                    w.element("td", text: d.dept.name)
                    w.element("td", ["class": "num"], text: d.score.map(YearText.fig) ?? "–")
                    w.element("td") { w in grade(&w, d.grade) }
                    w.element("td", ["class": "num"], text: YearText.fig(d.points))
                    w.element("td", ["class": "nw"], text: doc.coverage(d))
                }
                w.newline()
            }
            w.close("tbody")
            w.close("table")
            w.element("p", ["class": "note"], text: t("export.review.bounds-note"))
        }
        w.newline()
        for d in r.departments {
            department(&w, d, doc)
            w.newline()
        }
        w.element("section", ["class": "adjustments"]) { w in
            w.element("h2", text: t("export.review.adjustments"))
            if r.adjustments.isEmpty { w.element("p", ["class": "none"], text: t("export.review.no-adjustments")); return }
            w.open("table")
            w.element("thead") { w in
                w.element("tr") { w in
                    for k in ["export.review.col.adjustment", "year.col.kpi", "export.review.col.from", "export.review.col.before",
                              "export.review.col.after", "export.review.col.reason", "export.review.col.status"] {
                        w.element("th", text: t(k))
                    }
                }
            }
            w.open("tbody")
            for a in r.adjustments {
                w.element("tr") { w in
                    w.element("td", ["class": "nw"], text: "\(a.ref)")
                    w.element("td", text: doc.label(a.contrib))
                    w.element("td", ["class": "nw"], text: a.from.label)
                    w.element("td", ["class": "nw"], text: ReviewMarkdown.boundsText(a.oldBounds))
                    w.element("td", ["class": "nw"], text: ReviewMarkdown.boundsText(a.newBounds))
                    w.element("td", text: a.reason + (a.basis.map { " (" + $0 + ")" } ?? ""))
                    w.element("td", ["class": a.status == .approved ? "ok" : "faint"], text: doc.approval(a))
                }
            }
            w.close("tbody")
            w.close("table")
            w.element("p", ["class": "note"], text: t("export.review.adjust-note"))
        }
        w.newline()
        w.close("body")
        w.close("html")
        w.newline()
        return w.document
    }

    /// The interface language when it is Chinese, else the language of the session's words.
    static func language(_ doc: ReviewDocument) -> String {
        if Language.current != .en { return Language.current.rawValue }
        var texts = [doc.title]
        for d in doc.review.departments { texts.append(d.dept.name); texts += d.rows.map(\.contribution.kpi) }
        return DocumentLanguage.guess(texts)
    }

    static func grade(_ w: inout HTMLWriter, _ g: String?) {
        guard let g else { w.text("–"); return }
        w.element("span", ["class": "grade"], text: g)
    }

    static func markClass(_ f: PeriodFigure) -> String {
        switch f.mark {
        case .belowFloor: return "bad"
        case .belowTarget: return "warn"
        case .met: return "ok"
        case .none: return "faint"
        }
    }

    static func department(_ w: inout HTMLWriter, _ d: YearReview.DepartmentReview, _ doc: ReviewDocument) {
        w.open("section", ["class": "dept", "id": "dept-D\(d.dept.id)"])
        w.element("h2") { w in
            w.text(d.dept.name + " · " + (d.score.map(YearText.fig) ?? "–") + " ")
            grade(&w, d.grade)
        }
        w.element("p", ["class": "meta"], text: doc.scored(d))
        let parts = doc.period.reviewParts
        w.open("table", ["class": "rows"])
        w.element("thead") { w in
            w.element("tr") { w in
                w.element("th", text: t("year.col.kpi"))
                w.element("th", ["class": "num"], text: t("year.col.weight"))
                w.element("th", ["class": "num"], text: t("export.review.col.bounds"))
                for p in parts { w.element("th", ["class": "num"], text: p.label) }
                w.element("th", ["class": "num"], text: t("year.col.actual"))
                w.element("th", ["class": "num"], text: t("year.col.completion"))
                w.element("th", ["class": "num"], text: t("year.col.points"))
            }
        }
        w.open("tbody")
        for r in d.rows {
            let b = r.figure.fullBounds
            w.element("tr") { w in
                w.element("td", ["class": "kpi"]) { w in
                    w.element("span", ["class": "nw"], text: "\(r.contribution.ref)")
                    w.text(" " + r.contribution.kpi)
                    if !r.adjustments.isEmpty { w.element("span", ["class": "adj"], text: " † " + r.adjustments.map { "\($0.ref)" }.joined(separator: " ")) }
                }
                w.element("td", ["class": "num"], text: Num.format(r.contribution.weight))
                // the cell may wrap, after a slash only: "8,100 /" "10,200 /" "12,600"
                w.element("td", ["class": "num bounds"], text: ReviewMarkdown.boundsText(b).replacingOccurrences(of: " / ", with: "\u{00A0}/ "))
                for p in r.parts {
                    w.element("td", ["class": "num " + markClass(p)], text: ReviewDocument.number(p.actual))
                }
                w.element("td", ["class": "num"]) { w in
                    w.text(ReviewDocument.number(r.figure.actual))
                    if !r.figure.isComplete { w.element("span", ["class": "cov"], text: " " + ReviewDocument.coverage(r.figure)) }
                }
                w.element("td", ["class": "num " + markClass(r.figure)], text: ReviewDocument.completion(r.figure))
                w.element("td", ["class": "num"], text: (r.points.map(YearText.fig) ?? "–"))
            }
            w.newline()
        }
        w.close("tbody")
        w.element("tfoot") { w in
            w.element("tr") { w in
                w.element("td", text: t("export.total"))
                w.element("td", ["class": "num"], text: Num.format(d.totalWeight))
                w.element("td", ["colspan": "\(parts.count + 3)"], text: "")
                w.element("td", ["class": "num"], text: YearText.fig(d.points))
            }
        }
        w.close("table")
        w.element("div", ["class": "charts"]) { w in
            for r in d.rows { kpiChart(&w, r, doc) }
        }
        for a in d.rows.flatMap(\.adjustments) {
            w.element("p", ["class": "note"], text: "† " + doc.adjustmentLine(a))
        }
        for r in d.retros {
            w.element("div", ["class": "retro"]) { w in
                w.element("h3", text: t("export.review.retro", ["period": r.period.label]))
                w.element("dl") { w in
                    w.element("dt", text: t("export.review.went-well"))
                    w.element("dd", text: r.wentWell)
                    w.element("dt", text: t("export.review.problem"))
                    w.element("dd", text: r.problem)
                    w.element("dt", text: t("export.review.next"))
                    w.element("dd", text: r.next)
                }
            }
        }
        w.close("section")
    }

    static func n(_ v: Double) -> String { ExportNumber.coordinate(v) }

    /// The departments' scores as horizontal bars on a 0–120 scale, the grade bands' minima as
    /// lines, each bar labelled with its score and grade.
    static func scoreChart(_ w: inout HTMLWriter, _ doc: ReviewDocument) {
        let depts = doc.review.departments
        let labelW = 170.0, barW = 460.0, tailW = 80.0, rowH = 26.0, headH = 22.0
        let width = labelW + barW + tailW, height = headH + rowH * Double(depts.count) + 6
        let top = 120.0
        func x(_ v: Double) -> Double { labelW + barW * min(max(v, 0), top) / top }
        w.open("svg", ["xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(n(width)) \(n(height))", "width": n(width),
                       "height": n(height), "role": "img", "aria-label": t("export.review.scores"), "class": "score-chart"])
        w.element("title", text: t("export.review.scores"))
        for b in doc.review.bands.bands where b.min > 0 && b.min <= top {
            w.empty("line", ["x1": n(x(b.min)), "y1": n(headH - 4), "x2": n(x(b.min)), "y2": n(height - 4), "class": "band"])
            w.element("text", ["x": n(x(b.min)), "y": "12", "class": "band-label", "text-anchor": "middle"],
                      text: b.grade + " " + Num.format(b.min))
        }
        for (i, d) in depts.enumerated() {
            let y = headH + rowH * Double(i)
            w.element("g") { w in
                w.element("title", text: d.dept.name + " " + ReviewDocument.score(d))
                w.element("text", ["x": "4", "y": n(y + 17), "class": "dept"], text: d.dept.name.truncated(to: 24))
                w.empty("rect", ["x": n(labelW), "y": n(y + 5), "width": n(barW), "height": n(rowH - 10), "class": "track"])
                if let s = d.score {
                    let g = d.grade ?? ""
                    w.empty("rect", ["x": n(labelW), "y": n(y + 5), "width": n(x(s) - labelW), "height": n(rowH - 10),
                                     "class": "bar g-" + gradeClass(g, doc.review.bands)])
                    w.element("text", ["x": n(labelW + barW + 6), "y": n(y + 17), "class": "score"], text: YearText.fig(s) + " · " + g)
                } else {
                    w.element("text", ["x": n(labelW + barW + 6), "y": n(y + 17), "class": "score"], text: "–")
                }
            }
        }
        w.close("svg")
    }

    /// `top`, `mid`, `low`, `bottom`: the band's rank (the first band, the last, between).
    static func gradeClass(_ g: String, _ bands: GradeBands) -> String {
        guard let i = bands.bands.firstIndex(where: { $0.grade == g }) else { return "none" }
        if i == bands.bands.count - 1 { return "bottom" }
        if i == 0 { return "top" }
        return i == 1 ? "high" : "mid"
    }

    /// One KPI's actuals across the periods of its cycle inside the review period, against
    /// its floor, target and challenge in each period (a step where an adjustment changed
    /// them): the zone from floor to target shaded amber, target to challenge green; a
    /// period without an actual is a gap, marked "–".
    static func kpiChart(_ w: inout HTMLWriter, _ row: YearReview.Row, _ doc: ReviewDocument) {
        let c = row.contribution
        let figs = doc.series[c.id] ?? []
        let width = 330.0, height = 150.0, left = 46.0, right = 8.0, top = 24.0, bottom = 22.0
        let plotW = width - left - right, plotH = height - top - bottom
        var values: [Double] = []
        for f in figs {
            let b = f.bounds ?? f.fullBounds
            values += [b.floor, b.target, b.challenge]
            if let a = f.actual { values.append(a) }
        }
        let lo0 = values.min() ?? 0, hi0 = values.max() ?? 1
        let pad = max((hi0 - lo0) * 0.12, abs(hi0) * 0.02, 1e-9)
        let lo = lo0 - pad, hi = hi0 + pad
        func y(_ v: Double) -> Double { top + plotH * (1 - (v - lo) / (hi - lo)) }
        let step = plotW / Double(max(figs.count, 1))
        func cx(_ i: Int) -> Double { left + step * (Double(i) + 0.5) }
        let name = "\(c.ref) \(c.kpi)"
        w.open("svg", ["xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(n(width)) \(n(height))", "width": n(width),
                       "height": n(height), "role": "img", "aria-label": name, "class": "kpi-chart"])
        w.element("title", text: name)
        w.element("text", ["x": "4", "y": "14", "class": "kpi-title"], text: name.truncated(to: 44))
        w.empty("rect", ["x": n(left), "y": n(top), "width": n(plotW), "height": n(plotH), "class": "plot"])
        for (i, f) in figs.enumerated() {
            let b = f.bounds ?? f.fullBounds
            let x0 = left + step * Double(i), x1 = x0 + step
            let ft = (min(y(b.floor), y(b.target)), abs(y(b.floor) - y(b.target)))
            let tc = (min(y(b.target), y(b.challenge)), abs(y(b.target) - y(b.challenge)))
            w.empty("rect", ["x": n(x0), "y": n(ft.0), "width": n(step), "height": n(ft.1), "class": "zone-floor"])
            w.empty("rect", ["x": n(x0), "y": n(tc.0), "width": n(step), "height": n(tc.1), "class": "zone-target"])
            for (v, cls) in [(b.floor, "floor"), (b.target, "target"), (b.challenge, "challenge")] {
                w.empty("line", ["x1": n(x0), "y1": n(y(v)), "x2": n(x1), "y2": n(y(v)), "class": "b-" + cls])
            }
            w.element("text", ["x": n(cx(i)), "y": n(height - 8), "class": "tick", "text-anchor": "middle"], text: tick(f.period))
        }
        // the axis: floor, target and challenge of the last period, at the left
        if let last = figs.last {
            let b = last.bounds ?? last.fullBounds
            for (v, cls) in [(b.floor, "floor"), (b.target, "target"), (b.challenge, "challenge")] {
                w.element("text", ["x": n(left - 3), "y": n(y(v) + 3), "class": "axis a-" + cls, "text-anchor": "end"], text: short(v))
            }
        }
        // the actuals: a line through consecutive recorded periods, a dot per period
        var run: [String] = []
        func flush(_ w: inout HTMLWriter) {
            if run.count > 1 { w.empty("polyline", ["points": run.joined(separator: " "), "class": "actual"]) }
            run = []
        }
        for (i, f) in figs.enumerated() {
            if let a = f.actual { run.append(n(cx(i)) + "," + n(y(a))) } else { flush(&w) }
        }
        flush(&w)
        for (i, f) in figs.enumerated() {
            if let a = f.actual {
                w.element("circle", ["cx": n(cx(i)), "cy": n(y(a)), "r": "3.2", "class": "dot " + markClass(f)]) { w in
                    w.element("title", text: f.period.label + ": " + Num.format(a) + " · " + ReviewDocument.completion(f))
                }
            } else {
                w.element("text", ["x": n(cx(i)), "y": n(top + plotH / 2 + 4), "class": "missing", "text-anchor": "middle"], text: "–")
            }
        }
        w.element("text", ["x": n(width - right), "y": "14", "class": "kpi-done", "text-anchor": "end"],
                  text: ReviewDocument.completion(row.figure))
        w.close("svg")
    }

    /// A chart's tick: `05` for a month, `Q2`, `H1`, `2027` (the year is in the page's title).
    static func tick(_ p: YearPeriod) -> String {
        switch p.kind {
        case .month: return String(p.canonical.suffix(2))
        case .quarter: return "Q\(p.index)"
        case .half: return "H\(p.index)"
        case .year: return "\(p.year)"
        }
    }

    /// `1.2M`, `450k`, `18.5`: an axis label that fits 40 units; in Chinese `1.5億`, `120萬`,
    /// `4.5萬` (万/亿 in Simplified), as the room reads large numbers.
    static func short(_ v: Double, in language: Language = .current) -> String {
        let a = abs(v)
        if language != .en {
            let simplified = language == .zhHans
            if a >= 1e8 { return Num.format((v / 1e7).rounded() / 10) + (simplified ? "亿" : "億") }
            if a >= 1e4 { return Num.format((v / 1e3).rounded() / 10) + (simplified ? "万" : "萬") }
            return Num.format((v * 10).rounded() / 10)
        }
        if a >= 1e6 { return Num.format((v / 1e5).rounded() / 10) + "M" }
        if a >= 1e4 { return Num.format((v / 1e2).rounded() / 10) + "k" }
        return Num.format((v * 10).rounded() / 10)
    }

    static let style: StaticString = """
    :root{color-scheme:light}
    body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK TC","Noto Sans TC","PingFang TC","Microsoft JhengHei",sans-serif;color:#1d2433;font-size:13px;line-height:1.45;margin:24px;max-width:190mm}
    h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 6px;border-bottom:1px solid #d5d9e0;padding-bottom:3px}h3{font-size:13px;margin:8px 0 4px}
    .sub{color:#3b4456;margin:2px 0;font-size:14px}.meta,.note,.faint,.none{color:#5b6475;margin:2px 0}
    table{border-collapse:collapse;width:100%;margin:6px 0 8px;font-size:12px}thead{display:table-header-group}tr{break-inside:avoid}
    th,td{border:1px solid #d5d9e0;padding:3px 5px;text-align:left;vertical-align:top;word-break:keep-all;overflow-wrap:break-word}th{background:#eef1f5;font-weight:600}
    .nw,td.nw{white-space:nowrap}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num{white-space:nowrap}
    tfoot td{font-weight:600;background:#eef1f5}td.bounds{white-space:normal}tbody tr:nth-child(even) td{background:#f8f9fb}
    :lang(zh-Hant){font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK TC","Noto Sans TC","PingFang TC","Microsoft JhengHei",sans-serif}
    :lang(zh-Hans){font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif}
    :lang(ja){font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",sans-serif}
    :lang(ko){font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK KR","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif}
    .ok{color:#1b6b2a;font-weight:600}.warn{color:#8a5a00;font-weight:600}.bad{color:#a3161a;font-weight:600}
    .grade{display:inline-block;min-width:1.4em;text-align:center;font-weight:700;padding:0 5px;border-radius:3px;background:#1d2433;color:#fff}
    .adj{color:#8a5a00;white-space:nowrap}.cov{color:#8a5a00;font-size:11px}
    svg{max-width:100%;height:auto;font-size:11px}
    .score-chart .dept{fill:#1d2433}.score-chart .track{fill:#f1f3f6}.score-chart .band{stroke:#8a93a3;stroke-dasharray:3 3}
    .score-chart .band-label{fill:#5b6475;font-size:10px}.score-chart .score{font-weight:600;fill:#1d2433}
    .g-top{fill:#2f8c82}.g-high{fill:#3f8a3a}.g-mid{fill:#d09a2a}.g-bottom{fill:#b83a3c}.g-none{fill:#8a93a3}
    .charts{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:8px 14px;margin:6px 0}
    .kpi-chart{border:1px solid #e2e5ea;border-radius:3px;break-inside:avoid}
    .kpi-chart .kpi-title{font-weight:600;fill:#1d2433}.kpi-chart .kpi-done{font-weight:600;fill:#1d2433}
    .kpi-chart .plot{fill:#fff;stroke:#d5d9e0}.zone-floor{fill:#fff1d6}.zone-target{fill:#e1f3e3}
    .b-floor{stroke:#c46a12;stroke-dasharray:4 2}.b-target{stroke:#1b6b2a}.b-challenge{stroke:#2f8c82;stroke-dasharray:2 2}
    .axis{font-size:9.5px}.a-floor{fill:#c46a12}.a-target{fill:#1b6b2a}.a-challenge{fill:#2f8c82}
    .tick{fill:#5b6475;font-size:9.5px}.missing{fill:#a3161a;font-size:13px}
    .actual{fill:none;stroke:#3d6fa8;stroke-width:1.6}
    .dot{stroke:#fff;stroke-width:1}.dot.ok{fill:#3d6fa8}.dot.warn{fill:#d09a2a}.dot.bad{fill:#a3161a}.dot.faint{fill:#8a93a3}
    .retro{border-left:3px solid #d5d9e0;padding:2px 10px;margin:8px 0;break-inside:avoid}
    .retro dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:4px 0}.retro dt{color:#5b6475}.retro dd{margin:0}
    @page{size:A4;margin:12mm}
    @media print{body{margin:0;max-width:none}h2{break-after:avoid}section.dept{break-before:page}section.dept:first-of-type{break-before:auto}}
    """
}
