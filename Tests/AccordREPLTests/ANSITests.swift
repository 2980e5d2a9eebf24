import AccordCore
import AccordREPL
import Foundation
import Testing

/// The core marks text; the front end (AccordREPL) makes escape codes of the marks.
@Suite("ANSI")
struct ANSITests {
    @Test func eachMarkBecomesItsEscapeCode() {
        let text = Paint.bad("void") + " · " + Paint.warn("medium") + Paint.good("✓") + Paint.strong("G1") + Paint.faint("(later)")
        #expect(ANSI.paint(text) == "\u{1B}[31mvoid\u{1B}[0m · \u{1B}[33mmedium\u{1B}[0m\u{1B}[32m✓\u{1B}[0m"
                + "\u{1B}[1mG1\u{1B}[0m\u{1B}[2m(later)\u{1B}[0m")
        #expect(ANSI.render(text, colour: true) == ANSI.paint(text))
        #expect(ANSI.render(text, colour: false) == "void · medium✓G1(later)")
        // text without marks, Chinese included, comes back as it is
        #expect(ANSI.paint("行銷部 ↔ 業務部") == "行銷部 ↔ 業務部")
        #expect(ANSI.paint(Paint.strong("[1/4 audit] ")) == "\u{1B}[1m[1/4 audit] \u{1B}[0m")
    }

    /// No escape code is written in the core's sources: it only marks text (`Paint`).
    @Test func theCoreWritesNoEscapeCodes() throws {
        let core = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/AccordCore")
        let files = FileManager.default.enumerator(at: core, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 50)
        for file in files {
            // the code, without comments (ControlCharacters.swift's example shows what it refuses)
            let source = try String(contentsOf: file, encoding: .utf8).lowercased().split(separator: "\n")
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            for code in ["\\u{1b}[", "\\u{001b}[", "\\e[", "\\u{9b}"] {
                #expect(!source.contains(code), "\(file.lastPathComponent) writes an escape code (\(code))")
            }
        }
    }
}
