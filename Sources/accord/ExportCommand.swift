import AccordCore
import AccordREPL
import AccordStore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `accord export FILE --what sheet|letters --format md|csv|html|json [--out PATH]`: the same
/// export as the REPL's `export`, without opening the REPL. Reads the session without
/// locking or writing it; writes PATH atomically, or standard output.
struct ExportSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a session's signed target sheet or its letters (Markdown, CSV, HTML, JSON).",
        discussion: """
        The session does not change. CSV is UTF-8 with a byte-order mark and RFC 4180 quoting; \
        cells that would start a spreadsheet formula are prefixed with '. HTML is one \
        self-contained, printable page. JSON follows schema/export-sheet.schema.json and \
        schema/export-letters.schema.json.
        """
    )

    @Argument(help: "The session file.", completion: .file(extensions: ["json"]))
    var file: String

    @Option(help: "sheet (the target sheet) or letters (one responsibility letter per department).")
    var what: String = "sheet"

    @Option(help: "md, csv, html or json.")
    var format: String = "md"

    @Option(help: "Write to this file (atomically) instead of standard output.", completion: .file())
    var out: String?

    @Option(help: "Word the Markdown or HTML letters with this Mustache template instead of the built-in one (the signed content does not change).",
            completion: .file())
    var template: String?

    @Option(help: "Write one file per department into this directory (letters only), e.g. for HR's files.",
            completion: .directory)
    var split: String?

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let request: ExportRequest
        do { request = try ExportRequest(what: what, format: format, template: template, split: split, out: out) } catch let e as CommandError {
            throw ValidationError(e.message.rendered())
        }
        let store = try openReadOnly(file)
        let info = ExportRequest.info(file: FileIO.baseName(of: file), log: store)
        var letterTemplate: LetterTemplate?
        do {
            letterTemplate = try request.template.map {
                try LetterTemplate.load($0, kind: request.templateKind) { try FileIO.read($0, regularOnly: false, limit: 1 << 20) }
            }
        } catch let e as CommandError {
            printError(e.message.rendered())
            throw ExitCode(Exit.usage)
        }
        let colour = ANSI.wantsColour
        if let dir = request.split {
            let files = try Export.split(request.format, store.state, info: info, template: letterTemplate)
            var lines = [request.splitSummary(files.map(\.result), dir: dir)]
            for f in files {
                let path = ExportRequest.path(dir, f.file)
                try writeAtomically(f.result.data, to: path)
                lines.append(t("export.cli.wrote", ["path": path, "bytes": "\(f.result.data.count)"]))
            }
            print(screen(lines.joined(separator: "\n"), colour: colour))
            return
        }
        let result = try Export.make(request.what, request.format, store.state, info: info, template: letterTemplate)
        let data = result.data
        try deliver(data, to: out)
        guard let out else { return }
        let text = request.summary(result) + "\n" + t("export.cli.wrote", ["path": out, "bytes": "\(data.count)"])
        print(screen(text, colour: colour))
    }
}
