import AccordCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads lines, runs them, prints. The same loop serves the REPL, a script and a pipe:
/// only the reader and the way failures are reported differ.
public struct CommandLoop {
    public var runner: SessionRunner
    public var reader: LineReader
    /// A script's name for error locations (`acme.txt:33: …`); nil at the terminal.
    public var source: String?
    /// Stop at the first failure.
    public var strict: Bool = false
    /// Print the prompt and the command before its output (a transcript).
    public var echo: Bool = false
    /// Colour on (a terminal, NO_COLOR unset).
    public var colour: Bool = false
    /// Unbuffered, so that what is printed is what has been acknowledged, even if killed.
    /// (A reader gone away, as `| head`, is not a crash: what cannot be written is dropped.)
    public var out: (String) -> Void = { try? FileHandle.standardOutput.write(contentsOf: Data(($0 + "\n").utf8)) }
    public var err: (String) -> Void = { try? FileHandle.standardError.write(contentsOf: Data(($0 + "\n").utf8)) }
    /// Bytes for the terminal as they are (no line break).
    public var writeRaw: (String) -> Void = { try? FileHandle.standardOutput.write(contentsOf: Data($0.utf8)) }

    public init(runner: SessionRunner, reader: LineReader, source: String?) {
        self.runner = runner; self.reader = reader; self.source = source
    }

    /// What reaches the terminal: control and bidi characters from the session's data shown
    /// as their codes (`\u{1B}`), then the program's own colour (or none).
    public func render(_ text: String) -> String {
        let safe = ControlCharacters.forTerminal(text)
        return ANSI.render(safe, colour: colour)
    }

    /// Runs to the end of the input; returns the exit code (0, or 1 when a command failed).
    public func run() -> Int32 {
        var lineNumber = 0
        var failures: [Int] = []
        while true {
            // votes from devices that came in while a command ran (at the terminal, a slice of
            // them: the reader runs the rest while it waits, so the prompt comes back at once)
            for line in Inbox.shared.drain(within: source == nil ? Inbox.slice : nil) { out(render(line)) }
            // a running timer's time left is kept fresh in the prompt (the line editor wakes each second)
            if source == nil, runner.store.state.meta.timer != nil { Inbox.shared.open() }
            let prompt = runner.prompt
            let read = reader.readLine(prompt: render(Paint.strong(prompt)))
            switch read {
            case .interrupted:
                continue
            case .eof:
                return finish(failures)
            case let .notUTF8(byte, offset):
                lineNumber += 1
                failures.append(lineNumber)
                report(t("loop.not-utf8", ["byte": String(format: "0x%02X", byte), "offset": "\(offset + 1)"]), line: lineNumber)
                if let code = stopIfStrict(lineNumber) { return code }
            case let .line(raw):
                lineNumber += 1
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                if let bad = LineCheck.firstControl(in: raw) {
                    failures.append(lineNumber)
                    report(t("loop.control-char", ["code": bad.code, "column": "\(bad.column)"]), line: lineNumber)
                    if let code = stopIfStrict(lineNumber) { return code }
                    continue
                }
                reader.addHistory(line)
                if echo { out(render(Paint.faint(prompt) + line)) }
                switch runner.execute(line, confirm: reader.confirm) {
                case let .ok(text):
                    if !text.isEmpty { out(render(text)) }
                case .clearScreen:
                    // ANSI: home and erase the screen; a script or a pipe gets nothing
                    if source == nil && isatty(STDOUT_FILENO) == 1 { writeRaw("\u{1B}[H\u{1B}[2J") }
                case let .quit(text):
                    if !text.isEmpty { out(render(text)) }
                    reader.close()
                    return failures.isEmpty || source == nil ? 0 : 1
                case let .quitFailed(text):
                    reader.close()
                    err(render(text))
                    return 74
                case let .failed(text):
                    failures.append(lineNumber)
                    report(text, line: lineNumber)
                    if let code = stopIfStrict(lineNumber) { return code }
                }
            }
        }
    }

    /// With --strict in a script: says where it stopped, folds, and gives the exit code.
    func stopIfStrict(_ lineNumber: Int) -> Int32? {
        guard strict, let source else { return nil }
        err(render(t("loop.strict-stop", ["source": source, "line": "\(lineNumber)"])))
        reader.close()
        return closeStore() ? 1 : 74
    }

    func report(_ text: String, line: Int) {
        let plain = render(text)
        if let source {
            var lines = plain.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[0] = "\(source):\(line): \(t("loop.error")): " + lines[0]
            err(lines.joined(separator: "\n"))
        } else {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let first = Paint.bad("✗ " + lines[0])
            out(render(([first] + lines.dropFirst()).joined(separator: "\n")))
        }
    }

    func finish(_ failures: [Int]) -> Int32 {
        reader.close()
        if !closeStore() { return 74 }
        // Ctrl-D at the terminal: say where the session is (a script's end says nothing)
        if runner.interactive && source == nil { out(render(runner.savedMessage)) }
        guard let source, !failures.isEmpty else { return 0 }
        err(render(t("loop.summary", ["n": "\(failures.count)", "source": source,
                                      "lines": failures.map(String.init).joined(separator: Punct.list)])))
        return 1
    }

    /// Folds the journal into the file; says so if it cannot (nothing is lost: the journal stays).
    func closeStore() -> Bool {
        do { try runner.store.close(); return true } catch {
            err(render(Message("loop.close-failed", nested: ["why": .of(error)]).rendered()))
            return false
        }
    }
}

/// Checks on a typed line before it is run.
public enum LineCheck {
    /// The first C0 or C1 control character (or DEL) other than tab: its code (`U+001B`) and
    /// its column. Such a line is refused whole (see `ControlCharacters`).
    public static func firstControl(in line: String) -> (code: String, column: Int)? {
        ControlCharacters.first(in: line)
    }
}
