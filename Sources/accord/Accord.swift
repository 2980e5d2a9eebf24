import AccordCore
import AccordREPL
import AccordServe
import AccordStore
import ArgumentParser
import CEditLine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

@main
enum Main {
    /// The hot path, `accord FILE [--script CMDS] …`, runs without building ArgumentParser's
    /// whole command tree (reflection over every subcommand costs milliseconds at start-up);
    /// everything else — help, version, completion scripts, subcommands, usage errors — goes
    /// through ArgumentParser.
    static func main() {
        let args = LanguageFlag.strip(Array(CommandLine.arguments.dropFirst()))
        Language.use(languageChoice.effective(session: nil))
        guard let session = OpenSession.fastParse(args, subcommands: Accord.subcommandNames) else {
            dispatch(args)
        }
        do {
            try session.run()
            exit(0)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            fail(error, in: Open.self)
        }
    }

    /// What `Accord.main()` does, except for an error a command's `run()` throws: that is
    /// reported with the usage of the command that ran (`accord export …`), not the top
    /// level's (`accord <subcommand>`). ArgumentParser attaches the right usage to errors
    /// found while parsing and in `validate()`, but `exit(withError:)` on the root only
    /// knows the root.
    static func dispatch(_ args: [String]) -> Never {
        var command: ParsableCommand
        do { command = try Accord.parseAsRoot(args) } catch { Accord.exit(withError: error) }
        do {
            try command.run()
            Accord.exit()
        } catch {
            fail(error, in: type(of: command))
        }
    }

    /// Reports a run-time error: a `ValidationError` as bad usage of `command` (its usage
    /// line, exit 64), anything else as ArgumentParser does.
    static func fail(_ error: Error, in command: ParsableCommand.Type) -> Never {
        guard let e = error as? ValidationError, command != Accord.self,
              Accord.configuration.subcommands.contains(where: { $0 == command }) else { Accord.exit(withError: error) }
        let name = "accord " + command._commandName
        let usage = Accord.usageString(for: command).replacingOccurrences(of: "\n", with: "\n       ")
        FileHandle.standardError.write(Data("Error: \(e.message)\nUsage: \(usage)\n  See '\(name) --help' for more information.\n".utf8))
        exit(ExitCode.validationFailure.rawValue)
    }
}

struct Accord: ParsableCommand {
    /// The subcommands' names, written out: building `configuration` to ask it costs a
    /// measurable part of the start-up of `accord FILE` (a debug build checks the list).
    static let subcommandNames: Set<String> = {
        let names: Set<String> = ["open", "audit", "verify", "replay", "export", "review", "demo", "key", "diff", "rollup", "carry", "help"]
        assert(names == Set(configuration.subcommands.map { $0._commandName } + ["help"]),
               "Accord.subcommandNames is out of date")
        return names
    }()

    static let configuration = CommandConfiguration(
        commandName: "accord",
        abstract: "Run a cross-department KPI alignment meeting: audit, goals, map, sign.",
        discussion: """
        Exit codes: 0 success; 1 a command failed, or verify found a problem; 64 bad usage; \
        65 the session file is damaged, of an unknown version, or fails its integrity check; \
        73 the session is open in another accord; 74 a file could not be read or written.
        """,
        version: AccordVersion.current,
        subcommands: [Open.self, AuditSubcommand.self, VerifySubcommand.self,
                      ReplaySubcommand.self, ExportSubcommand.self, ReviewSubcommand.self, DemoSubcommand.self, KeySubcommand.self,
                      DiffSubcommand.self, RollupSubcommand.self, CarrySubcommand.self],
        defaultSubcommand: Open.self
    )
}

enum AccordVersion {
    static let current = "0.1.0"
}

/// Exit codes (sysexits.h), documented in the README.
enum Exit {
    static let commandFailed: Int32 = 1
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let locked: Int32 = 73
    static let io: Int32 = 74

    static func code(for e: StoreError) -> Int32 {
        switch e.kind {
        case .io: return io
        case .locked: return locked
        case .unreadable, .integrity: return dataError
        }
    }
}

/// Options every subcommand that reads a session shares.
struct ClockOptions: ParsableArguments {
    @Option(name: .customLong("now"), help: "Fix the clock (ISO 8601, e.g. 2027-01-15T09:00:00Z); also ACCORD_NOW.")
    var now: String?

    func clock() throws -> () -> String { try ClockOptions.clock(now) }

    static func clock(_ now: String?) throws -> () -> String {
        if let fixed = now ?? Environment.value("ACCORD_NOW"), !fixed.isEmpty {
            guard let iso = Clock.normalise(fixed) else {
                throw ValidationError("--now / ACCORD_NOW must look like 2027-01-15T09:00:00Z, not \(fixed)")
            }
            return { iso }
        }
        return Clock.system
    }
}

enum Clock {
    static func system() -> String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(tm.tm_year) + 1900, Int(tm.tm_mon) + 1,
                      Int(tm.tm_mday), Int(tm.tm_hour), Int(tm.tm_min), Int(tm.tm_sec))
    }

    /// Accepts 2027-01-15T09:00:00Z (or a date alone, meaning midnight UTC); the date part
    /// may be written any way `Dates.parse` reads (2027/1/15, 2027年1月15日).
    static func normalise(_ s: String) -> String? { Dates.instant(s) }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data(("accord: " + ControlCharacters.forTerminal(Paint.strip(text)) + "\n").utf8))
}

/// Text as the CLI prints it: control and bidi characters from the session's data shown as
/// their codes (`\u{1B}`, `ControlCharacters.forTerminal`), then the program's own colour
/// (or none). Every human-readable line the CLI prints goes through this; JSON, CSV,
/// Markdown and HTML bytes are made safe by their own writers.
func screen(_ text: String, colour: Bool) -> String {
    let safe = ControlCharacters.forTerminal(text)
    return ANSI.render(safe, colour: colour)
}

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open (or create) a session and start the REPL, or run a script of commands.",
        discussion: "When standard input is not a terminal, commands are read from it one per line, as with --script."
    )

    @Argument(help: "The session file (created when missing).", completion: .file(extensions: ["json"]))
    var file: String = "accord-session.json"

    @Option(name: .long, help: "Run the commands in this file (one per line, # comments), then exit.",
            completion: .file())
    var script: String?

    @Flag(help: "With --script: stop at the first command that fails.")
    var strict = false

    @Flag(help: "Print each command, after its prompt, before its output (a transcript).")
    var echo = false

    @Flag(help: "Start the room's server at once (as `serve start` would), on 127.0.0.1:8080.")
    var serve = false

    @OptionGroup var clockOptions: ClockOptions

    @Option(help: .hidden)
    var foldEvery: Int?

    /// Benchmarks: write each event's persistence time (ns), one per line, to this file.
    @Option(help: .hidden)
    var timings: String?

    func run() throws {
        try OpenSession(file: file, script: script, strict: strict, echo: echo, now: clockOptions.now,
                        foldEvery: foldEvery, timings: timings, serve: serve).run()
    }

}

/// Opening a session and running its command loop: what `accord FILE` does.
struct OpenSession {
    var file = "accord-session.json"
    var script: String?
    var strict = false
    var echo = false
    var now: String?
    var foldEvery: Int?
    var timings: String?
    var serve = false

    /// The plain forms of `accord [FILE] [--script CMDS] [--strict] [--echo] [--now ISO]`;
    /// nil for anything else, which ArgumentParser then handles (and reports).
    static func fastParse(_ args: [String], subcommands: Set<String>) -> OpenSession? {
        var o = OpenSession()
        var sawFile = false
        var i = 0
        while i < args.count {
            let a = args[i]
            switch a {
            case "--script", "--now":
                guard i + 1 < args.count, !args[i + 1].hasPrefix("-") || args[i + 1] == "-" else { return nil }
                if a == "--script" { guard o.script == nil else { return nil }; o.script = args[i + 1] }
                else { guard o.now == nil, Clock.normalise(args[i + 1]) != nil else { return nil }; o.now = args[i + 1] }
                i += 2
            case "--strict": guard !o.strict else { return nil }; o.strict = true; i += 1
            case "--echo": guard !o.echo else { return nil }; o.echo = true; i += 1
            case "--serve": guard !o.serve else { return nil }; o.serve = true; i += 1
            default:
                guard !a.hasPrefix("-"), !sawFile, !(i == 0 && subcommands.contains(a)) else { return nil }
                o.file = a; sawFile = true; i += 1
            }
        }
        return o
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let clock = try ClockOptions.clock(now)
        let fold = foldEvery ?? Environment.value("ACCORD_FOLD_EVERY").flatMap(Int.init) ?? 500
        // read whole, decoded line by line: a line that is not UTF-8 is reported and skipped
        var scriptData: Data?
        if let script {
            do {
                scriptData = try FileIO.read(script, regularOnly: false)
            } catch let e as StoreError {
                printError(e.message.rendered())
                throw ExitCode(Exit.io)
            }
        }
        let store: SessionStore
        let sealer = try installationKey()
        do { store = try SessionStore(path: file, foldEvery: fold, sealer: sealer) } catch let e as StoreError {
            printError(e.message.rendered())
            throw ExitCode(Exit.code(for: e))
        }
        for note in store.recoveryNotes { printError(note) }
        let terminal = isatty(0) == 1 && isatty(1) == 1 && scriptData == nil
        let colour = ANSI.wantsColour
        let runner = SessionRunner(store: store, clock: clock, interactive: terminal)
        runner.languageChoice = languageChoice
        runner.recordTimings = timings != nil
        // `serve …` is handed to the server's front end; nothing of it is made until `serve start`
        ServeFrontEnd.install(on: runner)
        let reader: LineReader
        let source: String?
        if let scriptData {
            reader = ScriptReader(data: scriptData); source = script
        } else if terminal {
            reader = EditLineReader(historyPath: HistoryFile.path(environment: ["XDG_STATE_HOME": Environment.value("XDG_STATE_HOME"), "HOME": Environment.value("HOME")].compactMapValues { $0 })) { before in
                Completion.complete(before, store.state)
            }
            source = nil
        } else {
            reader = PlainReader(); source = "stdin"
        }
        var loop = CommandLoop(runner: runner, reader: reader, source: source)
        loop.strict = strict
        loop.echo = echo
        loop.colour = colour
        if let edit = reader as? EditLineReader {
            let render = loop.render
            edit.render = { render($0) }
            edit.currentPrompt = { render(Paint.strong(runner.prompt)) }
        }
        if terminal {
            let summary = Status.render(store.state, fileName: "", saved: true).split(separator: "\n").first.map(String.init) ?? ""
            let banner = TextWrap.block(t("loop.banner", ["file": file, "summary": Paint.strip(summary)]), width: TerminalWidth.current())
            print(screen(banner, colour: colour))
        }
        if serve {
            switch runner.execute("serve start") {
            case let .ok(text): print(screen(text, colour: colour))
            case let .failed(text): printError(text); throw ExitCode(Exit.io)
            default: break
            }
        }
        let code = loop.run()
        if let timings {
            let text = runner.persistenceTimings.map(String.init).joined(separator: "\n") + "\n"
            try? FileIO.atomicWrite(Data(text.utf8), to: timings)
        }
        // The session is closed (folded, unlocked) and everything is printed: exit here, as
        // compilers do, rather than free the whole session graph object by object on the way
        // out (a measurable part of a short run on a large session).
        fflush(accord_stdout())
        exit(code)
    }
}

/// `--lang en|zh-Hant|zh-Hans`, accepted by every subcommand (before or after its own
/// arguments), taken out of the arguments before they are parsed.
enum LanguageFlag {
    /// The arguments without any `--lang X` / `--lang=X` (before a `--`), and the values given.
    static func scan(_ args: [String]) -> (rest: [String], values: [String]) {
        var rest: [String] = [], values: [String] = [], i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" { rest += args[i...]; break }
            if a == "--lang" || a.hasPrefix("--lang=") {
                values.append(a == "--lang" ? (i + 1 < args.count ? args[i + 1] : "") : String(a.dropFirst(7)))
                i += a == "--lang" ? 2 : 1
                continue
            }
            rest.append(a); i += 1
        }
        return (rest, values)
    }

    /// The arguments without `--lang X` / `--lang=X`; a value that names no language is bad
    /// usage (exit 64).
    static func strip(_ args: [String]) -> [String] {
        let (rest, values) = scan(args)
        for value in values where Language(tag: value) == nil {
            FileHandle.standardError.write(Data(("accord: " + t("lang.unknown", ["value": value, "all": Language.allCases.map(\.rawValue).joined(separator: Punct.list)]) + "\n").utf8))
            exit(ExitCode.validationFailure.rawValue)
        }
        return rest
    }

    /// The language `--lang` names, if given.
    static func value(in args: [String]) -> Language? { scan(args).values.first.flatMap(Language.init(tag:)) }
}

/// The process's choice of language: `--lang`, `ACCORD_LANG`, then (for a session) its own
/// `lang`, then the locale.
let languageChoice = LanguageChoice(flag: LanguageFlag.value(in: Array(CommandLine.arguments.dropFirst())),
                                    environment: { name in getenv(name).map { String(cString: $0) } })

/// A subcommand that has read a session speaks the session's language unless told otherwise.
func speak(_ state: State) { Language.use(languageChoice.effective(session: state.meta.lang)) }

/// The installation's signing key (created on first use), or exit: a session is never saved
/// unsealed by a build that has seals (docs/seal.md).
func installationKey() throws -> Sealer {
    do { return try InstallationKey.loadOrCreate().sealer } catch let e as StoreError {
        printError(e.message.rendered())
        throw ExitCode(Exit.code(for: e))
    }
}
