/// Terminal display width, independent of the process locale: East Asian wide and
/// fullwidth characters take two columns, combining marks and zero-width characters none.
///
///     "行銷部".displayWidth   // 6
///     "Sales".displayWidth   // 5
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7f && v < 0xa0) { return 0 }
        if v < 0x300 { return 1 }
        // CJK unified ideographs, most of a Chinese name: wide, without a property lookup
        if (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) { return 2 }
        if Paint.isMarker(scalar) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || v == 0x200D || (0xFE00...0xFE0F).contains(v) { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F320,
             0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA,
             0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440,
             0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A,
             0x1F595...0x1F596, 0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC,
             0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
             0x1F7E0...0x1F7EB, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
             0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

extension StringProtocol {
    /// Columns this text takes on a terminal.
    public var displayWidth: Int {
        var w = 0
        for s in unicodeScalars { w += DisplayWidth.of(s) }
        return w
    }

    /// Pads with spaces on the right to `width` columns.
    public func padded(to width: Int) -> String {
        let w = displayWidth
        return w >= width ? String(self) : String(self) + String(repeating: " ", count: width - w)
    }

    /// Pads with spaces on the left to `width` columns.
    public func leftPadded(to width: Int) -> String {
        let w = displayWidth
        return w >= width ? String(self) : String(repeating: " ", count: width - w) + String(self)
    }

    /// Cuts to at most `width` columns, ending in … when cut.
    public func truncated(to width: Int) -> String {
        guard displayWidth > width, width > 0 else { return String(self) }
        var out = "", w = 0
        for ch in self {
            let cw = String(ch).displayWidth
            if w + cw > width - 1 { break }
            out.append(ch); w += cw
        }
        return out + "…"
    }
}

/// Styles carried through plain strings as private-use markers, so that the pure core can
/// say "this is high severity" and the terminal front end decides whether that is red.
/// `Paint.strip` removes them; `Paint.render` hands each to the front end (AccordREPL's `ANSI`).
public enum Paint {
    static let reset: Unicode.Scalar = "\u{E000}"
    static let red: Unicode.Scalar = "\u{E001}"
    static let yellow: Unicode.Scalar = "\u{E002}"
    static let green: Unicode.Scalar = "\u{E003}"
    static let bold: Unicode.Scalar = "\u{E004}"
    static let dim: Unicode.Scalar = "\u{E005}"

    static func isMarker(_ s: Unicode.Scalar) -> Bool { (0xE000...0xE005).contains(s.value) }

    static func wrap(_ m: Unicode.Scalar, _ text: String) -> String { "\(Character(m))\(text)\(Character(reset))" }

    /// High severity, void, blocked, failed.
    public static func bad(_ t: String) -> String { wrap(red, t) }
    /// Medium severity, warnings.
    public static func warn(_ t: String) -> String { wrap(yellow, t) }
    /// Done, passed, signed.
    public static func good(_ t: String) -> String { wrap(green, t) }
    public static func strong(_ t: String) -> String { wrap(bold, t) }
    public static func faint(_ t: String) -> String { wrap(dim, t) }

    public static func strip(_ text: String) -> String {
        // a marker (U+E000…U+E005) is EE 80 80…85 in UTF-8, and those three bytes are nothing
        // else: the text is copied by runs of bytes between markers
        var copy = text
        return copy.withUTF8 { b -> String in
            var out: [UInt8] = []
            var start = 0, i = 0
            while i + 2 < b.count {
                if b[i] == 0xEE, b[i + 1] == 0x80, b[i + 2] >= 0x80, b[i + 2] <= 0x85 {
                    if out.isEmpty { out.reserveCapacity(b.count) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                    i += 3; start = i
                } else {
                    i += 1
                }
            }
            if start == 0 { return text }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<b.count]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// What a marker stands for. The front end decides how each one looks (AccordREPL's
    /// `ANSI` turns them into escape codes); `end` closes the style the last one opened.
    public enum Mark: Sendable { case bad, warn, good, strong, faint, end }

    /// The text with each marker replaced by `look(mark)`; text without markers comes back as it is.
    public static func render(_ text: String, _ look: (Mark) -> String) -> String {
        guard text.unicodeScalars.contains(where: isMarker) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            switch s {
            case reset: out += look(.end)
            case red: out += look(.bad)
            case yellow: out += look(.warn)
            case green: out += look(.good)
            case bold: out += look(.strong)
            case dim: out += look(.faint)
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }
}
