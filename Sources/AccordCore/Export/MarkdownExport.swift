/// Markdown that reads in a plain terminal (columns padded by display width, CJK counted
/// as two) and renders on a code host (GitHub-flavoured tables, `|` and markup escaped).
public enum Markdown {
    public enum Align: Sendable { case left, right }

    /// Text for a table cell or a line of prose: line breaks become spaces, `|` and the
    /// characters that would start markup (`\ * _ ~ [ ] < > ` and entities) are escaped
    /// with a backslash, so what the user typed reads as typed. Control and bidi characters
    /// (only a hand-edited file holds them) are shown as their codes (`\u{1B}`), so no escape
    /// sequence reaches a terminal that shows the file and no override reorders a line.
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
                // a control or bidi character from a hand-edited file: shown as its code
                if c.unicodeScalars.contains(where: ControlCharacters.isUnsafe) {
                    out += ControlCharacters.visible(String(c))
                } else {
                    out.append(c)
                }
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

    /// A table of the export model's columns (`ExportColumn`): headings from the catalog,
    /// numbers right-aligned, each value as a person reads it; `extra` rows (a total) below.
    public static func table<C: ExportColumn>(_ columns: [C], _ rows: [C.Row], extra: [[String]] = []) -> String {
        table(columns.map(\.heading), rows.map { r in columns.map { $0.value(r).plain } } + extra,
              align: columns.map { $0.numeric ? .right : .left })
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
            out.append(Markdown.table(TargetSheet.Column.all, sheet.rows))
        }
        out.append("")
        out.append("## " + t("export.sheet.goals"))
        out.append("")
        if sheet.goals.isEmpty {
            out.append(t("export.none.goals"))
        } else {
            out.append(Markdown.table(TargetSheet.GoalColumn.prose, sheet.goals))
        }
        out.append("")
        out.append("## " + t("export.sheet.settled"))
        out.append("")
        if sheet.settled.isEmpty {
            out.append(t("export.none.settled"))
        } else {
            out.append(Markdown.table(TargetSheet.SettledColumn.all, sheet.settled))
        }
        out.append("")
        out.append("## " + t("export.sheet.signatures"))
        out.append("")
        if sheet.letters.isEmpty {
            out.append(t("export.none.depts"))
        } else {
            out.append(Markdown.table(TargetSheet.LetterColumn.all, sheet.letters))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The letters, each worded by `template` (the built-in one of the current language when nil).
    public static func letters(_ set: LetterSet, template: LetterTemplate? = nil) -> String {
        let template = template ?? LetterTemplate.builtIn()
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
            out.append("")
            out.append("---")
            out.append("")
            var body = template.render(item, sealKey: set.info.sealKey)
            while body.hasSuffix("\n") { body.removeLast() }
            out.append(body)
        }
        return out.joined(separator: "\n") + "\n"
    }
}
