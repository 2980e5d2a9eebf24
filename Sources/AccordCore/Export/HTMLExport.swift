/// Just over 400 lines: one concept, the two printed pages and their shared style sheet.
/// The HTML exporters: one self-contained page each (no network: the style sheet is inline,
/// the chart is inline SVG, fonts are the reader's own), printable, every value escaped by
/// `HTMLWriter`.
public enum HTMLExport {
    public static func sheet(_ sheet: TargetSheet) -> String {
        var w = HTMLWriter(capacity: 4096 + sheet.rows.count * 700)
        head(&w, title: sheet.heading, style: sheetStyle, lang: DocumentLanguage.of(sheet))
        w.open("body", ["class": "sheet"])
        w.element("header") { w in
            w.element("h1", text: sheet.heading)
            w.element("p", ["class": "sub"], text: sheet.subheading)
            w.element("p", ["class": "meta"], text: sheet.info.line)
            w.element("p", ["class": "meta"], text: sheet.summary)
        }
        w.newline()
        w.element("section", ["class": "chart"]) { w in
            w.element("h2", text: t("export.sheet.chart"))
            chart(&w, sheet)
            w.element("p", ["class": "note"], text: t("export.sheet.chart-desc"))
        }
        w.newline()
        w.element("section", ["class": "rows"]) { w in
            w.element("h2", text: t("export.sheet.rows"))
            if sheet.rows.isEmpty { w.element("p", ["class": "none"], text: t("export.none.rows")); return }
            // Fits an A4 page's width (checked by scripts/render-html): the goal heads its rows
            // (they come sorted by goal) instead of filling a column, and the owner (the head)
            // and the letter's status are in the Signatures table below; a row whose letter is
            // not signed says so next to its department.
            let columns: [TargetSheet.Column] = [.stage, .departmentAndStatus, .kpi, .target, .challenge, .floor, .unit,
                                                 .weight, .source, .cycle]
            w.open("table", ["class": "contributions"])
            headerRow(&w, columns)
            w.open("tbody")
            var goal: Int?
            for r in sheet.rows {
                if r.goal != goal {
                    goal = r.goal
                    w.element("tr", ["class": "goal"]) { w in
                        w.element("th", ["colspan": "\(columns.count)", "scope": "rowgroup"], text: TargetSheet.Column.goal.value(r).plain)
                    }
                }
                row(&w, columns, r)
                w.newline()
            }
            w.close("tbody")
            w.close("table")
        }
        w.newline()
        w.element("section", ["class": "goals"]) { w in
            w.element("h2", text: t("export.sheet.goals"))
            if sheet.goals.isEmpty { w.element("p", ["class": "none"], text: t("export.none.goals")); return }
            table(&w, TargetSheet.GoalColumn.prose, sheet.goals)
        }
        w.newline()
        w.element("section", ["class": "settled"]) { w in
            w.element("h2", text: t("export.sheet.settled"))
            if sheet.settled.isEmpty { w.element("p", ["class": "none"], text: t("export.none.settled")); return }
            table(&w, TargetSheet.SettledColumn.all, sheet.settled)
        }
        w.newline()
        w.element("section", ["class": "signatures"]) { w in
            w.element("h2", text: t("export.sheet.signatures"))
            if sheet.letters.isEmpty { w.element("p", ["class": "none"], text: t("export.none.depts")); return }
            table(&w, TargetSheet.LetterColumn.all, sheet.letters)
        }
        w.newline()
        w.close("body")
        w.close("html")
        w.newline()
        return w.document
    }

    public static func letters(_ set: LetterSet) -> String { letters(set, template: nil) }

    // MARK: - pieces

    /// The doctype and `<head>`; `lang` is the page's language (`DocumentLanguage`), from
    /// here on the writer marks text in another language with its own.
    static func head(_ w: inout HTMLWriter, title: String, style: StaticString, lang: String) {
        w.raw("<!DOCTYPE html>\n")
        w.open("html", ["lang": lang])
        w.lang = lang
        w.newline()
        w.element("head") { w in
            w.void("meta", ["charset": "utf-8"])
            w.void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
            w.void("meta", ["name": "generator", "content": "accord"])
            w.element("title", text: title)
            w.raw("<style>")
            w.raw(style)
            w.raw("</style>")
        }
        w.newline()
    }

    static func headerRow<C: ExportColumn>(_ w: inout HTMLWriter, _ columns: [C]) {
        w.open("thead")
        w.open("tr")
        for c in columns {
            if c.numeric { w.element("th", ["class": "num"], text: c.heading) } else { w.element("th", text: c.heading) }
        }
        w.close("tr")
        w.close("thead")
    }

    /// A table of the export model's columns: a heading row and one row per model row.
    static func table<C: ExportColumn>(_ w: inout HTMLWriter, _ columns: [C], _ rows: [C.Row]) {
        w.open("table")
        headerRow(&w, columns)
        w.open("tbody")
        for r in rows {
            row(&w, columns, r)
            w.newline()
        }
        w.close("tbody")
        w.close("table")
    }

    static func row<C: ExportColumn>(_ w: inout HTMLWriter, _ columns: [C], _ r: C.Row) {
        w.open("tr")
        for c in columns { cell(&w, c.value(r), numeric: c.numeric) }
        w.close("tr")
    }

    /// One value as a `<td>`: numbers right-aligned, references and dates unbroken, status
    /// and severity as badges, digests as code, a signature with its verdict marked.
    static func cell(_ w: inout HTMLWriter, _ v: ExportValue, numeric: Bool) {
        if numeric { w.element("td", ["class": "num"], text: v.plain); return }
        switch v {
        case .ref, .day: w.element("td", ["class": "nw"], text: v.plain)
        case .kpi: w.element("td", ["class": "kpi"], text: v.plain)
        case .stage: w.element("td", ["class": "stage"], text: v.plain)
        case let .status(st): w.element("td") { w in status(&w, st) }
        case let .severity(sev): w.element("td") { w in w.element("span", ["class": "sev sev-" + sev.rawValue], text: v.plain) }
        case let .digest(d): w.element("td") { w in w.element("code", text: d) }
        case let .signature(line): w.element("td") { w in signatureSummary(&w, line) }
        case let .department(name, st):
            w.element("td") { w in
                w.text(name)
                if st != .signed { w.text(" "); status(&w, st) }
            }
        default: w.element("td", text: v.plain)
        }
    }

    static func status(_ w: inout HTMLWriter, _ st: LetterStatus) {
        w.element("span", ["class": "st st-" + st.rawValue], text: Export.statusWord(st))
    }

    /// `Dana Reyes · 2027-01-15 10:05 · valid`
    static func signatureSummary(_ w: inout HTMLWriter, _ line: SignatureLine) {
        guard let sig = line.signature else { w.element("span", ["class": "faint"], text: line.verdict); return }
        w.text((line.signer ?? sig.name) + " · " + Time.short(sig.time) + " · ")
        w.element("span", ["class": line.valid ? "ok" : "bad"], text: line.verdict)
    }

    /// The trust anchor outside the file (docs/seal.md): the key that seals the session, the
    /// letter's digest, and a QR code of both, drawn inline (no image, no script).
    static func sealBlock(_ w: inout HTMLWriter, key: String?, digest: String) {
        w.element("div", ["class": "seal"]) { w in
            if let (side, path) = QRCode.svgPath(QRCode.sealPayload(key: key, digest: digest)) {
                w.element("svg", ["xmlns": "http://www.w3.org/2000/svg", "class": "qr", "role": "img",
                                  "aria-label": QRCode.sealPayload(key: key, digest: digest),
                                  "width": "132", "height": "132", "viewBox": "0 0 \(side) \(side)", "shape-rendering": "crispEdges"]) { w in
                    w.empty("rect", ["width": "\(side)", "height": "\(side)", "fill": "#fff"])
                    w.empty("path", ["fill": "#000", "d": path])
                }
            }
            w.element("p") { w in
                w.element("code", text: key.map { t("letter.seal", ["key": Fingerprint.full($0), "digest": digest]) }
                                        ?? t("letter.seal.none", ["digest": digest]))
            }
            w.element("p", ["class": "faint"], text: t("export.seal.caption"))
        }
    }

    /// The goals a letter serves under their heading (the printed letter's `h2`, the phone's
    /// `h3`), or the sentence saying it serves none.
    static func goals(_ w: inout HTMLWriter, _ l: Letter, heading: StaticString, none: String) {
        w.element(heading, text: t("export.letter.goals"))
        if l.goals.isEmpty {
            w.element("p", ["class": none], text: t("letter.serves-none"))
        } else {
            w.element("ul", ["class": "goals"]) { w in
                for g in l.goals { w.element("li", text: Export.goalLine(g)) }
            }
        }
    }

    static func letter(_ w: inout HTMLWriter, _ item: LetterSet.Item, _ set: LetterSet) {
        let l = item.letter
        w.open("article", ["class": "letter", "id": "letter-D\(l.deptID)"])
        w.element("h1", text: t("letter.title", ["dept": l.dept]))
        w.element("p", ["class": "sub"], text: [set.title.isEmpty ? t("status.untitled") : set.title,
                                               t("status.period", ["period": l.period.isEmpty ? "–" : l.period])].joined(separator: " · "))
        w.element("dl", ["class": "parties"]) { w in
            w.element("dt", text: t("export.col.department"))
            w.element("dd", text: l.dept)
            w.element("dt", text: t("export.col.head"))
            w.element("dd", text: l.head ?? "–")
            w.element("dt", text: t("export.col.supervisor"))
            w.element("dd", text: l.supervisor ?? "–")
            w.element("dt", text: t("export.col.letter"))
            w.element("dd") { w in status(&w, item.status) }
        }
        goals(&w, l, heading: "h2", none: "none")
        w.element("h2", text: t("export.letter.rows"))
        if l.rows.isEmpty {
            w.element("p", ["class": "none"], text: t("export.letter.no-rows", ["dept": l.dept]))
        } else {
            rowsTable(&w, item)
        }
        if !l.pending.isEmpty {
            w.element("p", ["class": "note"],
                      text: t("export.letter.pending", ["list": l.pending.map { "X\($0.id) \($0.kpi) (G\($0.goal))" }.joined(separator: Punct.list)]))
        }
        w.element("p", ["class": "rule"], text: t("letter.completion", ["rule": l.ruleText]))
        w.element("p", ["class": "digest"]) { w in
            w.text(t("export.col.digest") + " ")
            w.element("code", text: item.digest)
        }
        sealBlock(&w, key: set.info.sealKey, digest: item.digest)
        w.element("h2", text: t("export.letter.signatures"))
        w.element("div", ["class": "sigs"]) { w in
            for line in item.signatures {
                let kind = line.signature == nil ? "unsigned" : line.valid ? "valid" : "void"
                w.element("div", ["class": "sig sig-" + kind]) { w in
                    w.element("h3", text: t("export.col." + line.role.rawValue) + " · " + (line.recorded ?? "–"))
                    if let sig = line.signature {
                        w.element("p", ["class": "name"], text: line.signer ?? sig.name)
                        w.element("p", text: Time.short(sig.time))
                        w.element("p") { w in w.element("code", text: sig.digest) }
                        w.element("p", ["class": line.valid ? "verdict ok" : "verdict bad"], text: (line.valid ? "✓ " : "✗ ") + line.verdict)
                    } else {
                        w.element("p", ["class": "faint"], text: line.verdict)
                    }
                    if !line.valid { w.element("p", ["class": "signline"], text: t("export.letter.sign-here")) }
                }
            }
        }
        if item.earlier > 0 { w.element("p", ["class": "note"], text: Export.earlierNote(item.earlier)) }
        w.close("article")
    }

    // MARK: - the chart

    static let stageColours: [Stage: (fill: String, edge: String)] = [
        .acquisition: ("#a9c9ec", "#3d6fa8"), .activation: ("#b7e0b0", "#3f8a3a"), .retention: ("#ffd2a3", "#c46a12"),
        .revenue: ("#f5b0b1", "#b83a3c"), .referral: ("#bde3de", "#2f8c82"),
    ]

    /// The department × stage grid as an inline SVG: one row per department, one column
    /// per AARRR stage, a bar as long as the weight (0–100) with the weight and the
    /// contributions behind it, and the department's total at the end.
    static func chart(_ w: inout HTMLWriter, _ sheet: TargetSheet) {
        let grid = sheet.grid
        let labelW = 190.0, cellW = 132.0, totalW = 78.0, headH = 44.0, rowH = 30.0
        let width = labelW + cellW * Double(Stage.allCases.count) + totalW
        let height = headH + rowH * Double(max(1, grid.count)) + 8
        func n(_ v: Double) -> String { ExportNumber.coordinate(v) }
        w.open("svg", ["xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(n(width)) \(n(height))", "width": n(width),
                       "height": n(height), "role": "img", "aria-label": t("export.sheet.chart"), "class": "grid-chart"])
        w.element("title", text: t("export.sheet.chart"))
        for (j, stage) in Stage.allCases.enumerated() {
            let x = labelW + cellW * Double(j) + 6
            w.element("text", ["x": n(x), "y": "18", "class": "stage"], text: stage.label)
            if let gloss = Mapping.stageGloss(stage) {
                w.element("text", ["x": n(x), "y": "34", "class": "stage-zh", "lang": DocumentLanguage.chinese(gloss, otherwise: "zh-Hant")],
                          text: gloss)
            }
        }
        w.element("text", ["x": n(labelW + cellW * 5 + 6), "y": "18", "class": "stage"], text: t("export.col.weight"))
        if grid.isEmpty {
            w.element("text", ["x": "6", "y": n(headH + 20), "class": "faint"], text: t("export.none.depts"))
        }
        for (i, row) in grid.enumerated() {
            let y = headH + rowH * Double(i)
            w.element("g", ["class": "row"]) { w in
                w.element("title", text: row.department)
                if i % 2 == 0 {
                    w.empty("rect", ["x": "0", "y": n(y), "width": n(width), "height": n(rowH), "class": "band"])
                }
                w.element("text", ["x": "6", "y": n(y + 19), "class": "dept"], text: row.department.truncated(to: 26))
                for (j, stage) in Stage.allCases.enumerated() {
                    let x = labelW + cellW * Double(j) + 4
                    let inner = cellW - 8
                    w.empty("rect", ["x": n(x), "y": n(y + 5), "width": n(inner), "height": n(rowH - 10), "class": "cell"])
                    guard let weight = row.weights[stage], weight > 0 else { continue }
                    let colour = stageColours[stage]!
                    let barW = (inner * min(weight, 100) / 100 * 10).rounded() / 10
                    w.empty("rect", ["x": n(x), "y": n(y + 5), "width": n(barW), "height": n(rowH - 10), "fill": colour.fill,
                                     "stroke": colour.edge, "stroke-width": "1"])
                    let label = barLabel(weight: weight, ids: row.ids[stage] ?? [], barX: x, barW: barW, cellEnd: x + inner)
                    w.element("text", ["x": n(label.x), "y": n(y + 19), "class": label.inside ? "w in" : "w out"]) { w in
                        w.element("title", text: Num.format(weight) + " " + (row.ids[stage] ?? []).map { "X\($0)" }.joined(separator: " "))
                        w.text(label.text)
                    }
                }
                let full = Mapping.isFull(row.total)
                w.element("text", ["x": n(labelW + cellW * 5 + 6), "y": n(y + 19), "class": full ? "total ok" : "total bad"],
                          text: Num.format(row.total) + (full ? " ✓" : " ✗"))
            }
        }
        w.close("svg")
    }

    /// The chart's bar labels are 11 units high (`.grid-chart .w`).
    static let labelFont = 11.0

    /// Where a bar's label goes and what it says: the weight and the contributions behind it
    /// (`30 X4`) inside the bar when the bar is long enough, else just after the bar when
    /// that fits in the cell; when neither fits, the weight alone (the contributions are in
    /// the table below and in the label's tooltip), inside or after. Never past the cell,
    /// where the next stage's cell begins. Pure, for the tests.
    static func barLabel(weight: Double, ids: [Int], barX: Double, barW: Double, cellEnd: Double)
        -> (text: String, x: Double, inside: Bool) {
        let pad = 4.0
        let full = ([Num.format(weight)] + ids.map { "X\($0)" }).joined(separator: " ")
        for text in [full, Num.format(weight)] {
            let width = textWidth(text, size: labelFont)
            if width + 2 * pad <= barW { return (text, barX + pad, true) }
            if barX + barW + pad + width <= cellEnd - 1 { return (text, barX + barW + pad, false) }
        }
        let text = Num.format(weight)
        let width = textWidth(text, size: labelFont)
        return width + 2 * pad <= barW ? (text, barX + pad, true) : (text, max(barX + pad, cellEnd - 1 - width), false)
    }

    /// A generous estimate of the width of SVG text in the page's sans-serif font (wide
    /// glyphs, e.g. DejaVu Sans, whose digits are 0.64 em): an upper bound, so a label
    /// estimated to fit does fit.
    static func textWidth(_ text: String, size: Double) -> Double {
        var em = 0.0
        for c in text {
            if String(c).displayWidth >= 2 { em += 1.0 }
            else if c == " " { em += 0.32 }
            else if c.isNumber { em += 0.64 }
            else if c.isUppercase { em += 0.78 }
            else if c.isLetter { em += 0.62 }
            else { em += 0.5 }
        }
        return em * size
    }

    // MARK: - style

    static let sheetStyle: StaticString = """
    :root{color-scheme:light}
    body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK TC","Noto Sans TC","PingFang TC","Microsoft JhengHei",sans-serif;color:#1d2433;font-size:13px;line-height:1.45;margin:24px}
    h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 6px;border-bottom:1px solid #d5d9e0;padding-bottom:3px}h3{font-size:13px;margin:0 0 6px}
    .sub{color:#3b4456;margin:2px 0;font-size:14px}.meta,.note,.faint,.none{color:#5b6475;margin:2px 0}
    table{border-collapse:collapse;width:100%;margin:6px 0 10px}thead{display:table-header-group}tr{break-inside:avoid}
    th,td{border:1px solid #d5d9e0;padding:4px 6px;text-align:left;vertical-align:top;word-break:keep-all;overflow-wrap:break-word}th{background:#eef1f5;font-weight:600}
    .nw,td.nw{white-space:nowrap}
    table.contributions{font-size:12px}table.contributions th,table.contributions td{padding:3px 4px}
    tr.goal th{background:#f3f5f8;font-weight:600;text-align:left}
    :lang(zh-Hant){font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK TC","Noto Sans TC","PingFang TC","Microsoft JhengHei",sans-serif}
    :lang(zh-Hans){font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif}
    :lang(ja){font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",sans-serif}
    :lang(ko){font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK KR","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif}
    tbody tr:nth-child(even) td{background:#f8f9fb}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num{white-space:nowrap}
    code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:11px;word-break:break-all}
    .st{font-weight:600;padding:1px 6px;border-radius:3px;white-space:nowrap}
    .st-signed{background:#e1f3e3;color:#1b6b2a}.st-partly{background:#fff4d6;color:#8a5a00}.st-unsigned{background:#eceef2;color:#4a5263}.st-void{background:#fde2e2;color:#a3161a}
    .sev{font-weight:600}.sev-high{color:#a3161a}.sev-medium{color:#8a5a00}.sev-low{color:#4a5263}
    .ok{color:#1b6b2a;font-weight:600}.bad{color:#a3161a;font-weight:600}
    .chart svg{max-width:100%;height:auto;font-size:12px}
    .grid-chart .stage{font-weight:600;fill:#1d2433}.grid-chart .stage-zh{fill:#5b6475}.grid-chart .band{fill:#f6f7f9}
    .grid-chart .cell{fill:#ffffff;stroke:#d5d9e0}.grid-chart .dept{fill:#1d2433}.grid-chart .w{fill:#1d2433;font-size:11px}
    .grid-chart .total{font-weight:600}.grid-chart .ok{fill:#1b6b2a}.grid-chart .bad{fill:#a3161a}.grid-chart .faint{fill:#5b6475}
    @page{size:A4 landscape;margin:12mm}
    @media print{body{margin:0}h2{break-after:avoid}section.chart{break-inside:avoid}}
    """

    static let lettersStyle: StaticString = """
    :root{color-scheme:light}
    body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK TC","Noto Sans TC","PingFang TC","Microsoft JhengHei",sans-serif;color:#1d2433;font-size:13px;line-height:1.45;margin:24px}
    h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 6px;border-bottom:1px solid #d5d9e0;padding-bottom:3px}h3{font-size:13px;margin:0 0 6px}
    .sub{color:#3b4456;margin:2px 0;font-size:14px}.meta,.note,.faint,.none{color:#5b6475;margin:2px 0}
    table{border-collapse:collapse;width:100%;margin:6px 0 10px}thead{display:table-header-group}tr{break-inside:avoid}
    th,td{border:1px solid #d5d9e0;padding:4px 6px;text-align:left;vertical-align:top;word-break:keep-all;overflow-wrap:break-word}th{background:#eef1f5;font-weight:600}
    .nw,td.nw{white-space:nowrap}
    :lang(zh-Hant){font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK TC","Noto Sans TC","PingFang TC","Microsoft JhengHei",sans-serif}
    :lang(zh-Hans){font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif}
    :lang(ja){font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",sans-serif}
    :lang(ko){font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK KR","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif}
    tfoot td{font-weight:600;background:#eef1f5}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num{white-space:nowrap}
    code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:11px;word-break:break-all}
    .st{font-weight:600;padding:1px 6px;border-radius:3px;white-space:nowrap}
    .st-signed{background:#e1f3e3;color:#1b6b2a}.st-partly{background:#fff4d6;color:#8a5a00}.st-unsigned{background:#eceef2;color:#4a5263}.st-void{background:#fde2e2;color:#a3161a}
    .ok{color:#1b6b2a;font-weight:600}.bad{color:#a3161a;font-weight:600}
    .cover{margin-bottom:18px}
    .letter{max-width:200mm}.letter table{font-size:12px}.letter th{font-size:11.5px}.letter th,.letter td{padding:3px 5px}td.stage{white-space:nowrap}
    .parties{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:10px 0}.parties dt{color:#5b6475}.parties dd{margin:0;font-weight:600}
    .goals{margin:4px 0;padding-left:20px}.rule,.digest{margin:4px 0}.seal{display:flex;gap:12px;align-items:center;margin:6px 0}.seal .qr{flex:none}
    .sigs{display:flex;gap:14px;margin-top:8px}.sig{flex:1 1 0;min-width:0;border:1px solid #d5d9e0;border-radius:4px;padding:10px 12px;min-height:120px;break-inside:avoid}
    .sig p{margin:3px 0}.sig .name{font-size:15px;font-weight:600}
    .sig-valid{border-color:#1b6b2a;background:#f3faf4}.sig-void{border-color:#a3161a;background:#fdf0f0}.sig-unsigned{border-style:dashed}
    .signline{margin-top:34px !important;color:#5b6475}
    .doc-head{text-align:center;margin-bottom:8px}.doc-head h1{font-size:24px;letter-spacing:.12em}.clause{margin:4px 0;text-indent:2em}.goal{margin:3px 0 3px 2em}
    .letter table.signing{table-layout:fixed;font-size:13px;break-inside:avoid}.signing th.role{width:16%;text-align:center;vertical-align:middle}.signing td{height:30px;vertical-align:middle}
    .signing .sign-row td{height:44px}.signing .seal-row td{height:96px;text-align:center}
    .seal-box{display:inline-block;width:84px;height:84px;border:1px dashed #9aa2b1;border-radius:4px;vertical-align:middle}
    .record{margin-top:14px;color:#5b6475}
    @page{size:A4;margin:15mm}
    @media screen{.letter{border-top:2px dashed #c5cad3;padding-top:18px;margin-top:28px}}
    @media print{body{margin:0}.cover{break-after:page}.letter{break-before:page;page-break-before:always}.letter:first-of-type{break-before:auto;page-break-before:auto}h2{break-after:avoid}}
    """
}
