import AccordCore
import AccordREPL
import AccordStore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `accord carry OLD.json NEW.json --period 2028 [--title TEXT]`: next year's session from
/// this year's. OLD is read (never locked or written) and verified first; NEW, which must not
/// exist, gets one event (`carry`) that records OLD's file name, head digest and event count,
/// and holds OLD's departments with their people, its letter rows as the departments' KPIs
/// with last year's figures, and its adopted goals as last year's (Carry).
struct CarrySubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "carry",
        abstract: "Start next year's session from a reviewed one.",
        discussion: """
        NEW holds OLD's departments with their heads and supervisors, OLD's letter rows as the \
        departments' current KPIs (metric, direction, target, unit, source, cycle, weight, owner), \
        each with last year's actual, completion and grade beside it (`kpi last-year`, `audit`), \
        and OLD's adopted goals listed as last year's (`goal last-year`), not adopted again. NEW's \
        first event records OLD's file name, head digest and event count: `accord verify NEW \
        --lineage OLD` checks them. OLD must verify; NEW must not exist. Exit codes: 0 written; \
        1 OLD does not verify or NEW exists; 65 OLD is not a session file; 74 a file could not \
        be read or written.
        """
    )

    @Argument(help: "Last year's session (read only).", completion: .file(extensions: ["json"]))
    var old: String

    @Argument(help: "The new session to write (must not exist).", completion: .file(extensions: ["json"]))
    var new: String

    @Option(help: "The new session's period, e.g. 2028.")
    var period: String

    @Option(help: "The new session's title (default: OLD's, with its period replaced).")
    var title: String?

    @OptionGroup var clockOptions: ClockOptions

    func run() throws {
        let now = try clockOptions.clock()()
        guard FileIO.exists(old) else {
            printError(t("replay.no-file", ["file": old]))
            throw ExitCode(Exit.io)
        }
        if FileIO.exists(new) {
            printError(t("carry.exists", ["file": new]))
            throw ExitCode(Exit.commandFailed)
        }
        let data: Data
        do { data = try SessionStore.readWhole(old) } catch let e as StoreError {
            printError(e.message.rendered())
            throw ExitCode(Exit.code(for: e))
        }
        var words = ["carry", FileIO.baseName(of: old), FileIO.baseName(of: new), "--period", period]
        if let title { words += ["--title", title] }
        let made: (state: State, event: Event, summary: Carry.Summary, lang: Language?)
        do {
            made = try Carry.carry(data, file: FileIO.baseName(of: old), period: period, title: title, now: now,
                                   command: words.map(Shell.quote).joined(separator: " "))
            Language.use(languageChoice.effective(session: made.lang))
        } catch let e as CommandError {
            printError(e.message.rendered())
            throw ExitCode(e.message.key == "carry.not-a-session" ? Exit.dataError : Exit.commandFailed)
        }
        let bytes: Data
        do { bytes = try Carry.fileBytes(made.state, made.event, sealedBy: try installationKey()) } catch let e as ExitCode {
            throw e
        } catch {
            printError(Message.of(error).rendered())
            throw ExitCode(Exit.commandFailed)
        }
        try write(bytes, to: new)
        let colour = ANSI.wantsColour
        let s = made.state
        print(screen(t("carry.written", ["old": old, "file": new, "title": s.meta.title, "period": s.meta.period]), colour: colour))
        print(screen(CarryText.summary(made.summary, file: FileIO.baseName(of: old)), colour: colour))
        print(screen(t("carry.next", ["file": Shell.quote(new)]), colour: colour))
    }
}

extension CarrySubcommand {
    /// Writes NEW in one atomic replace (no journal: it is one event), holding the session's
    /// lock so that an accord opening NEW meanwhile is not written over, and refusing if NEW
    /// appeared since it was checked.
    func write(_ data: Data, to file: String) throws {
        try LockedSessionWrite.write(data, to: file) {
            if FileIO.exists(file) {
                printError(t("carry.exists", ["file": file]))
                throw ExitCode(Exit.commandFailed)
            }
        }
    }
}

/// `verify --lineage OLD`: whether OLD is, as it is now, the session this one was carried
/// from (or imported from): its head digest and event count as recorded, and OLD verifying.
enum LineageVerify {
    /// The lines to print and whether the lineage holds.
    static func check(_ state: State, old path: String) throws -> (lines: [String], holds: Bool) {
        let name = FileIO.baseName(of: path)
        let records = [state.meta.lineage].compactMap { $0 } + (state.meta.imports ?? [])
        guard let record = records.first(where: { $0.file == name }) ?? records.first else {
            return ([Paint.bad(t("carry.lineage.none"))], false)
        }
        let data: Data
        do { data = try FileIO.read(path) } catch let e as StoreError {
            printError(e.message.rendered())
            throw ExitCode(Exit.io)
        }
        let image: SessionFile.Image
        do { image = try SessionFile.parse(data) } catch let e as SessionFile.LoadError {
            return ([Paint.bad(t("carry.lineage.old-fails", ["file": path, "why": "\(e)"]))], false)
        }
        let (report, _) = Verifier.check(image)
        var lines: [String] = []
        var holds = true
        if !report.holds {
            lines.append(Paint.bad(t("carry.lineage.old-fails", ["file": path, "why": Rollup.problems(report).joined(separator: t("list.separator"))])))
            holds = false
        }
        switch LineageCheck.check(record, old: image) {
        case .holds:
            if holds { lines.append(Paint.good(t("carry.lineage.holds", ["file": path, "n": "\(record.events)"]))) }
        case let .grown(after):
            lines.append(Paint.bad(t("carry.lineage.grown", ["file": path, "after": "\(after)", "n": "\(record.events)"])))
            holds = false
        case let .differs(events, head):
            lines.append(Paint.bad(t("carry.lineage.differs", ["file": path, "events": "\(events)", "head": String(head.prefix(12)),
                                                               "n": "\(record.events)", "recorded": String(record.head.prefix(12))])))
            holds = false
        }
        return (lines, holds)
    }
}
