/// HTML escaping, and a writer that makes it the only way in: element and attribute names
/// are compile-time strings (`StaticString`), every text and every attribute value a
/// program computes is escaped as it is written, and raw markup can only be a literal
/// (the style sheet). So nothing a user typed can become markup.
///
///     var w = HTMLWriter()
///     w.element("td", ["class": "kpi"], text: "<script>alert(1)</script>")
///     w.html   // <td class="kpi">&lt;script&gt;alert(1)&lt;/script&gt;</td>
public enum HTML {
    /// Escapes `& < > " '` (enough for text and for quoted attribute values), replaces
    /// control characters other than tab and line breaks, which HTML forbids, with U+FFFD,
    /// writes a carriage return as `&#13;`, and shows bidi controls as their codes
    /// (`\u{202E}`: they would reorder what follows).
    public static func escape(_ text: String) -> String {
        var needs = false
        for u in text.unicodeScalars where needsWork(u) { needs = true; break }
        guard needs else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\r": out += "&#13;"  // the same character for a browser; no raw CR for a terminal that shows the page
            default:
                if isForbiddenControl(u) { out += "\u{FFFD}" }
                else if ControlCharacters.isBidiControl(u) { out += ControlCharacters.visible(String(u)) }
                else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    @inline(__always) static func needsWork(_ u: Unicode.Scalar) -> Bool {
        u == "&" || u == "<" || u == ">" || u == "\"" || u == "'" || u == "\r" || isForbiddenControl(u) || ControlCharacters.isBidiControl(u)
    }

    @inline(__always) static func isForbiddenControl(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (0x7F...0x9F).contains(v)
            || (0xFDD0...0xFDEF).contains(v) || (v & 0xFFFE) == 0xFFFE
    }
}

/// Writes well-formed HTML: every element opened is closed, in order (checked).
public struct HTMLWriter {
    public private(set) var html = ""
    private var stack: [String] = []
    /// The page's language (`<html lang>`). When set, text written into HTML elements is
    /// cut into runs (`DocumentLanguage.runs`): Chinese in another variant than the page's
    /// gets `<span lang="…">`, dates get `<span class="nw">` (no break inside). Not inside
    /// SVG or `<title>`, whose text cannot hold a span.
    public var lang: String?

    public init(capacity: Int = 64 * 1024) { html.reserveCapacity(capacity) }

    /// Attributes in the order given; values escaped.
    public typealias Attributes = KeyValuePairs<StaticString, String>

    private mutating func start(_ tag: StaticString, _ attrs: Attributes, selfClosing: Bool = false) {
        html += "<"
        html += tag.description
        for (name, value) in attrs {
            html += " "
            html += name.description
            html += "=\""
            html += HTML.escape(value)
            html += "\""
        }
        html += selfClosing ? "/>" : ">"
    }

    /// `<tag …>`; close it with `close`.
    public mutating func open(_ tag: StaticString, _ attrs: Attributes = [:]) {
        start(tag, attrs)
        stack.append(tag.description)
    }

    public mutating func close(_ tag: StaticString) {
        let name = tag.description
        precondition(stack.last == name, "HTMLWriter: closing </\(name)> while <\(stack.last ?? "nothing")> is open")
        stack.removeLast()
        html += "</" + name + ">"
    }

    /// `<tag …>text</tag>`
    public mutating func element(_ tag: StaticString, _ attrs: Attributes = [:], text: String) {
        start(tag, attrs)
        if tag.description == "title" { html += HTML.escape(text) } else { write(text) }
        html += "</" + tag.description + ">"
    }

    /// `<tag …>…</tag>` around what `body` writes.
    public mutating func element(_ tag: StaticString, _ attrs: Attributes = [:], _ body: (inout HTMLWriter) -> Void) {
        open(tag, attrs)
        body(&self)
        close(tag)
    }

    /// A void element (`<meta …>`) — no content, no end tag.
    public mutating func void(_ tag: StaticString, _ attrs: Attributes = [:]) { start(tag, attrs) }

    /// A self-closing SVG element (`<rect …/>`).
    public mutating func empty(_ tag: StaticString, _ attrs: Attributes = [:]) { start(tag, attrs, selfClosing: true) }

    public mutating func text(_ s: String) { write(s) }

    private mutating func write(_ text: String) {
        // text that carried bidi controls (a hand-edited file) is isolated, its controls shown
        if !stack.contains("svg"), text.unicodeScalars.contains(where: ControlCharacters.isBidiControl) {
            html += "<bdi>"
            writeRuns(text)
            html += "</bdi>"
            return
        }
        writeRuns(text)
    }

    private mutating func writeRuns(_ text: String) {
        guard let lang, !stack.contains("svg"), DocumentLanguage.mayNeedRuns(text) else { html += HTML.escape(text); return }
        for run in DocumentLanguage.runs(text, page: lang) {
            if let l = run.lang {
                html += "<span lang=\"" + HTML.escape(l) + "\">" + HTML.escape(run.text) + "</span>"
            } else if run.nowrap {
                html += "<span class=\"nw\">" + HTML.escape(run.text) + "</span>"
            } else {
                html += HTML.escape(run.text)
            }
        }
    }

    /// Markup written by the program itself (the doctype, the style sheet): literals only.
    public mutating func raw(_ s: StaticString) { html += s.description }

    /// A letter worded by a company's HTML template: the template's own markup (checked by
    /// `HTMLTemplateCheck`: values only in text, no script), every value in it escaped.
    mutating func fragment(_ f: LetterTemplate.HTMLFragment) { html += f.html }

    public mutating func newline() { html += "\n" }

    /// The document; every element must be closed.
    public var document: String {
        precondition(stack.isEmpty, "HTMLWriter: <\(stack.joined(separator: "> <"))> left open")
        return html
    }
}
