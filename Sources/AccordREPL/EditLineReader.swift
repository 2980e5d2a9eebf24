import AccordCore
import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines at a terminal through libedit: emacs key bindings, arrow-key editing,
/// history kept across runs, TAB completion (CJK too), Ctrl-C cancels the line being
/// typed, Ctrl-D on an empty line ends the input.
///
/// Use it only when both stdin and stdout are terminals; elsewhere use `PlainReader`.
public final class EditLineReader: LineReader {
    private let historyPath: String?
    private let completer: (String) -> Completion.Result
    private var el: OpaquePointer?
    private var hist: OpaquePointer?
    /// The prompt as a C string; libedit asks for it (through `promptCallback`) while in `el_gets`.
    fileprivate var promptBuffer: UnsafeMutablePointer<CChar>
    private var closed = false

    /// - Parameters:
    ///   - historyPath: file to load at start and save at close (nil = no persistent history).
    ///   - completer: pure function from the text before the cursor to completion candidates.
    public init(historyPath: String?, completer: @escaping (String) -> Completion.Result) {
        self.historyPath = historyPath
        self.completer = completer
        promptBuffer = strdup("")!

        // libedit drops CJK input and crashes on a CJK prompt unless LC_CTYPE is UTF-8.
        _ = accord_setup_locale()
        // Keep number formatting/parsing in C libraries independent of the user's locale.
        _ = setlocale(LC_NUMERIC, "C")

        accord_install_sigint()

        // "accord" names the program for `accord:` lines in ~/.editrc.
        guard let el = el_init("accord", accord_stdin(), accord_stdout(), accord_stderr()) else {
            return  // readLine falls back to plain lines
        }
        self.el = el
        accord_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        accord_el_set_editor(el, "emacs")
        accord_el_set_signal(el, 1)
        accord_el_set_prompt_esc(el, promptCallback, 1)

        if let hist = history_init() {
            self.hist = hist
            accord_history_setsize(hist, 1000)
            accord_history_setunique(hist, 1)
            if let historyPath, access(historyPath, R_OK) == 0 {
                accord_history_load(hist, historyPath)
            }
            accord_el_set_history(el, hist)
        }

        accord_el_addfn(el, "accord-complete", "Complete the word before the cursor", completeCallback)
        accord_el_bind(el, "^I", "accord-complete")
        // Ctrl-L clears the screen and redraws the prompt and the line being typed (as `clear` does).
        accord_el_bind(el, "^L", "ed-clear-screen")
        // Keys terminfo does not always describe (xterm, tmux, screen variants).
        for (key, fn) in [
            ("\\e[H", "ed-move-to-beg"), ("\\e[F", "ed-move-to-end"),
            ("\\eOH", "ed-move-to-beg"), ("\\eOF", "ed-move-to-end"),
            ("\\e[1~", "ed-move-to-beg"), ("\\e[4~", "ed-move-to-end"),
            ("\\e[7~", "ed-move-to-beg"), ("\\e[8~", "ed-move-to-end"),
            ("\\e[3~", "ed-delete-next-char"),
            ("\\e[1;5D", "ed-prev-word"), ("\\e[1;5C", "em-next-word"),
            ("\\e[1;3D", "ed-prev-word"), ("\\e[1;3C", "em-next-word"),
            ("\\e[5D", "ed-prev-word"), ("\\e[5C", "em-next-word"),
        ] {
            accord_el_bind(el, key, fn)
        }
        // The user's own ~/.editrc (or $EDITRC) may adjust bindings.
        _ = accord_el_source_user(el)
        // When the room's server starts, wait on its wake pipe as well as on the terminal.
        let me = Unmanaged.passUnretained(self).toOpaque()
        Inbox.shared.onOpen = { fd in
            let reader = Unmanaged<EditLineReader>.fromOpaque(me).takeUnretainedValue()
            guard let el = reader.el else { return }
            accord_set_wake(fd, wakeCallback)
            _ = accord_el_use_wake_getc(el)
        }
    }

    /// The prompt as it stands now (asked again when lines are printed above it).
    public var currentPrompt: (() -> String)?
    /// Makes a line printable at the terminal (control characters shown, colour or none).
    public var render: (String) -> String = { Paint.strip($0) }

    /// Main thread, inside el_gets: runs the queued work and prints its lines above the
    /// prompt, then has libedit draw the prompt and the line being typed again.
    /// Also called once a second: redraws when the prompt changed (the timer's time left).
    fileprivate func wake(_ el: OpaquePointer) {
        let lines = Inbox.shared.drain(within: Inbox.slice)
        let prompt = currentPrompt.map { EditLineReader.promptText($0()) }
        let promptChanged = prompt.map { $0 != String(cString: promptBuffer) } ?? false
        guard !lines.isEmpty || promptChanged else { return }
        var text = lines.isEmpty ? "\r\u{1B}[K" : ""
        for line in lines { text += "\r\u{1B}[K" + render(line) + "\n" }
        write(text)
        if let prompt, promptChanged {
            free(promptBuffer)
            promptBuffer = strdup(prompt)!
        }
        _ = accord_el_refresh(el)
    }

    deinit {
        close()
        free(promptBuffer)
    }

    public func readLine(prompt: String) -> ReadResult {
        guard !closed else { return .eof }
        guard let el else {
            // el_init failed: plain lines, prompt included.
            write(prompt)
            guard let line = Swift.readLine(strippingNewline: true) else { write("\n"); return .eof }
            return .line(line)
        }
        setPrompt(prompt)
        _ = accord_take_sigint()
        var count: Int32 = 0
        let raw = el_gets(el, &count)
        let err = accord_errno()
        guard let raw else {
            let interrupted = accord_take_sigint() != 0
            if interrupted || (count == -1 && err == EINTR) {
                // libedit drops the partial line; start the next prompt on a fresh line.
                write("^C\n")
                return .interrupted
            }
            // Ctrl-D on an empty line: libedit prints "^D" (or nothing) without a newline.
            write("\n")
            return .eof
        }
        // A line that came back complete was entered, even if Ctrl-C raced with Enter.
        var line = String(cString: raw)
        while line.hasSuffix("\n") || line.hasSuffix("\r") || line.hasSuffix("\r\n") { line.removeLast() }
        return .line(line)
    }

    public func addHistory(_ line: String) {
        guard let hist, !closed else { return }
        // A recalled entry loses one trailing space, and blank lines are noise.
        let trimmed = EditLineReader.trim(line)
        guard !trimmed.isEmpty, !trimmed.contains("\n") else { return }
        accord_history_enter(hist, trimmed)
        saveHistory()
    }

    public func close() {
        guard !closed else { return }
        closed = true
        saveHistory()
        if let el { el_end(el) }
        if let hist { history_end(hist) }
        el = nil
        hist = nil
    }

    public func confirm(_ question: String) -> Bool {
        // libedit handles one prompt line; print any earlier lines of the question first.
        var promptLine = question
        if let nl = question.lastIndex(of: "\n") {
            write(Paint.strip(String(question[...nl])))
            promptLine = String(question[question.index(after: nl)...])
        }
        guard case .line(let answer) = readLine(prompt: promptLine + " [y/N] ") else { return false }
        let a = EditLineReader.trim(answer).lowercased()
        return a == "y" || a == "yes"
    }

    // MARK: - Internals

    private func setPrompt(_ prompt: String) {
        let clean = EditLineReader.promptText(prompt)
        free(promptBuffer)
        promptBuffer = strdup(clean)!
    }

    /// The prompt as libedit wants it: escape sequences (colour) wrapped in the EL_PROMPT_ESC
    /// delimiter \u{1} so they take no columns; other control characters and Paint markers dropped.
    /// libedit draws a literal at the very end of the prompt late (after the first typed
    /// character), so escapes that end the prompt are moved before its trailing spaces.
    static func promptText(_ prompt: String) -> String {
        enum Piece { case text(Unicode.Scalar), escape([Unicode.Scalar]) }
        let scalars = Array(Paint.strip(prompt).unicodeScalars)
        var pieces: [Piece] = []
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\u{1B}" {
                // ESC [ parameters final-byte (CSI), or ESC + one character.
                var j = i + 1
                if j < scalars.count, scalars[j] == "[" {
                    j += 1
                    while j < scalars.count, !(0x40...0x7E).contains(scalars[j].value) { j += 1 }
                }
                j = min(j + 1, scalars.count)
                pieces.append(.escape(Array(scalars[i..<j])))
                i = j
                continue
            }
            if s.value >= 0x20 && s.value != 0x7F { pieces.append(.text(s)) }
            i += 1
        }
        // Move trailing escapes before trailing spaces.
        var trailingEscapes: [Piece] = []
        while case .escape? = pieces.last { trailingEscapes.insert(pieces.removeLast(), at: 0) }
        var spaces = 0
        while spaces < pieces.count, case .text(" ") = pieces[pieces.count - 1 - spaces] { spaces += 1 }
        if !trailingEscapes.isEmpty {
            if spaces > 0 {
                pieces.insert(contentsOf: trailingEscapes, at: pieces.count - spaces)
            } else {
                pieces.append(contentsOf: trailingEscapes)
            }
        }
        var out = String.UnicodeScalarView()
        for p in pieces {
            switch p {
            case .text(let s): out.append(s)
            case .escape(let e): out.append("\u{1}"); out.append(contentsOf: e); out.append("\u{1}")
            }
        }
        return String(out)
    }

    private func saveHistory() {
        guard let hist, let historyPath else { return }
        if accord_history_save(hist, historyPath) >= 0 {
            _ = chmod(historyPath, 0o600)
        }
    }

    fileprivate func write(_ s: String) {
        fputs(s, accord_stdout())
        fflush(accord_stdout())
    }

    static func trim(_ s: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = s.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = s.lastIndex(where: { !isSpace($0) })!
        return String(s[first...last])
    }

    /// TAB: complete the word before the cursor.
    fileprivate func complete(_ el: OpaquePointer) -> UInt8 {
        guard let info = el_line(el) else { return UInt8(CC_ERROR) }
        let start = UnsafeRawPointer(info.pointee.buffer!)
        let cursor = UnsafeRawPointer(info.pointee.cursor!)
        let end = UnsafeRawPointer(info.pointee.lastchar!)
        let before = String(decoding: UnsafeRawBufferPointer(start: start, count: cursor - start), as: UTF8.self)
        let nextIsSpace = cursor < end && cursor.load(as: UInt8.self) == UInt8(ascii: " ")

        let result = completer(before)
        let candidates = result.candidates
        guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let replace = max(0, min(result.replace, before.count))
        let typed = String(before.suffix(replace))

        /// Replaces the partial word (el_deletestr counts characters, i.e. wide chars).
        func put(_ text: String) {
            let scalars = typed.unicodeScalars.count
            if scalars > 0 { el_deletestr(el, Int32(scalars)) }
            _ = el_insertstr(el, text)
        }

        if candidates.count == 1 {
            if nextIsSpace {
                put(candidates[0])
                _ = el_cursor(el, 1)
            } else {
                put(candidates[0] + " ")
            }
            return UInt8(CC_REFRESH)
        }
        let prefix = result.commonPrefix
        if prefix.count > typed.count {
            put(prefix)
            return UInt8(CC_REFRESH)
        }
        write("\n" + EditLineReader.columns(candidates, width: Int(accord_el_columns(el))))
        return UInt8(CC_REDISPLAY)
    }

    /// Lays words out in columns down then across (like a shell), each line ending in "\n".
    static func columns(_ words: [String], width: Int) -> String {
        guard !words.isEmpty else { return "" }
        let gap = 2
        let cell = (words.map(\.displayWidth).max() ?? 0) + gap
        let perLine = max(1, (max(width, 1) + gap - 1) / cell)
        let rows = (words.count + perLine - 1) / perLine
        var out = ""
        for r in 0..<rows {
            var line = ""
            var c = 0
            while r + c * rows < words.count {
                let w = words[r + c * rows]
                let isLast = r + (c + 1) * rows >= words.count
                line += isLast ? w : w.padded(to: cell)
                c += 1
            }
            out += line + "\n"
        }
        return out
    }
}

/// libedit asks for the prompt each time it redraws the line.
private let promptCallback: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = { el in
    guard let el, let data = accord_el_get_clientdata(el) else { return nil }
    return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().promptBuffer
}

/// The wake pipe is readable (see `Inbox`).
private let wakeCallback: @convention(c) (OpaquePointer?) -> Void = { el in
    guard let el, let data = accord_el_get_clientdata(el) else { return }
    Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().wake(el)
}

/// Bound to TAB.
private let completeCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { el, _ in
    guard let el, let data = accord_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
    return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().complete(el)
}

/// Where the line editor keeps its history between runs.
public enum HistoryFile {
    /// `$XDG_STATE_HOME/accord/history`, or `~/.local/state/accord/history` when
    /// XDG_STATE_HOME is unset, empty or relative. Creates the directory (0700) when
    /// missing; nil if it cannot.
    public static func path(environment: [String: String]) -> String? {
        let base: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let home = homeDirectory(environment), home.hasPrefix("/") {
            base = (home.hasSuffix("/") ? String(home.dropLast()) : home) + "/.local/state"
        } else {
            return nil
        }
        let dir = (base.hasSuffix("/") && base.count > 1 ? String(base.dropLast()) : base) + "/accord"
        guard makeDirectories(dir) else { return nil }
        return dir + "/history"
    }

    /// $HOME only: the user database (getpwuid) is not asked, because a static executable
    /// cannot load the system's NSS modules (see `FileIO.directory(of:)`). Without HOME and
    /// XDG_STATE_HOME there is no history file, and the line editor works without one.
    private static func homeDirectory(_ environment: [String: String]) -> String? {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return nil
    }

    /// mkdir -p with mode 0700 for the directories it creates.
    private static func makeDirectories(_ path: String) -> Bool {
        var st = stat()
        if stat(path, &st) == 0 { return (st.st_mode & S_IFMT) == S_IFDIR && access(path, W_OK) == 0 }
        var prefix = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + part
            if stat(prefix, &st) == 0 {
                if (st.st_mode & S_IFMT) != S_IFDIR { return false }
                continue
            }
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST { return false }
        }
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR && access(path, W_OK) == 0
    }
}
