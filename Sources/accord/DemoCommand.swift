import AccordCore
import AccordStore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `accord demo [FILE]`: writes a complete worked example (the Acme 2027 meeting, run
/// through the real command layer, so it has a real event log) and opens it in the REPL,
/// exactly as `accord FILE` would.
struct DemoSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a complete worked example session and open it.",
        discussion: """
        The example is the Acme 2027 alignment meeting: four departments, an audit with settled \
        conflicts, two goals adopted by consent (one after a revision), a full map and every \
        letter signed. An existing FILE is never replaced unless --force is given.
        """
    )

    @Argument(help: "Where to write the example session.", completion: .file(extensions: ["json"]))
    var file: String = "accord-demo.json"

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    @Flag(help: "Only write the file; do not open it.")
    var noOpen = false

    @OptionGroup var clockOptions: ClockOptions

    func run() throws {
        _ = try clockOptions.clock()  // a malformed --now / ACCORD_NOW is bad usage before anything is written
        if FileIO.exists(file) && !force {
            printError(t("demo.exists", ["file": file]))
            throw ExitCode(Exit.io)
        }
        let session: Demo.Session
        let data: Data
        do {
            session = try Demo.build(fileName: FileIO.baseName(of: file))
            data = try session.fileBytes(sealedBy: try installationKey())
        } catch {
            printError(Message.of(error).rendered())
            throw ExitCode(Exit.commandFailed)
        }
        try write(data)
        print(t("demo.written", ["file": file, "events": "\(session.events.count)"]))
        if noOpen {
            print(t("demo.tour", ["file": file]))
            return
        }
        if isatty(0) == 1 && isatty(1) == 1 { print(t("demo.tour", ["file": file])) }
        let open = try Open.parse([file] + (clockOptions.now.map { ["--now", $0] } ?? []))
        try open.run()
    }

    /// Writes the file atomically while holding the session's lock, so a REPL that has FILE
    /// open is never overwritten under it; a stale journal of an old FILE is removed.
    func write(_ data: Data) throws {
        let lockPath = file + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            printError("\(FileIO.directory(of: file)): \(String(cString: strerror(errno)))")
            throw ExitCode(Exit.io)
        }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            printError(t("demo.locked", ["file": file]))
            throw ExitCode(Exit.locked)
        }
        defer { unlink(lockPath) }
        if force { unlink(file + ".journal") }
        do { try FileIO.atomicWrite(data, to: file) } catch let e as StoreError {
            printError(e.message.rendered())
            throw ExitCode(Exit.io)
        }
    }
}
