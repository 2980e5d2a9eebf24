/// `replay --step-through`: walks the timeline one event at a time, as an explicit state
/// machine (the front end only reads keys and prints what this returns).
///
///     var walk = StepThrough(entries)
///     walk.press(.next)   // shows #1 and its effect
///     walk.press(.back)   // back to the state before #1
public struct StepThrough: Sendable {
    public enum Key: Equatable, Sendable {
        /// Enter (or space, `n`): the next event.
        case next
        /// `b`: back one event.
        case back
        /// `q` (or Ctrl-D, the end of the input): leave.
        case quit
        /// Anything else: the keys are explained again.
        case other
    }

    public struct Screen: Equatable, Sendable {
        public var text: String
        /// Leave after printing.
        public var done: Bool
    }

    public let entries: [ReplayEntry]
    /// Index of the event last shown; -1 before the first.
    public private(set) var position = -1

    public init(_ entries: [ReplayEntry]) { self.entries = entries }

    /// What to print before the first key.
    public var intro: String {
        entries.isEmpty ? t("replay.step.empty") : t("replay.step.intro", ["n": "\(entries.count)"]) + "\n" + keysHint
    }

    public var keysHint: String { Paint.faint(t("replay.step.keys")) }

    /// `[3/76]`, where the walk is.
    public var progress: String { "[\(max(0, position + 1))/\(entries.count)]" }

    public mutating func press(_ key: Key) -> Screen {
        switch key {
        case .quit:
            return Screen(text: "", done: true)
        case .other:
            return Screen(text: keysHint, done: false)
        case .next:
            guard position + 1 < entries.count else {
                return Screen(text: Paint.faint(t("replay.step.end", ["n": "\(entries.count)"])), done: true)
            }
            position += 1
            return Screen(text: show(entries[position]), done: false)
        case .back:
            guard position >= 0 else { return Screen(text: Paint.faint(t("replay.step.at-start")), done: false) }
            let undone = entries[position]
            position -= 1
            var text = Paint.faint(t("replay.step.back", ["seq": "\(undone.seq)"]))
            if position >= 0 { text += "\n" + show(entries[position]) }
            else { text += "\n" + Paint.faint(t("replay.step.before-first")) }
            return Screen(text: text, done: false)
        }
    }

    /// One event: where it is, the command as typed, and what it changed.
    func show(_ e: ReplayEntry) -> String {
        let head = "\(progress) #\(e.seq) · \(Time.short(e.time)) · \(Status.stepTitle(e.step))"
        return Paint.strong(head) + "\n  " + e.command + "\n  → " + e.effect
    }

    /// Maps a key press (one character, or a whole line when reading lines) to a key.
    public static func key(_ input: String) -> Key {
        switch input.trimmingCharacters(in: .whitespaces).lowercased() {
        case "", "n", "next", "\r", "\n": return .next
        case "b", "back", "p": return .back
        case "q", "quit", "exit", "\u{4}", "\u{1b}": return .quit
        default: return .other
        }
    }
}
