import AccordCore
import AccordREPL
import AccordStore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `accord rollup A.json B.json …`: several units' sessions side by side. Each file is
/// verified first, as `accord verify` does (hash chain, seals, stored state against the fold,
/// every signature against its letter); a file that fails is named on stderr and in the
/// output and left out of every figure. Files are read, never locked or written.
struct RollupSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup",
        abstract: "Show several units' sessions side by side (each verified first).",
        discussion: """
        Departments and their letters per unit, the shared goals and how many units adopted \
        each metric, and each unit's contribution weight per AARRR stage. A file that fails \
        verification (as accord verify checks it) or cannot be read is named and left out. \
        Exit code 0 when every file was counted, 1 when one was left out, 64 bad usage, 74 when \
        --out cannot be written.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, md, html, json
    }

    @Argument(help: "The units' session files.", completion: .file(extensions: ["json"]))
    var files: [String] = []

    @Option(help: "text, md, html or json.")
    var format: Format = .text

    @Option(help: "Write to this file instead of standard output.", completion: .file())
    var out: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError(t("rollup.usage.none")) }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        // read and verify everything first, every file at once (each on its own, so the
        // order of the results is the order of the files); the reasons are put into words
        // once the language is known (the first counted unit's, unless --lang or ACCORD_LANG say)
        let results = Results(count: files.count)
        let files = files
        DispatchQueue.concurrentPerform(iterations: files.count) { i in results.set(i, Self.check(files[i])) }
        let outcomes = zip(files, results.all).map { (file: $0, outcome: $1) }
        var inputs: [Rollup.Input] = []
        for case let (_, .counted(input)) in outcomes { inputs.append(input) }
        if let first = inputs.first { speak(first.state) }
        var left: [Rollup.Excluded] = []
        for (file, outcome) in outcomes {
            let reasons: [String]
            switch outcome {
            case .counted: continue
            // checked again in the language now spoken: a failed file's problems in its words
            case let .failed(image): reasons = Rollup.problems(Verifier.check(image).report)
            case let .unreadable(m): reasons = [m.rendered()]
            case let .notSession(e): reasons = [Message("rollup.not-session", ["why": "\(e)"]).rendered()]
            }
            left.append(.init(label: FileIO.baseName(of: file), reasons: reasons))
            printError(t("rollup.excluded", ["file": file, "why": reasons.joined(separator: t("list.separator"))]))
        }
        let rollup = Rollup.build(inputs, excluded: left)
        let data: Data
        switch format {
        case .json: data = try RollupText.json(rollup)
        case .md: data = Data(RollupText.markdown(rollup).utf8)
        case .html: data = Data(RollupText.html(rollup).utf8)
        case .text:
            let width = out == nil ? TerminalWidth.current() : TerminalWidth.fallback
            data = Data((screen(RollupText.render(rollup, width: width), colour: out == nil && ANSI.wantsColour) + "\n").utf8)
        }
        try deliver(data, to: out)
        if !left.isEmpty { throw ExitCode(Exit.commandFailed) }
    }

    /// What became of one file: counted, failed verification (kept to be put into words),
    /// unreadable, or not a session file.
    enum Outcome: Sendable {
        case counted(Rollup.Input), failed(SessionFile.Image), unreadable(Message), notSession(SessionFile.LoadError)
    }

    /// Reads and verifies one file, as `accord verify` does.
    static func check(_ file: String) -> Outcome {
        let data: Data
        do { data = try FileIO.read(file) } catch let e as StoreError {
            return .unreadable(Message("rollup.unreadable", nested: ["why": e.message]))
        } catch {
            return .unreadable(Message("rollup.unreadable", ["why": "\(error)"]))
        }
        let image: SessionFile.Image
        do { image = try SessionFile.parse(data) } catch let e as SessionFile.LoadError {
            return .notSession(e)
        } catch {
            return .unreadable(Message("rollup.not-session", ["why": "\(error)"]))
        }
        let (report, state) = Verifier.check(image)
        return report.holds ? .counted(.init(label: FileIO.baseName(of: file), state: state, events: report.events, letters: report.letters))
                            : .failed(image)
    }

    /// The outcomes of files checked at once, each written by its own iteration under a lock.
    final class Results: @unchecked Sendable {
        private var slots: [Outcome?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ o: Outcome) { lock.lock(); slots[i] = o; lock.unlock() }
        var all: [Outcome] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
    }
}
