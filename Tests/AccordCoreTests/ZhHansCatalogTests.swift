import Foundation
import Testing
@testable import AccordCore

/// The Simplified Chinese (mainland) catalog is complete, keeps every placeholder, leaves
/// nothing in English, and is written in Simplified characters only.
@Suite("zh-Hans catalog: complete, same placeholders, Chinese, Simplified only")
struct ZhHansCatalogTests {
    let zh = Messages.catalog(.zhHans)

    @Test func zhHansIsMarkedComplete() {
        #expect(Messages.complete.contains(.zhHans))
    }

    @Test func everyEnglishKeyIsDefined() {
        let missing = Messages.english.keys.filter { zh[$0] == nil }.sorted()
        #expect(missing.isEmpty, "zh-Hans lacks \(missing.count) keys: \(missing.prefix(20))")
        let extra = zh.keys.filter { Messages.english[$0] == nil }.sorted()
        #expect(extra.isEmpty, "zh-Hans has keys English does not: \(extra)")
    }

    @Test func placeholdersMatchEnglish() {
        for (key, english) in Messages.english {
            guard let own = zh[key] else { continue }
            #expect(Messages.placeholders(own) == Messages.placeholders(english),
                    "\(key): \(own) has \(Messages.placeholders(own).sorted()), English \(Messages.placeholders(english).sorted())")
        }
    }

    /// Chinese has no plural forms: a zh-Hans template writes `{n} 项`, never `{n|…|…}`.
    @Test func noPluralFormsInChinese() {
        for (key, own) in zh {
            #expect(!own.contains("|#") && own.range(of: #"\{[A-Za-z]+\|"#, options: .regularExpression) == nil,
                    "\(key): \(own)")
        }
    }

    /// Rendering with every placeholder filled leaves no `{…}` behind, in any zh-Hans message.
    @Test func everyTemplateRendersFully() {
        for (key, english) in Messages.english {
            var args: [String: String] = [:]
            for name in Messages.placeholders(english) { args[name] = "2" }
            let out = t(key, args, in: .zhHans)
            #expect(!out.contains("{") && !out.hasPrefix("⟨"), "\(key): \(out)")
        }
    }

    /// Latin words a zh-Hans template may hold outside backticks and placeholders: the
    /// product's codes, not English sentences. A template with no Chinese character at all
    /// must be made only of placeholders, punctuation, symbols and these.
    static let latinAllowed: Set<String> = ["KPI"]

    @Test func nothingIsLeftInEnglish() {
        for (key, own) in zh where !Self.hasCJK(own) {
            var rest = own.replacingOccurrences(of: #"\{[^}]*\}"#, with: " ", options: .regularExpression)
            rest = rest.replacingOccurrences(of: #"`[^`]*`"#, with: " ", options: .regularExpression)
            let words = rest.split(whereSeparator: { !($0.isASCII && $0.isLetter) }).map(String.init)
            let english = words.filter { !Self.latinAllowed.contains($0) }
            #expect(english.isEmpty, "\(key) is left in English: \(own)")
        }
        // and a test of the test: an English sentence is caught, a code is not
        #expect(!Self.hasCJK("Added department {name}."))
        #expect(Self.hasCJK("已添加部门 {name}。"))
    }

    /// The most common characters that exist only in Traditional Chinese (each one is
    /// converted by OpenCC's t2s; characters both scripts use, such as 率 or 于/於 as a
    /// surname, are not listed). This check needs no download.
    static let traditionalOnly: Set<Character> = Set(
        "這們來時為說對發會過還後問題與麼經現業關員數據線轉標項簽門計劃調設報類別動達義務續銷營戶導帶單審總區頁產選認應觀體個錄權責書檔匯網點擊"
        + "盤衝處週雜湊鏈驗證誌紀檢視狀態錯誤讀寫開儲將無參僅並執準備負貢獻戰條議訂層級裡釋統碼滿勢擇場歷顯儀歸復辦質環節隊職確斷歡廣樣價額購寶漲聯繼聽讓談論請輸補齊範邊際損傷維護變換優機構織豐遺樂聲響頭團傳遞灣約誰兩種較從資訊該敗卻當沒諉擔連結運進隨觸眾塊錢寬買訪獲願絲躍犧誠壓間趕決"
        + "啟專預處擬嚴輕穩")

    @Test func noTraditionalOnlyCharactersByTable() {
        for (key, own) in zh {
            let found = own.filter { Self.traditionalOnly.contains($0) }
            #expect(found.isEmpty, "\(key) holds Traditional characters \(found): \(own)")
        }
        #expect("數據來源".contains { Self.traditionalOnly.contains($0) }, "the table knows 數 據 來")
        #expect(!"数据来源、转化率".contains { Self.traditionalOnly.contains($0) })
    }

    /// The same with OpenCC (scripts/check-chinese-hans), on machines that have it (PyPI
    /// `opencc` or Debian's `opencc`); elsewhere the table above stands alone.
    @Test func noTraditionalOnlyCharactersByOpenCC() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = root.appendingPathComponent("scripts/check-chinese-hans")
        guard FileManager.default.isExecutableFile(atPath: script.path) else { return }
        func run(_ input: String) throws -> (status: Int32, out: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", script.path, "-"]
            let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
            p.standardInput = stdin; p.standardOutput = stdout; p.standardError = stderr
            try p.run()
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
            let out = stdout.fileHandleForReading.readDataToEndOfFile()
            _ = stderr.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: out, as: UTF8.self))
        }
        // the script itself tells Traditional from Simplified, or says it has no OpenCC (2)
        let probe = try run("a\t數據來源\nb\t数据来源\n")
        guard probe.status != 2 else { return }
        #expect(probe.status == 1 && probe.out.hasPrefix("a:") && !probe.out.contains("b:"), "\(probe)")

        let lines = zh.sorted { $0.key < $1.key }
            .map { "\($0.key)\t\($0.value.replacingOccurrences(of: "\n", with: "\\n"))" }
            .joined(separator: "\n") + "\n"
        let result = try run(lines)
        #expect(result.status == 0, "OpenCC finds Traditional characters:\n\(result.out)")
    }

    static func hasCJK(_ s: String) -> Bool {
        s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }
}
