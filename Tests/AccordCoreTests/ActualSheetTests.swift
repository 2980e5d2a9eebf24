@testable import AccordCore
import Foundation
import Testing

@Suite("Reading sheets of actuals (CSV)")
struct ActualSheetTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/data")

    func parse(_ text: String) throws -> ActualSheet.Sheet { try ActualSheet.parse(Data(text.utf8)) }

    @Test func theSharedEnglishSheetReadsByIdAndRefusesAnImpossibleMonth() throws {
        let sheet = try ActualSheet.parse(Data(contentsOf: Self.data.appendingPathComponent("actuals-2027.csv")))
        #expect(sheet.rows.count == 55)
        #expect(sheet.errors.map(\.line) == [57], "\(sheet.errors)")
        #expect(sheet.errors[0].reason.contains("2027-13"))
        #expect(sheet.rows[0].contribution == "X1" && sheet.rows[0].period == .quarter(2027, 1) && sheet.rows[0].value == 1_150_000)
        let x7 = sheet.rows.first { $0.contribution == "X7" && $0.period == .month(2027, 7) }
        #expect(x7?.note == "Paid search budget frozen, July-August" && x7?.value == 690)
        // the missing month and the missing quarter are simply absent
        #expect(!sheet.rows.contains { $0.contribution == "X4" && $0.period == .month(2027, 10) })
        #expect(!sheet.rows.contains { $0.contribution == "X3" && $0.period == .quarter(2027, 4) })
    }

    @Test func theSharedChineseSheetReadsNamesBOMCRLFTenThousandsAndPercent() throws {
        let raw = try Data(contentsOf: Self.data.appendingPathComponent("actuals-2027-zh-Hant.csv"))
        #expect(raw.prefix(3) == Data([0xEF, 0xBB, 0xBF]) && String(decoding: raw, as: UTF8.self).contains("\r\n"))
        let sheet = try ActualSheet.parse(raw)
        #expect(sheet.columns[.dept] == "部門" && sheet.columns[.kpi] == "KPI名稱" && sheet.columns[.period] == "期間"
            && sheet.columns[.value] == "實際值" && sheet.columns[.note] == "備註")
        #expect(sheet.rows.count == 54)
        #expect(sheet.errors.map(\.line) == [56], "\(sheet.errors)")
        #expect(sheet.errors[0].reason.contains("九百"))
        let first = sheet.rows[0]
        #expect(first.dept == "Sales" && first.kpi == "Expansion revenue" && first.period == .quarter(2027, 1) && first.value == 1_150_000)
        #expect(sheet.rows.first { $0.kpi == "Trial to paid conversion" }?.value == 16.2)
        #expect(sheet.rows.first { $0.kpi == "Referral program signups" }?.period == .month(2027, 1))
    }

    @Test func headersInEitherScriptAndEveryPeriodSpelling() throws {
        let s = try parse("""
        部门,指标名称,期间,实际值
        市场部,网站流量,2027年3月,1.2万
        市场部,网站流量,2027年第二季度,3億
        市场部,网站流量,2027-H2,8%
        市场部,网站流量,2027,10
        """)
        #expect(s.errors == [])
        #expect(s.rows.map(\.period) == [.month(2027, 3), .quarter(2027, 2), .half(2027, 2), .whole(2027)])
        #expect(s.rows.map(\.value) == [12_000, 300_000_000, 8, 10])
    }

    @Test func rowsThatCannotBeReadAreReportedWithTheirLine() throws {
        let s = try parse("contribution,period,actual\nX1,2027-03,\n\nX1,,5\nX1,March,5\n\"X1\",2027-04,\"a\nb\"\n")
        #expect(s.errors.map(\.line) == [2, 4, 5, 6], "\(s.errors)")
        #expect(s.rows.isEmpty)
    }

    @Test func aSheetWithoutTheColumnsItNeedsIsRefusedWhole() {
        #expect(throws: KPISheet.Failure.self) { try parse("department,period,actual\nSales,2027-01,5\n") }
        #expect(throws: KPISheet.Failure.self) { try parse("contribution,actual\nX1,5\n") }
        #expect(throws: KPISheet.Failure.self) { try ActualSheet.parse(Data("contribution,period,actual\nX1,2027-01,1\nX1,2027-02,2\n".utf8), rowLimit: 1) }
    }
}
