import AccordCore
import AccordStore
import CEditLine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The columns output is laid out for: $COLUMNS when it is a positive number, else the
/// terminal's width when standard output is one, else 80 (pipes, files, scripts).
public enum TerminalWidth {
    public static let fallback = 80

    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment,
                               isTerminal: Bool = isatty(STDOUT_FILENO) == 1) -> Int {
        if let c = environment["COLUMNS"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), c > 0 {
            return min(c, 1000)
        }
        if isTerminal {
            let c = Int(accord_terminal_columns(STDOUT_FILENO))
            if c > 0 { return c }
        }
        return fallback
    }
}

/// The command loop's one step: run a line against the session, make its event durable,
/// and only then say what happened. Holds no domain logic.
public final class SessionRunner {
    public let store: SessionStore
    public var clock: () -> String
    public var interactive: Bool
    /// The columns to lay output out for, asked before every command (the terminal may be resized).
    public var width: () -> Int = { TerminalWidth.current() }
    /// Nanoseconds each event took to become durable (encode, append, fsync, and any fold),
    /// recorded when `recordTimings` is set (benchmarks).
    public var recordTimings = false
    public private(set) var persistenceTimings: [UInt64] = []

    /// The largest file `kpi import` reads (a sheet of current KPIs is kilobytes; this keeps
    /// `kpi import /dev/zero` from filling the memory).
    public static let importLimit = 64 << 20

    public init(store: SessionStore, clock: @escaping () -> String, interactive: Bool) {
        self.store = store
        self.clock = clock
        self.interactive = interactive
    }

    public enum Result {
        /// Text to print (may hold Paint markers).
        case ok(String)
        /// The command failed; the text says why (first line is the reason).
        case failed(String)
        /// Leave the loop (after printing the text).
        case quit(String)
        /// Clear the screen (at a terminal; nothing elsewhere).
        case clearScreen
        /// Leave the loop, though the journal could not be folded into the file (the text says
        /// why; nothing is lost: the next open recovers the journal).
        case quitFailed(String)
    }

    /// `accord 2027 [2/4 goals]> `
    public var prompt: String {
        let s = store.state
        let name = !s.meta.period.isEmpty ? s.meta.period
            : FileIO.stem(of: store.path)
        var label = s.meta.step.label
        if let box = s.meta.timer, let left = box.left(at: clock()) { label += " · " + Timebox.text(left) }
        return "accord \(name) [\(label)]> "
    }

    var fileName: String { FileIO.baseName(of: store.path) }

    /// `Saved acme.json (49 events).`: said when a person leaves (the path as they gave it).
    public var savedMessage: String { t("loop.saved", ["path": store.path, "n": "\(store.count)"]) }

    func context(confirmed: Bool) -> Context {
        var ctx = Context(now: clock(), interactive: interactive, confirmed: confirmed, fileName: fileName,
                          saved: store.isFolded, log: store, readFile: { path in try FileIO.read(path, regularOnly: false, limit: SessionRunner.importLimit) },
                          readSession: { path in try SessionStore.readWhole(path, limit: SessionRunner.importLimit) },
                          width: width())
        ctx.pace = { [weak self] in self?.currentPace() }
        return ctx
    }

    /// How long the room took, folded from the events once and then from each new one.
    private var pace = Pace()
    /// FILE's events are read back to time the room only up to this size (a meeting's file is
    /// tens of kilobytes; one that imported thousands of KPIs is megabytes): above it `status`
    /// stays as fast as before and says that `accord replay FILE` times the room.
    public static let paceReadLimit = 4 << 20

    /// The pace up to the last event; nil when FILE's events are unread and too large.
    func currentPace() -> Pace? {
        if pace.count > store.count { pace = Pace() }
        guard pace.count < store.count else { return pace }
        if store.unreadBytes > SessionRunner.paceReadLimit { return nil }
        do {
            let lines = try store.lines()
            for e in try ReplayLog.decode(Array(lines[pace.count...])) { pace.add(e) }
        } catch {
            return nil
        }
        return pace
    }

    /// Runs one line. `confirm` is asked when a command needs a yes first.
    /// How the language is chosen (`--lang`/`ACCORD_LANG`, the session's `lang`, the locale).
    public var languageChoice = LanguageChoice(told: nil, locale: .en) {
        didSet { applyLanguage() }
    }

    /// Speaks the language the choice gives for the session as it stands (a `lang` command,
    /// or its undo, changes it).
    public func applyLanguage() { Language.use(languageChoice.effective(session: store.state.meta.lang)) }

    /// Told after every event is durable (the room's pages follow the session).
    public var onChange: (() -> Void)?

    /// Runs `serve …` (the room's server lives outside this target; the front end sets it).
    public var serveHandler: ((ServeRequest) -> Result)?

    /// - Parameter via: who sent the line when it is not the person at the terminal (a vote
    ///   from a participant's device); recorded in the event.
    public func execute(_ line: String, via: Via? = nil, confirm: (String) -> Bool = { _ in true }) -> Result {
        defer { applyLanguage() }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return .ok("") }
        var confirmed = false
        while true {
            let step = store.state.meta.step
            let ctx = context(confirmed: confirmed)
            let outcome: Outcome
            do {
                outcome = try store.withState { state in try Engine.run(trimmed, state: &state, ctx: ctx) }
            } catch let e as MessageError {
                return .failed(e.message.rendered())
            } catch {
                return .failed(Message.of(error).rendered())
            }
            if let q = outcome.question, !confirmed {
                guard confirm(q) else { return .failed(t("confirm.cancelled")) }
                confirmed = true
                continue
            }
            if let change = outcome.change {
                var event = change.event(seq: store.count + 1, prev: store.lastDigest, time: ctx.now, step: step,
                                         command: trimmed)
                event.via = via
                do {
                    let start = DispatchTime.now().uptimeNanoseconds
                    try store.didApply(event)
                    if recordTimings { persistenceTimings.append(DispatchTime.now().uptimeNanoseconds - start) }
                    onChange?()
                } catch {
                    do {
                        try store.withState { state in try state.takeBack(change.ops) }
                    } catch let undo {
                        return .failed(Message("store.not-recorded-not-undone",
                                               nested: ["why": .of(error), "undo": .of(undo)]).rendered())
                    }
                    return .failed(Message("store.not-recorded", nested: ["why": .of(error)]).rendered())
                }
            }
            var text = outcome.output
            for effect in outcome.effects {
                do {
                    switch effect {
                    case .quit:
                        do { try store.close() } catch {
                            // nothing is lost: the journal keeps every event; the next open folds it
                            return .quitFailed(Message("loop.close-failed", nested: ["why": .of(error)]).rendered())
                        }
                        return .quit(text + (text.isEmpty ? "" : "\n") + savedMessage)
                    case .clearScreen:
                        return .clearScreen
                    case let .serve(request):
                        guard let serveHandler else { return .failed(t("serve.unavailable")) }
                        return serveHandler(request)
                    case let .saveCopy(path):
                        try store.saveCopy(to: path)
                        text += (text.isEmpty ? "" : "\n") + t("store.saved-copy", ["path": path, "n": "\(store.count)"])
                    case let .write(path, data):
                        // an export written over the session's own file, journal or lock would destroy it
                        if store.isOwnFile(path) { throw StoreError(.io, "store.own-file", ["path": path, "file": store.path]) }
                        try FileIO.atomicWrite(data, to: path)
                        text += (text.isEmpty ? "" : "\n") + t("store.wrote", ["path": path, "bytes": "\(data.count)"])
                    }
                } catch {
                    // the reason first: what the command would have said was not done
                    return .failed(Message.of(error).rendered())
                }
            }
            return outcome.failed ? .failed(text) : .ok(text)
        }
    }
}
