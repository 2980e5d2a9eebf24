import Foundation
import Testing

/// The room's language through the binary: `lang` recorded in the session, `--lang` and
/// `ACCORD_LANG` over it, the locale under it.
@Suite("language end to end")
struct LanguageEndToEndTests {
    func chineseAudit(_ a: Accord) throws {
        try a.copyFixtures()
        let r = try a.script("s.json", "kpi import data/kpi-sheet-zh-Hant.csv\naudit\n")
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func theSessionsLanguageIsUsedByTheSubcommandsUnlessToldOtherwise() throws {
        let a = try Accord()
        try chineseAudit(a)
        let en = try a.run(["audit", "s.json"], env: ["COLUMNS": "300"])
        #expect(en.stdout.contains("Chasing clicks fills the funnel"))
        #expect(try a.script("s.json", "lang zh-Hant\n").status == 0)
        let zh = try a.run(["audit", "s.json"], env: ["COLUMNS": "300"])
        #expect(zh.stdout.contains("追求點擊率會帶進大量低意向"), "\(zh.stdout)")
        // --lang and ACCORD_LANG win over the session's own setting
        #expect(try a.run(["audit", "s.json", "--lang", "en"], env: ["COLUMNS": "300"]).stdout.contains("Chasing clicks"))
        #expect(try a.run(["audit", "s.json"], env: ["COLUMNS": "300", "ACCORD_LANG": "en"]).stdout.contains("Chasing clicks"))
        #expect(try a.run(["--lang=en", "audit", "s.json"], env: ["COLUMNS": "300"]).stdout.contains("Chasing clicks"))
        // the switch is one event, and `replay --verify` still holds
        let events = try a.events("s.json")
        #expect(events.last?["cmd"] as? String == "lang zh-Hant")
        try a.expectReplayVerifies("s.json")
        #expect(try a.validateSchema("s.json").status == 0)
    }

    @Test func theLocaleChoosesWhenNothingElseDoes() throws {
        let a = try Accord()
        try chineseAudit(a)
        let zh = try a.run(["audit", "s.json"], env: ["COLUMNS": "300", "LANG": "zh_TW.UTF-8"])
        #expect(zh.stdout.contains("追求點擊率"))
        let en = try a.run(["audit", "s.json"], env: ["COLUMNS": "300", "LANG": "en_US.UTF-8"])
        #expect(en.stdout.contains("Chasing clicks"))
    }

    @Test func anUnknownLanguageIsBadUsage() throws {
        let a = try Accord()
        let r = try a.run(["demo", "d.json", "--lang", "klingon"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("No language `klingon`"))
        #expect(!a.exists("d.json"))
    }
}
