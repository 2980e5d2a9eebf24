import Foundation
import Mustache

/// The wording of a responsibility letter: a Mustache template (hummingbird-project/swift-mustache)
/// rendered with the data of one `Letter`. Accord has one per language (`builtIn`); a company
/// can give its own (`export letters --template FILE`, `letter DEPT --template FILE`).
///
/// The wording is only how the letter reads. What is signed is the letter's canonical content
/// (docs/letter-digest.md), which no template touches: another template never changes a
/// digest or voids a signature.
///
/// Every value reaches the template already made safe for its output, and is written with
/// `{{name}}`:
/// - `.markdown`: each value is escaped for Markdown (`Markdown.escape`); `table` and
///   `signatureTable` are whole Markdown tables, aligned, their cells escaped.
/// - `.text` (the terminal): control characters are shown as their codes.
/// - `.html`: each value is escaped for HTML (`HTML.escape`), so `{{name}}` and `{{{name}}}`
///   alike write text, never markup; `table`, `signatureTable` and `sealBlock` are whole
///   HTML elements built by `HTMLExport`. The template is checked first
///   (`HTMLTemplateCheck`): a value may stand only where text goes, never inside a tag, an
///   attribute, a comment, `<script>` or `<style>`, and the template holds no script.
///
/// The names a template can use (`LetterTemplate.context`): `title session period dept head
/// supervisor headLine statusLine status goalsHeading goals[] (line id revision title metric
/// baseline target unit by) noGoals rowsHeading hasRows rows[] (goal kpi stage weight floor
/// target challenge unit source cycle) table weightTotal noRows pending completion scoring
/// rule (belowFloor floor target challenge cap) digestLabel digest signaturesHeading
/// signatureTable headSignature supervisorSignature (role recorded name signer time date digest
/// verdict signed valid) signHere earlier`.
public struct LetterTemplate: Sendable {
    public enum Kind: Sendable { case markdown, text, html }

    /// An HTML letter as a template words it: only `renderHTML` makes one, so the page's
    /// writer takes markup only from a checked template with escaped values.
    public struct HTMLFragment: Sendable { let html: String }

    public let kind: Kind
    public let source: String
    let template: MustacheTemplate

    /// Parses `source`; a template Mustache cannot read is a `CommandError` naming the file,
    /// the line and the column.
    public init(_ source: String, kind: Kind, file: String = "") throws {
        self.kind = kind
        self.source = source
        let name = file.isEmpty ? "template" : file
        // Markdown and terminal values are made safe before they reach the template, so the
        // template itself must not escape them again for HTML (Mustache's default).
        let prefix = "{{% CONTENT_TYPE: TEXT}}"
        if kind == .html { try HTMLTemplateCheck.check(source, file: name) }
        do {
            template = try MustacheTemplate(string: prefix + source)
        } catch let e as MustacheTemplate.ParserError {
            throw CommandError("export.template.bad", ["file": name, "line": "\(e.context.lineNumber)",
                                                       "column": "\(e.context.columnNumber)", "why": Self.reason(e.error)])
        } catch {
            throw CommandError("export.template.bad", ["file": name, "line": "1", "column": "1", "why": "\(error)"])
        }
    }

    /// A template file's bytes as text: UTF-8 (a byte-order mark is dropped), else a clear error.
    public init(data: Data, kind: Kind, file: String) throws {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw CommandError("export.template.not-utf8", ["file": file])
        }
        try self.init(text, kind: kind, file: file)
    }

    /// The template in the file `file`, read by the front end's `read` (the core reads no file).
    public static func load(_ file: String, kind: Kind, read: (String) throws -> Data) throws -> LetterTemplate {
        let data: Data
        do { data = try read(file) } catch {
            throw CommandError(Message("export.template.unreadable", ["file": file], nested: ["why": .of(error)]))
        }
        return try LetterTemplate(data: data, kind: kind, file: file)
    }

    /// The letter as this template words it.
    /// `sealKey`: the public key that seals the session (its fingerprint and the letter's
    /// digest are the trust anchor printed on every letter, docs/seal.md).
    public func render(_ item: LetterSet.Item, sealKey: String? = nil) -> String {
        var c = Self.context(item, kind: kind)
        let e = Self.escaper(kind)
        let line: String
        if let sealKey { line = t("letter.seal", ["key": Fingerprint.full(sealKey), "digest": item.digest]) }
        else { line = t("letter.seal.none", ["digest": item.digest]) }
        c["sealLine"] = e(line)
        c["sealKey"] = sealKey.map { e(Fingerprint.full($0)) } ?? ""
        if kind == .html { c["sealBlock"] = HTMLExport.sealBlockHTML(key: sealKey, digest: item.digest) }
        return template.render(c)
    }

    /// The letter as this HTML template words it, for the page (`HTMLExport.letters`).
    func renderHTML(_ item: LetterSet.Item, sealKey: String?) -> HTMLFragment {
        precondition(kind == .html, "renderHTML: not an HTML template")
        return HTMLFragment(html: render(item, sealKey: sealKey))
    }

    /// How a value is made safe for `kind`.
    static func escaper(_ kind: Kind) -> (String) -> String {
        switch kind {
        case .markdown: return Markdown.escape
        case .text: return { ControlCharacters.visible($0) }
        case .html: return HTML.escape
        }
    }

    /// The built-in Markdown wording of `language` (English reproduces Accord's letters as
    /// they were; Traditional and Simplified Chinese are formal 甲方/乙方 documents).
    public static func builtIn(_ language: Language = .current) -> LetterTemplate {
        let source: String
        switch language {
        case .en: source = LetterTemplates.markdownEN
        case .zhHant: source = LetterTemplates.markdownHant
        case .zhHans: source = LetterTemplates.markdownHans
        }
        // the built-in templates parse (LetterTemplateTests.everyBuiltInTemplateRendersEveryRow)
        return try! LetterTemplate(source, kind: .markdown)
    }

    // MARK: the data a template sees

    /// The data of one letter, each value safe for `kind` (see the type's comment).
    static func context(_ item: LetterSet.Item, kind: Kind) -> [String: Any] {
        let e = escaper(kind)
        let l = item.letter
        let dash = "–"
        var c: [String: Any] = [
            "title": e(t("letter.title", ["dept": l.dept])),
            "session": e(l.session.isEmpty ? t("status.untitled") : l.session),
            "period": e(l.period.isEmpty ? dash : l.period),
            "dept": e(l.dept),
            "head": e(l.head ?? dash),
            "supervisor": e(l.supervisor ?? dash),
            "headLine": e(t("export.letter.head-line", ["head": l.head ?? dash, "supervisor": l.supervisor ?? dash])),
            "statusLine": e(t("export.letter.status", ["status": Export.statusWord(item.status)])),
            "status": e(Export.statusWord(item.status)),
            "goalsHeading": e(t("export.letter.goals")),
            "noGoals": e(t("letter.serves-none")),
            "rowsHeading": e(t("export.letter.rows")),
            "noRows": e(t("export.letter.no-rows", ["dept": l.dept])),
            "weightTotal": e(Num.show(l.weightTotal)),
            "completion": e(t("letter.completion", ["rule": l.ruleText])),
            "rule": e(l.ruleText),
            "scoring": [
                "belowFloor": Num.show(l.scoring.belowFloor), "floor": Num.show(l.scoring.atFloor),
                "target": Num.show(l.scoring.atTarget), "challenge": Num.show(l.scoring.atChallenge),
                "cap": Num.show(l.scoring.atChallenge),
            ],
            "digestLabel": e(t("letter.digest", ["digest": ""])),
            "digest": e(item.digest),
            "signaturesHeading": e(t("export.letter.signatures")),
        ]
        c["goals"] = l.goals.map { g -> [String: Any] in
            var m: [String: Any] = ["line": e(Export.goalLine(g)), "id": "G\(g.id)", "revision": "r\(g.revision)", "title": e(g.title)]
            if let v = g.metric { m["metric"] = e(v) }
            if let v = g.baseline { m["baseline"] = e(Num.show(v)) }
            if let v = g.target { m["target"] = e(Num.show(v)) }
            if let v = g.unit { m["unit"] = e(v) }
            if let v = g.by { m["by"] = e(Dates.show(v)) }
            return m
        }
        if !l.rows.isEmpty {
            c["hasRows"] = true
            c["rows"] = l.rows.map { r -> [String: Any] in
                var m: [String: Any] = [
                    "id": "X\(r.id)", "goal": "G\(r.goal)", "kpi": e(r.kpi), "stage": e(Export.stageLabel(r.stage)),
                    "weight": e(Num.show(r.weight)), "floor": e(Num.show(r.floor)), "target": e(Num.show(r.target)),
                    "challenge": e(Num.show(r.challenge)), "unit": e(r.unit), "source": e(r.source),
                    "cycle": e(r.cycle.label),
                ]
                if let v = r.metric { m["metric"] = e(v) }
                return m
            }
        }
        if kind == .markdown {
            if !l.rows.isEmpty {
                let columns = LetterSet.Column.rows
                let total = columns.map { col in col == .kpi ? t("export.total") : col == .weight ? Num.show(l.weightTotal) : "" }
                c["table"] = Markdown.table(columns, l.rows.map { LetterSet.Line(item: item, row: $0) }, extra: [total])
            }
            c["signatureTable"] = Markdown.table(LetterSet.SignatureColumn.all, item.signatures)
        }
        if kind == .html {
            if !l.rows.isEmpty { c["table"] = HTMLExport.rowsTableHTML(item) }
            c["signatureTable"] = HTMLExport.signatureTableHTML(item)
        }
        if !l.pending.isEmpty {
            c["pending"] = e(t("export.letter.pending", ["list": l.pending.map { "X\($0.id) \($0.kpi) (G\($0.goal))" }.joined(separator: Punct.list)]))
        }
        for line in item.signatures {
            var m: [String: Any] = ["role": e(Signatures.roleName(line.role)), "recorded": e(line.recorded ?? dash),
                                    "verdict": e(line.verdict)]
            if let sig = line.signature {
                m["signed"] = true
                m["name"] = e(sig.name)
                m["signer"] = e(line.signer ?? sig.name)
                m["time"] = e(Time.short(sig.time))
                m["date"] = e(LocalTime.day(sig.time))
                m["digest"] = e(sig.digest)
                if line.valid { m["valid"] = true }
            }
            c[line.role == .head ? "headSignature" : "supervisorSignature"] = m
        }
        if item.signatures.contains(where: { !$0.valid }) { c["signHere"] = e(t("export.letter.sign-here")) }
        if item.earlier > 0 { c["earlier"] = e(Export.earlierNote(item.earlier)) }
        return c
    }

    // MARK: errors

    static func reason(_ error: Error) -> String {
        guard let e = error as? MustacheTemplate.Error else { return "\(error)" }
        switch e {
        case .sectionCloseNameIncorrect: return t("export.template.why.close")
        case .unfinishedName: return t("export.template.why.unfinished")
        case .expectedSectionEnd: return t("export.template.why.open")
        default: return t("export.template.why.syntax", ["what": "\(e)"])
        }
    }
}
