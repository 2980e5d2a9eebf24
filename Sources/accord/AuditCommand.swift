import AccordCore
import AccordStore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `accord audit FILE [--format text|json]`: the conflict report of a session, without
/// opening the REPL. Reads the session without locking or writing it: the checks run on
/// the saved KPIs and are joined with the saved register (new findings are marked new,
/// with the ids the next `audit` in the REPL will give them).
struct AuditSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print a session's conflict report without opening the REPL.",
        discussion: "Exit code 0, or 1 with --strict when a high-severity conflict is open."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The session file.", completion: .file(extensions: ["json"]))
    var file: String

    @Option(help: "text (as the REPL shows it) or json (for other tools).")
    var format: Format = .text

    @Flag(help: "Exit with 1 when a high-severity conflict is open.")
    var strict = false

    func run() throws {
        guard FileIO.exists(file) else {
            printError("\(file): no such session file")
            throw ExitCode(Exit.io)
        }
        let store: SessionStore
        do { store = try SessionStore(path: file, readOnly: true) } catch let e as StoreError {
            printError(e.message.rendered())
            throw ExitCode(Exit.code(for: e))
        }
        let report = AuditReport.preview(store.state)
        switch format {
        case .json:
            let data = try report.json()
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        case .text:
            let colour = Environment.wantsColour
            let text = report.text()
            print(screen(text, colour: colour))
        }
        if strict && report.conflicts.contains(where: { $0.severity == .high && $0.status == .open }) {
            throw ExitCode(Exit.commandFailed)
        }
    }
}

/// `accord bench-audit`: times the audit on generated sessions (scripts/bench-audit).
struct BenchAuditSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-audit", abstract: "Time the audit on a generated session.", shouldDisplay: false)

    @Option(help: "KPIs in the generated session.")
    var kpis: Int = 10_000

    @Option(help: "Departments in the generated session.")
    var depts: Int = 100

    @Option(help: "Timed runs; the median is reported.")
    var runs: Int = 7

    @Option(help: "Also write the generated session to this file (for `accord audit FILE`).")
    var write: String?

    func run() throws {
        guard kpis > 0, depts > 0, runs > 0 else { throw ValidationError("--kpis, --depts and --runs must be positive") }
        let state = AuditBench.session(kpis: kpis, depts: depts)
        let ctx = Context(now: "2027-01-15T09:00:00Z", log: MemoryLog(), readFile: { _ in Data() })
        func ms(_ body: () throws -> Void) rethrows -> Double {
            var t0 = timespec(), t1 = timespec()
            clock_gettime(CLOCK_MONOTONIC, &t0)
            try body()
            clock_gettime(CLOCK_MONOTONIC, &t1)
            return Double(t1.tv_sec - t0.tv_sec) * 1e3 + Double(t1.tv_nsec - t0.tv_nsec) / 1e6
        }
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        // warm up (catalog, lazy statics)
        var findings = Auditor.findings(state)
        var analysis: [Double] = [], first: [Double] = [], again: [Double] = [], gate: [Double] = []
        for _ in 0..<runs {
            analysis.append(ms { findings = Auditor.findings(state) })
            var s = state
            first.append(try ms { _ = try Engine.run("audit", state: &s, ctx: ctx) })
            again.append(try ms { _ = try Engine.run("audit", state: &s, ctx: ctx) })
            gate.append(ms { _ = Gates.blockers(leaving: .audit, s) })
        }
        // where the time goes (one run)
        var input: AuditInput?
        let tInput = ms { input = AuditInput(state) }
        var parts: [String] = ["input \(String(format: "%.1f", tInput))"]
        for rule in Auditor.rules {
            let t = ms { _ = rule.check(input!) }
            parts.append("\(rule.id) \(String(format: "%.1f", t))")
        }
        var reg = state
        var update = Register.Update()
        let tReg = ms { var d = Draft(taking: &reg); update = Register.update(&d, with: findings); d.giveBack(to: &reg) }
        let tText = ms { _ = AuditReport(state: reg, findings: findings, update: update).text() }
        parts.append("register \(String(format: "%.1f", tReg))")
        parts.append("report \(String(format: "%.1f", tText))")
        let counts = Severity.allCases.map { sev in "\(findings.filter { $0.severity == sev }.count) \(sev.rawValue)" }
        print(String(format: "kpis=%d depts=%d findings=%d (%@)", kpis, depts, findings.count, counts.joined(separator: ", ")))
        print(String(format: "  analysis            %8.1f ms  (median of %d; min %.1f)", median(analysis), runs, analysis.min()!))
        print(String(format: "  audit, first run    %8.1f ms  (checks + register + report)", median(first)))
        print(String(format: "  audit, again        %8.1f ms", median(again)))
        print(String(format: "  next gate           %8.1f ms", median(gate)))
        print("  one run, ms: " + parts.joined(separator: " · "))
        print(String(format: "RESULT kpis=%d analysis_ms=%.2f audit_ms=%.2f again_ms=%.2f", kpis, median(analysis), median(first), median(again)))
        if let write {
            let event = Event(seq: 1, prev: Event.genesis, time: "2027-01-15T09:00:00Z", step: .audit,
                              command: "# generated by bench-audit", kind: "bench.generate",
                              ops: benchOps(state))
            let line = try EventLine.encode(event)
            let stateLine = try SessionFile.encodeState(try State.folding([event]))
            try FileIO.atomicWrite(SessionFile.encode(stateLine: stateLine, lines: [line]), to: write)
        }
    }

    /// The generated session as one event's ops, so that the file folds and verifies.
    func benchOps(_ s: State) -> [Op] {
        var ops: [Op] = [.meta(before: Meta(), after: s.meta)]
        ops += s.depts.all.map { .dept(.create($0)) }
        ops += s.kpis.all.map { .kpi(.create($0)) }
        return ops
    }
}
