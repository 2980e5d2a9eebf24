@testable import AccordCore
import Foundation
import Testing

/// Lists the code assembles read the language's way: `a, b or c` in English, `a、b 或 c` in
/// Chinese; the changes an edit made are phrases, `，` between them in Chinese.
struct PunctuationTests {
    @Test func vocabularyListsUseTheLanguagesSeparators() {
        let groups = [["agree", "同意", "贊成"], ["abstain", "棄權"], ["block", "反對"]]
        #expect(Language.$scoped.withValue(.en) { Vocabulary.list(groups) } == "agree (同意, 贊成), abstain (棄權) or block (反對)")
        #expect(Language.$scoped.withValue(.zhHant) { Vocabulary.list(groups) } == "agree (同意、贊成)、abstain (棄權) 或 block (反對)")
        #expect(Language.$scoped.withValue(.zhHans) { Vocabulary.list(groups) } == "agree (同意、贊成)、abstain (棄權) 或 block (反對)")
    }

    @Test(arguments: [Language.zhHant, .zhHans])
    func chineseScreensJoinWithoutASCIICommas(_ lang: Language) throws {
        let stages = Language.$scoped.withValue(lang) { Mapping.allStages }
        #expect(!stages.contains(", ") && stages.contains("、"), "\(stages)")
        #expect(Language.$scoped.withValue(lang) { Workflow.list }.contains("、"))
        var state = State()
        let ctx = Context(now: "2027-01-15T09:00:00Z", confirmed: true, fileName: "p.json", log: MemoryLog([]), readFile: { _ in Data() }, width: 80)
        let out = try Language.$scoped.withValue(lang) { () -> String in
            for line in ["period 2027", "dept add 行銷部", "kpi add 行銷部 網站流量 --target 100 --unit 次"] {
                _ = try Engine.run(line, state: &state, ctx: ctx)
            }
            return Paint.strip(try Engine.run("kpi edit K1 --target 120 --unit 人次", state: &state, ctx: ctx).output)
        }
        #expect(out.contains("，") && !out.contains(", "), "\(out)")
    }

    /// The note under a table that left columns out names them as the room lists things.
    @Test func theDroppedColumnsNoteListsInTheRoomsWay() {
        var table = TextTable(["代碼", "名稱", "期限", "SMART"])
        table.drops(3, 2)
        table.row(["G1", "提升客戶終身價值並降低整體獲客成本", "2027-12-31", "S ✓ M ✓ A ✓ R ✓ T ✓"])
        let zh = Language.$scoped.withValue(.zhHant) { table.render(width: 30) }
        #expect(zh.contains("SMART、期限") || zh.contains("期限、SMART"), "\(zh)")
        let en = Language.$scoped.withValue(.en) { table.render(width: 30) }
        #expect(en.contains("期限, SMART"), "\(en)")
    }

    @Test func englishIsAsBefore() {
        #expect(Language.$scoped.withValue(.en) { Mapping.allStages }.contains(", "))
        let steps = Language.$scoped.withValue(.en) { Workflow.list }
        #expect(steps.hasPrefix("setup, audit, goals, map") && !steps.contains("、"), "\(steps)")
    }
}
