import AccordCore
import AccordStore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `accord-bench year SESSION --csv ACTUALS.csv [--before SESSION0]`: times the year's
/// commands in-process on a session that holds a year of actuals (scripts/bench-year):
/// recording one actual (on the session before its actuals and on the one after, to show
/// it does not grow), `review 2027`, `track 2027-12`, and `actual import` of the CSV on the
/// session before its actuals. Medians in milliseconds, one line each.
struct BenchYear: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "year", abstract: "Time the year's commands on a session.")

    @Argument(help: "The session with a year of actuals.")
    var session: String

    @Option(help: "The same session before its actuals (for `actual import` and the start of the year).")
    var before: String

    @Option(help: "A CSV of actuals for `actual import`.")
    var csv: String

    @Option(help: "Timed runs; the median is reported.")
    var runs: Int = 21

    func run() throws {
        let end = try SessionStore(path: session, readOnly: true).state
        let start = try SessionStore(path: before, readOnly: true).state
        let csvData = try Data(contentsOf: URL(fileURLWithPath: csv))
        let ctx = Context(now: "2027-12-31T09:00:00Z", log: MemoryLog(), readFile: { _ in csvData })
        func ms(_ body: () throws -> Void) rethrows -> Double {
            var t0 = timespec(), t1 = timespec()
            clock_gettime(CLOCK_MONOTONIC, &t0)
            try body()
            clock_gettime(CLOCK_MONOTONIC, &t1)
            return Double(t1.tv_sec - t0.tv_sec) * 1e3 + Double(t1.tv_nsec - t0.tv_nsec) / 1e6
        }
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        let contrib = end.contribs.all.first { Mapping.counts($0, in: end) }!.ref
        func actual(_ s: State) throws -> Double {
            var times: [Double] = []
            var s = s
            for i in 0..<max(runs, 51) {
                times.append(try ms { _ = try Engine.run("actual \(contrib) 2027-06 \(1000 + i)", state: &s, ctx: ctx) })
            }
            return median(times)
        }
        func command(_ line: String, _ s: State) throws -> Double {
            var s = s
            _ = try Engine.run(line, state: &s, ctx: ctx)  // warm up
            return median(try (0..<runs).map { _ in try ms { _ = try Engine.run(line, state: &s, ctx: ctx) } })
        }
        var imported = 0
        let importRuns = (0..<max(3, runs / 4)).map { _ -> Double in
            var s = start
            let t = (try? ms { _ = try Engine.run("actual import actuals.csv", state: &s, ctx: ctx) }) ?? .nan
            imported = s.actuals.count
            return t
        }
        print(String(format: "actuals=%d contributions=%d", end.actuals.count, end.contribs.count))
        print(String(format: "actual-start %.3f", try actual(start)))
        print(String(format: "actual-end %.3f", try actual(end)))
        print(String(format: "review %.1f", try command("review 2027", end)))
        print(String(format: "track %.1f", try command("track 2027-12", end)))
        // where the time goes: the figures alone (the pure API), the rest is the screen text
        print(String(format: "review-figures %.1f", median((0..<runs).map { _ in ms { _ = YearReview(end, period: .whole(2027)) } })))
        print(String(format: "track-figures %.1f", median((0..<runs).map { _ in ms { _ = TrackingSheet(end, period: .month(2027, 12)) } })))
        print(String(format: "review-export-json %.1f", median(try (0..<max(3, runs / 4)).map { _ in
            try ms { _ = try ReviewExport.make(.json, end, period: .whole(2027), info: ExportInfo(file: "y", events: 1, lastTime: nil)) } })))
        print(String(format: "review-export-html %.1f", median(try (0..<max(3, runs / 4)).map { _ in
            try ms { _ = try ReviewExport.make(.html, end, period: .whole(2027), info: ExportInfo(file: "y", events: 1, lastTime: nil)) } })))
        print(String(format: "import %.1f %d", median(importRuns), imported))
        print(String(format: "import-parse %.1f", median(try (0..<3).map { _ in try ms { _ = try ActualSheet.parse(csvData) } })))
        var dry = start
        print(String(format: "import-dry-run %.1f", try ms { _ = try Engine.run("actual import actuals.csv --dry-run", state: &dry, ctx: ctx) }))
    }
}
