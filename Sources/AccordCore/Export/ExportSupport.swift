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
