/// Splits a command line into words as a shell does: whitespace separates words,
/// double or single quotes group them ("Customer Success"), a backslash escapes the next
/// character outside single quotes. Curly quotes “…” and corner brackets 「…」 group too,
/// because that is what Chinese and English input methods type.
public enum Shell {
    public struct SplitError: Error, Equatable {
        public var message: String
    }

    /// Works on Unicode scalars, not on characters: a quote, space or backslash followed by a
    /// combining mark (`"` + U+06E3) is one `Character` that equals none of them, so a
    /// character-wise reading missed the quote and `quote`'s output did not split back.
    public static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var cur = String.UnicodeScalarView()
        var inWord = false
        var quote: Unicode.Scalar? = nil
        var it = line.unicodeScalars.makeIterator()
        let closing: [Unicode.Scalar: Unicode.Scalar] = ["\"": "\"", "'": "'", "“": "”", "「": "」", "『": "』"]
        while let c = it.next() {
            if let q = quote {
                if c == closing[q] { quote = nil; continue }
                if c == "\\" && q == "\"" {
                    if let n = it.next() { if n != "\"" && n != "\\" { cur.append(c) }; cur.append(n) }
                    continue
                }
                cur.append(c)
                continue
            }
            if c == " " || c == "\t" || c == "\u{3000}" {
                if inWord { words.append(String(cur)); cur = String.UnicodeScalarView(); inWord = false }
                continue
            }
            inWord = true
            if closing[c] != nil { quote = c; continue }
            if c == "\\" {
                if let n = it.next() { cur.append(n) }
                continue
            }
            cur.append(c)
        }
        if quote != nil { throw SplitError(message: "unterminated quote \(quote!)") }
        if inWord { words.append(String(cur)) }
        return words
    }

    /// Quotes a word when it needs it, so that `split` gives it back.
    public static func quote(_ word: String) -> String {
        let needs = word.isEmpty || word.unicodeScalars.contains { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" || $0 == "\\"
            || $0 == "“" || $0 == "「" || $0 == "『" || $0 == "\u{3000}" }
        guard needs else { return word }
        // escaped scalar by scalar (a `"` joined with a combining mark is still a quote to `split`)
        var out = String.UnicodeScalarView()
        out.append("\"")
        for u in word.unicodeScalars {
            if u == "\\" || u == "\"" { out.append("\\") }
            out.append(u)
        }
        out.append("\"")
        return String(out)
    }
}

import Foundation

/// Edit distance for "did you mean" suggestions.
public enum Nearest {
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// The closest candidate, if it is close enough to be what was meant: the same word in
    /// another case; a candidate the word begins (`dep` → `dept`) or that begins the word
    /// (`contribution` → `contrib`); a candidate that holds the
    /// word as a whole part of it (`delegate` → `as-delegate`) or that the word holds
    /// (`metrics-key` → `metric`); else the nearest by edit distance. Nothing for a word that
    /// only shares a fragment or a letter or two with every candidate.
    public static func match(_ word: String, in candidates: [String]) -> String? {
        let lw = word.lowercased()
        guard !lw.isEmpty, !candidates.isEmpty else { return nil }
        if let same = candidates.first(where: { $0.lowercased() == lw }) { return same }
        if let p = candidates.first(where: { $0.lowercased().hasPrefix(lw) }) { return p }
        // the word runs on past a candidate: `contribution` → `contrib`, `goals` → `goal`
        let stems = candidates.filter { c in c.count >= 3 && c.count * 2 >= lw.count && lw.hasPrefix(c.lowercased()) }
        if let stem = stems.max(by: { $0.count < $1.count }) { return stem }
        if let c = containing(lw, candidates) { return c }
        let limit = max(2, word.count / 3)
        // the distance is at least the difference in length: a candidate further off than the
        // limit cannot match, and a pasted 1 MB word costs no 1 MB × candidates table
        let count = word.count
        let scored = candidates.filter { abs($0.count - count) <= limit }.map { ($0, distance(word, $0)) }.sorted { $0.1 < $1.1 }
        // at least one character must survive: `x` is not a typo of `q`
        guard let best = scored.first, best.1 <= limit, best.1 < min(count, best.0.count) else { return nil }
        return best.0
    }

    /// A candidate that holds the word as one or more whole parts (split at `-`, `_`, `.`,
    /// spaces), or whose parts the word holds, when the shorter is at least a third of the longer;
    /// the closest in length wins. Parts are at least three characters (two for CJK), so no
    /// `ate` → `as-delegate` or `a` → anything.
    static func containing(_ lw: String, _ candidates: [String]) -> String? {
        func minimum(_ s: String) -> Int { s.unicodeScalars.contains { $0.value >= 0x2E80 } ? 2 : 3 }
        var best: (String, Int)?
        for c in candidates {
            let lc = c.lowercased()
            let (short, long) = lw.count <= lc.count ? (lw, lc) : (lc, lw)
            guard short.count >= minimum(short), short.count * 3 >= long.count, short != long else { continue }
            guard holdsAsParts(long, short) else { continue }
            let gap = long.count - short.count
            if best == nil || gap < best!.1 { best = (c, gap) }
        }
        return best?.0
    }

    /// Does `long` contain `short` starting and ending at part boundaries? CJK text has no
    /// separators, so there any occurrence at the start or the end counts.
    static func holdsAsParts(_ long: String, _ short: String) -> Bool {
        let l = Array(long), s = Array(short)
        guard s.count <= l.count else { return false }
        func boundary(_ c: Character) -> Bool { c == "-" || c == "_" || c == "." || c == " " || c == "/" }
        let cjk = short.unicodeScalars.contains { $0.value >= 0x2E80 }
        for start in 0...(l.count - s.count) where Array(l[start..<(start + s.count)]) == s {
            let end = start + s.count
            let opens = start == 0 || boundary(l[start - 1])
            let closes = end == l.count || boundary(l[end])
            if opens && closes { return true }
            if cjk && (start == 0 || end == l.count) { return true }
        }
        return false
    }
}
