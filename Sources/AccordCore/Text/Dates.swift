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

    /// An instant as accord writes it, `2027-01-15T09:00:00Z`, or nil for any other text: a
    /// date `parse` reads (midnight UTC), or a date and `HH:MM:SS` joined by `T` and ending in
    /// `Z`. The canonical form (what `--now` and `ACCORD_NOW` are given) is recognised byte by
    /// byte first: Foundation's trimming and `String(format:)` cost a conformance scan of the
    /// whole binary each, most of a millisecond of every start with ACCORD_NOW set.
    public static func instant(_ s: String) -> String? {
        if let fast = canonicalInstant(s) { return fast }
        return spelledInstant(s)
    }

    /// `s` itself when it is already `YYYY-MM-DDTHH:MM:SSZ` with a real day and time (and a
    /// year from 1000 on, which `parse` writes with four digits); nil otherwise.
    static func canonicalInstant(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { u -> String? in
            guard u.count == 20, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x54, u[13] == 0x3A, u[16] == 0x3A, u[19] == 0x5A
            else { return nil }
            func num(_ at: Int, _ n: Int) -> Int? {
                var v = 0
                for i in at..<(at + n) {
                    let c = u[i]
                    guard c >= 0x30, c <= 0x39 else { return nil }
                    v = v * 10 + Int(c - 0x30)
                }
                return v
            }
            guard let y = num(0, 4), y >= 1000, let m = num(5, 2), let d = num(8, 2), valid(year: y, month: m, day: d),
                  let h = num(11, 2), h < 24, let mi = num(14, 2), mi < 60, let sec = num(17, 2), sec < 61
            else { return nil }
            return String(decoding: u, as: UTF8.self)
        }
    }

    /// Every other spelling `instant` accepts (the date part as `parse` reads it).
    static func spelledInstant(_ s: String) -> String? {
        if let date = parse(s) { return date + "T00:00:00Z" }
        let parts = s.split(separator: "T")
        guard parts.count == 2, let date = parse(String(parts[0])) else { return nil }
        var time = String(parts[1])
        guard time.hasSuffix("Z") else { return nil }
        time.removeLast()
        let hms = time.split(separator: ":").map { Int($0) }
        guard hms.count == 3, let h = hms[0], let m = hms[1], let sec = hms[2],
              (0..<24).contains(h), (0..<60).contains(m), (0..<61).contains(sec) else { return nil }
        return String(format: "%@T%02d:%02d:%02dZ", date, h, m, sec)
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
