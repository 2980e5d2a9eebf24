/// A plain-text table whose columns line up by display width (CJK takes two columns).
///
///     var t = TextTable(["id", "department"])
///     t.row(["D1", "行銷部"])
///     print(t.render())
public struct TextTable {
    public enum Align { case left, right }

    public var header: [String]?
    public var rows: [[String]] = []
    public var align: [Align]
    public var indent: Int
    public var gap: Int

    public init(_ header: [String]? = nil, align: [Align] = [], indent: Int = 1, gap: Int = 2) {
        self.header = header; self.align = align; self.indent = indent; self.gap = gap
    }

    public mutating func row(_ cells: [String]) { rows.append(cells) }

    public func render() -> String {
        let all = (header.map { [$0] } ?? []) + rows
        let n = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: n)
        for r in all { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.displayWidth) } }
        var lines: [String] = []
        for (ri, r) in all.enumerated() {
            var line = String(repeating: " ", count: indent)
            for (i, c) in r.enumerated() {
                let last = i == r.count - 1
                let a = i < align.count ? align[i] : .left
                let cell = a == .right ? c.leftPadded(to: widths[i]) : (last ? c : c.padded(to: widths[i]))
                line += cell
                if !last { line += String(repeating: " ", count: gap) }
            }
            lines.append(ri == 0 && header != nil ? Paint.strong(line) : line)
            _ = ri
        }
        return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }
}
