@testable import AccordCore
import Foundation
import Testing

/// The Traditional Chinese catalog (Taiwan usage) is complete: every English key, the same
/// placeholders, nothing left in English, no Simplified character (docs/glossary.md).
@Suite struct ZhHantCatalogTests {
    static let en = Messages.catalog(.en)
    static let zh = Messages.catalog(.zhHant)

    @Test func everyEnglishKeyIsDefined() {
        #expect(Messages.complete.contains(.zhHant))
        let missing = Self.en.keys.filter { Self.zh[$0] == nil }.sorted()
        #expect(missing.isEmpty, "not translated: \(missing)")
        let unknown = Self.zh.keys.filter { Self.en[$0] == nil }.sorted()
        #expect(unknown.isEmpty, "keys English does not have: \(unknown)")
        // each part is registered once: the merge keeps the first, so a key in two parts hides one
        var seen: [String: Int] = [:]
        for part in Messages.zhHantParts { for k in part.keys { seen[k, default: 0] += 1 } }
        #expect(seen.filter { $0.value > 1 }.isEmpty, "\(seen.filter { $0.value > 1 }.keys.sorted())")
    }

    /// The same names as English; English's plural forms become the one Chinese form (`{n} 項`).
    @Test func placeholdersAreEnglishOnes() {
        for (key, english) in Self.en {
            guard let chinese = Self.zh[key] else { continue }
            #expect(Messages.placeholders(chinese) == Messages.placeholders(english), "\(key): \(chinese)")
            #expect(!chinese.contains("|#") && !chinese.contains("#|"), "\(key) keeps English plural forms: \(chinese)")
        }
    }

    /// Every placeholder given a value, the rendered text holds no `{name}` and no `⟨key⟩`.
    @Test func everyTemplateRendersCompletely() {
        for (key, english) in Self.en {
            let args = Dictionary(uniqueKeysWithValues: Messages.placeholders(english).map { ($0, "2") })
            let out = t(key, args, in: .zhHant)
            #expect(!out.contains("⟨"), "\(key)")
            for name in args.keys { #expect(!out.contains("{\(name)}") && !out.contains("{\(name)|"), "\(key): \(out)") }
        }
    }

    /// Templates with no Chinese character at all: only placeholders, ids and punctuation.
    static let withoutChinese: Set<String> = [
        "col.kpis", "contrib.field.kpi", "export.col.kpi", "export.col.kpis", "year.col.kpi",  // KPI is what Taiwan says
        "replay.col.seq",                                                      // #
        "list.separator", "sep.phrases", "sep.clauses", "sep.label",           // 、 ， ； ：
        "error.system", "import.raw", "import.dup-in-session", "tension.typed", // one placeholder
        "kpi.edited", "store.load-failed", "smart.m.pass", "map.show.title", "gap.source-part",
        "replay.fx.dept-role", "replay.fx.conflict-settled", "replay.fx.conflict-settled-note",
        "sign.label", "sign.letter-status", "pace.step", "pace.goal.adopted",      // placeholders joined
    ]

    /// Latin words a Chinese sentence may hold outside `code` and placeholders: names of
    /// products, formats and keys, abbreviations Taiwan uses as they are.
    static let latinWords: Set<String> = [
        "KPI", "SMART", "AARRR", "CAC", "CLTV", "ROAS", "CSV", "HTML", "JSON", "Markdown", "Excel", "UTF",
        "Accord", "accord", "Acme", "ACCORD_LANG", "Ctrl", "TAB", "Enter", "MB", "NT", "PATH", "YYYY", "MM", "DD",
        "journal", "meta",
    ]

    @Test func nothingIsLeftInEnglish() {
        for (key, chinese) in Self.zh {
            if !NameKey.hasCJK(chinese) {
                #expect(Self.withoutChinese.contains(key), "\(key) is not Chinese: \(chinese)")
            }
            // the CSV column names say the English header a sheet may carry, on purpose
            if key.hasPrefix("import.column.") || key == "import.missing-columns" { continue }
            let stray = Self.latin(in: chinese).filter { !Self.latinWords.contains($0) }
            #expect(stray.isEmpty, "\(key) has English words \(stray): \(chinese)")
        }
        #expect(Self.withoutChinese.allSatisfy { Self.zh[$0] != nil }, "the allow-list names only catalog keys")
    }

    /// Latin words of a template outside `code` spans, `{placeholders}`, `--flags` and ids (`C1`).
    static func latin(in template: String) -> [String] {
        var text = template
        for pattern in ["`[^`]*`", "\\{[^}]*\\}", "--[a-z-]+", "\\b[A-Z][0-9]+\\b"] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text.split { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) }
            .map(String.init).filter { $0.count >= 2 && $0.contains(where: \.isLetter) }
    }

    @Test func latinWordsSkipCode() {
        #expect(Self.latin(in: "請執行 `audit`，或 {n} 項 --force 理由；處理 C1、G3") == [])
        #expect(Self.latin(in: "已新增 the department") == ["the", "department"])
    }

    /// Common characters that exist only in Simplified Chinese. (准 and 划 are left out: Taiwan
    /// writes 核准 and 划算; 台 is what Taiwan writes for 臺.)
    static let simplifiedOnly = Set(
        "这们来时为说对发会过还后问题与经现业关员数据线转标项签门计调设报类别动达义务续销营户导带单审总区页产选认应观"
        + "个实际样给无从开录记长并检执试请输权责书测显条当论职岗绩统复层质况亿万规则获启荐网络评细级尽误错库补图键码称历档"
        + "储读写删换将节点链验证废议拟订维护负协优势传组织团队领场广费预览纪备额币价术")

    @Test func noSimplifiedOnlyCharacterFromTheTable() {
        for (key, chinese) in Self.zh {
            let found = chinese.filter { Self.simplifiedOnly.contains($0) }
            #expect(found.isEmpty, "\(key) has Simplified characters \(found): \(chinese)")
        }
        #expect(Self.simplifiedOnly.intersection("目標責任書盤點簽署資料來源轉換率名單").isEmpty)
    }

    // MARK: OpenCC, when the machine has it (scripts/check-chinese; CI relies on the table above)

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs scripts/check-chinese on `lines` (`key<TAB>text`): its exit status and output.
    static func checkChinese(_ language: String, _ lines: [String]) -> (status: Int32, out: String)? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root.appendingPathComponent("scripts/check-chinese").path, language, "-"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        input.fileHandleForWriting.write(Data(lines.joined(separator: "\n").utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// True when python3 and OpenCC are there (the script exits 3 without OpenCC).
    static let openCCAvailable: Bool = checkChinese("zh-Hant", [])?.status == 0

    @Test(.enabled(if: openCCAvailable)) func openCCFindsNoSimplifiedCharacter() throws {
        // the check can fail: it reports a Simplified character, and leaves Taiwan's 台 and 核准 alone
        let probe = try #require(Self.checkChinese("zh-Hant", ["a\t這是线索", "b\t台灣的核准流程與考核週期"]))
        #expect(probe.status == 1 && probe.out == "a\t线\t線\n", "\(probe)")
        let lines = Self.zh.sorted { $0.key < $1.key }.map { "\($0.key)\t" + $0.value.replacingOccurrences(of: "\n", with: " ") }
        let result = try #require(Self.checkChinese("zh-Hant", lines))
        #expect(result.status == 0, "Simplified-only characters (key, character, Traditional):\n\(result.out)")
    }
}
