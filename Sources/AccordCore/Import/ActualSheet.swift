import CSV
import Foundation

/// A sheet of monthly (or quarterly …) actuals, read from CSV as a BI tool or Excel exports
/// it: bytes in, rows and row errors out. No state: `actual import` finds the contributions.
///
/// Each row names its contribution either by id (`X4`, a `contribution` column) or by its
/// department and KPI name (`部門`, `KPI名稱`), then the period (every spelling `YearPeriod`
/// reads: `2027-05`, `2027/05`, `2027年5月`, `2027年第1季`, `2027-H1` …), the value (`1,200`,
/// `18.4%`, `115萬`, `1.2億`) and an optional note. The text is read as `kpi import` reads
/// it (`KPISheet`: UTF-8 with or without a BOM or UTF-16, CRLF or LF, comma, semicolon or
/// tab, quoted cells, headers in English, Traditional or Simplified Chinese); a row that
/// cannot be read is reported with the line it starts on and nothing of it is kept.
///
///     let sheet = try ActualSheet.parse(Data("contribution,period,actual\nX4,2027/05,330\n".utf8))
///     sheet.rows[0].period   // 2027-05
public enum ActualSheet {
    public enum Column: String, CaseIterable, Sendable {
        case contribution, dept, kpi, period, value, note
    }

    public struct Row: Equatable, Sendable {
        /// Line of the file where the row starts (the header is line 1).
        public var line: Int
        /// The contribution's id as written (`X4`), when the sheet has that column.
        public var contribution: String?
        public var dept: String?
        public var kpi: String?
        public var period: YearPeriod
        public var value: Double
        public var note: String?
    }

    public struct Sheet: Equatable, Sendable {
        public var rows: [Row] = []
        public var errors: [KPISheet.RowError] = []
        /// Each recognised column and the header text it was found under.
        public var columns: [Column: String] = [:]
        /// Header cells that name no column this importer knows.
        public var ignored: [String] = []
    }

    /// Header words per column, in any of the three languages (compared as `NameKey`s, so
    /// case, width, spacing and Chinese script do not matter). The department and KPI
    /// columns take the words `kpi import` takes.
    static let aliases: [Column: [String]] = [
        .contribution: ["contribution", "contribution id", "contrib", "contrib id", "id", "ref", "貢獻", "貢獻編號", "貢獻ID",
                        "編號", "項次"],
        .dept: KPISheet.aliases[.dept]!,
        .kpi: KPISheet.aliases[.name]! + ["metric"],
        .period: ["period", "month", "quarter", "date", "reporting period", "期間", "期別", "月份", "月度", "季度", "統計期間",
                  "所屬期間", "時間"],
        .value: ["actual", "actual value", "value", "result", "actuals", "實際值", "實際", "實績", "實際數", "完成值", "實際完成",
                 "數值"],
        .note: ["note", "notes", "comment", "comments", "remark", "remarks", "備註", "說明", "附註"],
    ]

    static let headerIndex: [String: Column] = {
        var m: [String: Column] = [:]
        for (col, words) in aliases { for w in words { m[NameKey.of(w)] = col } }
        return m
    }()

    /// Reads a sheet. Throws `KPISheet.Failure` when the file as a whole cannot be used (not
    /// text, empty, neither a contribution column nor department and KPI columns, no period
    /// or value column, more than `rowLimit` data rows).
    public static func parse(_ data: Data, rowLimit: Int = ImportLimits.rowsPerImport) throws -> Sheet {
        let text = try KPISheet.decode(data)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: KPISheet.sniffDelimiter(text))
        } catch {
            throw KPISheet.Failure(message: t("import.unreadable", ["why": "\(error)"]))
        }
        var records: [(line: Int, cells: [String])] = []
        var line = 1
        var dataRows = -1  // the first non-blank record is the header
        while let cells = reader.next() {
            records.append((line, cells))
            line += 1 + cells.reduce(0) { $0 + KPISheet.lineBreaks(in: $1) }
            if !KPISheet.isBlank(cells) {
                dataRows += 1
                if dataRows > rowLimit {
                    throw KPISheet.Failure(message: t("import.too-many-rows", ["limit": Num.format(Double(rowLimit))]))
                }
            }
        }
        let lastLine = line - 1
        guard let headerAt = records.firstIndex(where: { !KPISheet.isBlank($0.cells) }) else {
            throw KPISheet.Failure(message: t("import.empty"))
        }
        var sheet = Sheet()
        let header = records[headerAt].cells.map(KPISheet.clean)
        if let i = header.firstIndex(where: { ControlCharacters.first(in: $0) != nil }), let bad = ControlCharacters.first(in: header[i]) {
            throw KPISheet.Failure(message: t("import.header-control", ["line": "\(records[headerAt].line)", "cell": "\(i + 1)",
                                                                          "code": bad.code]))
        }
        var columnAt: [Int: Column] = [:]
        for (i, cell) in header.enumerated() where !cell.isEmpty {
            if let col = headerIndex[NameKey.of(cell)], sheet.columns[col] == nil {
                columnAt[i] = col; sheet.columns[col] = cell
            } else {
                sheet.ignored.append(cell)
            }
        }
        var missing: [Column] = []
        if sheet.columns[.contribution] == nil {
            missing += [Column.dept, .kpi].filter { sheet.columns[$0] == nil }
        }
        missing += [Column.period, .value].filter { sheet.columns[$0] == nil }
        guard missing.isEmpty else {
            throw KPISheet.Failure(message: t("actual.import.missing-columns", [
                "missing": missing.map { t("actual.import.column." + $0.rawValue) }.joined(separator: ", "),
                "found": header.filter { !$0.isEmpty }.joined(separator: ", "),
            ]))
        }
        let width = header.count
        let unclosed = text.unicodeScalars.reduce(0) { $0 + ($1 == "\"" ? 1 : 0) } % 2 == 1
        // a sheet spells a dozen periods thousands of times: each is read once
        var periods: [String: YearPeriod?] = [:]
        for (r, rec) in records.enumerated() where r > headerAt {
            if KPISheet.isBlank(rec.cells) { continue }
            func fail(_ key: String, _ args: [String: String] = [:]) {
                sheet.errors.append(KPISheet.RowError(line: rec.line, reason: t(key, args)))
            }
            if unclosed && r == records.count - 1 { fail("import.unclosed-quote", ["last": "\(lastLine)"]); continue }
            if rec.cells.count > width, rec.cells[width...].contains(where: { !KPISheet.clean($0).isEmpty }) {
                fail("import.too-many-cells", ["n": "\(rec.cells.count)", "m": "\(width)"]); continue
            }
            var cell: [Column: String] = [:]
            for (i, c) in rec.cells.enumerated() {
                if let col = columnAt[i] { cell[col] = KPISheet.clean(c) }
            }
            if let col = Column.allCases.first(where: { cell[$0].map { ControlCharacters.first(in: $0) != nil } ?? false }),
               let bad = cell[col].flatMap({ ControlCharacters.first(in: $0) }) {
                fail("import.control-char", ["column": t("actual.import.column." + col.rawValue), "code": bad.code]); continue
            }
            switch readRow(cell, line: rec.line, periods: &periods) {
            case let .success(row): sheet.rows.append(row)
            case let .failure(e): sheet.errors.append(e)
            }
        }
        return sheet
    }

    static func readRow(_ cell: [Column: String], line: Int, periods: inout [String: YearPeriod?]) -> Result<Row, KPISheet.RowError> {
        func fail(_ key: String, _ args: [String: String] = [:]) -> Result<Row, KPISheet.RowError> {
            .failure(KPISheet.RowError(line: line, reason: t(key, args)))
        }
        func value(_ c: Column) -> String? { cell[c].flatMap { $0.isEmpty ? nil : $0 } }
        let id = value(.contribution), dept = value(.dept), kpi = value(.kpi)
        if id == nil {
            guard dept != nil || kpi != nil else { return fail("actual.import.no-contribution") }
            guard dept != nil else { return fail("import.no-dept") }
            guard kpi != nil else { return fail("import.no-name") }
        }
        guard let rawPeriod = value(.period) else { return fail("actual.import.no-period") }
        let parsed: YearPeriod?
        if let known = periods[rawPeriod] { parsed = known } else { parsed = YearPeriod(parsing: rawPeriod); periods[rawPeriod] = parsed }
        guard let period = parsed else {
            return fail("actual.import.bad-period", ["value": rawPeriod, "accepted": YearPeriod.accepted])
        }
        guard let rawValue = value(.value) else { return fail("actual.import.no-value") }
        guard let n = Num.parse(rawValue), n.value.isFinite else {
            return fail("import.bad-number", ["what": t("actual.import.column.value"), "value": rawValue])
        }
        return .success(Row(line: line, contribution: id, dept: dept, kpi: kpi, period: period, value: n.value, note: value(.note)))
    }
}
