/// What an HTML letter template may do, checked before it is used: a value (`{{name}}`,
/// `{{{name}}}`, `{{&name}}`) may stand only where text goes — never inside a tag (an
/// attribute's value could become a `javascript:` link or an event handler), a comment,
/// `<script>` or `<style>` —, and the template itself holds no script (`<script>`, an `on…`
/// attribute, a `javascript:` link) and does not change Mustache's delimiters (which would hide
/// a value from this check). Values are HTML-escaped besides (`LetterTemplate`), so what a
/// department, a KPI or a note says is always text on the page.
enum HTMLTemplateCheck {
    private enum State { case text, tag, quoted(Character), comment, style }

    static func check(_ source: String, file: String) throws {
        let chars = Array(source)
        var state = State.text
        var line = 1, column = 1
        var i = 0
        func fail(_ why: String) -> CommandError {
            CommandError(Message("export.template.bad", ["file": file, "line": "\(line)", "column": "\(column)"],
                                 nested: ["why": Message(why)]))
        }
        func ahead(_ s: String) -> Bool {
            let u = Array(s.lowercased())
            guard i + u.count <= chars.count else { return false }
            for k in 0..<u.count where Character(chars[i + k].lowercased()) != u[k] { return false }
            return true
        }
        while i < chars.count {
            let c = chars[i]
            if c == "{" && ahead("{{") {
                let kind = i + 2 < chars.count ? chars[i + 2] : " "
                if kind == "=" { throw fail("export.template.why.html-delimiters") }
                let structural = kind == "#" || kind == "^" || kind == "/" || kind == "!"
                if !structural, case .text = state {} else if !structural { throw fail("export.template.why.html-value-in-markup") }
            }
            if ahead("javascript:") || ahead("vbscript:") { throw fail("export.template.why.html-script") }
            switch state {
            case .text:
                if ahead("<!--") { state = .comment; i += 4; column += 4; continue }
                if ahead("<script") { throw fail("export.template.why.html-script") }
                if ahead("<style") { state = .style }
                else if c == "<" { state = .tag }
            case .tag:
                if c == "\"" || c == "'" { state = .quoted(c) }
                else if c == ">" { state = .text }
                else if (c == " " || c == "\n" || c == "\t" || c == "/") && (ahead(" on") || ahead("\non") || ahead("\ton") || ahead("/on")) {
                    // an attribute whose name begins with `on` is an event handler
                    var k = i + 3
                    while k < chars.count, chars[k].isLetter { k += 1 }
                    if k < chars.count, chars[k] == "=" || chars[k] == " " { throw fail("export.template.why.html-script") }
                }
            case let .quoted(q):
                if c == q { state = .tag }
            case .comment:
                if ahead("-->") { state = .text; i += 3; column += 3; continue }
            case .style:
                if ahead("</style") { state = .tag }
            }
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
            i += 1
        }
    }
}
