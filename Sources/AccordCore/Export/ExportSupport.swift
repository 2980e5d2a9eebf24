/// Numbers the exports need beyond `Num`.
enum ExportNumber {
    /// A coordinate with one decimal at most (SVG): 12 · 12.5
    static func coordinate(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        let whole = tenths / 10, frac = abs(tenths % 10)
        if frac == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-" : "") + String(whole) + "." + String(frac)
    }
}

extension Export {
    /// A letter's note on its replaced or voided signatures, worded for the reader of the
    /// printed letter (the REPL's `letter.earlier` points at the `log` command instead).
    static func earlierNote(_ n: Int) -> String {
        t("export.letter.earlier", ["n": "\(n)"])
    }
}

/// File names made from what people typed (a department's name), for `export letters --split`.
public enum FileName {
    /// `Marketing`, `行銷部`, `R_D` for `R/D`: characters no file system (or Windows) takes in a
    /// name (`/ \ : * ? " < > |`, control and bidi characters) become `_`; leading dots and
    /// spaces and trailing dots and spaces go; at most 100 characters; `otherwise` when nothing
    /// is left or the name is one Windows reserves (`CON`, `NUL`, `COM1` …).
    public static func safe(_ name: String, otherwise: String) -> String {
        var out = ""
        for c in name {
            if "/\\:*?\"<>|".contains(c) || c.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || ControlCharacters.isUnsafe($0) }) {
                out.append("_")
            } else {
                out.append(c)
            }
        }
        while let f = out.first, f == "." || f == " " { out.removeFirst() }
        if out.count > 100 { out = String(out.prefix(100)) }
        while let l = out.last, l == "." || l == " " { out.removeLast() }
        let stem = out.split(separator: ".").first.map { $0.uppercased() } ?? ""
        let reserved = Set(["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })
        if out.isEmpty || out.allSatisfy({ $0 == "_" }) || reserved.contains(stem) { return otherwise }
        return out
    }
}
