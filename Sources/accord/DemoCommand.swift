import AccordCore
import AccordStore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `accord demo [FILE]`: writes a complete worked example (run through the real command
/// layer, so it has a real event log) and opens it in the REPL, exactly as `accord FILE`
/// would. The meeting is the one held in the chosen language (`--lang`, `ACCORD_LANG`, the
/// locale): Acme 2027 in English, 晨光科技 in zh-Hant, 启明科技 in zh-Hans.
struct DemoSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a complete worked example session and open it.",
        discussion: """
        The example is a whole alignment meeting: four departments, an audit with settled \
        conflicts, two goals adopted by consent (one after an objection and a revision), a full \
        map and every letter signed. It is held in the chosen language: the Acme 2027 meeting in \
        English (FILE defaults to accord-demo.json), a Taiwanese company's with --lang zh-Hant \
        (accord-demo.zh-Hant.json), a mainland company's with --lang zh-Hans \
        (accord-demo.zh-Hans.json). An existing FILE is never replaced unless --force is given.
        """
    )

    @Argument(help: "Where to write the example session.", completion: .file(extensions: ["json"]))
    var file: String?

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    @Flag(help: "Only write the file; do not open it.")
    var noOpen = false

    @Flag(help: "If FILE exists, open it as it is instead of refusing (what scripts/run does).")
    var reopen = false

    @OptionGroup var clockOptions: ClockOptions

    func run() throws {
        _ = try clockOptions.clock()  // a malformed --now / ACCORD_NOW is bad usage before anything is written
        let meeting = Demo.Script.of(Language.current)
        let file = self.file ?? Demo.defaultFileName(for: meeting.language)
        if FileIO.exists(file) && reopen && !force && !noOpen {
            try Open.parse([file] + (clockOptions.now.map { ["--now", $0] } ?? [])).run()
            return
        }
        if FileIO.exists(file) && !force {
            printError(t("demo.exists", ["file": file]))
            throw ExitCode(Exit.io)
        }
        let session: Demo.Session
        let data: Data
        do {
            session = try Demo.build(meeting, fileName: FileIO.baseName(of: file))
            data = try session.fileBytes(sealedBy: try installationKey())
        } catch {
            printError(Message.of(error).rendered())
            throw ExitCode(Exit.commandFailed)
        }
        try write(data, to: file)
        print(t("demo.written", ["file": file, "events": "\(session.events.count)", "title": session.state.meta.title]))
        let tour = t("demo.tour", ["file": file, "dept": Shell.quote(meeting.tourDept)])
        if noOpen {
            print(tour)
            return
        }
        if isatty(0) == 1 && isatty(1) == 1 { print(tour) }
        let open = try Open.parse([file] + (clockOptions.now.map { ["--now", $0] } ?? []))
        try open.run()
    }

    /// Writes the file atomically while holding the session's lock, so a REPL that has FILE
    /// open is never overwritten under it; a stale journal of an old FILE is removed.
    func write(_ data: Data, to file: String) throws {
        try LockedSessionWrite.write(data, to: file) { if force { unlink(file + ".journal") } }
    }
}
