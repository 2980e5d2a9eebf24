import AccordCore
import AccordREPL
import AccordStore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ReplayView.Show: ExpressibleByArgument {}

/// `accord replay FILE`: the session's timeline, the state after any event, a step-by-step
/// walk, or `--verify`. Reads the file without locking or writing it (and so never changes
/// it); events still only in the journal are part of the timeline.
struct ReplaySubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a session: its timeline, the state after any event, step by step; --verify re-folds the log.",
        discussion: """
        Without options: one line per event (number, time, step, the command as typed, what it \
        changed), filtered with --step, --dept and --goal. --at N shows the state after event N \
        (the status view, plus --show grid|goals|conflicts|letters). --step-through walks the \
        events (Enter: next, b: back, q: quit). --verify re-folds every event from the empty \
        session and compares the result with the stored state, and checks the hash chain: exit \
        code 0 when they match, 1 when not, 65 when the file is not a readable session.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The session file.", completion: .file(extensions: ["json"]))
    var file: String

    @Option(help: "Show the state after event N (0: the empty session).")
    var at: Int?

    @Option(help: "With --at: also show grid, goals, conflicts or letters (repeatable).")
    var show: [ReplayView.Show] = []

    @Option(help: "Only events made at this step (setup, audit, goals, map, sign, track, review).")
    var step: String?

    @Option(help: "Only events that touch this department (any name it has had).")
    var dept: String?

    @Option(help: "Only events that touch this goal (G1).")
    var goal: String?

    @Flag(help: "Walk the events one at a time: Enter next, b back, q quit.")
    var stepThrough = false

    @Flag(help: "Re-fold every event and compare with the stored state; check the hash chain.")
    var verify = false

    @Flag(help: "Do not shorten long commands in the timeline.")
    var full = false

    @Option(help: "text, or json (the timeline's entries, or with --at the state).")
    var format: Format = .text

    func validate() throws {
        let filtered = step != nil || dept != nil || goal != nil
        if verify && (at != nil || stepThrough || filtered || !show.isEmpty) { throw ValidationError(t("replay.verify-with")) }
        if at != nil && (stepThrough || filtered) { throw ValidationError(t("replay.at-with")) }
        if at == nil && !show.isEmpty { throw ValidationError(t("replay.show-needs-at")) }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        guard FileIO.exists(file) else {
            printError(t("replay.no-file", ["file": file]))
            throw ExitCode(Exit.io)
        }
        if verify { return try runVerify() }
        let store = try openReadOnly(file)
        if let at { return try runAt(at, store) }
        let events: [Event]
        do { events = try ReplayLog.decode(try store.lines()) } catch {
            printError(Message("replay.damaged", ["file": file], nested: ["why": .of(error)]).rendered())
            throw ExitCode(Exit.dataError)
        }
        let timeline = Timeline(events)
        let filter = try makeFilter(timeline)
        let entries = timeline.entries.filter(filter.keeps)
        if stepThrough {
            try walk(entries)
        } else if format == .json {
            FileHandle.standardOutput.write(try TimelineText.json(entries, timeline: timeline) + Data("\n".utf8))
        } else {
            var text = TimelineText.header(file: FileIO.baseName(of: file), timeline: timeline,
                                           shown: entries.count, filter: filter)
            if timeline.entries.isEmpty {
                text += "\n" + t("replay.empty")
            } else if entries.isEmpty {
                text += "\n" + t("replay.none")
            } else {
                text += "\n" + TimelineText.render(entries, full: full)
                // how long each step and each goal's discussion took, as `status` says it
                let timing = filter.isEmpty ? Pace(events).lines(current: timeline.state.meta.step, in: timeline.state) : []
                if !timing.isEmpty { text += "\n\n" + timing.joined(separator: "\n") }
            }
            out(text)
        }
        if let problem = timeline.problem {
            printError(t("replay.damaged", ["file": file, "why": problem]))
            throw ExitCode(Exit.dataError)
        }
    }

    // MARK: modes

    func runVerify() throws {
        let data: Data
        do { data = try FileIO.read(file) } catch let e as StoreError {
            printError(e.message.rendered())
            throw ExitCode(Exit.io)
        }
        let check: ReplayVerification
        do { check = try ReplayVerify.run(file: data) } catch let e as SessionFile.LoadError {
            printError("\(file): \(e)")
            throw ExitCode(Exit.dataError)
        }
        var text = Paint.strong(t("replay.verify.head", ["file": file, "n": "\(check.events)"])) + "\n" + check.text(file: file)
        if let pending = journalEvents() { text += "\n" + Paint.warn(t("replay.journal-note", ["file": file, "n": "\(pending)"])) }
        out(text)
        if !check.holds { throw ExitCode(Exit.commandFailed) }
    }

    func runAt(_ n: Int, _ store: SessionStore) throws {
        guard n >= 0, n <= store.count else {
            throw usage(t("replay.at-range", ["n": "\(store.count)", "value": "\(n)"]))
        }
        let events: [Event]
        let state: State
        do {
            events = try ReplayLog.decode(try store.lines(), upTo: n)
            state = try ReplayView.state(after: n, of: events)
        } catch {
            printError(Message("replay.damaged", ["file": file], nested: ["why": .of(error)]).rendered())
            throw ExitCode(Exit.dataError)
        }
        if format == .json {
            var data = try SessionFile.encodeState(state)
            data.append(0x0a)
            FileHandle.standardOutput.write(data)
            return
        }
        // how long each step and each goal's discussion had taken by event N, as `status` said it then
        let timing = Pace(events).lines(current: state.meta.step, in: state)
        out(ReplayView.render(n: n, total: store.count, event: events.last, state: state, show: show, timing: timing))
    }

    func makeFilter(_ timeline: Timeline) throws -> ReplayFilter {
        var filter = ReplayFilter()
        if let step {
            let s = step.lowercased()
            guard let st = Step(rawValue: s) ?? Step.allCases.first(where: { "\($0.number)" == s }) else {
                throw usage(t("replay.bad-step", ["name": step, "steps": Workflow.list]))
            }
            filter.step = st
        }
        if let dept {
            guard let id = timeline.department(named: dept) else {
                let all = timeline.allDepartmentNames
                throw usage(all.isEmpty ? t("dept.none-yet", ["name": dept])
                                                  : t("replay.unknown-dept", ["name": dept, "all": all.map { Shell.quote($0) }.joined(separator: Punct.list)]))
            }
            filter.dept = id
        }
        if let goal {
            let known = Set(timeline.entries.flatMap(\.narration.goals)).union(timeline.state.goals.byKey.keys)
            guard let n = ReplayFilter.goalNumber(goal), known.contains(n) else {
                throw usage(known.isEmpty ? t("replay.no-goals", ["id": goal])
                                                    : t("replay.unknown-goal", ["id": goal, "all": known.sorted().map { "\(ID(.goal, $0))" }.joined(separator: Punct.list)]))
            }
            filter.goal = n
        }
        return filter
    }

    // MARK: step-through

    func walk(_ entries: [ReplayEntry]) throws {
        var walk = StepThrough(entries)
        out(walk.intro)
        guard !entries.isEmpty else { return }
        let keys: KeySource = (isatty(0) == 1 && isatty(1) == 1) ? RawKeys() : LineKeys()
        defer { keys.close() }
        while true {
            let screen = walk.press(keys.next())
            if !screen.text.isEmpty { out(screen.text) }
            if screen.done { return }
        }
    }

    // MARK: output

    /// Bad usage found while running (a filter that names nothing): said in one line, exit 64.
    func usage(_ message: String) -> ExitCode {
        printError(message)
        return ExitCode(Exit.usage)
    }

    var colour: Bool {
        return ANSI.wantsColour
    }

    func out(_ text: String) {
        FileHandle.standardOutput.write(Data((screen(text, colour: colour) + "\n").utf8))
    }

    /// Events in FILE.journal (not yet folded into FILE), nil when there are none.
    func journalEvents() -> Int? {
        guard let data = try? FileIO.read(file + ".journal"), !data.isEmpty else { return nil }
        let n = SessionFile.splitLines(data).filter { !$0.isEmpty }.count
        return n > 0 ? n : nil
    }
}

/// Where step-through gets its keys.
protocol KeySource {
    func next() -> StepThrough.Key
    func close()
}

/// Lines from standard input (a pipe, a test): an empty line is Enter; `b`, `q`.
final class LineKeys: KeySource {
    func next() -> StepThrough.Key {
        guard let line = readLine(strippingNewline: true) else { return .quit }
        return StepThrough.key(line)
    }
    func close() {}
}

/// Single keys from the terminal, without waiting for Enter: the terminal is put in
/// non-canonical mode without echo (and without signals, so Ctrl-C arrives as a key and
/// quits cleanly) and restored on close. Arrow keys: → ↓ next, ← ↑ back.
final class RawKeys: KeySource {
    private var saved = termios()
    private var active = false

    init() {
        guard tcgetattr(0, &saved) == 0 else { return }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        active = tcsetattr(0, TCSANOW, &raw) == 0
    }

    private func byte(timeoutMs: Int32? = nil) -> UInt8? {
        if let timeoutMs {
            var p = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, timeoutMs) > 0 else { return nil }
        }
        var b: UInt8 = 0
        while true {
            let n = read(0, &b, 1)
            if n == 1 { return b }
            if n < 0 && errno == EINTR { continue }
            return nil
        }
    }

    func next() -> StepThrough.Key {
        guard let b = byte() else { return .quit }
        switch b {
        case 0x0a, 0x0d, 0x20: return .next
        case 0x03, 0x04: return .quit
        case 0x1b:
            guard byte(timeoutMs: 50) == UInt8(ascii: "["), let c = byte(timeoutMs: 50) else { return .quit }
            switch c {
            case UInt8(ascii: "C"), UInt8(ascii: "B"): return .next
            case UInt8(ascii: "D"), UInt8(ascii: "A"): return .back
            default: return .other
            }
        default:
            return StepThrough.key(String(decoding: [b], as: UTF8.self))
        }
    }

    func close() {
        if active { tcsetattr(0, TCSANOW, &saved); active = false }
    }

    deinit { close() }
}
