@testable import AccordCore
import Foundation
import Testing

/// TextTable's fitting measures each wrapping cell once and tries widths on the numbers; the
/// layout must be the one the former search gave, which re-wrapped every cell at every width
/// it tried (`reference` below is that search, kept as the oracle).
@Suite struct TextTableFitTests {
    /// A seeded generator (SplitMix64): the same tables on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let words = ["a", "KPI", "target", "1,200,000", "→", "·", "↑", "✓", "!", "行銷部", "營收成長率",
                        "客戶留存率，", "（年度）", "「目標」", "source", "HubSpot", "monthly", "Dept 000", "x",
                        "supercalifragilistic", "業務部門的年度營收目標。", "e\u{301}", "👍", "ＡＢＣ"]

    static func cell(_ g: inout Seeded) -> String {
        let n = Int.random(in: 0...9, using: &g)
        var s = Int.random(in: 0...5, using: &g) == 0 ? "  " : ""
        for k in 0..<n {
            if k > 0 { s += Int.random(in: 0...6, using: &g) == 0 ? "   " : " " }
            var w = words.randomElement(using: &g)!
            switch Int.random(in: 0...9, using: &g) {
            case 0: w = Paint.bad(w)
            case 1: w = Paint.strong(w)
            default: break
            }
            s += w
        }
        return s
    }

    static func table(_ g: inout Seeded) -> TextTable {
        let columns = Int.random(in: 1...5, using: &g)
        var t = TextTable(Bool.random(using: &g) ? (0..<columns).map { "col \($0)" } : nil,
                          align: (0..<columns).map { _ in Bool.random(using: &g) ? .left : .right },
                          indent: Int.random(in: 0...3, using: &g), gap: Int.random(in: 1...3, using: &g))
        for c in 0..<columns where Int.random(in: 0...2, using: &g) > 0 {
            t.wrapping[c] = Int.random(in: 0...4, using: &g)
            if Bool.random(using: &g) { t.prose.insert(c) }
        }
        t.dropOrder = (0..<columns).shuffled(using: &g).filter { _ in Int.random(in: 0...3, using: &g) == 0 }
        for _ in 0..<Int.random(in: 0...25, using: &g) {
            t.row((0..<Int.random(in: max(0, columns - 2)...columns, using: &g)).map { _ in cell(&g) })
        }
        return t
    }

    @Test func fittingLaysOutAsTheFormerSearchDid() {
        var g = Seeded(state: 16)
        var wrapped = 0
        for _ in 0..<150 {
            let t = Self.table(&g)
            for width in [1, 8, 20, 40, 63, 80, 100, 160] {
                let new = t.render(width: width), old = Self.reference(t, width: width)
                #expect(new == old, "width \(width), rows \(t.rows), wrapping \(t.wrapping), prose \(t.prose), drop \(t.dropOrder)")
                if new.split(separator: "\n").count > t.rows.count + (t.header == nil ? 0 : 1) { wrapped += 1 }
            }
        }
        #expect(wrapped > 200)  // the tables do wrap, often
    }

    /// The kinsoku sets answer as the strings they replaced did, for every character near them.
    /// Trailing spaces go, and nothing else: wide characters, combining marks, style markers
    /// and inner spaces stay as they were.
    @Test func trimEndRemovesOnlyTrailingSpaces() {
        let cases: [(String, String)] = [
            ("", ""), ("   ", ""), ("abc", "abc"), ("abc   ", "abc"), (" a b  ", " a b"),
            ("行銷部  ", "行銷部"), ("é  ", "é"), ("e\u{301} ", "e\u{301}"), ("👩‍👩‍👧 ", "👩‍👩‍👧"),
            ("a\t ", "a\t"), ("\u{3000} ", "\u{3000}"), (Paint.strong("X") + "  ", Paint.strong("X")),
        ]
        for (input, expected) in cases { #expect(TextWrap.trimEnd(input) == expected, "\(input.debugDescription)") }
    }

    @Test func punctuationSetsAreTheFormerStrings() {
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x2FF, 0x2000...0x206F, 0x2E80...0x30FF, 0xFE30...0xFE4F, 0xFF00...0xFF65]
        for r in ranges {
            for v in r {
                guard let u = Unicode.Scalar(v) else { continue }
                let ch = Character(u)
                #expect(TextWrap.closes(ch) == ("，。、；：？！）」』】〉》”’%·…ー".contains(ch) || ch == ")" || ch == "," || ch == "."), "\(v)")
                #expect(TextWrap.opens(ch) == "（「『【〈《“‘".contains(ch), "\(v)")
            }
        }
    }

    /// `TextTable.render(width:)` as it was before the fitting measured cells once: each
    /// narrowing step re-wrapped every cell of the column to find its width.
    static func reference(_ t: TextTable, width: Int) -> String {
        let all = (t.header.map { [$0] } ?? []) + t.rows
        let n = all.map(\.count).max() ?? 0
        var natural = [Int](repeating: 0, count: n)
        var longestWord = [Int](repeating: 0, count: n)
        for r in all {
            for (i, c) in r.enumerated() {
                natural[i] = max(natural[i], c.displayWidth)
                longestWord[i] = max(longestWord[i], TextWrap.longestWord(c, hanging: t.wrapping[i] ?? 0, prose: t.prose.contains(i)))
            }
        }
        let comfortable = (0..<n).map { i in min(natural[i], max(longestWord[i], (natural[i] + 1) / 2)) }
        func fit(_ widths: inout [Int], shown: [Int], minimum: [Int]) -> Bool {
            func total() -> Int { t.indent + shown.reduce(0) { $0 + widths[$1] } + t.gap * max(0, shown.count - 1) }
            if total() <= width { return true }
            let narrowable = shown.filter { t.wrapping[$0] != nil }
            while total() > width {
                guard let widest = narrowable.filter({ widths[$0] > minimum[$0] }).max(by: { widths[$0] < widths[$1] })
                else { return false }
                let w = widths[widest] - 1
                let hang = t.wrapping[widest] ?? 0
                widths[widest] = all.reduce(0) { acc, r in
                    guard widest < r.count else { return acc }
                    return max(acc, TextWrap.lines(r[widest], width: w, hanging: hang, prose: t.prose.contains(widest)).map(\.displayWidth).max() ?? 0)
                }
            }
            return true
        }
        var shown = Array(0..<n)
        var dropped: [Int] = []
        var pending = t.dropOrder.filter { $0 < n }
        var widths = natural
        while true {
            widths = natural
            if fit(&widths, shown: shown, minimum: comfortable) { break }
            if let d = pending.first {
                pending.removeFirst()
                shown.removeAll { $0 == d }
                dropped.append(d)
                continue
            }
            widths = natural
            _ = fit(&widths, shown: shown, minimum: longestWord)
            break
        }
        var lines: [String] = []
        for (ri, r) in all.enumerated() {
            let isHeader = ri == 0 && t.header != nil
            let cells: [[String]] = shown.map { i in
                let c = i < r.count ? r[i] : ""
                guard let hang = t.wrapping[i], c.displayWidth > widths[i] else { return [c] }
                return TextWrap.lines(c, width: widths[i], hanging: hang, prose: t.prose.contains(i))
            }
            let lastFilled = shown.indices.last { shown[$0] < r.count } ?? -1
            let height = cells.map(\.count).max() ?? 1
            for k in 0..<height {
                var line = String(repeating: " ", count: t.indent)
                for (pos, i) in shown.enumerated() where pos <= lastFilled {
                    let c = k < cells[pos].count ? cells[pos][k] : ""
                    let a = i < t.align.count ? t.align[i] : .left
                    let last = pos == lastFilled
                    line += a == .right ? c.leftPadded(to: widths[i]) : (last ? c : c.padded(to: widths[i]))
                    if !last { line += String(repeating: " ", count: t.gap) }
                }
                lines.append(isHeader ? Paint.strong(line) : line)
            }
        }
        if !dropped.isEmpty {
            let names = dropped.sorted().map { i -> String in
                let h = t.header.flatMap { i < $0.count ? Paint.strip($0[i]) : nil } ?? ""
                return h.isEmpty ? "#\(i + 1)" : h
            }
            let note = AccordCore.t("table.dropped", ["columns": names.joined(separator: Punct.list), "width": "\(width)"])
            lines += TextWrap.lines(note, width: max(1, width - t.indent), hanging: 2).map {
                Paint.faint(String(repeating: " ", count: t.indent) + $0)
            }
        }
        return lines.map(TextWrap.trimEnd).joined(separator: "\n")
    }
}
