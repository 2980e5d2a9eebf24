@testable import AccordCore
import Foundation
import Testing

@Suite("Demo: a complete worked example with a real event log")
struct DemoTests {
    @Test func theDemoIsAWholeMeetingWithEveryLetterSigned() throws {
        let demo = try Demo.build()
        let s = demo.state
        #expect(s.meta.title == "Acme 2027 Annual Alignment" && s.meta.step == .sign)
        #expect(s.depts.count == 4 && s.kpis.count == 12 && s.contribs.count == 8)
        #expect(s.goals.all.allSatisfy { $0.status == .adopted })
        #expect(Signatures.review(s).allSatisfy { $0.status == .signed })
        // every command that changed the session is one event; the refused adopt is not
        #expect(demo.events.count == 49)
        #expect(demo.events.map(\.seq) == Array(1...49))
        #expect(try State.folding(demo.events) == s)
    }

    @Test func theClockAdvancesAMinutePerCommand() throws {
        let demo = try Demo.build()
        #expect(demo.events.first?.time == "2027-01-15T09:00:00Z")
        #expect(demo.events[1].time == "2027-01-15T09:01:00Z")
        // the refused `goal adopt G1` took a minute too
        #expect(demo.events.first { $0.command == "goal edit G1 --target 14500" }?.time == "2027-01-15T09:19:00Z")
        #expect(zip(demo.events, demo.events.dropFirst()).allSatisfy { $0.time < $1.time })
        #expect(Demo.time("2027-01-15T23:59:00Z", plusMinutes: 2) == "2027-01-16T00:01:00Z")
    }

    @Test func theDemoFileLoadsVerifiesAndReplays() throws {
        let demo = try Demo.build(fileName: "demo.json")
        let image = try SessionFile.load(try demo.fileBytes())
        #expect(image.lines == demo.lines)
        #expect(ReplayVerify.run(image).holds)
        #expect(Verifier.check(image).report.holds)
    }

    @Test func theEnglishDemoRefusesOnlyTheAdoptionAnObjectionBlocks() throws {
        #expect(try Demo.build().refused == ["goal adopt G1"])
        #expect(Demo.Script.of(.en).commands == Demo.script)
        #expect(Demo.defaultFileName(for: .en) == "accord-demo.json")
    }

    /// The Taiwanese and the mainland meetings: every command succeeds, the session speaks
    /// its language, and it is a whole meeting in Chinese with every letter signed.
    @Test(arguments: [Language.zhHant, .zhHans])
    func theChineseDemoIsAWholeMeetingWithNoFailingCommand(_ language: Language) throws {
        let meeting = Demo.Script.of(language)
        #expect(meeting.language == language)
        #expect(meeting.commands.hasPrefix("lang \(language.rawValue)\n"))
        let demo = try Demo.build(meeting, fileName: "demo.json")
        // no command was refused (the second `audit` only reports: it changes nothing)
        #expect(demo.refused.isEmpty)
        #expect(demo.events.count == 51)
        let s = demo.state
        #expect(s.meta.lang == language && s.meta.step == .sign)
        #expect(s.depts.count == 4 && s.kpis.count == 12 && s.contribs.count == 8)
        #expect(s.goals.all.count == 2 && s.goals.all.allSatisfy { $0.status == .adopted })
        #expect(Signatures.review(s).count == 4 && Signatures.review(s).allSatisfy { $0.status == .signed })
        // Chinese throughout: the title, the departments, the people, the notes, the objection
        let han: (String) -> Bool = { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
        #expect(han(s.meta.title))
        #expect(s.depts.all.allSatisfy { han($0.name) && han($0.head ?? "") && han($0.supervisor ?? "") })
        #expect(s.kpis.all.allSatisfy { han($0.name) })
        #expect(demo.events.contains { $0.command.contains("反對") || $0.command.contains("反对") })
        #expect(demo.events.contains { $0.command.hasPrefix("goal edit G1") })
        #expect(try State.folding(demo.events) == s)
        let image = try SessionFile.load(try demo.fileBytes())
        #expect(ReplayVerify.run(image).holds)
        #expect(Verifier.check(image).report.holds)
        #expect(Demo.defaultFileName(for: language) == "accord-demo.\(language.rawValue).json")
    }

    /// Each meeting in its own usage: Taiwan's words in the zh-Hant sheet, the mainland's in
    /// the zh-Hans one, and no character of the other script.
    @Test func eachChineseDemoUsesItsOwnUsage() {
        let hant = Demo.Script.zhHant.kpiSheet + Demo.Script.zhHant.commands
        let hans = Demo.Script.zhHans.kpiSheet + Demo.Script.zhHans.commands
        for word in ["名單", "轉換率", "資料來源", "啟用", "行銷部", "業務部"] { #expect(hant.contains(word), "\(word)") }
        for word in ["线索", "转化率", "数据来源", "激活", "市场部", "销售部"] { #expect(hans.contains(word), "\(word)") }
        for word in ["線索", "轉化率", "数据", "激活"] { #expect(!hant.contains(word), "\(word)") }
        for word in ["名单", "转换率", "資料", "啟用", "啓用"] { #expect(!hans.contains(word), "\(word)") }
    }
}
