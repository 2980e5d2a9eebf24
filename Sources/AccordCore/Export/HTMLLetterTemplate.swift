/// HTML letters, built in or worded by a company's Mustache template (`export letters
/// --format html --template FILE`): the page (its `lang`, style sheet, cover) is Accord's;
/// with a template each letter's `<article>` holds what the template makes of it. What is
/// signed does not change.
extension HTMLExport {
    public static func letters(_ set: LetterSet, template: LetterTemplate?) -> String {
        precondition(template.map { $0.kind == .html } ?? true, "HTMLExport.letters: the template is not an HTML template")
        var w = HTMLWriter(capacity: 8192 + set.items.count * 6000)
        head(&w, title: set.heading, style: lettersStyle, lang: DocumentLanguage.of(set))
        w.open("body", ["class": "letters"])
        w.element("header", ["class": "cover"]) { w in
            w.element("h1", text: set.heading)
            w.element("p", ["class": "sub"], text: set.subheading)
            w.element("p", ["class": "meta"], text: set.info.line)
            if set.items.isEmpty { w.element("p", ["class": "none"], text: t("export.none.depts")) }
        }
        w.newline()
        for item in set.items {
            if let template {
                w.element("article", ["class": "letter", "id": "letter-D\(item.letter.deptID)"]) { w in
                    w.fragment(template.renderHTML(item, sealKey: set.info.sealKey))
                }
            } else {
                letter(&w, item, set)
            }
            w.newline()
        }
        w.close("body")
        w.close("html")
        w.newline()
        return w.document
    }

    /// The letter's rows as a `<table>` with the total under the weight (the built-in letter's).
    static func rowsTable(_ w: inout HTMLWriter, _ item: LetterSet.Item) {
        let l = item.letter
        let columns = LetterSet.Column.rows
        w.open("table")
        headerRow(&w, columns)
        w.open("tbody")
        for r in l.rows { row(&w, columns, LetterSet.Line(item: item, row: r)) }
        w.close("tbody")
        // the total under the weight; the columns after it share one empty cell
        let upTo = (columns.firstIndex(of: .weight) ?? columns.count - 1) + 1
        w.element("tfoot") { w in
            w.element("tr") { w in
                for c in columns[..<upTo] {
                    if c == .weight { w.element("td", ["class": "num"], text: Num.format(l.weightTotal)) }
                    else { w.element("td", text: c == .kpi ? t("export.total") : "") }
                }
                if upTo < columns.count { w.element("td", ["colspan": "\(columns.count - upTo)"], text: "") }
            }
        }
        w.close("table")
    }

    /// `{{table}}` of an HTML template.
    static func rowsTableHTML(_ item: LetterSet.Item) -> String {
        var w = HTMLWriter(capacity: 4096)
        rowsTable(&w, item)
        return w.document
    }

    /// `{{signatureTable}}` of an HTML template: one row per role, with its verdict.
    static func signatureTableHTML(_ item: LetterSet.Item) -> String {
        var w = HTMLWriter(capacity: 2048)
        table(&w, LetterSet.SignatureColumn.all, item.signatures)
        return w.document
    }

    /// `{{sealBlock}}` of an HTML template: the seal's key, the digest and their QR code.
    static func sealBlockHTML(key: String?, digest: String) -> String {
        var w = HTMLWriter(capacity: 8192)
        sealBlock(&w, key: key, digest: digest)
        return w.document
    }
}
