/// A plain-text table whose columns line up by display width (CJK takes two columns), laid
/// out for a width budget (the terminal's columns).
///
///     var t = TextTable(["id", "department", "note"])
///     t.wraps(2)            // the note may wrap inside its cell, at spaces
///     t.drops(1)            // the department may be left out (a note line says so)
///     t.row(["D1", "行銷部", "leads and campaigns"])
///     print(t.render(width: 80))
///
/// Fitting, in order: the natural layout when it fits; else the wrapping columns are
/// narrowed (widest first, never below their longest word); else the droppable columns are
/// left out one by one, in the order given, and a note line names them. A word (a run
/// without spaces, so a CJK name too) is never split; if nothing more can give, the line is
/// left longer than the budget rather than cut.
public struct TextTable {
    public enum Align { case left, right }

    public var header: [String]?
    public var rows: [[String]] = []
    public var align: [Align]
    public var indent: Int
    public var gap: Int
    /// Columns that may wrap inside their cells, with the indent of a cell's continuation lines.
    public var wrapping: [Int: Int] = [:]
    /// Columns that may be left out to fit, the first to go first.
    public var dropOrder: [Int] = []
    /// Wrapping columns that hold running text: Chinese in them may also break between its
    /// characters (descriptions, explanations; never names).
    public var prose: Set<Int> = []

    public init(_ header: [String]? = nil, align: [Align] = [], indent: Int = 1, gap: Int = 2) {
        self.header = header; self.align = align; self.indent = indent; self.gap = gap
    }

    public mutating func row(_ cells: [String]) { rows.append(cells) }

    /// These columns may wrap inside their cells at spaces; continuation lines of a cell are
    /// indented by `hanging` columns.
    public mutating func wraps(_ columns: Int..., hanging: Int = 0) {
        for c in columns { wrapping[c] = hanging }
    }

    /// These wrapping columns hold running text (see `prose`).
    public mutating func prose(_ columns: Int...) { prose.formUnion(columns) }

    /// These columns may be left out when the table does not fit, in this order.
    public mutating func drops(_ columns: Int...) { dropOrder += columns }

    /// The table with no width limit.
    public func render() -> String { render(width: Int.max) }

    /// The table laid out in at most `width` columns where it can be (see the type's notes).
    public func render(width: Int) -> String {
        let all = (header.map { [$0] } ?? []) + rows
        let n = all.map(\.count).max() ?? 0
        var natural = [Int](repeating: 0, count: n)
        var longestWord = [Int](repeating: 0, count: n)
        // each wrapping cell split into words once, by row (a row too short for the column has
        // an empty cell there, which takes no width); fitting tries widths on these numbers
        var measured = [[Measured]](repeating: [], count: n)
        for i in wrapping.keys where i < n { measured[i].reserveCapacity(all.count) }
        for r in all {
            for (i, c) in r.enumerated() { natural[i] = max(natural[i], c.displayWidth) }
            for (i, hang) in wrapping where i < n {
                let m = Measured(i < r.count ? r[i] : "", prose: prose.contains(i))
                longestWord[i] = max(longestWord[i], m.longestWord(hanging: hang))
                measured[i].append(m)
            }
        }
        // a wrapping cell is first narrowed to about half its width (two lines), no more: a
        // column is left out before cells are squeezed further, then down to the longest word
        let comfortable = (0..<n).map { i in min(natural[i], max(longestWord[i], (natural[i] + 1) / 2)) }
        // the same cells widest first, for fitting: those no wider than a width tried take their own
        let byWidth = measured.map { $0.sorted { $0.width > $1.width } }
        var shown = Array(0..<n)
        var dropped: [Int] = []
        var pending = dropOrder.filter { $0 < n }
        var widths = natural
        while true {
            widths = natural
            if fit(&widths, byWidth, shown: shown, minimum: comfortable, budget: width) { break }
            if let d = pending.first {
                pending.removeFirst()
                shown.removeAll { $0 == d }
                dropped.append(d)
                continue
            }
            widths = natural
            // nothing left to drop: as narrow as the words allow, and longer than the budget if need be
            _ = fit(&widths, byWidth, shown: shown, minimum: longestWord, budget: width)
            break
        }

        var lines: [String] = []
        for (ri, r) in all.enumerated() {
            let isHeader = ri == 0 && header != nil
            // each shown cell as its lines
            let cells: [[String]] = shown.map { i in
                let c = i < r.count ? r[i] : ""
                guard let hang = wrapping[i], measured[i][ri].width > widths[i] else { return [c] }
                return measured[i][ri].lines(width: widths[i], hanging: hang)
            }
            let lastFilled = shown.indices.last { shown[$0] < r.count } ?? -1
            let height = cells.map(\.count).max() ?? 1
            for k in 0..<height {
                var line = ""
                Self.spaces(indent, to: &line)
                for (pos, i) in shown.enumerated() where pos <= lastFilled {
                    let c = k < cells[pos].count ? cells[pos][k] : ""
                    let a = i < align.count ? align[i] : .left
                    let last = pos == lastFilled
                    // padded to the column's width (a left-aligned last cell is not)
                    if a == .right {
                        Self.spaces(widths[i] - c.displayWidth, to: &line)
                        line += c
                    } else {
                        line += c
                        if !last { Self.spaces(widths[i] - c.displayWidth, to: &line) }
                    }
                    if !last { Self.spaces(gap, to: &line) }
                }
                lines.append(isHeader ? Paint.strong(line) : line)
            }
        }
        if !dropped.isEmpty {
            let names = dropped.sorted().map { i -> String in
                let h = header.flatMap { i < $0.count ? Paint.strip($0[i]) : nil } ?? ""
                return h.isEmpty ? "#\(i + 1)" : h
            }
            let note = t("table.dropped", ["columns": names.joined(separator: Punct.list), "width": "\(width)"])
            lines += TextWrap.lines(note, width: max(1, width - indent), hanging: 2).map {
                Paint.faint(String(repeating: " ", count: indent) + $0)
            }
        }
        return lines.map(TextWrap.trimEnd).joined(separator: "\n")
    }

    /// Appends `n` spaces (none when `n` is not positive).
    static func spaces(_ n: Int, to line: inout String) {
        guard n > 0 else { return }
        if n <= 128 { line += blank.prefix(n) } else { line += String(repeating: " ", count: n) }
    }
    private static let blank = String(repeating: " ", count: 128)

    /// Narrows the wrapping columns among `shown` (widest first, not below `minimum`) until
    /// the row fits `budget`; false when it cannot. A column narrowed by one is set to the
    /// width its cells really take wrapped that narrow (often less). `measured` holds each
    /// wrapping column's cells split into words, widest first: a cell no wider than the width
    /// tried keeps its width, and so do all after it, so the first of them ends the search.
    func fit(_ widths: inout [Int], _ measured: [[Measured]], shown: [Int], minimum: [Int], budget: Int) -> Bool {
        func total() -> Int {
            indent + shown.reduce(0) { $0 + widths[$1] } + gap * max(0, shown.count - 1)
        }
        if total() <= budget { return true }
        let narrowable = shown.filter { wrapping[$0] != nil }
        while total() > budget {
            guard let widest = narrowable.filter({ widths[$0] > minimum[$0] }).max(by: { widths[$0] < widths[$1] })
            else { return false }
            let w = widths[widest] - 1
            let hang = wrapping[widest] ?? 0
            var taken = 0
            for m in measured[widest] {
                if m.width <= w { taken = max(taken, m.width); break }
                taken = max(taken, m.wrappedWidth(w, hanging: hang))
            }
            widths[widest] = taken
        }
        return true
    }

    /// A wrapping cell as `TextWrap.lines` sees it, split once: its width, its leading indent
    /// (and that indent's width), and its words, each with the spaces before it and its width.
    struct Measured {
        var width: Int
        var lead: Int
        var gaps: [Int]
        var words: [Int]
        var text: (lead: String, pieces: [(String, String)])

        init(_ text: String, prose: Bool) {
            width = text.displayWidth
            if width == 0 && text.isEmpty {
                lead = 0; gaps = []; words = []; self.text = ("", [])
                return
            }
            let (leadText, leadWidth, pieces) = TextWrap.split(text, prose: prose)
            lead = leadWidth
            gaps = pieces.map(\.0.count)
            words = pieces.map(\.1.displayWidth)
            self.text = (leadText, pieces)
        }

        /// `TextWrap.lines(text, width:, hanging:)` of a cell wider than `width`.
        func lines(width w: Int, hanging: Int) -> [String] {
            TextWrap.fill(lead: text.lead, leadWidth: lead, pieces: text.pieces, widths: words, width: w, hanging: hanging)
        }

        /// The width of the widest line of `TextWrap.lines(text, width: w, hanging:)`, found
        /// by the same greedy filling on the numbers (a line's width is the sum of its parts').
        func wrappedWidth(_ w: Int, hanging: Int) -> Int {
            if width <= w { return width }
            var widest = 0, line = lead, hasWord = false
            for k in words.indices {
                if hasWord && line + gaps[k] + words[k] > w {
                    widest = max(widest, line)
                    line = lead + hanging; hasWord = false
                }
                if hasWord { line += gaps[k] }
                line += words[k]; hasWord = true
            }
            return max(widest, line)
        }

        /// `TextWrap.longestWord` of the text.
        func longestWord(hanging: Int) -> Int {
            var widest = lead
            for (k, w) in words.enumerated() { widest = max(widest, w + lead + (k == 0 ? 0 : hanging)) }
            return widest
        }
    }
}

/// Word wrapping by display width: breaks only at spaces, never inside a word (a run
/// without spaces, such as a CJK name), and keeps `Paint` styles on every line they cover.
public enum TextWrap {
    /// `text` as lines of at most `width` columns; continuation lines start with the text's
    /// own leading spaces and `hanging` more. A word wider than the room is put on a line of
    /// its own, whole.
    ///
    /// `prose`: Chinese and Japanese running text may also break between two of its characters
    /// (it has no spaces), never before closing punctuation (，。）」…) nor after opening
    /// punctuation; table cells leave it off, so a name is never cut.
    public static func lines(_ text: String, width: Int, hanging: Int = 0, prose: Bool = false) -> [String] {
        if text.displayWidth <= width { return [text] }
        let (lead, leadWidth, pieces) = split(text, prose: prose)
        return fill(lead: lead, leadWidth: leadWidth, pieces: pieces, widths: pieces.map(\.1.displayWidth), width: width, hanging: hanging)
    }

    /// The lines of a text `split` gave (its words' display widths in `widths`), filled to `width`.
    static func fill(lead: String, leadWidth: Int, pieces: [(String, String)], widths: [Int], width: Int, hanging: Int) -> [String] {
        let pad = String(repeating: " ", count: leadWidth + hanging)
        var out: [String] = []
        var line = lead, lineWidth = leadWidth
        var lineHasWord = false
        for (k, (gap, word)) in pieces.enumerated() {
            let w = widths[k]
            if lineHasWord && lineWidth + gap.count + w > width {
                out.append(line)
                line = pad; lineWidth = pad.count; lineHasWord = false
            }
            // spaces between words on one line are kept as they were (aligned text stays aligned)
            if lineHasWord { line += gap; lineWidth += gap.count }
            line += word; lineWidth += w
            lineHasWord = true
        }
        out.append(line)
        return carryStyles(out)
    }

    /// The leading indent (spaces and style markers, and its width), then each word with the
    /// spaces before it.
    static func split(_ text: String, prose: Bool = false) -> (lead: String, leadWidth: Int, pieces: [(String, String)]) {
        var lead = "", leadWidth = 0
        var i = text.startIndex
        while i < text.endIndex, text[i] == " " || text[i].unicodeScalars.allSatisfy(Paint.isMarker) {
            if text[i] == " " { leadWidth += 1 }
            lead.append(text[i]); i = text.index(after: i)
        }
        var pieces: [(String, String)] = []
        var gap = "", word = ""
        func add() {
            guard !word.isEmpty else { return }
            // a mark after a word (`↑`, `✓`, `!`, `·`, `→`) stays on the word's line
            if isMark(word), let last = pieces.popLast() { pieces.append((last.0, last.1 + gap + word)) }
            else { pieces.append((gap, word)) }
            gap = ""; word = ""
        }
        let rest = Array(text[i...])
        for (k, ch) in rest.enumerated() {
            if ch == " " { add(); gap.append(ch); continue }
            word.append(ch)
            // in prose, a break may follow a wide character when the next one may start a line
            if prose, k + 1 < rest.count, isWide(ch), rest[k + 1] != " ", !closes(rest[k + 1]), !opens(ch) { add() }
        }
        add()
        return (lead, leadWidth, pieces)
    }

    /// A character two columns wide (CJK).
    static func isWide(_ ch: Character) -> Bool { ch.unicodeScalars.first.map { DisplayWidth.of($0) == 2 } ?? false }

    /// Punctuation that may not start a line (kinsoku): closing brackets, commas, stops.
    static func closes(_ ch: Character) -> Bool { closing.contains(ch) }
    static let closing = Set<Character>("，。、；：？！）」』】〉》”’%·…ー),.")

    /// Punctuation that may not end a line: opening brackets and quotes.
    static func opens(_ ch: Character) -> Bool { opening.contains(ch) }
    static let opening = Set<Character>("（「『【〈《“‘")

    /// One or two columns of symbols or punctuation, no letter or digit.
    static func isMark(_ word: String) -> Bool {
        word.displayWidth <= 2 && !word.unicodeScalars.contains {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }
    }

    /// Every line of `text` (split at line breaks) wrapped to `width`.
    public static func block(_ text: String, width: Int, hanging: Int = 0) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { lines(String($0), width: width, hanging: hanging, prose: true) }
            .joined(separator: "\n")
    }

    /// The narrowest a cell can be wrapped to: its widest word (continuation lines carry the hanging indent).
    static func longestWord(_ text: String, hanging: Int, prose: Bool = false) -> Int {
        let (_, lead, pieces) = split(text, prose: prose)
        var widest = lead
        for (k, piece) in pieces.enumerated() {
            widest = max(widest, piece.1.displayWidth + lead + (k == 0 ? 0 : hanging))
        }
        return widest
    }

    /// A style open at the end of a line is closed there and opened again on the next line.
    static func carryStyles(_ lines: [String]) -> [String] {
        var open: Unicode.Scalar?
        return lines.map { line in
            var s = line
            if let o = open { s = String(Character(o)) + s }
            for u in line.unicodeScalars where Paint.isMarker(u) { open = u == Paint.reset ? nil : u }
            if open != nil { s += String(Character(Paint.reset)) }
            return s
        }
    }

    /// `s` without its trailing spaces. By bytes: a space (0x20) is never part of another
    /// character's UTF-8, so this is exact and does not walk the whole line's characters.
    static func trimEnd(_ s: String) -> String {
        let u = s.utf8
        guard u.last == 0x20 else { return s }
        var end = u.endIndex
        while end > u.startIndex, u[u.index(before: end)] == 0x20 { end = u.index(before: end) }
        return String(decoding: u[..<end], as: UTF8.self)
    }
}
