@testable import AccordCore
import Foundation
import Testing

/// The command-line splitter and its quoting (Text/Shell.swift). The cases marked "fuzz" are
/// inputs scripts/fuzz-coverage shell found (issue 12): kept here so they stay fixed.
@Suite("Shell: split and quote")
struct ShellTests {
    @Test("quotes of every kind group words; a backslash escapes")
    func splitsLikeAShell() throws {
        #expect(try Shell.split(#"dept add "Customer Success" --head “王 小明” 「研發 部」 'a b' c\ d"#)
            == ["dept", "add", "Customer Success", "--head", "王 小明", "研發 部", "a b", "c d"])
        #expect(try Shell.split(#""a \"b\" \\ \x""#) == [#"a "b" \ \x"#])
        #expect(try Shell.split("a\u{3000}b\t c") == ["a", "b", "c"])
        #expect(throws: Shell.SplitError.self) { try Shell.split(#"say "unfinished"#) }
    }

    /// fuzz: `"` followed by a combining mark (U+06E3) is one Character, equal to no quote,
    /// so the character-wise splitter did not see the quote that `quote` had written.
    @Test("a quote, space or backslash followed by a combining mark still counts (fuzz)")
    func combiningMarks() throws {
        let found = "\u{06E3}o\\\\\\Optional"  // the fuzzer's input: ۣo\\\Optional
        let words = try Shell.split(found)
        #expect(words == ["\u{06E3}o\\Optional"])
        #expect(try Shell.split(words.map(Shell.quote).joined(separator: " ")) == words)

        #expect(try Shell.split("\"\u{0301}a b\"") == ["\u{0301}a b"])
        #expect(try Shell.split("a \u{0301}b") == ["a", "\u{0301}b"])
        #expect(try Shell.split("\\\u{0301}x") == ["\u{0301}x"])
        for word in ["\u{0301}", " \u{0301}", "\"\u{0301}", "\\\u{0301}", "x\u{3000}\u{0301}y", ""] {
            #expect(try Shell.split(Shell.quote(word)) == [word], "\(word.debugDescription)")
        }
    }

    @Test("quote leaves plain words bare and round-trips the rest")
    func quoteRoundTrips() throws {
        #expect(Shell.quote("Sales") == "Sales")
        #expect(Shell.quote("業務部") == "業務部")
        let words = ["Customer Success", #"say "hi""#, #"back\slash"#, "it's", "「x", "『y", "“z", "", "a\u{3000}b"]
        #expect(try Shell.split(words.map(Shell.quote).joined(separator: " ")) == words)
    }
}
