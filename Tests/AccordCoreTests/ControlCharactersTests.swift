import AccordCore
import Foundation
import Testing

/// Text from a session file made safe where it leaves (issue 13 §4): the terminal, Markdown,
/// CSV and HTML each get it with no control or bidi character left to act.
@Suite("Control and bidi characters on the way out")
struct ControlCharactersTests {
    static let bidi: [Unicode.Scalar] = ["\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}",
                                         "\u{2068}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}"]

    @Test func everyBidiControlIsOneAndOrdinaryRightToLeftTextIsNot() {
        for u in Self.bidi { #expect(ControlCharacters.isBidiControl(u), "\(u.value)") }
        for u in ["a", "\u{05D0}", "\u{0639}", "\u{200D}", "\u{FEFF}", "\u{90E8}"] as [Unicode.Scalar] { #expect(!ControlCharacters.isBidiControl(u)) }
    }

    @Test func aTerminalGetsEveryControlAndBidiCharacterAsItsCode() {
        #expect(ControlCharacters.forTerminal("A\u{1B}[2J\u{1B}]0;pwned\u{7}B") == "A\\u{1B}[2J\\u{1B}]0;pwned\\u{7}B")
        #expect(ControlCharacters.forTerminal("\u{202E}txt.exe\u{9B}\u{7F}\r") == "\\u{202E}txt.exe\\u{9B}\\u{7F}\\u{D}")
        #expect(ControlCharacters.forTerminal("line\n\tnext 部門") == "line\n\tnext 部門")
        for u in Self.bidi {
            #expect(!ControlCharacters.forTerminal("a\(Character(u))b").unicodeScalars.contains(u))
        }
    }

    @Test func markdownShowsThemAsCodes() {
        #expect(Markdown.escape("Mark\u{202E}eting\u{1B}[31m") == "Mark\\u{202E}eting\\u{1B}\\[31m")
        #expect(Markdown.escape("a\u{7}b") == "a\\u{7}b")
    }

    @Test func csvShowsThemAsCodesAndStillNeutralisesFormulas() {
        #expect(CSV.field(.text("Mark\u{202E}eting\u{7}")) == "Mark\\u{202E}eting\\u{7}")
        #expect(CSV.field(.text("\u{202E}=1+1")) == "\\u{202E}=1+1")
        #expect(CSV.field(.text("=1\u{1B}")) == "'=1\\u{1B}")
    }

    @Test func htmlIsolatesTextThatHeldThemAndShowsTheirCodes() {
        #expect(HTML.escape("a\u{202E}b") == "a\\u{202E}b")
        #expect(HTML.escape("a\rb\u{7}") == "a&#13;b\u{FFFD}")
        var w = HTMLWriter()
        w.element("td", text: "Mark\u{202E}eting")
        w.element("td", text: "Sales")
        #expect(w.html == "<td><bdi>Mark\\u{202E}eting</bdi></td><td>Sales</td>")
        var t = HTMLWriter()
        t.element("title", text: "x\u{2067}y\u{1B}")
        #expect(t.html == "<title>x\\u{2067}y\u{FFFD}</title>")
    }
}
