import Foundation

/// `export sheet|letters --format md|csv|html|json [--out PATH]`: the signed target sheet or
/// the letters, on the screen or into a file. Never changes the session (no event): writing
/// the file is an effect the front end carries out, atomically.
enum ExportCommands {
    static var all: [CommandSpec] { [export] }

    static let export = CommandSpec(
        "export", usage: "export sheet|letters --format md|csv|html|json [--out PATH] [--template FILE] [--split DIR]",
        example: "export letters --split letters/ --template our-letter.mustache",
        flags: [FlagSpec("format", "md|csv|html|json"), FlagSpec("out", "PATH"), FlagSpec("template", "FILE"), FlagSpec("split", "DIR")],
        args: 1...1, step: .sign
    ) { inv, d, ctx in
        let request = try ExportRequest(what: inv.args[0], format: inv.flag("format"), template: inv.flag("template"),
                                        split: inv.flag("split"), out: inv.flag("out"))
        let template = try request.template.map { try LetterTemplate.load($0, kind: request.templateKind, read: ctx.readFile) }
        let info = ExportRequest.info(file: ctx.fileName, log: ctx.log)
        if let dir = request.split {
            let files = try Export.split(request.format, d.state, info: info, template: template)
            return Outcome(request.splitSummary(files.map(\.result), dir: dir),
                           effects: files.map { .write(path: ExportRequest.path(dir, $0.file), data: $0.result.data) })
        }
        let result = try Export.make(request.what, request.format, d.state, info: info, template: template)
        guard let out = inv.flag("out") else { return Outcome(ExportRequest.screenText(result.data)) }
        return Outcome(request.summary(result), effects: [.write(path: out, data: result.data)])
    }
}

/// What `export` (in the REPL) and `accord export FILE` share: reading the arguments, the
/// export's provenance, and the line that says what was written.
public struct ExportRequest: Equatable, Sendable {
    public var what: Export.What
    public var format: Export.Format
    /// `--template FILE`: the letters' wording (Markdown or HTML letters).
    public var template: String?
    /// `--split DIR`: one file per department (letters only).
    public var split: String?

    /// `sheet`/`letters` and `md|csv|html|json` (md when no format is given); `--template`
    /// only for Markdown and HTML letters, `--split` only for letters and not with `--out`.
    public init(what: String, format: String?, template: String? = nil, split: String? = nil, out: String? = nil) throws {
        for (flag, value, name) in [("--out", out, "PATH"), ("--template", template, "FILE"), ("--split", split, "DIR")] {
            if let value, value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw CommandError("error.flag-needs-value", ["flag": flag, "value": name])
            }
        }
        guard let w = Export.What(rawValue: what.lowercased()) else {
            let nearest = Nearest.match(what, in: Export.What.allCases.map(\.rawValue))
            throw CommandError(.suggesting("export.bad-what", ["what": what], nearest: nearest))
        }
        let f: Export.Format
        if let format {
            guard let parsed = Export.Format(parsing: format) else {
                throw CommandError("export.bad-format", ["format": format])
            }
            f = parsed
        } else {
            f = .md
        }
        if template != nil, w != .letters || (f != .md && f != .html) {
            throw CommandError("export.template.only-letters", ["what": w.rawValue, "format": f.rawValue])
        }
        if split != nil, w != .letters { throw CommandError("export.split.only-letters", ["what": w.rawValue]) }
        if split != nil, out != nil { throw CommandError("export.split.not-with-out") }
        self.what = w
        self.format = f
        self.template = template
        self.split = split
    }

    /// `DIR/NAME`, with one slash between.
    public static func path(_ dir: String, _ name: String) -> String {
        dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    /// `Letters (md): 4 files in letters/, 8 rows, 4 letters: 4 signed, …`
    /// What the template words: HTML letters or Markdown ones.
    public var templateKind: LetterTemplate.Kind { format == .html ? .html : .markdown }

    public func splitSummary(_ results: [Export.Result], dir: String) -> String {
        let all = Export.Result(data: Data(), rows: results.reduce(0) { $0 + $1.rows }, letters: results.flatMap(\.letters))
        return t("export.split.written", ["n": "\(results.count)", "dir": dir, "format": format.rawValue]) + "\n" + summary(all)
    }

    /// Where the export comes from: the file's name, the number of events, the last one's time.
    public static func info(file: String, log: EventLog) -> ExportInfo {
        let n = log.count
        return ExportInfo(file: file, events: n, lastTime: n > 0 ? (try? log.event(n))?.time : nil, sealKey: log.sealKey)
    }

    /// The export as text for the screen: without the CSV's byte-order mark or a final newline.
    public static func screenText(_ data: Data) -> String {
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix(CSV.bom) { text.removeFirst() }
        while text.hasSuffix("\n") || text.hasSuffix("\r\n") { text.removeLast() }
        return text
    }

    /// `Target sheet (html): 8 rows, 4 letters: 4 signed, …`, and a note when not every
    /// letter is signed.
    public func summary(_ result: Export.Result) -> String {
        var text = t("export.written", ["what": t("export.what." + what.rawValue), "format": format.rawValue, "rows": "\(result.rows)",
                                        "letters": TargetSheet.summary(result.letters.map(\.status))])
        let open = result.letters.filter { $0.status != .signed }
        if !open.isEmpty {
            let who = open.map { "\($0.department) \(Export.statusWord($0.status))" }
            text += "\n" + Paint.warn(t("export.unsigned-note", ["who": Narrator.list(who)]))
        }
        return text
    }
}
