import AccordCore
import AccordREPL
import AccordStore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `accord review FILE [--period P] [--format text|json]`: a session's review (scores and
/// grades per department, goal and stage) without opening the REPL. Reads the session
/// without locking or writing it.
struct ReviewSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Show a session's review of a period: scores and grades (text or JSON).",
        discussion: """
        The session does not change. The period defaults to the year of the latest actual. \
        JSON follows schema/export-review.schema.json (the same document as `export review --format json`).
        """
    )

    @Argument(help: "The session file.", completion: .file(extensions: ["json"]))
    var file: String

    @Option(help: "A month, quarter, half or year: 2027-05, 2027-Q2, 2027-H1, 2027 (also 2027年第2季).")
    var period: String?

    @Option(help: "text or json.")
    var format: String = "text"

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let f = format.lowercased()
        guard f == "text" || f == "json" else { throw ValidationError(t("review.cli.json-only-text")) }
        let store = try openReadOnly(file)
        let p: YearPeriod
        do { p = try ReviewExport.period(period, store.state) } catch let e as CommandError {
            throw ValidationError(e.message.rendered())
        }
        if f == "json" {
            let info = ExportRequest.info(file: FileIO.baseName(of: file), log: store)
            FileHandle.standardOutput.write(try ReviewExport.make(.json, store.state, period: p, info: info).data)
            return
        }
        let width = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
        print(screen(YearText.review(YearReview(store.state, period: p), store.state, width: width), colour: ANSI.wantsColour))
    }
}
