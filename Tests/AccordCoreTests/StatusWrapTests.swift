@testable import AccordCore
import Foundation
import Testing

/// `status` at 80 columns after `next --force`: a step's line wraps under its summary and
/// the forced line under itself, never wider than the screen.
struct StatusWrapTests {
    @Test(arguments: Language.allCases)
    func theForcedLineWrapsUnderItself(_ lang: Language) throws {
        let demo = try Language.$scoped.withValue(lang) { try Demo.build(.of(lang)) }
        let ctx = Context(now: "2027-01-15T12:00:00Z", interactive: false, confirmed: true, fileName: "demo.json", saved: true,
                          log: MemoryLog(demo.events), readFile: { _ in Data() }, width: 80)
        var state = demo.state
        let screen = try Language.$scoped.withValue(lang) { Paint.strip(try Engine.run("status", state: &state, ctx: ctx).output) }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for l in lines { #expect(l.displayWidth <= 80, "\(lang): wider than 80: \(l)") }
        guard let forced = lines.firstIndex(where: { $0.contains("next --force") }) else {
            Issue.record("\(lang): no forced line in\n\(screen)"); return
        }
        #expect(lines[forced].prefix(14).allSatisfy { $0 == " " } && lines[forced].dropFirst(14).first != " ")
        // its continuation lines start where it starts (column 14), not deeper
        var k = forced + 1
        while k < lines.count, lines[k].hasPrefix(String(repeating: " ", count: 14)) {
            #expect(lines[k].dropFirst(14).first != " ", "\(lang): continuation indented deeper than the forced line: \(lines[k])")
            k += 1
        }
        #expect(k > forced + 1, "\(lang): the forced line fits on one line at 80 columns; the test needs it wrapped\n\(screen)")
        // a step's own summary that wraps continues under the summary, at column 14
        if let audit = lines.firstIndex(where: { $0.hasPrefix("  ⚠ ") }), audit + 1 < forced {
            #expect(lines[audit + 1].hasPrefix(String(repeating: " ", count: 14)), "\(lang): \(lines[audit + 1])")
        }
    }

    /// `goal list` at 80 columns in the demo of each language: a goal's status
    /// (`第 2 版已通過`) stays on one line; it used to wrap as `已通過（第 2` / `版）`.
    @Test(arguments: Language.allCases)
    func goalStatusNeverWrapsInGoalList(_ lang: Language) throws {
        let demo = try Language.$scoped.withValue(lang) { try Demo.build(.of(lang)) }
        let ctx = Context(now: "2027-01-15T12:00:00Z", interactive: false, confirmed: true, fileName: "demo.json", saved: true,
                          log: MemoryLog(demo.events), readFile: { _ in Data() }, width: 80)
        var state = demo.state
        let screen = try Language.$scoped.withValue(lang) { Paint.strip(try Engine.run("goal list", state: &state, ctx: ctx).output) }
        let statuses = try Language.$scoped.withValue(lang) {
            state.goals.all.map { Paint.strip(GoalText.status($0)) }
        }
        #expect(!statuses.isEmpty)
        for status in Set(statuses) {
            #expect(screen.contains(status), "\(lang): the status \(status) is cut in\n\(screen)")
        }
        for l in screen.split(separator: "\n") { #expect(l.displayWidth <= 80, "\(lang): wider than 80: \(l)") }
    }

    /// `next`, `back` and `step` say where the room is and what to type next: at 80 columns.
    @Test(arguments: Language.allCases)
    func movingBetweenStepsFitsTheScreen(_ lang: Language) throws {
        var state = State()
        let ctx = Context(now: "2027-01-15T09:00:00Z", confirmed: true, fileName: "n.json", log: MemoryLog([]), readFile: { _ in Data() }, width: 80)
        try Language.$scoped.withValue(lang) {
            for line in ["period 2027", "dept add 行銷部 --head 林經理 --supervisor 王副總", "dept add 業務部 --head 張經理 --supervisor 王副總"] {
                _ = try Engine.run(line, state: &state, ctx: ctx)
            }
            for line in ["next", "back", "step audit", "next", "next --force 其餘衝突帶到目標討論中處理並記錄下來以便之後追蹤"] {
                let out = Paint.strip(try Engine.run(line, state: &state, ctx: ctx).output)
                for l in out.split(separator: "\n") { #expect(String(l).displayWidth <= 80, "\(lang) `\(line)`: \(l)") }
            }
        }
    }
}
