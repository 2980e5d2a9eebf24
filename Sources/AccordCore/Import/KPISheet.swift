import CSV
import Foundation

/// A spreadsheet of current KPIs, read from CSV: bytes in, rows and row errors out.
/// No catalog, no state, no files: `kpi import` turns the rows into KPIs.
///
/// What it reads: headers in English, Traditional or Simplified Chinese in any order
/// (部門, KPI名稱, 方向, 目標值 …); UTF-8 with or without a BOM, or UTF-16 with a BOM;
/// CRLF or LF; commas, semicolons or tabs between cells; quoted cells holding commas,
/// quotes and line breaks; numbers such as 1,200 / 8% / 200萬 / NT$1,200; direction words
/// such as up, decrease, 提升, 降低. A row that cannot be read is reported with its line
/// number and nothing of it is kept; blank cells are allowed.
///
///     let sheet = try KPISheet.parse(Data("部門,KPI名稱,方向\n行銷部,網站流量,提升\n".utf8))
///     sheet.rows[0].dir   // .up
public enum KPISheet {
    public enum Column: String, CaseIterable, Sendable {
        case dept, name, metric, dir, target, unit, source, cycle, weight, owner
    }

    public struct Row: Equatable, Sendable {
        /// Line of the file where the row starts (the header is line 1).
        public var line: Int
        public var dept: String
        public var name: String
        /// A catalog key given in a `metric` column.
        public var metric: String?
        public var dir: Direction?
        public var target: Double?
        public var unit: String?
        public var source: String?
        public var cycle: Cycle?
        public var weight: Double?
        public var owner: String?

        public init(line: Int, dept: String, name: String) {
            self.line = line; self.dept = dept; self.name = name
        }
    }

    public struct RowError: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { t("import.line", ["line": "\(line)", "reason": reason]) }
    }

    public struct Sheet: Equatable, Sendable {
        public var rows: [Row] = []
        public var errors: [RowError] = []
        /// Each recognised column and the header text it was found under.
        public var columns: [Column: String] = [:]
        /// Header cells that name no column this importer knows.
        public var ignored: [String] = []
    }

    /// The file as a whole cannot be read.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Header words for each column, in any of the three languages (compared as `NameKey`s,
    /// so case, width, spacing and Chinese script do not matter).
    static let aliases: [Column: [String]] = [
        .dept: ["department", "dept", "team", "division", "business unit", "部門", "部門名稱", "團隊", "組別", "事業部"],
        .name: ["kpi", "kpi name", "kpi名稱", "name", "indicator", "指標", "指標名稱", "考核指標", "績效指標", "關鍵指標", "項目"],
        .metric: ["metric key", "catalog key", "metric id", "指標代碼", "指標鍵"],
        .dir: ["direction", "dir", "polarity", "trend", "方向", "期望方向", "趨勢", "指標方向"],
        .target: ["target", "target value", "goal", "goal value", "目標值", "目標", "目標數值"],
        .unit: ["unit", "units", "unit of measure", "單位", "計量單位"],
        .source: ["source", "data source", "system", "數據來源", "資料來源", "來源", "數據源", "資料源"],
        .cycle: ["cycle", "review cycle", "frequency", "review frequency", "考核週期", "週期", "考核頻率", "頻率"],
        .weight: ["weight", "weighting", "weight %", "權重", "比重", "佔比", "權重%"],
        .owner: ["owner", "responsible", "person in charge", "pic", "負責人", "責任人", "承辦人", "當責者"],
    ]

    static let headerIndex: [String: Column] = {
        var m: [String: Column] = [:]
        for (col, words) in aliases { for w in words { m[NameKey.of(w)] = col } }
        return m
    }()

    /// Reads a sheet. Throws `Failure` when the file as a whole cannot be used (not text,
    /// empty, no department or KPI column, more than `rowLimit` data rows: reading stops
    /// at the first row over it).
    public static func parse(_ data: Data, rowLimit: Int = ImportLimits.rowsPerImport) throws -> Sheet {
        let text = try decode(data)
        let delimiter = sniffDelimiter(text)
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter) } catch {
            throw Failure(message: t("import.unreadable", ["why": "\(error)"]))
        }
        // records with the line each starts on
        var records: [(line: Int, cells: [String])] = []
        var line = 1
        var dataRows = -1  // the first non-blank record is the header
        while let cells = reader.next() {
            records.append((line, cells))
            line += 1 + cells.reduce(0) { $0 + lineBreaks(in: $1) }
            if !isBlank(cells) {
                dataRows += 1
                if dataRows > rowLimit {
                    throw Failure(message: t("import.too-many-rows", ["limit": Num.format(Double(rowLimit))]))
                }
            }
        }
        let lastLine = line - 1
        guard let headerAt = records.firstIndex(where: { !isBlank($0.cells) }) else {
            throw Failure(message: t("import.empty"))
        }
        var sheet = Sheet()
        // the header
        var columnAt: [Int: Column] = [:]
        let header = records[headerAt].cells.map(clean)
        if let i = header.firstIndex(where: { ControlCharacters.first(in: $0) != nil }),
           let bad = ControlCharacters.first(in: header[i]) {
            throw Failure(message: t("import.header-control", ["line": "\(records[headerAt].line)", "cell": "\(i + 1)",
                                                                 "code": bad.code]))
        }
        var nameLike: [Int] = []
        for (i, cell) in header.enumerated() where !cell.isEmpty {
            let key = NameKey.of(cell)
            if key == "metric" {
                nameLike.append(i); continue
            }
            if let col = headerIndex[key], sheet.columns[col] == nil {
                columnAt[i] = col; sheet.columns[col] = cell
            } else {
                sheet.ignored.append(cell)
            }
        }
        // "metric" names the KPI when there is no KPI column, else it holds catalog keys
        for i in nameLike {
            let col: Column = sheet.columns[.name] == nil ? .name : .metric
            if sheet.columns[col] == nil { columnAt[i] = col; sheet.columns[col] = header[i] } else { sheet.ignored.append(header[i]) }
        }
        let missing = [Column.dept, .name].filter { sheet.columns[$0] == nil }
        guard missing.isEmpty else {
            throw Failure(message: t("import.missing-columns", [
                "missing": missing.map { t("import.column." + $0.rawValue) }.joined(separator: Punct.list),
                "found": header.filter { !$0.isEmpty }.joined(separator: Punct.list),
            ]))
        }
        let width = header.count
        // an unclosed quote swallows the rest of the file into the last record
        let unclosed = text.unicodeScalars.reduce(0) { $0 + ($1 == "\"" ? 1 : 0) } % 2 == 1
        for (r, rec) in records.enumerated() where r > headerAt {
            if isBlank(rec.cells) { continue }
            if unclosed && r == records.count - 1 {
                sheet.errors.append(RowError(line: rec.line, reason: t("import.unclosed-quote", ["last": "\(lastLine)"])))
                continue
            }
            if rec.cells.count > width, rec.cells[width...].contains(where: { !clean($0).isEmpty }) {
                sheet.errors.append(RowError(line: rec.line, reason: t("import.too-many-cells",
                                                                        ["n": "\(rec.cells.count)", "m": "\(width)"])))
                continue
            }
            var cell: [Column: String] = [:]
            for (i, c) in rec.cells.enumerated() {
                if let col = columnAt[i] { cell[col] = clean(c) }
            }
            // line breaks and tabs inside a cell are folded to spaces by `clean`; any other
            // control character (an escape sequence, say) refuses the row, without echoing it
            if let col = Column.allCases.first(where: { cell[$0].map { ControlCharacters.first(in: $0) != nil } ?? false }),
               let bad = cell[col].flatMap({ ControlCharacters.first(in: $0) }) {
                sheet.errors.append(RowError(line: rec.line, reason: t("import.control-char", [
                    "column": t("import.column." + col.rawValue), "code": bad.code])))
                continue
            }
            switch readRow(cell, line: rec.line) {
            case let .success(row): sheet.rows.append(row)
            case let .failure(e): sheet.errors.append(e)
            }
        }
        return sheet
    }

    static func readRow(_ cell: [Column: String], line: Int) -> Result<Row, RowError> {
        func fail(_ key: String, _ args: [String: String] = [:]) -> Result<Row, RowError> {
            .failure(RowError(line: line, reason: t(key, args)))
        }
        func value(_ c: Column) -> String? { cell[c].flatMap { $0.isEmpty ? nil : $0 } }
        guard let dept = value(.dept) else { return fail("import.no-dept") }
        guard let name = value(.name) else { return fail("import.no-name") }
        var row = Row(line: line, dept: dept, name: name)
        row.metric = value(.metric)
        if let d = value(.dir) {
            guard let dir = Direction(parsing: d) else { return fail("import.bad-dir", ["value": d]) }
            row.dir = dir
        }
        if let v = value(.target) {
            guard let n = Num.parse(v) else { return fail("import.bad-number", ["what": t("import.column.target"), "value": v]) }
            row.target = n.value
            // cleaned like every other cell: reading the number turns an ideographic space into
            // a plain one, which may leave a run of spaces of two kinds in the unit
            row.unit = n.unit.map(clean).flatMap { $0.isEmpty ? nil : $0 }
        }
        if let u = value(.unit) { row.unit = u }
        row.source = value(.source)
        if let c = value(.cycle) {
            guard let cycle = Cycle(parsing: c) else { return fail("import.bad-cycle", ["value": c]) }
            row.cycle = cycle
        }
        if let w = value(.weight) {
            guard let n = Num.parse(w), n.unit == nil || n.unit == "%" else {
                return fail("import.bad-number", ["what": t("import.column.weight"), "value": w])
            }
            guard n.value >= 0, n.value <= 100 else { return fail("import.bad-weight", ["value": w]) }
            row.weight = n.value
        }
        row.owner = value(.owner)
        return .success(row)
    }

    // MARK: text

    /// UTF-8 (a BOM is dropped) or UTF-16 with a BOM; anything else is refused with advice.
    static func decode(_ data: Data) throws -> String {
        let bytes = [UInt8](data.prefix(3))
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            guard let s = String(data: data, encoding: .utf16) else { throw Failure(message: t("import.not-utf8")) }
            return s.hasPrefix("\u{FEFF}") ? String(s.dropFirst()) : s
        }
        var body = data
        if bytes.count == 3, bytes == [0xEF, 0xBB, 0xBF] { body = data.dropFirst(3) }
        guard let s = String(data: body, encoding: .utf8) else { throw Failure(message: t("import.not-utf8")) }
        guard !s.contains("\u{0}") else { throw Failure(message: t("import.not-utf8")) }
        return s
    }

    /// Comma, unless the first line has no comma but has tabs or semicolons.
    static func sniffDelimiter(_ text: String) -> Unicode.Scalar {
        let first = text.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" }
        var commas = 0, tabs = 0, semis = 0
        for u in first {
            switch u {
            case ",": commas += 1
            case "\t": tabs += 1
            case ";": semis += 1
            default: break
            }
        }
        if commas == 0 && tabs > 0 { return "\t" }
        if commas == 0 && semis > 0 { return ";" }
        return ","
    }

    static func lineBreaks(in cell: String) -> Int {
        var n = 0
        var lastCR = false
        for u in cell.unicodeScalars {
            if u == "\n" { if !lastCR { n += 1 }; lastCR = false } else if u == "\r" { n += 1; lastCR = true } else { lastCR = false }
        }
        return n
    }

    /// Trimmed, with inner line breaks and runs of spaces folded to one space.
    static func clean(_ cell: String) -> String {
        if isPlain(cell) { return cell }
        let t = cell.fastTrimmed()
        guard t.contains(where: { $0.isNewline || $0 == "\t" || $0 == " " }) else { return t }
        return t.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// True when `clean` leaves the cell as it is: no whitespace but single spaces between
    /// words, and no space that a combining mark could attach to. Most cells are plain.
    static func isPlain(_ cell: String) -> Bool {
        var afterSpace = true  // a leading space is trimmed
        for u in cell.unicodeScalars {
            let v = u.value
            if v == 0x20 {
                if afterSpace { return false }
                afterSpace = true
                continue
            }
            if v < 0x80 {
                if v == 0x09 || (v >= 0x0A && v <= 0x0D) { return false }
            } else if !(0x3400...0x9FFF).contains(v) {
                if afterSpace || u.properties.isWhitespace { return false }
            }
            afterSpace = false
        }
        return !afterSpace || cell.isEmpty
    }

    static func isBlank(_ cells: [String]) -> Bool { cells.allSatisfy { clean($0).isEmpty } }
}
