@testable import AccordCore
import Foundation
import Testing

/// `HanziTable` replaces ICU's transliterators (whose creation cost ~5 ms a process): these
/// tests hold it to what ICU does, character by character over every scalar the old code
/// handed to ICU, so that the table cannot drift from the transform it was generated from.
/// After a Swift (ICU) update that fails here: `scripts/gen-hanzi-table`, review, commit.
@Suite("Traditional/Simplified character table against ICU")
struct HanziTableTests {
    /// NameKey.isCJK's and DocumentLanguage's Han ranges: kana, CJK Unified Ideographs and
    /// Extension A, Hangul syllables, the compatibility ideographs, and planes 2 (Extensions
    /// B–F, compatibility supplement).
    static let ranges: [ClosedRange<UInt32>] = [
        0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0x20000...0x2FFFD,
    ]

    static var scalars: [Unicode.Scalar] { ranges.flatMap { $0.compactMap(Unicode.Scalar.init) } }

    @Test func tablesAreSortedAndOneToOne() {
        let keys = stride(from: 0, to: HanziTable.toSimplified.count, by: 2).map { HanziTable.toSimplified[$0] }
        #expect(HanziTable.toSimplified.count % 2 == 0)
        #expect(keys == keys.sorted() && Set(keys).count == keys.count)
        #expect(HanziTable.simplifiedOnly == HanziTable.simplifiedOnly.sorted())
        #expect(Set(HanziTable.simplifiedOnly).count == HanziTable.simplifiedOnly.count)
        #expect(keys.count > 3000 && HanziTable.simplifiedOnly.count > 2500, "the tables are ICU's, not a sample")
    }

    @Test func simplifyIsICUsTraditionalSimplifiedForEveryCharacter() {
        let icu = StringTransform("Traditional-Simplified")
        var differ: [String] = []
        for u in Self.scalars {
            let s = String(Character(u))
            let want = s.applyingTransform(icu, reverse: false) ?? s
            if Simplify.simplified(s) != want { differ.append("U+\(String(u.value, radix: 16, uppercase: true)) \(s): ICU \(want), table \(Simplify.simplified(s))") }
        }
        #expect(differ.isEmpty, "\(differ.count) characters differ, first: \(differ.prefix(5))")
    }

    @Test func traditionalizeIsICUsSimplifiedTraditionalForEveryCharacter() {
        let icu = StringTransform("Simplified-Traditional")
        var differ: [String] = []
        for u in Self.scalars {
            let s = String(Character(u))
            let changes = (s.applyingTransform(icu, reverse: false) ?? s) != s
            if Traditionalize.changes(s) != changes { differ.append("U+\(String(u.value, radix: 16, uppercase: true)) \(s): ICU changes it: \(changes)") }
        }
        #expect(differ.isEmpty, "\(differ.count) characters differ, first: \(differ.prefix(5))")
    }

    /// Whole names as the old code transformed them (a run of CJK characters at a time): the
    /// catalog's every name and synonym, and every mapped character in one string, so a rule
    /// of ICU's Traditional-Simplified that looked at a neighbour would show.
    @Test func wholeNamesSimplifyAsICUDid() {
        let icu = StringTransform("Traditional-Simplified")
        for name in Self.names + [String(String.UnicodeScalarView(stride(from: 0, to: HanziTable.toSimplified.count, by: 2)
                                                                    .compactMap { Unicode.Scalar(HanziTable.toSimplified[$0]) }))] {
            #expect(Simplify.simplified(name) == (name.applyingTransform(icu, reverse: false) ?? name), "\(name)")
        }
    }

    /// ICU's Simplified-Traditional reads phrases (万历 → 萬曆, but 漏斗 and 小丑 keep 斗 and
    /// 丑, which alone become 鬥 and 醜); the table is its character-by-character reading. The
    /// page language chosen from a name (`DocumentLanguage.chinese`) is still what it was for
    /// every name of the catalog and these: a name with such a character has, in practice,
    /// another that decides.
    @Test func pageLanguageOfNamesIsAsBefore() {
        let forward = StringTransform("Traditional-Simplified"), back = StringTransform("Simplified-Traditional")
        func before(_ s: String) -> String {
            if (s.applyingTransform(forward, reverse: false) ?? s) != s { return "zh-Hant" }
            if (s.applyingTransform(back, reverse: false) ?? s) != s { return "zh-Hans" }
            return "other"
        }
        for name in Self.names {
            #expect(DocumentLanguage.chinese(name, otherwise: "other") == before(name), "\(name)")
        }
    }

    static var names: [String] {
        BuiltinMetrics.all.flatMap { [$0.en, $0.zhHant, $0.zhHans] + $0.synonyms }
            + ["線索轉化率 v2", "網站流量（月）", "乾隆年間的乾杯", "發髮", "後台與後面", "頭髮與發展", "臺灣、台灣", "銷售漏斗金額", "销售漏斗金额",
               "計畫達成率", "计划达成率", "乾坤", "專著", "顯著成長", "北斗", "小丑", "万历", "周末", "漏斗转化率", "后台与后面", "干杯", "行銷部", "业务部", "客服部", "人資部", "人资部", "財務部", "财务部", "研發部", "研发部", "產品部", "产品部"]
    }

    @Test func namesFoldAcrossScriptsAsBefore() {
        #expect(NameKey.of("網站流量") == NameKey.of("网站流量"))
        #expect(Simplify.simplified("業務部 Sales 2") == "业务部 Sales 2")
        #expect(DocumentLanguage.chinese("業務部", otherwise: "x") == "zh-Hant")
        #expect(DocumentLanguage.chinese("业务部", otherwise: "x") == "zh-Hans")
        #expect(DocumentLanguage.chinese("目標", otherwise: "x") == "zh-Hant")
        #expect(DocumentLanguage.chinese("人口", otherwise: "x") == "x")
    }
}
