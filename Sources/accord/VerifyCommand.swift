import AccordCore
import AccordREPL
import AccordStore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `accord verify FILE`: every signature against its letter's current content, the hash
/// chain of the event log and the head, and the stored state against the fold of the log.
/// Reads the file without locking or writing it (it may be open in a REPL; events still
/// only in its journal are checked too).
struct VerifySubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a session's signatures and the integrity of its event log.",
        discussion: """
        Names each void signature and the first broken link of the log. Exit code 0 when \
        everything holds; 1 when a signature is void, the log or the stored state was changed \
        (or, with --require-signed, a letter is not signed by head and supervisor); 65 when the \
        file is not a readable session file; 74 when it cannot be read at all.
        """
    )

    @Argument(help: "The session file.", completion: .file(extensions: ["json"]))
    var file: String

    @Flag(help: "Also fail (exit 1) unless every letter is signed by its head and supervisor.")
    var requireSigned = false

    func run() throws {
        guard FileIO.exists(file) else {
            printError("\(file): no such session file")
            throw ExitCode(Exit.io)
        }
        let data: Data
        do { data = try FileIO.read(file) } catch let e as StoreError {
            printError(e.message.rendered())
            throw ExitCode(Exit.io)
        }
        var report: VerifyReport
        var state: State
        do { (report, state) = try Verifier.check(file: data) } catch let e as SessionFile.LoadError {
            printError("\(file): \(e)")
            throw ExitCode(Exit.dataError)
        }
        speak(state)
        var notes: [String] = []
        if report.integrity.isEmpty, report.fold.isEmpty, FileIO.exists(file + ".journal") {
            do {
                let store = try SessionStore(path: file, readOnly: true)
                if store.count > report.events {
                    notes.append(t("verify.cli.journal", ["file": file]))
                    state = store.state
                    report = Verifier.report(store.state, events: store.count, integrity: store.integrityProblems(),
                                             fold: ReplayVerify.foldProblems(try store.lines(), stored: store.state))
                }
            } catch let e as StoreError {
                report.integrity.append(t("verify.cli.journal-bad", ["file": file, "why": e.message.rendered()]))
            }
        }
        let colour = ANSI.wantsColour
        var text = Paint.strong(t("verify.cli.header", ["file": file, "n": "\(report.events)"])) + "\n"
        for n in notes { text += n + "\n" }
        text += report.text(state)
        print(screen(text, colour: colour))
        let unsigned = report.letters.contains { $0.status != .signed }
        if !report.holds || (requireSigned && unsigned) { throw ExitCode(Exit.commandFailed) }
    }
}
