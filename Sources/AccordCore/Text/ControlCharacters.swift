import Foundation

/// C0 and C1 control characters (and DEL) in text people type or import. Accord refuses them
/// where text enters the session (a command line, a CSV cell): an escape sequence stored in a
/// name would reach every terminal, letter and export that shows it.
///
///     ControlCharacters.first(in: "dept add A\u{1B}[2J")   // (code: "U+001B", column: 11)
///     ControlCharacters.first(in: "dept add\tSales")       // nil: a tab is allowed
public enum ControlCharacters {
    /// Whether a scalar is a control character other than tab.
    @inline(__always)
    public static func isControl(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u.value != 0x09) || (u.value >= 0x7F && u.value <= 0x9F)
    }

    /// The first control character other than tab: its code (`U+001B`) and its column
    /// (1-based, in characters), or nil.
    public static func first(in text: String) -> (code: String, column: Int)? {
        let scalars = text.unicodeScalars
        guard let at = scalars.firstIndex(where: isControl) else { return nil }
        return (String(format: "U+%04X", scalars[at].value), String(scalars[..<at]).count + 1)
    }
}
