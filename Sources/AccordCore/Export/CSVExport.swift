import Foundation

/// CSV as Excel and every other reader take it: UTF-8 with a byte-order mark (so Excel
/// opens Chinese correctly), CRLF line ends and RFC 4180 quoting. A text cell that a
/// spreadsheet could run as a formula is neutralised with a leading `'`.
///
///     CSV.text("=HYPERLINK(\"http://x\",\"y\")")   // "'=HYPERLINK(""http://x"",""y"")" once quoted
///     CSV.number(-5)                              // -5 (a number, never a formula)
public enum CSV {
    /// One cell: text the user typed, or a number accord wrote.
    public enum Cell: Equatable, Sendable {
        case text(String)
        case number(Double)
    }

    public static let bom = "\u{FEFF}"

    /// Characters that make a spreadsheet read a cell as a formula (or a DDE command) when
    /// they start it: = + - @, tab and carriage return, and their fullwidth forms (which
    /// some CJK spreadsheet setups convert as they read).
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]

    /// A text cell made inert: `'` before it when it would start a formula, also when only
    /// spaces stand before the formula character (some spreadsheets trim them).
    public static func neutralise(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let head = scalars.first else { return text }
        let firstVisible = scalars.first { $0 != " " && $0 != "\u{3000}" }
        if formulaStarts.contains(head) || firstVisible.map(formulaStarts.contains) == true { return "'" + text }
        return text
    }

    /// RFC 4180: quoted when it holds a comma, a quote, CR or LF (or starts or ends with a
    /// space, which some readers trim); quotes doubled.
    public static func quote(_ text: String) -> String {
        var needs = false
        for u in text.unicodeScalars where u == "," || u == "\"" || u == "\n" || u == "\r" { needs = true; break }
        if !needs, let f = text.unicodeScalars.first, let l = text.unicodeScalars.last, f == " " || l == " " { needs = true }
        guard needs else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A cell as it is written: numbers in their canonical form (`1200000`, `-5`, `2.8`),
    /// text neutralised and quoted.
    public static func field(_ cell: Cell) -> String {
        switch cell {
        case let .text(s): return quote(neutralise(s))
        case let .number(v): return Num.canonical(v)
        }
    }

    /// Rows joined with CRLF (and a CRLF after the last), behind a BOM.
    public static func document(_ rows: [[Cell]]) -> Data {
        var out = bom
        out.reserveCapacity(rows.count * 120)
        for row in rows {
            var first = true
            for cell in row {
                if !first { out += "," }
                out += field(cell)
                first = false
            }
            out += "\r\n"
        }
        return Data(out.utf8)
    }
}

/// The CSV exporters: the target sheet (its table first, then the adopted goals and the
/// settled conflicts below, each under a title row) and the letters (one row per letter row).
public enum CSVExport {
    typealias Cell = CSV.Cell

    static func text(_ s: String?) -> Cell { .text(s ?? "") }
    static func num(_ v: Double?) -> Cell { v.map { .number($0) } ?? .text("") }

    public static func sheetHeader() -> [String] {
        ["export.col.goal", "export.col.stage", "export.col.department", "export.col.kpi", "export.col.target",
         "export.col.challenge", "export.col.floor", "export.col.unit", "export.col.weight", "export.col.owner",
         "export.col.source", "export.col.cycle", "export.col.signature"].map { t($0) }
    }

    public static func sheet(_ sheet: TargetSheet) -> Data {
        var rows: [[Cell]] = [sheetHeader().map(Cell.text)]
        rows.reserveCapacity(sheet.rows.count + sheet.goals.count + sheet.settled.count + 8)
        for r in sheet.rows {
            rows.append([.text(Export.goalLabel(r.goal, r.goalTitle)), .text(r.stage.rawValue), .text(r.department), .text(r.kpi),
                         .number(r.target), .number(r.challenge), .number(r.floor), .text(r.unit), .number(r.weight),
                         text(r.owner), .text(r.source), .text(r.cycle.rawValue), .text(Export.statusWord(r.status))])
        }
        rows.append([])
        rows.append([.text(t("export.sheet.goals"))])
        rows.append(["export.col.id", "export.col.title", "export.col.revision", "export.col.metric", "export.col.baseline",
                     "export.col.target", "export.col.unit", "export.col.by", "export.col.owner", "export.col.stages",
                     "export.col.votes"].map { .text(t($0)) })
        for g in sheet.goals {
            rows.append([.text("G\(g.id)"), .text(g.title), .number(Double(g.revision)), text(g.metric), num(g.baseline),
                         num(g.target), text(g.unit), text(g.by), text(g.owner),
                         .text(g.stages.map(\.rawValue).joined(separator: " ")), .text(g.tally)])
        }
        rows.append([])
        rows.append([.text(t("export.sheet.settled"))])
        rows.append(["export.col.id", "export.col.severity", "export.col.rule", "export.col.departments", "KPIs",
                     "export.col.status", "export.col.note"].map { .text($0.hasPrefix("export.") ? t($0) : $0) })
        for c in sheet.settled {
            rows.append([.text("C\(c.id)"), .text(c.severity.rawValue), .text(c.rule), .text(c.departments.joined(separator: " ↔ ")),
                         .text(c.kpis.joined(separator: "; ")), .text(c.status.rawValue), text(c.note)])
        }
        return CSV.document(rows)
    }

    public static func lettersHeader() -> [String] {
        ["export.col.department", "export.col.head", "export.col.supervisor", "export.col.goal", "export.col.kpi",
         "export.col.stage", "export.col.weight", "export.col.floor", "export.col.target", "export.col.challenge",
         "export.col.unit", "export.col.source", "export.col.cycle", "export.col.digest", "export.col.letter"].map { t($0) }
            + ["export.col.head", "export.col.supervisor"].flatMap { key -> [String] in
                let role = t(key)
                return [t("export.col.sig-signer", ["role": role]), t("export.col.sig-time", ["role": role]),
                        t("export.col.sig-verdict", ["role": role])]
            }
    }

    /// One row per letter row (a letter without rows still has one, with its signatures).
    public static func letters(_ set: LetterSet) -> Data {
        var rows: [[Cell]] = [lettersHeader().map(Cell.text)]
        for item in set.items {
            let l = item.letter
            let titles = Dictionary(l.goals.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            let sigs: [Cell] = item.signatures.flatMap { line -> [Cell] in
                [text(line.signer), text(line.signature?.time), .text(line.verdict)]
            }
            let tail: [Cell] = [.text(item.digest), .text(Export.statusWord(item.status))] + sigs
            let lead: [Cell] = [.text(l.dept), text(l.head), text(l.supervisor)]
            if l.rows.isEmpty {
                rows.append(lead + Array(repeating: .text(""), count: 10) + tail)
            }
            for r in l.rows {
                rows.append(lead + [.text(Export.goalLabel(r.goal, titles[r.goal] ?? "")), .text(r.kpi), .text(r.stage.rawValue),
                                    .number(r.weight), .number(r.floor), .number(r.target), .number(r.challenge),
                                    .text(r.unit), .text(r.source), .text(r.cycle.rawValue)] + tail)
            }
        }
        return CSV.document(rows)
    }
}
