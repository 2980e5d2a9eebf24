/// Splits a command line into words as a shell does: whitespace separates words,
/// double or single quotes group them ("Customer Success"), a backslash escapes the next
/// character outside single quotes. Curly quotes “…” and corner brackets 「…」 group too,
/// because that is what Chinese and English input methods type.
public enum Shell {
    public struct SplitError: Error, Equatable {
        public var message: String
    }

    public static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var cur = ""
        var inWord = false
        var quote: Character? = nil
        var it = line.makeIterator()
        let closing: [Character: Character] = ["\"": "\"", "'": "'", "“": "”", "「": "」", "『": "』"]
        while let c = it.next() {
            if let q = quote {
                if c == closing[q] { quote = nil; continue }
                if c == "\\" && q == "\"" {
                    if let n = it.next() { cur.append(n == "\"" || n == "\\" ? n : c); if n != "\"" && n != "\\" { cur.append(n) } }
                    continue
                }
                cur.append(c)
                continue
            }
            if c == " " || c == "\t" || c == "\u{3000}" {
                if inWord { words.append(cur); cur = ""; inWord = false }
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
        if inWord { words.append(cur) }
        return words
    }

    /// Quotes a word when it needs it, so that `split` gives it back.
    public static func quote(_ word: String) -> String {
        let needs = word.isEmpty || word.contains { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" || $0 == "\\"
            || $0 == "“" || $0 == "「" || $0 == "『" || $0 == "\u{3000}" }
        guard needs else { return word }
        return "\"" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
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

    /// The closest candidate, if it is close enough to be what was meant.
    public static func match(_ word: String, in candidates: [String]) -> String? {
        let lw = word.lowercased()
        if let p = candidates.first(where: { $0.lowercased().hasPrefix(lw) && !lw.isEmpty }) { return p }
        let limit = max(2, word.count / 3)
        // the distance is at least the difference in length: a candidate further off than the
        // limit cannot match, and a pasted 1 MB word costs no 1 MB × candidates table
        let count = word.count
        let scored = candidates.filter { abs($0.count - count) <= limit }.map { ($0, distance(word, $0)) }.sorted { $0.1 < $1.1 }
        guard let best = scored.first else { return nil }
        return best.1 <= limit ? best.0 : nil
    }
}
