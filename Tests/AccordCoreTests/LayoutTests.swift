@testable import AccordCore
import Foundation
import Testing

/// Tables and help laid out for a terminal width (TextTable's width budget, TextWrap).
@Suite struct LayoutTests {
    func lines(_ text: String) -> [String] {
        Paint.strip(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func expectFits(_ text: String, _ width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        for l in lines(text) {
            #expect(l.displayWidth <= width, "\(l.displayWidth) > \(width): \(l)", sourceLocation: sourceLocation)
        }
    }

    @Test func aTableThatFitsIsLaidOutAsBefore() {
        var t = TextTable(["ID", "Name"])
        t.wraps(1)
        t.drops(1)
        t.row(["K1", "Lead conversion"])
        let out = t.render(width: 40)
        #expect(out == t.render())
        #expect(lines(out) == [" ID  Name", " K1  Lead conversion"])
    }

    @Test func aCellWrapsAtASpace() {
        var t = TextTable(["ID", "KPI", "Owner"])
        t.wraps(1, hanging: 1)
        t.row(["K1", "Sales accepted leads per month", "Dana"])
        let out = lines(t.render(width: 24))
        #expect(out == [
            " ID  KPI            Owner",
            " K1  Sales accepted Dana",
        ] || out.allSatisfy { $0.displayWidth <= 24 })
        expectFits(t.render(width: 24), 24)
        // every word of the cell is still there, whole, in order
        let words = out.dropFirst().map { l -> String in
            let cell = l.dropFirst(5)  // " K1  " or "     "
            return cell.split(separator: " ").filter { $0 != "Dana" }.joined(separator: " ")
        }.joined(separator: " ")
        #expect(words == "Sales accepted leads per month")
        #expect(out.count > 2)
        // a continuation line keeps its hanging indent and leaves the other columns blank
        #expect(out[2].hasPrefix("      "))
    }

    @Test func aColumnIsDroppedWithANote() {
        var t = TextTable(["ID", "KPI", "Source", "Cycle"])
        t.drops(3, 2)
        t.row(["K1", "Sales-accepted-leads", "Salesforce", "monthly"])
        let out = lines(t.render(width: 40))
        #expect(out[0] == " ID  KPI                   Source")
        #expect(out[1] == " K1  Sales-accepted-leads  Salesforce")
        let note = out.dropFirst(2).joined(separator: " ")
        #expect(note.contains("Cycle") && !note.contains("Source"))
        #expect(note.contains("40"))
        expectFits(t.render(width: 40), 40)
        // narrower still: the next one goes too
        let narrow = lines(t.render(width: 30))
        #expect(narrow[1] == " K1  Sales-accepted-leads")
        #expect(narrow.dropFirst(2).joined(separator: " ").contains("Source, Cycle"))
        expectFits(t.render(width: 30), 30)
        // wide enough: nothing dropped, no note
        #expect(lines(t.render(width: 80)).count == 2)
    }

    @Test func aCJKNameIsNeverSplit() {
        var t = TextTable(["部門", "KPI"])
        t.wraps(0, 1)
        t.row(["行銷部", "品牌知名度提升 新客戶轉換率"])
        let out = t.render(width: 24)
        expectFits(out, 24)
        #expect(lines(out).count == 3)
        let text = lines(out).joined(separator: "\n")
        #expect(text.contains("品牌知名度提升"))
        #expect(text.contains("新客戶轉換率"))
        #expect(text.contains("行銷部"))
        // too narrow for the name: the line is longer rather than the name cut
        let tight = lines(t.render(width: 10))
        #expect(tight.contains { $0.contains("品牌知名度提升") })
        #expect(!tight.joined().contains("…"))
    }

    @Test func wrapNeverSplitsAWordAndKeepsStyles() {
        let wrapped = TextWrap.lines(Paint.warn("one two three four five six"), width: 10, hanging: 2)
        #expect(wrapped.map(Paint.strip) == ["one two", "  three", "  four", "  five six"])
        // each line opens and closes its own style
        #expect(wrapped.allSatisfy { Paint.render($0, { "<\($0)>" }).hasPrefix("<warn>") && Paint.render($0, { "<\($0)>" }).hasSuffix("<end>") })
        #expect(TextWrap.lines("行銷部 業務部", width: 6) == ["行銷部", "業務部"])
        // an indented (and painted) line keeps its indent, continuation lines hang below it
        #expect(TextWrap.lines(Paint.warn("  · one two three"), width: 13, hanging: 2).map(Paint.strip) == ["  · one two", "    three"])
        // a mark stays with its word
        #expect(TextWrap.lines("Referral program signups ↑", width: 16) == ["Referral program", "signups ↑"])
        #expect(TextWrap.lines("X4 30 (G1) !", width: 10) == ["X4 30", "(G1) !"])
        // spaces that align text are kept on a line
        #expect(TextWrap.lines("C1  high    resolved — a note here", width: 22) == ["C1  high    resolved —", "a note here"])
    }

    @Test func aUsageWrapsWithAHangingIndent() throws {
        let spec = try #require(Engine.spec("kpi add"))
        let out = lines(try Help.render(["kpi", "add"], width: 40))
        expectFits(try Help.render(["kpi", "add"], width: 40), 40)
        let usageLines = Array(out.prefix { !$0.hasPrefix("  ") || $0.hasPrefix("    ") })
        #expect(usageLines.count > 1)
        #expect(usageLines.dropFirst().allSatisfy { $0.hasPrefix("    ") })
        // nothing cut: the usage reads back whole, and brackets stay together
        let joined = usageLines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(joined == spec.usage)
        #expect(!out.joined().contains("…"))
        for l in usageLines { #expect(l.filter { $0 == "[" }.count == l.filter { $0 == "]" }.count, "\(l)") }
    }

    @Test func helpFitsEveryWidthAndCutsNoUsage() throws {
        for width in [60, 80, 120] {
            let help = Paint.strip(try Help.render([], width: width))
            expectFits(help, width)
            // every part of every usage is there whole (a bracketed option never split)
            for spec in Engine.commands where spec.name != "exit" {
                for part in Help.glue(spec.usage).split(separator: " ") {
                    #expect(help.contains(Help.unglue(String(part))), "\(width): \(part) of \(spec.usage)")
                }
            }
            #expect(help.contains("  clear "))
            #expect(!help.contains("[--targe…"))
        }
        // before, a usage was cut at 58 columns
        let wide = Paint.strip(try Help.render([], width: 400))
        let kpiEdit = try #require(Engine.spec("kpi edit")).usage
        #expect(wide.contains(kpiEdit))
    }

    @Test func kpiListLetterMetricListAndLogFit80() throws {
        let demo = try Demo.build()
        var m = Meeting()
        m.state = demo.state
        m.events = demo.events
        for width in [80, 120] {
            for cmd in ["kpi list", "kpi list Marketing", "letter", "letter Marketing", "metric list", "log 30", "help", "help kpi"] {
                var ctx = m.context()
                ctx.width = width
                var s = m.state
                let o = try Engine.run(cmd, state: &s, ctx: ctx)
                expectFits(o.output, width)
            }
        }
    }

    @Test func clearIsACommandThatRecordsNothing() throws {
        var m = Meeting()
        let o = try m.run("clear")
        #expect(o.effects == [.clearScreen])
        #expect(o.output.isEmpty)
        #expect(m.events.isEmpty)
    }
}
