import AccordCore

/// What reading one line gave.
public enum ReadResult: Equatable {
    case line(String)
    /// Ctrl-C: the line being typed is dropped; the loop goes on.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case eof
}

/// Where the command loop gets its lines: libedit at a terminal, plain lines otherwise.
public protocol LineReader: AnyObject {
    func readLine(prompt: String) -> ReadResult
    /// Remember a line for arrow-up recall (and for the next run).
    func addHistory(_ line: String)
    /// Save history and restore the terminal.
    func close()
    /// Ask a yes/no question (confirmations); false on anything but yes.
    func confirm(_ question: String) -> Bool
}

/// Reads plain lines from standard input (pipes, files, CI). Prints no prompt.
public final class PlainReader: LineReader {
    public init() {}

    public func readLine(prompt: String) -> ReadResult {
        guard let line = Swift.readLine(strippingNewline: true) else { return .eof }
        return .line(line)
    }

    public func addHistory(_ line: String) {}
    public func close() {}
    public func confirm(_ question: String) -> Bool { true }
}

/// Lines of a script file, in order.
public final class ScriptReader: LineReader {
    private var lines: [String]
    private var index = 0

    public init(text: String) {
        var ls = text.split(separator: "\n", omittingEmptySubsequences: false).map { l -> String in
            l.hasSuffix("\r") ? String(l.dropLast()) : String(l)
        }
        if ls.last == "" { ls.removeLast() }
        lines = ls
    }

    public func readLine(prompt: String) -> ReadResult {
        guard index < lines.count else { return .eof }
        defer { index += 1 }
        return .line(lines[index])
    }

    public func addHistory(_ line: String) {}
    public func close() {}
    public func confirm(_ question: String) -> Bool { true }
}
