import Foundation

/// The form in which names are compared: metric names, synonyms, CSV headers, sources,
/// owners. Two spellings of one name give the same key:
///
///     NameKey.of("網站流量") == NameKey.of("网站流量")          // Traditional and Simplified
///     NameKey.of("Website  Traffic") == NameKey.of("website-traffic")
///     NameKey.of("ＣＴＲ（％）") == NameKey.of("ctr")           // full-width, punctuation
///
/// Steps: Unicode compatibility mapping (NFKC: full-width → half-width), lower case,
/// Traditional → Simplified Chinese (ICU, through Foundation), then only letters and digits
/// are kept. The ICU step is slow the first time (tens of milliseconds) and is cached.
public enum NameKey {
    /// The comparison key: letters and digits only.
    public static func of(_ text: String, simplify: Bool = true) -> String {
        String(words(text, simplify: simplify).joined())
    }

    /// The name as a sequence of words: runs of Latin letters and digits are words; every
    /// CJK character is a word of its own (Chinese has no spaces). "Lead conversion rate"
    /// → ["lead", "conversion", "rate"]; "線索轉化率" → ["线", "索", "转", "化", "率"].
    public static func words(_ text: String, simplify: Bool = true) -> [String] {
        var s = (isCompatibilityStable(text) ? text : text.precomposedStringWithCompatibilityMapping).lowercased()
        if simplify { s = Simplify.shared.simplified(s) }
        var out: [String] = []
        var cur = String.UnicodeScalarView()
        func flush() {
            if !cur.isEmpty { out.append(String(cur)); cur.removeAll() }
        }
        for u in s.unicodeScalars {
            if isCJK(u) {
                flush(); out.append(String(u))
            } else if u.properties.isAlphabetic || u.properties.numericType != nil {
                if u.properties.generalCategory == .nonspacingMark { continue }
                cur.append(u)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// True when NFKC leaves the text as it is because it holds only ASCII and CJK unified
    /// ideographs (no compatibility forms, nothing that composes): most names. Foundation's
    /// NFKC costs microseconds a call, a good part of a 100,000-row import.
    static func isCompatibilityStable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { u in
            let v = u.value
            return v < 0x80 || (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
        }
    }

    static func isCJK(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x2FFFD).contains(v) || (0x3040...0x30FF).contains(v) || (0xAC00...0xD7A3).contains(v)
    }

    /// True when the text holds a Chinese (or other CJK) character.
    public static func hasCJK(_ text: String) -> Bool { text.unicodeScalars.contains(where: isCJK) }
}

/// Traditional → Simplified Chinese through ICU's transliterator, cached. Text without CJK
/// characters is returned as it is, without calling ICU.
/// `@unchecked Sendable` is safe: the only mutable state, `cache`, is read and written under
/// `lock` only; `transform` is a constant. (Synchronization's `Mutex` would say so to the
/// compiler, but needs macOS 15; the package supports macOS 13.)
final class Simplify: @unchecked Sendable {
    static let shared = Simplify()

    private let lock = NSLock()
    private var cache: [String: String] = [:]
    private let transform = StringTransform("Traditional-Simplified")

    /// Each run of CJK characters is transformed (and cached) on its own, so that names that
    /// differ only in a number or a Latin word ("網站流量 1", "網站流量 2" …) share one
    /// transform: the transform maps Han characters and leaves everything else as it is.
    func simplified(_ s: String) -> String {
        guard NameKey.hasCJK(s) else { return s }
        var out = String.UnicodeScalarView()
        var run = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if NameKey.isCJK(u) { run.append(u); continue }
            if !run.isEmpty { out.append(contentsOf: simplifiedRun(String(run)).unicodeScalars); run.removeAll() }
            out.append(u)
        }
        if !run.isEmpty { out.append(contentsOf: simplifiedRun(String(run)).unicodeScalars) }
        return String(out)
    }

    private func simplifiedRun(_ s: String) -> String {
        lock.lock()
        if let hit = cache[s] { lock.unlock(); return hit }
        lock.unlock()
        let out = s.applyingTransform(transform, reverse: false) ?? s
        lock.lock()
        if cache.count > 50_000 { cache.removeAll(keepingCapacity: true) }
        cache[s] = out
        lock.unlock()
        return out
    }
}
