import Foundation

/// Calendar dates as the room writes them, read into the one form the session stores and
/// shows (YYYY-MM-DD).
///
///     Dates.parse("2027-12-31")      // "2027-12-31"
///     Dates.parse("2027/1/5")        // "2027-01-05"
///     Dates.parse("2027.12.31")      // "2027-12-31"
///     Dates.parse("2027年1月5日")     // "2027-01-05"
///     Dates.parse("２０２７／１２／３１") // "2027-12-31" (full-width digits and separators)
///     Dates.parse("2027-02-30")      // nil: not a day of the calendar
public enum Dates {
    /// The date in YYYY-MM-DD, or nil when the text is not a real calendar date written
    /// year first: a four-digit year, then month and day with or without a leading zero,
    /// separated all by `-`, all by `/` or all by `.`, or written 2027年12月31日.
    public static func parse(_ raw: String) -> String? {
        let s = Num.halfwidth(raw).trimmingCharacters(in: .whitespaces)
        var parts: [Substring]
        if s.contains("年") {
            // 2027年12月31日: each number followed by its character, nothing else
            guard s.hasSuffix("日") else { return nil }
            parts = s.dropLast().split(separator: "年", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            let md = parts[1].split(separator: "月", omittingEmptySubsequences: false)
            guard md.count == 2 else { return nil }
            parts = [parts[0], md[0], md[1]]
        } else {
            guard let sep = s.first(where: { $0 == "-" || $0 == "/" || $0 == "." }) else { return nil }
            parts = s.split(separator: sep, omittingEmptySubsequences: false)
        }
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        guard valid(year: y, month: m, day: d) else { return nil }
        return format(year: y, month: m, day: d)
    }

    /// Is this day in the Gregorian calendar?
    public static func valid(year y: Int, month m: Int, day d: Int) -> Bool {
        guard (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }

    static func format(year y: Int, month m: Int, day d: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
