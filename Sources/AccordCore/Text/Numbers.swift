import Foundation

/// Numbers as people write them in KPI sheets and in the room.
///
///     Num.parse("1,200")      // 1200
///     Num.parse("8%")         // 8, unit "%"
///     Num.parse("200萬")      // 2,000,000
///     Num.parse("1.5億")      // 150,000,000
///     Num.parse("3百萬")      // 3,000,000
///     Num.parse("NT$1,200")   // 1200, unit "NT$"
///     Num.parse("50元")       // 50, unit "元"
public enum Num {
    public struct Parsed: Equatable, Sendable {
        public var value: Double
        /// A unit written with the number (%, 元, NT$, USD …), when there was one.
        public var unit: String?
    }

    private static let multipliers: [(String, Double)] = [
        ("萬億", 1e12), ("万亿", 1e12), ("億", 1e8), ("亿", 1e8), ("萬", 1e4), ("万", 1e4),
        ("千", 1e3), ("仟", 1e3), ("百", 1e2), ("佰", 1e2),
    ]
    private static let prefixUnits = ["NT$", "US$", "HK$", "RMB", "NTD", "USD", "TWD", "CNY", "EUR", "$", "¥", "￥", "€", "£"]
    private static let suffixWords: [(String, Double)] = [("k", 1e3), ("K", 1e3), ("m", 1e6), ("M", 1e6), ("bn", 1e9)]

    public static func parse(_ raw: String) -> Parsed? {
        var s = halfwidth(raw).fastTrimmed(newlines: false)
        guard !s.isEmpty else { return nil }
        var unit: String?
        let upper = s.uppercased()
        for p in prefixUnits where upper.hasPrefix(p.uppercased()) {
            unit = p; s = String(s.dropFirst(p.count)).fastTrimmed(newlines: false); break
        }
        var sign = 1.0
        if s.hasPrefix("-") || s.hasPrefix("−") { sign = -1; s = String(s.dropFirst()) } else if s.hasPrefix("+") { s = String(s.dropFirst()) }
        // the numeric part: digits, separators, one dot
        var digits = ""
        var rest = Substring(s)
        while let c = rest.first, c.isASCII, c.isNumber || c == "," || c == "." || c == "_" {
            digits.append(c); rest = rest.dropFirst()
        }
        guard digits.contains(where: \.isNumber) else { return nil }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        // thousands separators only in the integer part, in groups of three
        let intPart = String(parts[0])
        if intPart.contains(",") || intPart.contains("_") {
            let groups = intPart.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "_" })
            guard groups.count > 1, !groups[0].isEmpty, groups[0].count <= 3,
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        if parts.count == 2, parts[1].contains(",") || parts[1].contains("_") { return nil }
        let clean = digits.filter { $0 != "," && $0 != "_" }
        guard var value = Double(clean), value.isFinite else { return nil }
        var tail = String(rest).fastTrimmed(newlines: false)
        // compound multipliers: 3百萬 (3 × 100 × 10,000), 1.2千萬
        for _ in 0..<3 {
            guard let (word, m) = multipliers.first(where: { tail.hasPrefix($0.0) }) else { break }
            value *= m; tail = String(tail.dropFirst(word.count)).fastTrimmed(newlines: false)
        }
        if tail.count <= 2 {
            for (word, m) in suffixWords where tail == word { value *= m; tail = ""; break }
        }
        if !tail.isEmpty {
            // a trailing unit: %, 元, 人, USD, visits … but not more numbers
            guard !tail.contains(where: { $0.isASCII && $0.isNumber }) else { return nil }
            if unit != nil { return nil }
            unit = tail
        }
        guard value.isFinite, abs(value) < 1e15 else { return nil }
        return Parsed(value: sign * value, unit: unit)
    }

    /// Fullwidth digits and signs to ASCII (１２％ → 12%).
    static func halfwidth(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if (0xFF01...0xFF5E).contains(u.value), let h = Unicode.Scalar(u.value - 0xFEE0) { out.append(h) }
            else if u.value == 0x3000 { out.append(" ") }
            else { out.append(u) }
        }
        return String(out)
    }

    /// 1200000 → "1,200,000"; 3.5 → "3.5"; 0.125 → "0.125". At most 4 decimals.
    public static func format(_ v: Double, grouping: Bool = true) -> String {
        guard v.isFinite else { return "\(v)" }
        if let n = whole(v) { return grouping ? grouped(n) : String(n) }
        let negative = v < 0
        let a = abs(v)
        var whole = a.rounded(.down)
        var frac = ((a - whole) * 10_000).rounded()
        if frac >= 10_000 { whole += 1; frac = 0 }
        // whole and frac are whole numbers: written as integers, they read as `%.0f` and
        // `%04.0f` write them, without `String(format:)` (slow: the review shows thousands)
        var ws = whole < 1e15 ? String(Int(whole)) : String(format: "%.0f", whole)
        if grouping && ws.count > 3 {
            var g = ""
            for (i, ch) in ws.reversed().enumerated() {
                if i > 0 && i % 3 == 0 { g.append(",") }
                g.append(ch)
            }
            ws = String(g.reversed())
        }
        var fs = ""
        if frac > 0 {
            let digits = String(Int(frac))
            fs = String(repeating: "0", count: 4 - digits.utf8.count) + digits
            while fs.hasSuffix("0") { fs.removeLast() }
            fs = "." + fs
        }
        return (negative ? "-" : "") + ws + fs
    }

    /// The stable, locale-free form used in digests and machine exports: 1200000, 3.5.
    public static func canonical(_ v: Double) -> String { format(v, grouping: false) }

    /// The value as an integer when it is a whole number (nearly every target and weight):
    /// those are written without `String(format:)`, which is slow. -0 is 0.
    private static func whole(_ v: Double) -> Int? {
        guard v == v.rounded(), abs(v) < 1e15 else { return nil }
        let n = Int(v)
        return n == 0 ? 0 : n
    }

    /// 1200000 → "1,200,000"
    private static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        let count = digits.utf8.count
        guard count > 3 else { return n < 0 ? "-" + digits : digits }
        var out = ""
        out.reserveCapacity(count + count / 3 + 1)
        if n < 0 { out.append("-") }
        let first = count % 3
        for (i, ch) in digits.enumerated() {
            if i > 0 && (i - first) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}
