import Foundation

/// Tensions as commands type and show them.
enum TensionText {
    /// `lead_conversion:up` (or a metric's name before the colon).
    static func side(_ text: String, _ catalog: Catalog) throws -> TensionSide {
        guard let colon = text.lastIndex(of: ":") ?? text.lastIndex(of: "：") else {
            throw CommandError("tension.bad-side", ["text": text])
        }
        let name = String(text[..<colon]), dirText = String(text[text.index(after: colon)...])
        guard let dir = Direction(parsing: dirText) else { throw CommandError("tension.bad-side", ["text": text]) }
        guard let key = catalog.resolve(name) else { throw CommandError(MetricRef.unknown(name, catalog)) }
        return TensionSide(key, dir)
    }

    /// "ctr ↑ vs lead_conversion ↑" (one template: `tension.pair`)
    static func pair(_ rule: TensionRule) -> String {
        func side(_ s: [TensionSide]) -> String { s.map { "\($0.metric) \($0.dir.arrow)" }.joined(separator: " / ") }
        return t("tension.pair", ["a": side(rule.a), "b": side(rule.b)])
    }
}
