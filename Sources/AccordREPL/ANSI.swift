import AccordCore
import AccordStore
#if canImport(Glibc)
import Glibc
#endif

/// The terminal's side of `Paint`: the core marks text as bad, warn, good, strong or faint;
/// here the marks become SGR escape codes, when standard output wants colour.
public enum ANSI {
    /// Colour on standard output: a terminal, NO_COLOR unset or empty, TERM not `dumb`.
    public static var wantsColour: Bool {
        isatty(1) == 1 && (Environment.value("NO_COLOR") ?? "").isEmpty && Environment.value("TERM") != "dumb"
    }

    /// The markers as escape codes: bad red, warn yellow, good green, strong bold, faint dim.
    public static func paint(_ text: String) -> String {
        Paint.render(text) { mark in
            switch mark {
            case .end: return "\u{1B}[0m"
            case .bad: return "\u{1B}[31m"
            case .warn: return "\u{1B}[33m"
            case .good: return "\u{1B}[32m"
            case .strong: return "\u{1B}[1m"
            case .faint: return "\u{1B}[2m"
            }
        }
    }

    /// Text for standard output: painted with `colour`, else with the markers removed.
    public static func render(_ text: String, colour: Bool) -> String { colour ? paint(text) : Paint.strip(text) }
}
