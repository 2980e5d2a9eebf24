@testable import AccordCore
import Foundation
import Testing

/// Issue 12 §5: one mechanism for the room's language.
@Suite("language: choice, catalogs, fallback")
struct LanguageTests {
    @Test func tagsAndLocalesNameTheirLanguage() {
        #expect(Language(tag: "zh-Hant") == .zhHant && Language(tag: "zh_TW.UTF-8") == .zhHant)
        #expect(Language(tag: "zh_HK") == .zhHant && Language(tag: "zh-MO") == .zhHant)
        #expect(Language(tag: "zh_CN.UTF-8") == .zhHans && Language(tag: "zh-SG") == .zhHans && Language(tag: "zh-Hans") == .zhHans)
        #expect(Language(tag: "en_US.UTF-8") == .en && Language(tag: "C.UTF-8") == .en && Language(tag: "POSIX") == .en)
        #expect(Language(tag: "fr_FR") == nil && Language(tag: "") == nil)
        // spaces and tabs around it (an ideographic space too) are not part of it; inside they are
        #expect(Language(tag: "  zh_TW\t") == .zhHant && Language(tag: "\u{3000}ZH-hans ") == .zhHans)
        #expect(Language(tag: " \t ") == nil && Language(tag: "zh Hant") == nil && Language(tag: "e n") == nil)
    }

    @Test func theChoiceIsFlagThenEnvironmentThenSessionThenLocale() {
        let env = ["LANG": "zh_TW.UTF-8"]
        let byLocale = LanguageChoice(flag: nil, environment: { env[$0] })
        #expect(byLocale.effective(session: nil) == .zhHant)
        #expect(byLocale.effective(session: .zhHans) == .zhHans)   // the room's own setting wins over the locale
        let told = LanguageChoice(flag: nil, environment: { ["ACCORD_LANG": "en", "LANG": "zh_TW"][$0] })
        #expect(told.effective(session: .zhHans) == .en)           // ACCORD_LANG wins over the session
        let flag = LanguageChoice(flag: .zhHans, environment: { ["ACCORD_LANG": "en"][$0] })
        #expect(flag.effective(session: .zhHant) == .zhHans)       // --lang wins over everything
        let lcAll = LanguageChoice(flag: nil, environment: { ["LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"][$0] })
        #expect(lcAll.locale == .zhHans)
        #expect(LanguageChoice(flag: nil, environment: { _ in nil }).effective(session: nil) == .en)
    }

    @Test func aKeyATranslationLacksFallsBackToEnglish() {
        #expect(t("rule.known-tension.summary", in: .zhHant) == "兩個互相拉扯的指標：把一個往上推，另一個就變差。")
        let key = Messages.english.keys.first { Messages.catalog(.zhHans)[$0] == nil }
        if let key { #expect(t(key, in: .zhHans) == t(key, in: .en)) }
    }

    @Test func pluralFormsFollowTheLanguage() {
        #expect(t("status.setup", ["n": "1"], in: .en) == "1 department")
        // Chinese has no plural: a translation that kept `{n|…|…}` takes its `other` form
        #expect(Plural.choose("1", forms: "# 個部門|# 個部門", language: .zhHant) == "1 個部門")
        #expect(Plural.choose("1", forms: "one|other", language: .zhHans) == "other")
    }

    @Test func aPluralFormPutsTheNumberAtEveryHashAndKeepsTheRestAsWritten() {
        #expect(Plural.choose("1", forms: "# of # row|# of # rows", language: .en) == "1 of 1 row")
        #expect(Plural.choose("12", forms: "# of # row|# of # rows", language: .en) == "12 of 12 rows")
        #expect(Plural.choose("3", forms: "共 # 項（#）|共 # 項（#）", language: .zhHant) == "共 3 項（3）")
        #expect(Plural.choose("2", forms: "only # form", language: .en) == "only 2 form")  // one form: always it
        #expect(Plural.choose("2", forms: "a|b|c #", language: .en) == "b|c 2")  // the first `|` divides
        #expect(Plural.choose("1", forms: "|# others", language: .en) == "")
        #expect(Plural.choose("5", forms: "no number|none", language: .en) == "none")
        #expect(t("status.setup", ["n": "30"], in: .en) == "30 departments")
    }

    @Test func everyTranslationHasEnglishKeysAndTheirPlaceholders() {
        for language in Language.allCases where language != .en {
            for (key, template) in Messages.catalog(language) {
                let english = Messages.english[key]
                #expect(english != nil, "\(language.rawValue) has \(key), which English has not")
                if let english {
                    #expect(Messages.placeholders(template) == Messages.placeholders(english), "\(language.rawValue) \(key)")
                }
            }
            if Messages.complete.contains(language) {
                for key in Messages.english.keys { #expect(Messages.catalog(language)[key] != nil, "\(language.rawValue) lacks \(key)") }
            }
        }
    }

    @Test func theLangCommandRecordsTheRoomsLanguageAsAnEvent() throws {
        var m = Meeting()
        let o = try m.run("lang zh-Hant")
        #expect(o.change != nil)
        #expect(m.state.meta.lang == .zhHant)
        #expect(m.error("lang klingon")?.hasPrefix("No language `klingon`: the languages are en, zh-Hant, zh-Hans") == true)
        #expect(try m.run("lang zh_TW").change == nil)   // the same language again changes nothing
        try m.run("undo")
        #expect(m.state.meta.lang == nil)
    }

    @Test func switchingTheLanguageChangesNoLetterDigest() throws {
        var m = try MapSignFixture.signed()
        let before = Signatures.review(m.state).map(\.digest)
        let o = try m.run("lang zh-Hans")
        #expect(!Paint.strip(o.output).contains("voids"))
        #expect(Signatures.review(m.state).map(\.digest) == before)
        let zh = Language.$scoped.withValue(.zhHans) { Signatures.review(m.state).map(\.digest) }
        #expect(zh == before)
    }
}

@Suite("language: printed pages")
struct PageLanguageTests {
    @Test func aChineseInterfaceMakesAChinesePage() throws {
        let s = try Demo.build().state
        let info = ExportInfo(file: "d.json", events: 49, lastTime: "2027-01-15T09:49:00Z")
        for language in [Language.zhHant, .zhHans] {
            let html = try Language.$scoped.withValue(language) { String(decoding: try Export.make(.sheet, .html, s, info: info).data, as: UTF8.self) }
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">"), "\(language)")
        }
    }
}

@Suite("language: Chinese running text on the terminal")
struct ChineseWrapTests {
    @Test func proseBreaksBetweenChineseCharactersButNotBeforeClosingPunctuation() {
        let text = "列出所有指令，或顯示單一指令的用法與範例，以及下一步該做什麼。"
        let lines = TextWrap.lines(text, width: 20, prose: true)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.displayWidth <= 20 })
        #expect(lines.joined() == text)
        #expect(!lines.dropFirst().contains { $0.first.map { "，。、）」".contains($0) } ?? false })
    }

    @Test func aTableCellNeverCutsAChineseName() {
        #expect(TextWrap.lines("客服部客戶滿意度", width: 6) == ["客服部客戶滿意度"])
        var t = TextTable(["KPI", "說明"])
        t.wraps(1); t.prose(1)
        t.row(["客服部客戶滿意度", "每季調查一次，由客服部負責資料的彙整與提報"])
        let out = Paint.strip(t.render(width: 40))
        #expect(out.contains("客服部客戶滿意度"))
        #expect(out.split(separator: "\n").allSatisfy { String($0).displayWidth <= 40 })
    }
}
