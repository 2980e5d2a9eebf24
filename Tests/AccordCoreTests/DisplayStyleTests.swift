@testable import AccordCore
import Foundation
import Testing

/// Numbers in 萬/億 and dates in the room's convention (2027/12/31, 民國116年12月31日): what
/// people read changes with the language and the reader's settings; what is stored, signed
/// and exported for machines never does.
struct DisplayStyleTests {
    /// Runs `body` in `lang` with its own display settings (never the process's).
    static func inRoom<T>(_ lang: Language, numbers: NumberStyle = .auto, dates: DateStyle = .auto,
                          _ body: () throws -> T) rethrows -> T {
        try Display.$scoped.withValue(DisplaySettings(numbers: numbers, dates: dates)) {
            try Language.$scoped.withValue(lang) { try body() }
        }
    }

    @Test func largeRoundFiguresAreWrittenInWanAndYiInChinese() {
        Self.inRoom(.zhHant) {
            #expect(Num.show(150_000_000) == "1.5億")
            #expect(Num.show(12_000_000) == "1,200萬")
            #expect(Num.show(1_234_500) == "123.45萬")
            #expect(Num.show(10_000) == "1萬")
            #expect(Num.show(-50_000) == "-5萬")
            #expect(Num.show(2_000_000_000) == "20億")
            #expect(Num.show(123_400_000) == "12,340萬", "億 only when it is exact with two decimals")
        }
        Self.inRoom(.zhHans) {
            #expect(Num.show(150_000_000) == "1.5亿")
            #expect(Num.show(12_000_000) == "1,200万")
        }
    }

    @Test func aFigureThatWouldBeRoundedStaysInDigits() {
        Self.inRoom(.zhHant) {
            #expect(Num.show(12_345) == "12,345")
            #expect(Num.show(9_999) == "9,999")
            #expect(Num.show(10_000.5) == "10,000.5")
            #expect(Num.show(0.125) == "0.125")
            #expect(Num.show(123_456_789) == "123,456,789")
        }
    }

    @Test func theShownFigureAlwaysParsesBackToTheExactValue() {
        let values: [Double] = [10_000, 12_000, 12_300, 150_000_000, 1_234_500, 99_990_000, 100_000_000, 7_000_000_000, 12_345, 900_000]
        for lang in [Language.zhHant, .zhHans] {
            Self.inRoom(lang) {
                for v in values { #expect(Num.parse(Num.show(v))?.value == v, "\(lang) \(v) → \(Num.show(v))") }
            }
        }
    }

    @Test func englishAndPlainShowEveryDigit() {
        Self.inRoom(.en) { #expect(Num.show(150_000_000) == "150,000,000") }
        Self.inRoom(.zhHant, numbers: .plain) { #expect(Num.show(150_000_000) == "150,000,000") }
        Self.inRoom(.en, numbers: .myriad) { #expect(Num.show(150_000_000) == "1.5億") }
    }

    @Test func datesFollowTheRoomsConvention() {
        Self.inRoom(.en) { #expect(Dates.show("2027-12-31") == "2027-12-31") }
        Self.inRoom(.zhHant) { #expect(Dates.show("2027-12-31") == "2027/12/31") }
        Self.inRoom(.zhHans) { #expect(Dates.show("2027-01-05") == "2027/01/05") }
        Self.inRoom(.zhHant, dates: .minguo) {
            #expect(Dates.show("2027-12-31") == "民國116年12月31日")
            #expect(Dates.show("1912-01-01") == "民國1年1月1日")
            #expect(Dates.show("1911-12-31") == "1911/12/31", "no 民國 year before 1912")
            #expect(Dates.show("not a date") == "not a date")
        }
        // 民國 years are Taiwan's: a mainland room reads 2027/12/31
        Self.inRoom(.zhHans, dates: .minguo) { #expect(Dates.show("2027-12-31") == "2027/12/31") }
        Self.inRoom(.zhHant, dates: .iso) { #expect(Dates.show("2027-12-31") == "2027-12-31") }
    }

    @Test func timesShowTheirDateTheSameWay() {
        let utc: (Int) -> Int = { _ in 8 * 3600 }
        Self.inRoom(.zhHant) {
            #expect(LocalTime.show("2027-12-31T06:54:00Z", offset: utc) == "2027/12/31 14:54 UTC+8")
            #expect(LocalTime.day("2027-12-31T20:00:00Z", offset: utc) == "2028/01/01")
        }
        Self.inRoom(.zhHant, dates: .minguo) {
            #expect(LocalTime.show("2027-12-31T06:54:00Z", offset: utc) == "民國116/12/31 14:54 UTC+8")
            #expect(LocalTime.day("2027-12-31T06:54:00Z", offset: utc) == "民國116年12月31日")
        }
        Self.inRoom(.en) { #expect(LocalTime.show("2027-12-31T06:54:00Z", offset: utc) == "2027-12-31 14:54 UTC+8") }
    }

    @Test func theRoomSeesWanInTheGridTheLetterAndTheGoals() throws {
        var m = try MapSignFixture.signed()
        try Self.inRoom(.zhHant) {
            let letter = try m.text("letter Sales")
            #expect(letter.contains("90萬") && letter.contains("120萬") && letter.contains("150萬"), "\(letter)")
            let goals = try m.text("goal list")
            #expect(goals.contains("1.2萬 → 1.45萬 USD"), "\(goals)")
            let show = try m.text("goal show G1")
            #expect(show.contains("2027/12/31"), "\(show)")
            let grid = try m.text("contrib list")
            #expect(grid.contains("120萬"), "\(grid)")
        }
        let english = try Self.inRoom(.en) { try m.text("letter Sales") }
        #expect(english.contains("1,200,000"))
    }

    @Test func machineExportsAndDigestsDoNotChangeWithTheDisplay() throws {
        let m = try MapSignFixture.signed()
        let info = LetterTemplateTests.info
        func bytes(_ what: Export.What, _ f: Export.Format, _ numbers: NumberStyle, _ dates: DateStyle) throws -> Data {
            try Self.inRoom(.zhHant, numbers: numbers, dates: dates) { try Export.make(what, f, m.state, info: info).data }
        }
        for what in [Export.What.sheet, .letters] {
            for f in [Export.Format.csv, .json] {
                let plain = try bytes(what, f, .plain, .iso), room = try bytes(what, f, .myriad, .minguo)
                #expect(plain == room, "\(what) \(f) changed with the display settings")
                let text = String(decoding: room, as: UTF8.self)
                #expect(!text.contains("萬") && !text.contains("民國"), "\(what) \(f)")
            }
        }
        // a person's export does change: 萬 in Markdown and HTML
        let md = String(decoding: try bytes(.letters, .md, .myriad, .minguo), as: UTF8.self)
        #expect(md.contains("120萬"))
        let html = String(decoding: try bytes(.sheet, .html, .myriad, .slash), as: UTF8.self)
        #expect(html.contains("120萬") && html.contains("2027/12/31"))
        // the CSV keeps the stored date and the digits
        let csv = String(decoding: try bytes(.sheet, .csv, .myriad, .minguo), as: UTF8.self)
        #expect(csv.contains("2027-12-31") && csv.contains("1200000"))
        for d in m.state.departments {
            let a = Self.inRoom(.zhHant, numbers: .plain, dates: .iso) { Letter(d, in: m.state).digest }
            let b = Self.inRoom(.zhHant, numbers: .myriad, dates: .minguo) { Letter(d, in: m.state).digest }
            #expect(a == b)
        }
    }

    @Test func theNumbersAndDatesCommandsSetTheReadersPreference() throws {
        var m = try MapSignFixture.signed()
        try Self.inRoom(.zhHant) {
            let eventsBefore = m.events.count
            let out1 = try m.text("numbers")
            #expect(out1.contains("1.5億"), "\(out1)")
            let out2 = try m.text("numbers plain")
            #expect(out2.contains("150,000,000"), "\(out2)")
            let out3 = try m.text("letter Sales")
            #expect(out3.contains("1,200,000"), "\(out3)")
            let out4 = try m.text("dates minguo")
            #expect(out4.contains("民國116年12月31日"), "\(out4)")
            let out5 = try m.text("goal show G1")
            #expect(out5.contains("民國116年12月31日"), "\(out5)")
            let out6 = try m.text("dates iso")
            #expect(out6.contains("2027-12-31 "), "\(out6)")
            #expect(m.error("numbers huge")?.contains("huge") == true)
            #expect(m.error("dates julian")?.contains("julian") == true)
            #expect(m.events.count == eventsBefore, "a reader's preference is no event")
        }
    }

    /// Sentences the code assembles use the language's punctuation: `agree: A, B` in English,
    /// `同意：A、B` in Chinese (the glossary's full-width convention).
    @Test func assembledListsUseTheLanguagesPunctuation() throws {
        var m = try MapSignFixture.signed()
        let en = try Self.inRoom(.en) { try m.text("goal show G1") }
        #expect(en.contains("agree: Marketing, Sales, Growth"), "\(en)")
        let hant = try Self.inRoom(.zhHant) { try m.text("goal show G1") }
        #expect(hant.contains("同意：Marketing、Sales、Growth") && !hant.contains("同意: "), "\(hant)")
        // the mainland demo's G1: three agree, one abstains
        let demo = try Self.inRoom(.zhHans) { try Demo.build(.of(.zhHans)) }
        let g1 = try #require(demo.state.goals.all.first)
        let tally = Self.inRoom(.zhHans) { Consent.tally(g1, in: demo.state) }
        #expect(tally.contains("、") && !tally.contains(", "), "\(tally)")
    }

    /// The exports' words for a person: severities, conflict statuses, stage lists in the
    /// room's language (JSON keeps the ids).
    @Test func exportCellsSpeakTheRoomsLanguage() {
        Self.inRoom(.zhHant) {
            #expect(ExportValue.severity(.high).plain == "高")
            #expect(ExportValue.conflictStatus(.resolved).plain == "已解決")
            #expect(ExportValue.stages([.retention, .revenue]).plain == "留存、營收")
        }
        Self.inRoom(.en) {
            #expect(ExportValue.severity(.high).plain == "high")
            #expect(ExportValue.conflictStatus(.resolved).plain == "resolved")
        }
    }
}
