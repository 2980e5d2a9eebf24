import AccordCore
import AccordREPL
import AccordStore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `accord audit FILE [--format text|json]`: the conflict report of a session, without
/// opening the REPL. Reads the session without locking or writing it: the checks run on
/// the saved KPIs and are joined with the saved register (new findings are marked new,
/// with the ids the next `audit` in the REPL will give them).
struct AuditSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print a session's conflict report without opening the REPL.",
        discussion: "Exit code 0, or 1 with --strict when a high-severity conflict is open."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The session file.", completion: .file(extensions: ["json"]))
    var file: String

    @Option(help: "text (as the REPL shows it) or json (for other tools).")
    var format: Format = .text

    @Flag(help: "Exit with 1 when a high-severity conflict is open.")
    var strict = false

    func run() throws {
        guard FileIO.exists(file) else {
            printError("\(file): no such session file")
            throw ExitCode(Exit.io)
        }
        let store: SessionStore
        do { store = try SessionStore(path: file, readOnly: true) } catch let e as StoreError {
            printError(e.message.rendered())
            throw ExitCode(Exit.code(for: e))
        }
        speak(store.state)
        let report = AuditReport.preview(store.state)
        switch format {
        case .json:
            let data = try report.json()
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        case .text:
            let colour = ANSI.wantsColour
            let text = report.text()
            print(screen(text, colour: colour))
        }
        if strict && report.conflicts.contains(where: { $0.severity == .high && $0.status == .open }) {
            throw ExitCode(Exit.commandFailed)
        }
    }
}
