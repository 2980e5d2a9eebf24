import AccordCore
import Foundation
import Testing

/// The binary lays its output out for the terminal's width (COLUMNS; 80 for a script or a
/// pipe), says where the session was saved on `quit`, and knows `clear`.
@Suite struct LayoutEndToEndTests {
    static let commands = "help\nhelp kpi add\nkpi list\nletter Marketing\nletter\nmetric list\nlog 20\n"
        + "status\ngoal list\ngoal show G1\ncontrib list\ngrid\nconflict show C1\nmetric show lead_conversion\ntension list\naudit\n"

    func tooWide(_ text: String, _ width: Int) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.displayWidth > width }
    }

    @Test(arguments: [80, 120])
    func theDemoFitsTheTerminal(width: Int) throws {
        let a = try Accord()
        #expect(try a.run(["demo", "acme.json"]).status == 0)
        let r = try a.script("acme.json", Self.commands, env: ["COLUMNS": "\(width)"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(tooWide(r.stdout, width).isEmpty, "wider than \(width):\n\(tooWide(r.stdout, width).joined(separator: "\n"))")
        // usages are whole, never cut (`[--targe…`)
        #expect(!r.stdout.contains("[--targe…"))
        #expect(r.stdout.contains("[--cycle monthly|quarterly|annual]"))
        #expect(r.stdout.contains("  clear"))
        try a.expectReplayVerifies("acme.json")
    }

    @Test func aScriptWithoutColumnsIsLaidOutFor80() throws {
        let a = try Accord()
        try a.run(["demo", "acme.json"])
        let r = try a.script("acme.json", "kpi list\nletter Marketing\n")
        #expect(tooWide(r.stdout, 80).isEmpty, "\(tooWide(r.stdout, 80))")
        #expect(r.stdout.contains("Not shown at 80 columns:"))
        // a wide terminal shows every column, and no note
        let wide = try a.script("acme.json", "kpi list\n", env: ["COLUMNS": "300"])
        #expect(!wide.stdout.contains("Not shown"))
        #expect(wide.stdout.contains("Google Analytics") && wide.stdout.contains("Dana Reyes"))
    }

    @Test func chineseKPIsFit80AndNamesStayWhole() throws {
        let a = try Accord()
        try a.copyFixtures()
        let imported = try a.script("zh.json", "kpi import data/kpi-sheet-zh-Hant.csv\n")
        #expect(imported.status == 0, "\(imported.stderr)")
        let r = try a.script("zh.json", "kpi list\nkpi list 行銷部\n")
        #expect(r.status == 0, "\(r.stderr)")
        let list = r.stdout
        #expect(tooWide(r.stdout, 80).isEmpty, "\(tooWide(r.stdout, 80))")
        for name in ["網站流量", "品牌曝光量", "廣告點擊率", "線索量"] { #expect(list.contains(name), "\(name)") }
    }

    @Test func quitSaysWhereTheSessionWasSaved() throws {
        let a = try Accord()
        try a.run(["demo", "acme.json"])
        let r = try a.script("acme.json", "status\nquit\n")
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("Saved acme.json (49 events).\n"), "\(r.stdout)")
        // the end of a script says nothing of it (its output stays as it was)
        let plain = try a.script("acme.json", "status\n")
        #expect(!plain.stdout.contains("Saved acme.json"))
    }

    @Test func clearPrintsNothingInAScriptAndIsNoEvent() throws {
        let a = try Accord()
        try a.run(["demo", "acme.json"])
        let before = try a.events("acme.json").count
        let r = try a.script("acme.json", "clear\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty && r.stderr.isEmpty, "\(r.stdout)\(r.stderr)")
        #expect(try a.events("acme.json").count == before)
        let help = try a.script("acme.json", "help clear\n")
        #expect(help.stdout.hasPrefix("clear\n"))
    }
}
