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
    /// text neutralised and quoted; control and bidi characters in it (only a hand-edited
    /// file holds them; line breaks and tabs are kept) shown as their codes (`\u{202E}`).
    public static func field(_ cell: Cell) -> String {
        switch cell {
        case let .text(s): return quote(neutralise(ControlCharacters.visible(s, keeping: ["\n", "\t"])))
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

extension CSV {
    /// A value of the export model as a cell: numbers as numbers, times as stored (ISO 8601),
    /// dates as stored (YYYY-MM-DD), quantities in digits, nothing as an empty cell, everything
    /// else as the text a person reads.
    public static func cell(_ v: ExportValue) -> Cell {
        switch v {
        case let .number(n): return .number(n)
        case .absent, .day(nil): return .text("")
        case let .time(iso): return .text(iso)
        // as stored and in digits: a CSV is read by machines, never in 萬/億 or 民國 years
        case let .day(d?): return .text(d)
        case let .quantity(n, unit): return .text((n.map { Num.format($0) } ?? "–") + (unit.map { " " + $0 } ?? ""))
        default: return .text(v.plain)
        }
    }

    /// A heading row and one row per model row, in the columns chosen.
    static func table<C: ExportColumn>(_ columns: [C], _ rows: [C.Row]) -> [[Cell]] {
        [columns.map { .text($0.heading) }] + rows.map { r in columns.map { cell($0.value(r)) } }
    }
}

/// The CSV exporters: the target sheet (its table first, then the adopted goals and the
/// settled conflicts below, each under a title row) and the letters (one row per letter row,
/// a letter without rows still has one, with its signatures).
public enum CSVExport {
    typealias Cell = CSV.Cell

    public static func sheet(_ sheet: TargetSheet) -> Data {
        var rows = CSV.table(TargetSheet.Column.all, sheet.rows)
        rows.append([])
        rows.append([.text(t("export.sheet.goals"))])
        rows += CSV.table(TargetSheet.GoalColumn.cells, sheet.goals)
        rows.append([])
        rows.append([.text(t("export.sheet.settled"))])
        rows += CSV.table(TargetSheet.SettledColumn.all, sheet.settled)
        return CSV.document(rows)
    }

    public static func letters(_ set: LetterSet) -> Data {
        CSV.document(CSV.table(LetterSet.Column.flat, set.lines))
    }
}
