/// Markdown that reads in a plain terminal (columns padded by display width, CJK counted
/// as two) and renders on a code host (GitHub-flavoured tables, `|` and markup escaped).
public enum Markdown {
    public enum Align: Sendable { case left, right }

    /// Text for a table cell or a line of prose: line breaks become spaces, `|` and the
    /// characters that would start markup (`\ * _ ~ [ ] < > ` and entities) are escaped
    /// with a backslash, so what the user typed reads as typed.
    public static func escape(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for (i, c) in chars.enumerated() {
            switch c {
            case "\n", "\r", "\r\n", "\t": out.append(" ")
            case "\\", "|", "*", "`", "[", "]", "<", ">", "~": out.append("\\"); out.append(c)
            case "_":
                // inside a word (conversion_rate) an underscore never makes emphasis
                let before = i > 0 ? chars[i - 1] : " ", after = i + 1 < chars.count ? chars[i + 1] : " "
                if before.isLetter || before.isNumber, after.isLetter || after.isNumber { out.append(c) } else { out += "\\_" }
            case "&":
                out += looksLikeEntity(chars, from: i) ? "\\&" : "&"
            default:
                out.append(c)
            }
        }
        return out
    }

    /// `&amp;`, `&#60;` …: an entity a renderer would decode.
    static func looksLikeEntity(_ chars: [Character], from i: Int) -> Bool {
        var j = i + 1, n = 0
        while j < chars.count, n <= 32, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "#" { j += 1; n += 1 }
        return n > 0 && j < chars.count && chars[j] == ";"
    }

    /// A table whose columns line up in a terminal. Cells are escaped here.
    public static func table(_ header: [String], _ rows: [[String]], align: [Align] = []) -> String {
        let head = header.map(escape)
        let body = rows.map { $0.map(escape) }
        var widths = head.map { max(3, $0.displayWidth) }
        for r in body { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.displayWidth) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for i in widths.indices {
                let c = i < cells.count ? cells[i] : ""
                let right = i < align.count && align[i] == .right
                parts.append(right ? c.leftPadded(to: widths[i]) : c.padded(to: widths[i]))
            }
            return "| " + parts.joined(separator: " | ") + " |"
        }
        var out = [line(head)]
        out.append("| " + widths.indices.map { i -> String in
            let right = i < align.count && align[i] == .right
            return right ? String(repeating: "-", count: widths[i] - 1) + ":" : ":" + String(repeating: "-", count: widths[i] - 1)
        }.joined(separator: " | ") + " |")
        for r in body { out.append(line(r)) }
        return out.joined(separator: "\n")
    }
}

/// The Markdown exporters.
public enum MarkdownExport {
    typealias A = Markdown.Align

    public static func sheet(_ sheet: TargetSheet) -> String {
        var out: [String] = []
        out.append("# " + Markdown.escape(sheet.heading))
        out.append("")
        out.append(Markdown.escape(sheet.subheading) + "  ")
        out.append(Markdown.escape(sheet.info.line) + "  ")
        out.append(Markdown.escape(sheet.summary))
        out.append("")
        out.append("## " + t("export.sheet.rows"))
        out.append("")
        if sheet.rows.isEmpty {
            out.append(t("export.none.rows"))
        } else {
            out.append(Markdown.table(CSVExport.sheetHeader(), sheet.rows.map { r in
                [Export.goalLabel(r.goal, r.goalTitle), Export.stageLabel(r.stage), r.department, r.kpi, Num.format(r.target),
                 Num.format(r.challenge), Num.format(r.floor), r.unit, Num.format(r.weight), r.owner ?? "–", r.source,
                 r.cycle.rawValue, Export.statusWord(r.status)]
            }, align: [.left, .left, .left, .left, .right, .right, .right, .left, .right]))
        }
        out.append("")
        out.append("## " + t("export.sheet.goals"))
        out.append("")
        if sheet.goals.isEmpty {
            out.append(t("export.none.goals"))
        } else {
            out.append(Markdown.table(
                ["export.col.id", "export.col.title", "export.col.metric", "export.col.baseline", "export.col.target", "export.col.by",
                 "export.col.owner", "export.col.stages", "export.col.votes"].map { t($0) },
                sheet.goals.map { g in
                    ["G\(g.id) r\(g.revision)", g.title, g.metricLabel ?? "–", g.baseline.map { Num.format($0) } ?? "–",
                     (g.target.map { Num.format($0) } ?? "–") + (g.unit.map { " " + $0 } ?? ""), g.by ?? "–", g.owner ?? "–",
                     g.stages.map(\.rawValue).joined(separator: ", "), g.tally]
                }, align: [.left, .left, .left, .right, .right]))
        }
        out.append("")
        out.append("## " + t("export.sheet.settled"))
        out.append("")
        if sheet.settled.isEmpty {
            out.append(t("export.none.settled"))
        } else {
            out.append(Markdown.table(
                ["export.col.id", "export.col.severity", "export.col.rule", "export.col.departments", "KPIs", "export.col.status",
                 "export.col.note"].map { $0.hasPrefix("export.") ? t($0) : $0 },
                sheet.settled.map { c in
                    ["C\(c.id)", c.severity.rawValue, c.rule, c.departments.joined(separator: " ↔ "), c.kpis.joined(separator: "; "),
                     c.status.rawValue, c.note ?? "–"]
                }))
        }
        out.append("")
        out.append("## " + t("export.sheet.signatures"))
        out.append("")
        if sheet.letters.isEmpty {
            out.append(t("export.none.depts"))
        } else {
            out.append(Markdown.table(
                ["export.col.department", "export.col.letter", "export.col.digest", "export.col.head", "export.col.supervisor"].map { t($0) },
                sheet.letters.map { l in
                    [l.department, Export.statusWord(l.status), l.digest] + l.signatures.map(signatureCell)
                }))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `Dana Reyes · 2027-01-15 10:05 · valid`, or `not signed`.
    static func signatureCell(_ line: SignatureLine) -> String {
        guard let sig = line.signature, let who = line.signer else { return line.verdict }
        return "\(who) · \(Time.short(sig.time)) · \(line.verdict)"
    }

    public static func letters(_ set: LetterSet) -> String {
        var out: [String] = []
        out.append("# " + Markdown.escape(set.heading))
        out.append("")
        out.append(Markdown.escape(set.subheading) + "  ")
        out.append(Markdown.escape(set.info.line))
        if set.items.isEmpty {
            out.append("")
            out.append(t("export.none.depts"))
        }
        for item in set.items {
            let l = item.letter
            out.append("")
            out.append("---")
            out.append("")
            out.append("## " + Markdown.escape(t("letter.title", ["dept": l.dept])))
            out.append("")
            out.append(Markdown.escape(t("export.letter.head-line", ["head": l.head ?? "–", "supervisor": l.supervisor ?? "–"])) + "  ")
            out.append(Markdown.escape(t("export.letter.status", ["status": Export.statusWord(item.status)])))
            out.append("")
            out.append("### " + t("export.letter.goals"))
            out.append("")
            if l.goals.isEmpty { out.append(t("letter.serves-none")) }
            for g in l.goals { out.append("- " + Markdown.escape(Export.goalLine(g))) }
            out.append("")
            out.append("### " + t("export.letter.rows"))
            out.append("")
            if l.rows.isEmpty {
                out.append(Markdown.escape(t("export.letter.no-rows", ["dept": l.dept])))
            } else {
                var rows = l.rows.map { r in
                    ["G\(r.goal)", r.kpi, Export.stageLabel(r.stage), Num.format(r.weight), Num.format(r.floor), Num.format(r.target),
                     Num.format(r.challenge), r.unit, r.source, r.cycle.rawValue]
                }
                rows.append(["", t("export.total"), "", Num.format(l.weightTotal), "", "", "", "", "", ""])
                out.append(Markdown.table(
                    ["export.col.goal", "export.col.kpi", "export.col.stage", "export.col.weight", "export.col.floor", "export.col.target",
                     "export.col.challenge", "export.col.unit", "export.col.source", "export.col.cycle"].map { t($0) },
                    rows, align: [.left, .left, .left, .right, .right, .right, .right]))
            }
            if !l.pending.isEmpty {
                out.append("")
                out.append(Markdown.escape(t("export.letter.pending", ["list": l.pending.map { "X\($0.id) \($0.kpi) (G\($0.goal))" }.joined(separator: ", ")])))
            }
            out.append("")
            out.append(Markdown.escape(t("letter.completion", ["rule": l.scoring.text])) + "  ")
            out.append(Markdown.escape(t("letter.digest", ["digest": ""])) + "`" + item.digest + "`")
            out.append("")
            out.append("### " + t("export.letter.signatures"))
            out.append("")
            out.append(Markdown.table(
                ["export.col.role", "export.col.name", "export.col.signer", "export.col.time", "export.col.signed-digest", "export.col.verdict"].map { t($0) },
                item.signatures.map { line in
                    [Signatures.roleName(line.role), line.recorded ?? "–", line.signer ?? "–",
                     line.signature.map { Time.short($0.time) } ?? "–", line.signature?.digest ?? "–", line.verdict]
                }))
            if item.signatures.contains(where: { !$0.valid }) {
                out.append("")
                out.append(t("export.letter.sign-here"))
            }
            if item.earlier > 0 {
                out.append("")
                out.append(Markdown.escape(Export.earlierNote(item.earlier)))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
