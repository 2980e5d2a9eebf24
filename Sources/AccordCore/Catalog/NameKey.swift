import Foundation

/// The form in which names are compared: metric names, synonyms, CSV headers, sources,
/// owners. Two spellings of one name give the same key:
///
///     NameKey.of("網站流量") == NameKey.of("网站流量")          // Traditional and Simplified
///     NameKey.of("Website  Traffic") == NameKey.of("website-traffic")
///     NameKey.of("ＣＴＲ（％）") == NameKey.of("ctr")           // full-width, punctuation
///
/// Steps: Unicode compatibility mapping (NFKC: full-width → half-width), lower case,
/// Traditional → Simplified Chinese (ICU's transform, as a table: `Simplify`), then only
/// letters and digits are kept.
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
        if simplify { s = Simplify.simplified(s) }
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

/// Traditional → Simplified Chinese as ICU's Traditional-Simplified transform does it, from
/// `HanziTable` (generated from the transform by scripts/gen-hanzi-table), without the
/// transform's ~5 ms creation per process: at each position the first of ICU's phrases that
/// matches (`計畫` → `计划`, `乾坤` stays), else the character's own mapping. Text without a
/// CJK character is returned as it is.
enum Simplify {
    static func simplified(_ s: String) -> String {
        guard NameKey.hasCJK(s) else { return s }
        let u = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < u.count {
            if let p = HanziPhrases.match(u, at: i, HanziTable.simplifiedPhrasesFirst, HanziTable.simplifiedPhrases) {
                out.append(contentsOf: p.to.unicodeScalars)
                i += p.length
            } else {
                out.append(simplified(u[i]))
                i += 1
            }
        }
        return String(out)
    }

    /// The character's Simplified form alone: itself when Simplified Chinese writes it alike.
    static func simplified(_ u: Unicode.Scalar) -> Unicode.Scalar {
        let v = u.value
        guard v >= 0x3400 else { return u }
        return HanziTable.toSimplified.withUnsafeBufferPointer { t in
            var lo = 0, hi = t.count / 2
            while lo < hi {
                let mid = (lo + hi) / 2, k = t[2 * mid]
                if k < v { lo = mid + 1 } else if k > v { hi = mid } else { return Unicode.Scalar(t[2 * mid + 1]) ?? u }
            }
            return u
        }
    }
}

/// A phrase table of `HanziTable`: phrases grouped by first scalar (`first`, sorted), in ICU's
/// rule order within one group.
enum HanziPhrases {
    /// The first phrase in ICU's order that `u` holds at `i`: its length and replacement.
    static func match(_ u: [Unicode.Scalar], at i: Int, _ first: [UInt32], _ phrases: [(String, String)]) -> (length: Int, from: String, to: String)? {
        let v = u[i].value
        guard v >= 0x3400, i + 1 < u.count else { return nil }
        var lo = 0, hi = first.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if first[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        var k = lo
        while k < first.count, first[k] == v {
            let (from, to) = phrases[k]
            var j = i
            var matches = true
            for p in from.unicodeScalars {
                guard j < u.count, u[j] == p else { matches = false; break }
                j += 1
            }
            if matches { return (j - i, from, to) }
            k += 1
        }
        return nil
    }
}
