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
        Names each void signature, the first broken link of the log, and who sealed what \
        (docs/seal.md). Without --key it checks integrity, not authorship: a file without \
        seals (written before seals) is reported as unsealed and still passes when its log \
        holds. With --key or --trusted-keys the file must be sealed, as it is now, by one of \
        those keys. Exit code 0 when everything holds; 1 when a signature is void, the log, \
        the stored state or a seal was changed, the file is not sealed by a trusted key (or, \
        with --require-signed, a letter is not signed by head and supervisor, or, with \
        --lineage OLD, OLD is not as it was when this session was carried from it); 65 when the \
        file is not a readable session file; 74 when it cannot be read at all.
        """
    )

    @Argument(help: "The session file.", completion: .file(extensions: ["json"]))
    var file: String

    @Flag(help: "Also fail (exit 1) unless every letter is signed by its head and supervisor.")
    var requireSigned = false

    @Option(name: .customLong("key"), help: "The fingerprint of the key that must have sealed the file (as printed on the letters; repeatable).")
    var keys: [String] = []

    @Option(help: "A file of trusted key fingerprints, one a line (# comments).", completion: .file())
    var trustedKeys: String?

    @Option(help: "The session this one was carried from (`accord carry`): check that it is, as it is now, the file carried.",
            completion: .file(extensions: ["json"]))
    var lineage: String?

    /// The fingerprints the seals must be by; nil when none were given.
    func trusted() throws -> Set<String>? {
        var out = Set<String>()
        for k in keys {
            guard let id = Fingerprint.parse(k) else { throw ValidationError(t("verify.bad-key-arg", ["value": k])) }
            out.insert(id)
        }
        if let trustedKeys {
            let data: Data
            do { data = try FileIO.read(trustedKeys, limit: 1 << 20) } catch let e as StoreError {
                printError(e.message.rendered())
                throw ExitCode(Exit.io)
            }
            var any = false
            for (i, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                if line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
                guard let id = Fingerprint.parse(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                    printError(t("verify.bad-trusted-file", ["path": trustedKeys, "line": "\(i + 1)"]))
                    throw ExitCode(Exit.dataError)
                }
                out.insert(id)
                any = true
            }
            if !any {
                printError(t("verify.trusted-empty", ["path": trustedKeys]))
                throw ExitCode(Exit.dataError)
            }
        }
        return keys.isEmpty && trustedKeys == nil ? nil : out
    }

    func run() throws {
        let trusted = try trusted()
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
        let image: SessionFile.Image
        do { image = try SessionFile.parse(data) } catch let e as SessionFile.LoadError {
            printError("\(file): \(e)")
            throw ExitCode(Exit.dataError)
        }
        // the language first: the problems found are put into the session's words
        speak(image.state)
        (report, state) = Verifier.check(image, trusted: trusted)
        var notes: [String] = []
        if report.integrity.isEmpty, report.fold.isEmpty, FileIO.exists(file + ".journal") {
            do {
                let store = try SessionStore(path: file, readOnly: true)
                if store.count > report.events {
                    notes.append(t("verify.cli.journal", ["file": file]))
                    state = store.state
                    let file = report
                    report = Verifier.report(store.state, events: store.count, integrity: store.integrityProblems(),
                                             fold: ReplayVerify.foldProblems(try store.lines(), stored: store.state))
                    report.seals = file.seals
                    report.version = file.version
                    report.trusted = file.trusted
                }
            } catch let e as StoreError {
                report.integrity.append(t("verify.cli.journal-bad", ["file": file, "why": e.message.rendered()]))
            }
        }
        let colour = ANSI.wantsColour
        var text = Paint.strong(t("verify.cli.header", ["file": file, "n": "\(report.events)"])) + "\n"
        for n in notes { text += n + "\n" }
        text += report.text(state)
        // where the session came from (`accord carry`), and with --lineage whether OLD still is that file
        var lineageHolds = true
        let recorded = CarryText.lineageLines(state)
        if !recorded.isEmpty || lineage != nil {
            text += "\n" + Paint.strong(t("carry.lineage.title"))
            for line in recorded { text += "\n  " + line }
            if let lineage {
                let checked = try LineageVerify.check(state, old: lineage)
                for line in checked.lines { text += "\n  " + line }
                lineageHolds = checked.holds
                if !lineageHolds { text += "\n" + Paint.bad(t("carry.lineage.fails")) }
            }
        }
        print(screen(text, colour: colour))
        let unsigned = report.letters.contains { $0.status != .signed }
        if !report.holds || !lineageHolds || (requireSigned && unsigned) { throw ExitCode(Exit.commandFailed) }
    }
}
