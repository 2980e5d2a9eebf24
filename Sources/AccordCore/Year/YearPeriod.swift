/// A period of the year that actuals are recorded for and scored over: a month, a quarter,
/// a half or a whole year. Stored in its canonical spelling (`2027-03`, `2027-Q1`,
/// `2027-H1`, `2027`); typed in any of the spellings a spreadsheet or a Chinese room uses:
///
///     YearPeriod(parsing: "2027-03")      // March 2027
///     YearPeriod(parsing: "2027/3")       // March 2027
///     YearPeriod(parsing: "2027年3月")     // March 2027
///     YearPeriod(parsing: "2027-Q1")      // first quarter (also 2027Q1, 2027 Q1, 2027年第1季, 2027年第一季度)
///     YearPeriod(parsing: "2027-H2")      // second half (also 2027年下半年)
///     YearPeriod(parsing: "2027")         // the year (also 2027年, 2027年度)
///
/// Periods order by where they start, then longest first (the year before its first half,
/// before Q1, before January), so a list of actuals reads from coarse to fine per start.
public struct YearPeriod: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Kind: String, CaseIterable, Sendable {
        case month, quarter, half, year

        /// How many months one period of this kind spans.
        public var months: Int {
            switch self {
            case .month: return 1
            case .quarter: return 3
            case .half: return 6
            case .year: return 12
            }
        }
    }

    public let year: Int
    public let kind: Kind
    /// 1…12 for a month, 1…4 for a quarter, 1…2 for a half, 1 for a year.
    public let index: Int

    public init?(year: Int, kind: Kind, index: Int) {
        guard (1900...9999).contains(year), index >= 1, index <= 12 / kind.months else { return nil }
        self.year = year; self.kind = kind; self.index = index
    }

    public static func month(_ year: Int, _ m: Int) -> YearPeriod { YearPeriod(year: year, kind: .month, index: m)! }
    public static func quarter(_ year: Int, _ q: Int) -> YearPeriod { YearPeriod(year: year, kind: .quarter, index: q)! }
    public static func half(_ year: Int, _ h: Int) -> YearPeriod { YearPeriod(year: year, kind: .half, index: h)! }
    public static func whole(_ year: Int) -> YearPeriod { YearPeriod(year: year, kind: .year, index: 1)! }

    /// The first month (1…12) the period covers.
    public var firstMonth: Int { (index - 1) * kind.months + 1 }
    public var lastMonth: Int { firstMonth + kind.months - 1 }

    /// The months the period covers, in order.
    public var months: [YearPeriod] { (firstMonth...lastMonth).map { .month(year, $0) } }

    /// Whether `other` lies inside this period (a period contains itself).
    public func contains(_ other: YearPeriod) -> Bool {
        other.year == year && other.firstMonth >= firstMonth && other.lastMonth <= lastMonth
    }

    /// The period of the same kind just before this one (December 2026 before January 2027).
    public var previous: YearPeriod? {
        if index > 1 { return YearPeriod(year: year, kind: kind, index: index - 1) }
        return YearPeriod(year: year - 1, kind: kind, index: 12 / kind.months)
    }

    /// The period of the same kind just after this one.
    public var next: YearPeriod? {
        if index < 12 / kind.months { return YearPeriod(year: year, kind: kind, index: index + 1) }
        return YearPeriod(year: year + 1, kind: kind, index: 1)
    }

    /// The periods one level finer that make this one up: a year's halves, a half's
    /// quarters, a quarter's months; a month has none.
    public var parts: [YearPeriod] {
        switch kind {
        case .year: return [.half(year, 1), .half(year, 2)]
        case .half: return [.quarter(year, index * 2 - 1), .quarter(year, index * 2)]
        case .quarter: return (firstMonth...lastMonth).map { .month(year, $0) }
        case .month: return []
        }
    }

    /// The periods a review of this one shows side by side: a year's or a half's quarters, a
    /// quarter's months; a month has none.
    public var reviewParts: [YearPeriod] {
        switch kind {
        case .year, .half: return (0..<(kind.months / 3)).map { .quarter(year, (firstMonth - 1) / 3 + 1 + $0) }
        case .quarter: return months
        case .month: return []
        }
    }

    /// A month's sequence number across years (for "consecutive" tests).
    var ordinal: Int { year * 12 + firstMonth - 1 }

    public static func < (a: YearPeriod, b: YearPeriod) -> Bool {
        if a.ordinal != b.ordinal { return a.ordinal < b.ordinal }
        return a.kind.months > b.kind.months
    }

    /// `2027-03`, `2027-Q1`, `2027-H1`, `2027`: how the session stores it and commands type it.
    public var canonical: String {
        switch kind {
        case .month: return "\(year)-" + (index < 10 ? "0\(index)" : "\(index)")
        case .quarter: return "\(year)-Q\(index)"
        case .half: return "\(year)-H\(index)"
        case .year: return "\(year)"
        }
    }

    public var description: String { canonical }

    /// The period in the room's language: `2027-03` / `2027年3月`, `2027-Q1` / `2027年第1季`
    /// (`2027年第1季度` in Simplified Chinese), `2027-H1` / `2027年上半年`, `2027` / `2027年`.
    public var label: String {
        let key = kind == .half ? "period.half.\(index)" : "period." + kind.rawValue
        return t(key, ["year": "\(year)", "n": "\(index)", "mm": kind == .month ? String(canonical.suffix(2)) : "\(index)"])
    }

    // MARK: parsing

    public init?(parsing raw: String) {
        if let p = YearPeriod(canonical: raw) { self = p; return }
        self.init(spelling: raw)
    }

    /// Reads exactly a canonical spelling (`2027-03`, `2027-Q1`, `2027-H1`, `2027`), byte by
    /// byte; nil for anything else, including another spelling of a valid period. What the
    /// session file stores, so opening a session with 24,000 actuals does not run the
    /// general reading below for each (it costs Foundation's trimming, replacing and
    /// upper-casing). `YearPeriod(canonical: s) == YearPeriod(parsing: s)` whenever
    /// `YearPeriod(parsing: s)?.canonical == s` (YearTests holds them equal).
    public init?(canonical raw: String) {
        var bytes = (0, 0, 0, 0, 0, 0, 0) as (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)
        var n = 0
        for b in raw.utf8 {
            guard n < 7 else { return nil }
            withUnsafeMutableBytes(of: &bytes) { $0[n] = b }
            n += 1
        }
        func digit(_ b: UInt8) -> Int? { b >= 0x30 && b <= 0x39 ? Int(b - 0x30) : nil }
        guard n == 4 || n == 7, let y0 = digit(bytes.0), let y1 = digit(bytes.1), let y2 = digit(bytes.2),
              let y3 = digit(bytes.3) else { return nil }
        let year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3
        if n == 4 { self.init(year: year, kind: .year, index: 1); return }
        guard bytes.4 == UInt8(ascii: "-"), let last = digit(bytes.6) else { return nil }
        switch bytes.5 {
        case UInt8(ascii: "Q"): self.init(year: year, kind: .quarter, index: last)
        case UInt8(ascii: "H"): self.init(year: year, kind: .half, index: last)
        case UInt8(ascii: "0"), UInt8(ascii: "1"):
            let m = Int(bytes.5 - 0x30) * 10 + last
            guard m >= 1 else { return nil }
            self.init(year: year, kind: .month, index: m)
        default: return nil
        }
    }

    /// Every spelling `init(parsing:)` reads (the canonical ones too, more slowly).
    init?(spelling raw: String) {
        var s = raw.trimmingCharacters(in: .whitespaces)
        // full-width digits and separators, as Chinese input methods type them
        s = String(s.unicodeScalars.map { u -> Character in
            if (0xFF10...0xFF19).contains(u.value) { return Character(UnicodeScalar(u.value - 0xFF10 + 0x30)!) }
            switch u { case "／": return "/"; case "－": return "-"; case "Ｑ", "ｑ": return "Q"; case "Ｈ", "ｈ": return "H"
            default: return Character(u) }
        })
        s = s.replacingOccurrences(of: " ", with: "")
        let upper = s.uppercased()
        guard upper.count >= 4, let year = Int(upper.prefix(4)), upper.prefix(4).allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        var rest = Substring(upper.dropFirst(4))
        if rest.isEmpty || rest == "年" || rest == "年度" || rest == "全年" || rest == "年全年" {
            self.init(year: year, kind: .year, index: 1); return
        }
        func number(_ t: Substring) -> Int? {
            if !t.isEmpty, t.count <= 2, t.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int(t) }
            let zh: [String: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
                                     "十": 10, "十一": 11, "十二": 12]
            return zh[String(t)]
        }
        if rest.first == "-" || rest.first == "/" || rest.first == "." { rest = rest.dropFirst() }
        if rest.first == "年" { rest = rest.dropFirst() }
        if rest.hasPrefix("Q") {
            guard let n = number(rest.dropFirst()) else { return nil }
            self.init(year: year, kind: .quarter, index: n); return
        }
        if rest.hasPrefix("H") {
            guard let n = number(rest.dropFirst()) else { return nil }
            self.init(year: year, kind: .half, index: n); return
        }
        if rest == "上半年" || rest == "上半" { self.init(year: year, kind: .half, index: 1); return }
        if rest == "下半年" || rest == "下半" { self.init(year: year, kind: .half, index: 2); return }
        if rest.hasPrefix("第") {
            var body = rest.dropFirst()
            for suffix in ["季度", "季"] where body.hasSuffix(suffix) {
                body = body.dropLast(suffix.count)
                guard let n = number(body) else { return nil }
                self.init(year: year, kind: .quarter, index: n); return
            }
            return nil
        }
        var body = rest
        if body.hasSuffix("月份") { body = body.dropLast(2) } else if body.hasSuffix("月") { body = body.dropLast() }
        guard let m = number(body) else { return nil }
        self.init(year: year, kind: .month, index: m)
    }

    /// The spellings `actual` accepts, for error messages.
    public static let accepted = "2027-03, 2027/03, 2027年3月, 2027-Q1, 2027年第1季, 2027-H1, 2027"
}

extension YearPeriod: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let raw = try c.decode(String.self)
        guard let p = YearPeriod(canonical: raw) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a period: \(raw)")
        }
        self = p
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(canonical)
    }
}
