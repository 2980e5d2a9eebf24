import Foundation

/// The language a printed document is in, as a BCP 47 tag for `<html lang>`, and the
/// language of a run of text inside it, so that a browser picks the right fonts (a
/// Traditional Chinese character drawn with a Japanese or Simplified glyph looks wrong).
///
/// There is no session language setting yet, so the language is guessed from what the
/// participants typed (title, departments, KPIs, goals): `guess` is the one place to
/// replace by an explicit setting later.
public enum DocumentLanguage {
    /// English, unless the session's own words are mostly in Chinese (zh-Hant or zh-Hans),
    /// Japanese (kana) or Korean (Hangul). Counted per letter: a Han character counts as a
    /// letter, as does each Latin letter; the document is CJK when at least as many of its
    /// letters are CJK as Latin. Pure.
    public static func guess(_ texts: [String]) -> String {
        var han = 0, kana = 0, hangul = 0, latin = 0
        var hanText = ""
        for text in texts {
            for u in text.unicodeScalars {
                switch script(u) {
                case .han:
                    han += 1
                    if han <= 4000 { hanText.unicodeScalars.append(u) }
                case .kana: kana += 1
                case .hangul: hangul += 1
                case .latin: latin += 1
                case .other: break
                }
            }
        }
        let cjk = han + kana + hangul
        guard cjk > 0, cjk >= latin else { return "en" }
        if kana > 0, kana * 5 >= han { return "ja" }
        if hangul > han { return "ko" }
        return chinese(hanText, otherwise: "zh-Hant")
    }

    /// The session's language, from the words its people typed.
    /// The page's language: a Chinese interface language (`Language.current`: --lang,
    /// ACCORD_LANG, the session's `lang` or the locale) is the page's; with an English
    /// interface, the language most of the session's own words are in (a sheet of Chinese
    /// names under English headings reads as Chinese). Runs in another script are marked
    /// one by one (`runs`).
    static func of(_ sheet: TargetSheet) -> String {
        if Language.current != .en { return Language.current.rawValue }
        return guess([sheet.title] + sheet.letters.map(\.department) + sheet.rows.map(\.kpi) + sheet.goals.map(\.title))
    }

    static func of(_ set: LetterSet) -> String {
        if Language.current != .en { return Language.current.rawValue }
        var texts = [set.title]
        for item in set.items {
            texts.append(item.letter.dept)
            texts += item.letter.rows.map(\.kpi)
            texts += item.letter.goals.map(\.title)
        }
        return guess(texts)
    }

    /// `zh-Hant` when the Han text has a character that Simplified Chinese writes
    /// differently (the catalog's folding, `Simplify`, changes it), `zh-Hans` when it has
    /// one that only Simplified Chinese writes, else `otherwise` (characters both write alike).
    public static func chinese(_ han: String, otherwise: String) -> String {
        if Simplify.simplified(han) != han { return "zh-Hant" }
        if Traditionalize.changes(han) { return "zh-Hans" }
        return otherwise
    }

    enum Script { case han, kana, hangul, latin, other }

    static func script(_ u: Unicode.Scalar) -> Script {
        let v = u.value
        if (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x2FFFD).contains(v) { return .han }
        if (0x3040...0x30FF).contains(v) { return .kana }
        if (0xAC00...0xD7A3).contains(v) { return .hangul }
        if u.properties.isAlphabetic, v < 0x2E80 { return .latin }
        return .other
    }

    /// Whether the language tag is a Chinese, Japanese or Korean one.
    static func isCJK(_ lang: String) -> Bool { lang.hasPrefix("zh") || lang == "ja" || lang == "ko" }

    /// The text cut into runs for a page in `page`: each run of Han characters (with the
    /// CJK punctuation between them) gets its own language when it differs from the page's
    /// (`目標值` on an English page is zh-Hant; on a zh-Hant page it needs no mark), and
    /// dates and numbers with hyphens (`2027-12-31`) are runs that must not break. Pure.
    static func runs(_ text: String, page: String) -> [(text: String, lang: String?, nowrap: Bool)] {
        var out: [(text: String, lang: String?, nowrap: Bool)] = []
        let scalars = Array(text.unicodeScalars)
        var plain = String.UnicodeScalarView()
        func flush() { if !plain.isEmpty { out.append((String(plain), nil, false)); plain.removeAll() } }
        let pageChinese = page.hasPrefix("zh") ? page : "zh-Hant"
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            if script(u) == .han {
                var j = i
                var run = String.UnicodeScalarView()
                while j < scalars.count, script(scalars[j]) == .han || isCJKPunctuation(scalars[j]) {
                    run.append(scalars[j]); j += 1
                }
                let lang = chinese(String(run), otherwise: pageChinese)
                if lang == page { plain.append(contentsOf: run) } else { flush(); out.append((String(run), lang, false)) }
                i = j
                continue
            }
            if isDigit(u), i == 0 || !isDigit(scalars[i - 1]) && !isWordChar(scalars[i - 1]) {
                // a number or date: digits joined by - / : . , ; kept whole when it has a hyphen or slash
                var j = i, breaks = false
                while j < scalars.count {
                    if isDigit(scalars[j]) { j += 1; continue }
                    if "-/:.,".unicodeScalars.contains(scalars[j]), j + 1 < scalars.count, isDigit(scalars[j + 1]) {
                        if scalars[j] == "-" || scalars[j] == "/" { breaks = true }
                        j += 1; continue
                    }
                    break
                }
                if breaks {
                    j = timeSuffix(scalars, after: j)
                    flush()
                    var s = String.UnicodeScalarView()
                    s.append(contentsOf: scalars[i..<j])
                    out.append((String(s), nil, true))
                } else {
                    plain.append(contentsOf: scalars[i..<j])
                }
                i = j
                continue
            }
            plain.append(u)
            i += 1
        }
        flush()
        return out
    }

    /// A date's time and zone kept with it: ` 14:54`, then ` UTC`, ` UTC+8` or ` UTC-5:30`
    /// (as `Time.short` writes them). Returns the end of what joins the date.
    static func timeSuffix(_ u: [Unicode.Scalar], after start: Int) -> Int {
        func digits(_ i: Int, _ n: ClosedRange<Int>) -> Int? {
            var j = i
            while j < u.count, isDigit(u[j]) { j += 1 }
            return n.contains(j - i) ? j : nil
        }
        var i = start
        guard i + 1 < u.count, u[i] == " ", let h = digits(i + 1, 1...2), h < u.count, u[h] == ":",
              let m = digits(h + 1, 2...2) else { return start }
        i = m
        let utc = Array(" UTC".unicodeScalars)
        guard i + utc.count <= u.count, Array(u[i..<(i + utc.count)]) == utc else { return i }
        i += utc.count
        if i < u.count, u[i] == "+" || u[i] == "-", let oh = digits(i + 1, 1...2) {
            i = oh
            if i < u.count, u[i] == ":", let om = digits(i + 1, 2...2) { i = om }
        }
        return i
    }

    /// False for text with neither a CJK character nor a hyphen or slash (most cells): no runs to cut.
    static func mayNeedRuns(_ text: String) -> Bool {
        text.utf8.contains { $0 == 0x2D || $0 == 0x2F || $0 >= 0xE3 }
    }

    static func isDigit(_ u: Unicode.Scalar) -> Bool { ("0"..."9").contains(u) }
    static func isWordChar(_ u: Unicode.Scalar) -> Bool { u.properties.isAlphabetic || u == "_" }
    static func isCJKPunctuation(_ u: Unicode.Scalar) -> Bool {
        (0x3000...0x303F).contains(u.value) || (0xFF01...0xFF0F).contains(u.value) || (0xFF1A...0xFF20).contains(u.value) || u.value == 0x30FB
    }
}

/// Whether ICU's Simplified → Traditional transform changes a text: it then holds a
/// character only Simplified Chinese writes. From `HanziTable` (generated from the transform
/// by scripts/gen-hanzi-table), read as ICU reads its rules: the first phrase that matches at
/// a position (`漏斗` keeps 斗, `万历` changes), else the character alone (`斗` → 鬥). ICU's
/// nine rules with a context (斗, 余, 只, 周 … beside a numeral) are left out: after a
/// numeral such a character counts as Simplified-only, as it does alone.
enum Traditionalize {
    static func changes(_ s: String) -> Bool {
        let u = Array(s.unicodeScalars)
        var i = 0
        while i < u.count {
            if let p = HanziPhrases.match(u, at: i, HanziTable.traditionalPhrasesFirst, HanziTable.traditionalPhrases) {
                if p.from != p.to { return true }
                i += p.length
            } else {
                if isSimplifiedOnly(u[i]) { return true }
                i += 1
            }
        }
        return false
    }

    /// True when Simplified → Traditional changes the character alone.
    static func isSimplifiedOnly(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        guard v >= 0x3400 else { return false }
        return HanziTable.simplifiedOnly.withUnsafeBufferPointer { t in
            var lo = 0, hi = t.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if t[mid] < v { lo = mid + 1 } else if t[mid] > v { hi = mid } else { return true }
            }
            return false
        }
    }
}
