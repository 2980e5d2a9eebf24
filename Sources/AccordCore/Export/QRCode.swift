import CQREncode

/// QR codes through libqrencode, drawn as inline SVG (no image files, no scripts): the HTML
/// letter carries one of its seal key's fingerprint and its digest (docs/seal.md).
public enum QRCode {
    /// The dark modules, row by row (`width` × `width`), or nil when the text does not fit.
    public static func modules(_ text: String) -> (width: Int, dark: [Bool])? {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let w = Int(code.pointee.width)
        let data = code.pointee.data!
        return (w, (0..<(w * w)).map { data[$0] & 1 == 1 })
    }

    /// What the letter's QR code holds: `ACCORD-SEAL:<key>:<digest>` in capitals (QR's compact
    /// alphanumeric set), the key `UNSEALED` when the session has none.
    public static func sealPayload(key: String?, digest: String) -> String {
        "ACCORD-SEAL:\(key ?? "UNSEALED"):\(digest)".uppercased()
    }

    /// The code as one SVG path (a quiet zone of four modules around it) and the side of its
    /// view box; nil when the text does not fit in a QR code.
    public static func svgPath(_ text: String) -> (side: Int, path: String)? {
        guard let (w, dark) = modules(text) else { return nil }
        var path = ""
        for y in 0..<w {
            var x = 0
            while x < w {
                guard dark[y * w + x] else { x += 1; continue }
                var run = 1
                while x + run < w, dark[y * w + x + run] { run += 1 }
                path += "M\(x + 4) \(y + 4)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return (w + 8, path)
    }
}
