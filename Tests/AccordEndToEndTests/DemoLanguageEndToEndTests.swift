import Foundation
import Testing

/// `accord demo --lang zh-Hant|zh-Hans`: the worked meeting of a Taiwanese and of a mainland
/// company, written by the built binary, verified, replayed and reopened in its language.
@Suite("Demo in the room's language")
struct DemoLanguageEndToEndTests {
    struct Case: Sendable, CustomStringConvertible {
        var lang: String
        var file: String
        var title: String
        var depts: String
        var signer: String
        var description: String { lang }
    }

    static let cases = [
        Case(lang: "zh-Hant", file: "accord-demo.zh-Hant.json", title: "晨光科技 2027 年度目標對齊會議", depts: "4 個部門",
             signer: "sign 產品部 主管 \"王建民\""),
        Case(lang: "zh-Hans", file: "accord-demo.zh-Hans.json", title: "启明科技 2027 年度目标对齐会", depts: "4 个部门",
             signer: "sign 产品部 主管 \"陈静\""),
    ]

    @Test(arguments: cases)
    func theChineseDemoIsASignedMeetingThatSpeaksItsLanguage(_ c: Case) throws {
        let a = try Accord()
        let w = try a.run(["demo", "F.json", "--lang", c.lang, "--no-open"], env: ["LANG": "C", "LC_ALL": "", "ACCORD_LANG": ""])
        #expect(w.status == 0, "\(w.stderr)")
        #expect(w.stdout.contains(c.title), "\(w.stdout)")
        let meta = try a.state("F.json")["meta"] as! [String: Any]
        #expect(meta["lang"] as? String == c.lang && meta["title"] as? String == c.title)
        #expect(try a.events("F.json").first?["cmd"] as? String == "lang \(c.lang)")
        #expect(try a.events("F.json").contains { $0["cmd"] as? String == c.signer })
        // every letter signed and every signature valid; the log folds to the stored state
        let v = try a.run(["verify", "F.json"], env: ["LANG": "C", "LC_ALL": "", "ACCORD_LANG": ""])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        let schema = try a.validateSchema("F.json")
        #expect(schema.status == 0, "\(schema.stdout)")
        try a.expectReplayVerifies("F.json")
        // reopened without --lang in an English locale, the session speaks its own language
        let s = try a.script("F.json", "status\n", env: ["LANG": "C", "LC_ALL": "", "ACCORD_LANG": ""])
        #expect(s.status == 0, "\(s.stderr)")
        #expect(s.stdout.contains(c.depts) && s.stdout.contains(c.title), "\(s.stdout)")
    }

    /// With no FILE the meeting and its file follow the language the locale or ACCORD_LANG
    /// asks for; `--reopen` (what scripts/run does) opens the file as it is the next time.
    @Test func theDefaultDemoFollowsTheLocaleAndReopens() throws {
        let a = try Accord()
        let tw = try a.run(["demo", "--no-open"], env: ["LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_TW.UTF-8", "ACCORD_LANG": ""])
        #expect(tw.status == 0, "\(tw.stderr)")
        #expect(a.exists("accord-demo.zh-Hant.json") && !a.exists("accord-demo.json"))
        #expect(tw.stdout.contains("已寫入範例會議 accord-demo.zh-Hant.json") && tw.stdout.contains("`letter 行銷部`"), "\(tw.stdout)")
        let cn = try a.run(["demo", "--no-open"], env: ["LC_ALL": "", "LANG": "en_US.UTF-8", "ACCORD_LANG": "zh-Hans"])
        #expect(cn.status == 0, "\(cn.stderr)")
        #expect(try a.state("accord-demo.zh-Hans.json")["meta"].map { ($0 as! [String: Any])["lang"] as? String } == "zh-Hans")
        let en = try a.run(["demo", "--no-open"], env: ["LC_ALL": "C", "ACCORD_LANG": ""])
        #expect(en.status == 0 && en.stdout.contains("Wrote the worked example accord-demo.json: 49 events"), "\(en.stdout)")
        // the second time: reopened as it is (here with one more event), not refused, not replaced
        let changed = try a.script("accord-demo.zh-Hant.json", "lang zh-Hans\n", env: ["LANG": "C", "LC_ALL": "", "ACCORD_LANG": ""])
        #expect(changed.status == 0, "\(changed.stderr)")
        let before = try a.events("accord-demo.zh-Hant.json").count
        let again = try a.run(["demo", "--reopen"], stdin: "status\n", env: ["LC_ALL": "", "LANG": "zh_TW.UTF-8", "ACCORD_LANG": ""])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!again.stdout.contains("已寫入") && again.stdout.contains("4 个部门"), "\(again.stdout)")
        #expect(try a.events("accord-demo.zh-Hant.json").count == before)
        let refused = try a.run(["demo"], env: ["LC_ALL": "", "LANG": "zh_TW.UTF-8", "ACCORD_LANG": ""])
        #expect(refused.status == 74 && refused.stderr.contains("accord-demo.zh-Hant.json 已經存在"))
    }
}
