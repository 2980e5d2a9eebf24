import AccordCore
import AccordREPL
import AccordStore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `accord review FILE [--period P] [--format text|md|csv|html|json] [--out PATH]`: a
/// session's review (scores and grades per department, goal and stage) without opening the
/// REPL: the screen's text, or the REPL's `export review` file. Reads the session without
/// locking or writing it; writes PATH atomically, or standard output.
struct ReviewSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Show or export a session's review of a period: scores and grades (text, Markdown, CSV, HTML, JSON).",
        discussion: """
        The session does not change. The period defaults to the year of the latest actual. \
        md, csv, html and json are the REPL's `export review` files; JSON follows \
        schema/export-review.schema.json.
        """
    )

    @Argument(help: "The session file.", completion: .file(extensions: ["json"]))
    var file: String

    @Option(help: "A month, quarter, half or year: 2027-05, 2027-Q2, 2027-H1, 2027 (also 2027年第2季).")
    var period: String?

    @Option(help: "text (as on the screen), md, csv, html or json.")
    var format: String = "text"

    @Option(help: "Write to this file (atomically) instead of standard output.", completion: .file())
    var out: String?

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let f = format.lowercased()
        let fileFormat = f == "text" ? nil : Export.Format(parsing: f)
        guard f == "text" || fileFormat != nil else { throw ValidationError(t("review.cli.bad-format", ["format": format])) }
        if let out, out.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(t("error.flag-needs-value", ["flag": "--out", "value": "PATH"]))
        }
        let store = try openReadOnly(file)
        let p: YearPeriod
        do { p = try ReviewExport.period(period, store.state) } catch let e as CommandError {
            throw ValidationError(e.message.rendered())
        }
        let data: Data
        var summary: String?
        if let fileFormat {
            let info = ExportRequest.info(file: FileIO.baseName(of: file), log: store)
            let result = try ReviewExport.make(fileFormat, store.state, period: p, info: info)
            data = result.data
            summary = ReviewExport.summary(result, format: fileFormat, period: p)
        } else {
            let width = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
            let text = YearText.review(YearReview(store.state, period: p), store.state, width: width)
            data = Data((screen(text, colour: out == nil && ANSI.wantsColour) + "\n").utf8)
        }
        try deliver(data, to: out)
        guard let out else { return }
        let wrote = t("export.cli.wrote", ["path": out, "bytes": "\(data.count)"])
        print(screen(summary.map { $0 + "\n" + wrote } ?? wrote, colour: ANSI.wantsColour))
    }
}
