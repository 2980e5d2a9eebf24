import AccordCore
import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines through libedit at a terminal (minimal placeholder; full version follows).
public final class EditLineReader: LineReader {
    private let historyPath: String?
    private let completer: (String) -> Completion.Result

    public init(historyPath: String?, completer: @escaping (String) -> Completion.Result) {
        self.historyPath = historyPath
        self.completer = completer
    }

    public func readLine(prompt: String) -> ReadResult {
        fputs(prompt, accord_stdout())
        fflush(accord_stdout())
        guard let line = Swift.readLine(strippingNewline: true) else { return .eof }
        return .line(line)
    }

    public func addHistory(_ line: String) {}
    public func close() {}

    public func confirm(_ question: String) -> Bool {
        guard case .line(let answer) = readLine(prompt: question + " [y/N] ") else { return false }
        let a = String(answer.filter { $0 != " " && $0 != "\t" }).lowercased()
        return a == "y" || a == "yes"
    }
}

/// Where the line editor keeps its history between runs.
public enum HistoryFile {
    public static func path(environment: [String: String]) -> String? {
        return nil
    }
}
