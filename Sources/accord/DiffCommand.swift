import AccordCore
import AccordREPL
import AccordStore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `accord diff A.json B.json` and `accord diff FILE --at N --at M`: what was added, removed
/// or changed between two sessions (two years, two units) or two points of one log.
/// Entities are matched by what they are, not by id (docs/decisions/session-diff-matching.md).
/// Each file is opened read-only (never locked, never written).
struct DiffSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two sessions, or between two points of one session.",
        discussion: """
        Departments, heads and supervisors, KPIs, goals (revisions, adoption), contributions \
        (targets, weights, sources, cycles) and signatures that were added, removed or changed. \
        Across sessions things are matched by what they are: a department by its name, a KPI \
        by its department and metric, a goal by its metric, a contribution by its department, \
        goal, stage and metric (docs/decisions/session-diff-matching.md). With --at, the two \
        points of one file are matched by id first. Exit code 0 when the two are the same, 1 \
        when they differ (as diff does), 64 bad usage, 65 a file is not a readable session, 74 \
        a file cannot be read.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, md, json
    }

    @Argument(help: "Two session files (A B), or one with two --at points.", completion: .file(extensions: ["json"]))
    var files: [String] = []

    @Option(help: "With one file: compare the state after event N with the state after event M (give it twice).")
    var at: [Int] = []

    @Option(help: "text, md or json.")
    var format: Format = .text

    func validate() throws {
        guard (files.count == 2 && at.isEmpty) || (files.count == 1 && at.count == 2) else {
            throw ValidationError(t("diff.usage.inputs"))
        }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let diff: SessionDiff
        if files.count == 2 {
            // both files read at once (each on its own core); what each says, in the files' order
            let opened = Opened()
            let paths = files
            DispatchQueue.concurrentPerform(iterations: 2) { i in opened.set(i, Self.read(paths[i])) }
            let (x, nx) = try open(files[0], opened.get(0)), (y, ny) = try open(files[1], opened.get(1))
            speak(x.state)
            diff = SessionDiff.compare(x.state, y.state, a: side(files[0], x.state, nx), b: side(files[1], y.state, ny))
        } else {
            let (store, _) = try open(files[0])
            speak(store.state)
            for n in at where n < 0 || n > store.count {
                printError(t("diff.at-range", ["file": files[0], "n": "\(store.count)", "value": "\(n)"]))
                throw ExitCode(Exit.usage)
            }
            let states: [State]
            do {
                let events = try ReplayLog.decode(try store.lines(), upTo: at.max()!)
                states = try at.map { try ReplayView.state(after: $0, of: events) }
            } catch {
                printError(Message("replay.damaged", ["file": files[0]], nested: ["why": .of(error)]).rendered())
                throw ExitCode(Exit.dataError)
            }
            let name = FileIO.baseName(of: files[0])
            diff = SessionDiff.compare(states[0], states[1],
                                       a: .init(label: "\(name)@\(at[0])", title: states[0].meta.title, period: states[0].meta.period, events: at[0]),
                                       b: .init(label: "\(name)@\(at[1])", title: states[1].meta.title, period: states[1].meta.period, events: at[1]),
                                       options: .init(sameSession: true))
        }
        switch format {
        case .json: FileHandle.standardOutput.write(try SessionDiffText.json(diff))
        case .md: FileHandle.standardOutput.write(Data(SessionDiffText.markdown(diff).utf8))
        case .text:
            let text = SessionDiffText.render(diff, width: TerminalWidth.current())
            FileHandle.standardOutput.write(Data((screen(text, colour: ANSI.wantsColour) + "\n").utf8))
        }
        if !diff.same { throw ExitCode(Exit.commandFailed) }
    }

    func side(_ file: String, _ s: State, _ events: Int) -> SessionDiff.Side {
        .init(label: FileIO.baseName(of: file), title: s.meta.title, period: s.meta.period, events: events)
    }

    /// The session, read-only (events still in its journal included), and its event count.
    func open(_ file: String) throws -> (SessionStore, Int) { try open(file, Self.read(file)) }

    /// What reading a file gave, said on stderr (its recovery notes, or why it cannot be read).
    func open(_ file: String, _ read: Read) throws -> (SessionStore, Int) {
        switch read {
        case .missing:
            printError(t("diff.no-file", ["file": file]))
            throw ExitCode(Exit.io)
        case let .failed(e):
            printError(e.message.rendered())
            throw ExitCode(Exit.code(for: e))
        case let .opened(store):
            for note in store.recoveryNotes { printError(note) }
            return (store, store.count)
        }
    }

    enum Read: @unchecked Sendable { case missing, failed(StoreError), opened(SessionStore) }

    /// Opens a file read-only, saying nothing yet.
    static func read(_ file: String) -> Read {
        guard FileIO.exists(file) else { return .missing }
        do { return .opened(try SessionStore(path: file, readOnly: true)) } catch let e as StoreError {
            return .failed(e)
        } catch {
            return .failed(StoreError(.unreadable, "store.load-failed", ["path": file, "why": "\(error)"]))
        }
    }

    /// Two reads done at once, each written by its own iteration under a lock.
    final class Opened: @unchecked Sendable {
        private var slots: [Read?] = [nil, nil]
        private let lock = NSLock()
        func set(_ i: Int, _ r: Read) { lock.lock(); slots[i] = r; lock.unlock() }
        func get(_ i: Int) -> Read { lock.lock(); defer { lock.unlock() }; return slots[i]! }
    }
}
