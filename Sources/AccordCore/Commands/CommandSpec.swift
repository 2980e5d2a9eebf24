import Foundation

/// A flag a command accepts: `--head PERSON` (takes a value) or `--strict` (a switch).
public struct FlagSpec: Sendable {
    public var name: String
    /// Placeholder of the value, nil for a switch.
    public var value: String?

    public init(_ name: String, _ value: String? = nil) { self.name = name; self.value = value }
}

/// One command of the REPL: its syntax, an example, and the pure function that runs it.
public struct CommandSpec: Sendable {
    public typealias Handler = @Sendable (Invocation, inout Draft, Context) throws -> Outcome

    /// One or two words: `status`, `dept add`.
    public var name: String
    /// `dept add NAME [--head PERSON] [--supervisor PERSON]`
    public var usage: String
    public var example: String
    public var flags: [FlagSpec]
    public var minArgs: Int
    /// nil: no limit.
    public var maxArgs: Int?
    /// The last positional takes the rest of the line (`title Acme 2027 Alignment`).
    public var restJoins: Bool
    /// The step this command belongs to, for help and completion; nil for "anywhere".
    public var step: Step?
    /// The command works only once the room has reached its step (`sign`: a letter is
    /// signed at 4 sign, not while the KPIs are audited). Other commands of a step work at
    /// any point by design: data may be entered in any order, and the gates judge it.
    public var needsStep: Bool
    public var run: Handler

    public init(_ name: String, usage: String, example: String, flags: [FlagSpec] = [], args: ClosedRange<Int> = 0...0,
                unlimited: Bool = false, restJoins: Bool = false, step: Step? = nil, needsStep: Bool = false,
                run: @escaping Handler) {
        self.needsStep = needsStep
        self.name = name; self.usage = usage; self.example = example; self.flags = flags
        self.minArgs = args.lowerBound; self.maxArgs = unlimited ? nil : args.upperBound
        self.restJoins = restJoins; self.step = step; self.run = run
    }

    /// The one-line description from the message catalog.
    public var summary: String { t("help." + name.replacingOccurrences(of: " ", with: "."), ["steps": Workflow.codes]) }
    public var words: [String] { name.split(separator: " ").map(String.init) }
}

/// A command line, parsed against its spec.
public struct Invocation: Sendable {
    public var spec: CommandSpec
    public var line: String
    public var args: [String]
    public var flags: [String: String]
    public var switches: Set<String>

    public func flag(_ name: String) -> String? { flags[name] }
    public func has(_ name: String) -> Bool { switches.contains(name) || flags[name] != nil }

    /// A flag's value as a number (1,200 / 8% / 200萬 …).
    public func number(_ name: String) throws -> Double? {
        guard let raw = flags[name] else { return nil }
        guard let n = Num.parse(raw) else { throw CommandError("error.not-a-number", ["flag": "--" + name, "value": raw]) }
        return n.value
    }
}

/// A command that cannot be done: what to say about it (why, and what to type instead), as a
/// catalog message the front end renders.
public struct CommandError: MessageError, Equatable, CustomStringConvertible {
    public var message: Message
    public init(_ message: Message) { self.message = message }
    /// `CommandError("kpi.bad-id", ["ref": ref])`: the catalog key and its arguments.
    public init(_ key: String, _ args: [String: String] = [:]) { message = Message(key, args) }
    /// English, for logs and test failures; front ends render `message`.
    public var description: String { message.rendered() }
}

/// What a command asks the session to record.
public struct Proposal: Equatable, Sendable {
    public var kind: String
    public var ops: [Op]
    public var undoes: Int?
    public var redoes: Int?

    public init(kind: String, ops: [Op], undoes: Int? = nil, redoes: Int? = nil) {
        self.kind = kind; self.ops = ops; self.undoes = undoes; self.redoes = redoes
    }

    /// The event that records this change as event `seq` of a log whose last line has the
    /// digest `prev`.
    public func event(seq: Int, prev: String, time: String, step: Step, command: String) -> Event {
        Event(seq: seq, prev: prev, time: time, step: step, command: command, kind: kind, ops: ops,
              undoes: undoes, redoes: redoes)
    }
}

/// Things only the front end can do: files, quitting.
public enum Effect: Equatable, Sendable {
    /// Fold the journal and leave.
    case quit
    /// Write a full copy of the session to a path (after folding the journal).
    case saveCopy(String)
    /// Write bytes to a path (exports); never touches the session.
    case write(path: String, data: Data)
    /// Clear the terminal's screen (nothing in a script or a pipe); never recorded.
    case clearScreen
    /// Start, stop or ask the room's server (`serve`); never recorded.
    case serve(ServeRequest)
}

/// What running a command gives back.
public struct Outcome: Equatable, Sendable {
    /// Text to print (may hold `Paint` markers).
    public var output: String
    /// The change to record, if the command changes the session.
    public var change: Proposal?
    public var effects: [Effect]
    /// Failed, though it printed something (a refusal with its reasons).
    public var failed: Bool = false
    /// Asked instead of done: at an interactive terminal the front end asks this question
    /// and runs the command again with `Context.confirmed` set when the answer is yes.
    public var question: String?

    public init(_ output: String = "", change: Proposal? = nil, effects: [Effect] = []) {
        self.output = output; self.change = change; self.effects = effects
    }

    public static func refused(_ output: String) -> Outcome {
        var o = Outcome(output); o.failed = true; return o
    }

    /// Nothing done yet: the person must confirm first (see `question`).
    public static func ask(_ question: String) -> Outcome {
        var o = Outcome(); o.failed = true; o.question = question; return o
    }
}

/// Read access to the event log, which the front end keeps (lazily decoded).
public protocol EventLog {
    var count: Int { get }
    func event(_ seq: Int) throws -> Event
    /// Integrity problems of the stored log, first broken link first.
    func integrityProblems() -> [String]
    /// The fingerprint of the key that seals this session (docs/seal.md), nil when unsealed.
    var sealKey: String? { get }
}

extension EventLog {
    public var sealKey: String? { nil }
}

/// Everything a command may know besides the state. Injected, so tests are deterministic.
public struct Context {
    public var now: String
    /// Running at a terminal a person types at (confirmations are asked there).
    public var interactive: Bool
    /// The person has confirmed a command that voids signatures.
    public var confirmed: Bool
    /// The session file's name as shown in `status`.
    public var fileName: String
    /// True when every event is folded into the file (nothing only in the journal).
    public var saved: Bool
    public var log: EventLog
    /// Reads a file the user names (kpi import); I/O stays in the front end.
    public var readFile: @Sendable (String) throws -> Data
    /// Reads another session's file whole (`kpi import-session`); the front end refuses one
    /// whose journal holds events not yet in it. Without one, `readFile`.
    public var readSession: @Sendable (String) throws -> Data
    /// Columns the output is laid out for (the terminal's width; 80 when unknown).
    public var width: Int
    /// How long the room took so far, kept by the front end as events are appended (nil:
    /// `status` folds `log`'s events itself). It returns nil when the session is too large
    /// to time without reading its whole file back.
    public var pace: (() -> Pace?)?

    public init(now: String, interactive: Bool = false, confirmed: Bool = false, fileName: String = "",
                saved: Bool = true, log: EventLog, readFile: @escaping @Sendable (String) throws -> Data,
                readSession: (@Sendable (String) throws -> Data)? = nil, width: Int = 80) {
        self.now = now; self.interactive = interactive; self.confirmed = confirmed; self.fileName = fileName
        self.saved = saved; self.log = log; self.readFile = readFile; self.readSession = readSession ?? readFile
        self.width = width
    }
}

/// An event log held in memory (tests, replay).
public struct MemoryLog: EventLog {
    public var events: [Event]
    public init(_ events: [Event] = []) { self.events = events }
    public var count: Int { events.count }
    public func event(_ seq: Int) throws -> Event {
        guard seq >= 1, seq <= events.count else { throw CommandError("error.no-event", ["seq": "\(seq)"]) }
        return events[seq - 1]
    }
    public func integrityProblems() -> [String] { [] }
}
