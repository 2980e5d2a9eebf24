import Foundation

/// C0 and C1 control characters (and DEL) in text people type or import. Accord refuses them
/// where text enters the session (a command line, a CSV cell): an escape sequence stored in a
/// name would reach every terminal, letter and export that shows it. A hand-edited session
/// file can still hold them, and bidi controls too, so where text leaves for a reader it is
/// made safe once more (`visible`): at the front ends' output edge (`forTerminal`), in
/// Markdown and CSV cells, and in HTML (shown as codes, isolated in `<bdi>`). JSON keeps them.
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

    /// A bidirectional formatting control: the embeddings and overrides (U+202A–202E), the
    /// isolates (U+2066–2069), the marks (U+200E, U+200F) and the Arabic letter mark
    /// (U+061C). Stored in a name, one reorders what a reader sees after it (`U+202E` makes
    /// `txt.exe` read `exe.txt`); no command or import lets one in, a hand-edited file can.
    @inline(__always)
    public static func isBidiControl(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Whether a scalar may not reach a reader as it is: a control character or a bidi control.
    @inline(__always)
    public static func isUnsafe(_ u: Unicode.Scalar) -> Bool { isControl(u) || isBidiControl(u) }

    @inline(__always)
    static func isUnsafe(_ u: Unicode.Scalar, keeping: Set<Unicode.Scalar>) -> Bool {
        isUnsafe(u) && !keeping.contains(u)
    }

    /// Whether the text holds anything `visible` would change.
    public static func needsEscaping(_ text: String, keeping: Set<Unicode.Scalar> = []) -> Bool {
        text.unicodeScalars.contains { isUnsafe($0, keeping: keeping) }
    }

    /// The text with every control character (but those in `keeping`) and every bidi control
    /// written out as its code, `\u{1B}`, so a reader sees that it is there and nothing acts
    /// on it: no escape sequence reaches a terminal, no override reorders a line. Text from a
    /// session file passes through this where it leaves for a person (the terminal, Markdown,
    /// CSV, HTML); JSON keeps the data as it is.
    ///
    ///     ControlCharacters.visible("A\u{1B}[2J")        // A\u{1B}[2J, as 10 plain characters
    ///     ControlCharacters.visible("\u{202E}txt.exe")   // \u{202E}txt.exe
    public static func visible(_ text: String, keeping: Set<Unicode.Scalar> = []) -> String {
        escaped(text) { keeping.contains($0) }
    }

    /// Text for a terminal: line breaks and tabs kept, everything else `visible` escapes
    /// escaped. The front ends pass all they print through this (before their own colour).
    /// (Its two kept characters are compared, not looked up in a set made on every call.)
    public static func forTerminal(_ text: String) -> String { escaped(text) { $0 == "\n" || $0 == "\t" } }

    @inline(__always)
    static func escaped(_ text: String, keep: (Unicode.Scalar) -> Bool) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && !keep($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            if isUnsafe(u) && !keep(u) {
                out.append(contentsOf: "\\u{\(String(u.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }
}
