import Foundation

extension HTMLExport {
    /// A department's letter laid out for a phone (the participant's page of `serve`): what
    /// the printed letter says, from the same model (`LetterSet`'s rows and columns), without
    /// the terminal's columns or the REPL's hints: the letter's state, the goals it serves, one
    /// card per row (the KPI as its heading, each other column of the letter as a label and its
    /// value), the total weight, rows still pending, the completion rule and each role's
    /// signature. The digest and the sign button are the page's own. Every value is escaped.
    public static func letterCard(_ item: LetterSet.Item, lang: String? = nil) -> String {
        let l = item.letter
        var w = HTMLWriter(capacity: 4096)
        w.lang = lang
        w.element("p") { w in status(&w, item.status) }
        goals(&w, l, heading: "h3", none: "muted")
        w.element("h3", text: t("export.letter.rows"))
        if l.rows.isEmpty {
            w.element("p", ["class": "muted"], text: t("export.letter.no-rows", ["dept": l.dept]))
        }
        let columns = LetterSet.Column.rows.filter { $0 != .kpi }
        for r in l.rows {
            let line = LetterSet.Line(item: item, row: r)
            w.element("div", ["class": "row"]) { w in
                w.element("h4", text: LetterSet.Column.kpi.value(line).plain)
                w.element("dl") { w in
                    for c in columns {
                        w.element("dt", text: c.heading)
                        w.element("dd", c.numeric ? ["class": "num"] : [:], text: c.value(line).plain)
                    }
                }
            }
        }
        if !l.rows.isEmpty {
            w.element("p", ["class": "total"], text: t("export.letter.total-weight", ["weight": Num.format(l.weightTotal)]))
        }
        if !l.pending.isEmpty {
            w.element("p", ["class": "muted"],
                      text: t("export.letter.pending", ["list": l.pending.map { "X\($0.id) \($0.kpi) (G\($0.goal))" }.joined(separator: Punct.list)]))
        }
        w.element("p", ["class": "rule"], text: t("letter.completion", ["rule": l.ruleText]))
        w.element("h3", text: t("export.letter.signatures"))
        w.element("ul", ["class": "sigs"]) { w in
            for line in item.signatures {
                w.element("li") { w in
                    w.text(t("export.col." + line.role.rawValue) + " · " + (line.recorded ?? "–") + " · ")
                    if line.signature != nil {
                        w.element("span", ["class": line.valid ? "ok" : "bad"], text: (line.valid ? "✓ " : "✗ ") + line.verdict)
                    } else {
                        w.element("span", ["class": "muted"], text: line.verdict)
                    }
                }
            }
        }
        return w.document
    }
}
