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
    public var out: (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
    public var err: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    public init(runner: SessionRunner, reader: LineReader, source: String?) {
        self.runner = runner; self.reader = reader; self.source = source
    }

    func render(_ text: String) -> String { colour ? Paint.ansi(text) : Paint.strip(text) }

    /// Runs to the end of the input; returns the exit code (0, or 1 when a command failed).
    public func run() -> Int32 {
        var lineNumber = 0
        var failures: [Int] = []
        while true {
            let prompt = runner.prompt
            let read = reader.readLine(prompt: colour ? Paint.ansi(Paint.strong(prompt)) : prompt)
            switch read {
            case .interrupted:
                continue
            case .eof:
                return finish(failures)
            case let .line(raw):
                lineNumber += 1
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                reader.addHistory(line)
                if echo { out(render(Paint.faint(prompt) + line)) }
                switch runner.execute(line, confirm: reader.confirm) {
                case let .ok(text):
                    if !text.isEmpty { out(render(text)) }
                case let .quit(text):
                    if !text.isEmpty { out(render(text)) }
                    reader.close()
                    return failures.isEmpty || source == nil ? 0 : 1
                case let .failed(text):
                    failures.append(lineNumber)
                    report(text, line: lineNumber)
                    if strict && source != nil {
                        err(t("loop.strict-stop", ["source": source!, "line": "\(lineNumber)"]))
                        _ = closeStore()
                        return 1
                    }
                }
            }
        }
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
        guard let source, !failures.isEmpty else { return 0 }
        err(t("loop.summary", ["n": "\(failures.count)", "source": source,
                               "lines": failures.map(String.init).joined(separator: ", ")]))
        return 1
    }

    /// Folds the journal into the file; says so if it cannot (nothing is lost: the journal stays).
    func closeStore() -> Bool {
        do { try runner.store.close(); return true } catch {
            err(t("loop.close-failed", ["why": "\(error)"]))
            return false
        }
    }
}
