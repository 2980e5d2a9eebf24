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
