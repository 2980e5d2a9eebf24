import AccordCore
import Foundation
import Testing

/// The exports' one column model (Export/ExportColumns.swift): every renderer shows the same
/// cells for the columns it chooses, a stage reads the same everywhere, and the HTML sheet's
/// narrower table is a choice of the model's columns.
@Suite("Export column model")
struct ExportColumnsTests {
    static let demo: Demo.Session = try! Demo.build()
    static let info = ExportInfo(file: "acme.json", events: 49, lastTime: "2027-01-15T10:15:00Z")

    /// The body rows of the first Markdown table after `## title`, cells trimmed.
    static func markdownRows(_ md: String, after title: String) -> [[String]] {
        let lines = md.components(separatedBy: "\n")
        guard let at = lines.firstIndex(of: "## " + title) else { return [] }
        let table = lines[(at + 2)...].prefix { $0.hasPrefix("|") }
        return table.dropFirst(2).map { line in
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// CSV rows, split simply (the demo's cells hold commas only inside quotes).
    static func csvRows(_ data: Data) -> [[String]] {
        String(decoding: data, as: UTF8.self).dropFirst().components(separatedBy: "\r\n").map { line in
            var cells: [String] = [], cell = "", quoted = false
            for c in line {
                if c == "\"" { quoted.toggle() } else if c == ",", !quoted { cells.append(cell); cell = "" } else { cell.append(c) }
            }
            cells.append(cell)
            return cells
        }
    }

    /// HTML without its tags (each tag replaced by `keep`).
    static func untagged(_ html: String, keep: String = "") -> String {
        html.replacingOccurrences(of: "<span[^>]*>|</span>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "<[^>]*>", with: keep, options: .regularExpression)
    }

    @Test func theMarkdownAndCSVSheetsHoldTheSameCellsNumbersApart() throws {
        let md = String(decoding: try Export.render(.sheet, .md, Self.demo.state, info: Self.info), as: UTF8.self)
        let csv = Self.csvRows(try Export.render(.sheet, .csv, Self.demo.state, info: Self.info))
        let mdRows = Self.markdownRows(md, after: t("export.sheet.rows"))
        #expect(mdRows.count == 8)
        let numeric = Set(TargetSheet.Column.all.indices.filter { TargetSheet.Column.all[$0].numeric })
        for (i, row) in mdRows.enumerated() {
            let cells = csv[1 + i]
            #expect(row.count == cells.count)
            for (j, (a, b)) in zip(row, cells).enumerated() {
                if numeric.contains(j) { #expect(a.replacingOccurrences(of: ",", with: "") == b) } else { #expect(a == b, "row \(i + 1) column \(j + 1)") }
            }
        }
    }

    @Test func aStageReadsAsItsLabelInEveryFormatAPersonReads() throws {
        let label = Export.Format.allCases.filter { $0 != .json }
        for what in Export.What.allCases {
            for format in label {
                let text = Self.untagged(String(decoding: try Export.render(what, format, Self.demo.state, info: Self.info), as: UTF8.self))
                #expect(text.contains("retention 留存"), "\(what) \(format)")
            }
        }
        // the goals' stage lists too, which the Markdown and CSV sheets wrote as bare ids
        let md = String(decoding: try Export.render(.sheet, .md, Self.demo.state, info: Self.info), as: UTF8.self)
        #expect(md.contains("| retention 留存, revenue 收入, referral 推薦 |"))
        let csv = String(decoding: try Export.render(.sheet, .csv, Self.demo.state, info: Self.info), as: UTF8.self)
        #expect(csv.contains(",\"retention 留存, revenue 收入, referral 推薦\","))
        // JSON keeps the stage's id (its schema is unchanged)
        let json = String(decoding: try Export.render(.sheet, .json, Self.demo.state, info: Self.info), as: UTF8.self)
        #expect(json.contains("\"retention\"") && !json.contains("留存"))
    }

    @Test func theHTMLSheetShowsAChoiceOfTheModelsColumnsWithTheGoalAsAGroupRow() throws {
        let html = String(decoding: try Export.render(.sheet, .html, Self.demo.state, info: Self.info), as: UTF8.self)
        let table = try #require(html.range(of: "<table class=\"contributions\">").map { String(html[$0.lowerBound...]) })
        let head = Self.untagged(String(table[..<table.range(of: "</thead>")!.lowerBound]), keep: "|")
        // the narrower table: no goal, owner or signature columns; the goal heads its rows
        for c in [TargetSheet.Column.goal, .owner, .status] { #expect(!head.contains("|" + c.heading + "|"), "\(c)") }
        for c in [TargetSheet.Column.stage, .kpi, .target, .weight, .cycle] { #expect(head.contains("|" + c.heading + "|"), "\(c)") }
        #expect(table.contains("<th colspan=\"10\" scope=\"rowgroup\">G1 Raise customer lifetime value</th>"))
    }

    @Test func eachRendererFormatsATypedValueItsOwnWay() {
        #expect(ExportValue.number(1_200_000).plain == "1,200,000")
        #expect(CSV.cell(.number(1_200_000)) == .number(1_200_000))
        #expect(ExportValue.absent.plain == "–" && CSV.cell(.absent) == .text(""))
        #expect(ExportValue.time("2027-01-15T09:00:00Z").plain == Time.short("2027-01-15T09:00:00Z"))
        #expect(CSV.cell(.time("2027-01-15T09:00:00Z")) == .text("2027-01-15T09:00:00Z"))
        #expect(ExportValue.quantity(14_500, unit: "USD").plain == "14,500 USD" && ExportValue.quantity(nil, unit: nil).plain == "–")
        #expect(ExportValue.stages([.retention, .revenue]).plain == "retention 留存, revenue 收入")
        #expect(ExportValue.department("Sales", status: .partly).plain == "Sales " + t("sign.status.partly"))
    }
}
