@testable import AccordCore
import Foundation
import Testing

/// Issue 13 §6: a sheet or a session beyond the documented limits is refused whole, in one
/// line, and nothing of it is recorded; at the limit it is accepted. The limits are passed in
/// small here; scripts/bench-huge runs the real ones (100,000 rows, 200,000 KPIs).
@Suite("Import limits")
struct ImportLimitsTests {
    /// A sheet of `n` data rows in two departments, half of them Chinese, with blank lines
    /// (which do not count) between them.
    static func sheet(_ n: Int) -> String {
        var out = "部門,KPI名稱,方向,目標值,單位\n"
        for i in 1...n {
            out += i % 2 == 0 ? "行銷部,網站流量 \(i),提升,200萬,訪次\n" : "Sales,Revenue \(i),up,\"1,200\",USD\n"
            if i % 10 == 0 { out += ",,,,\n\n" }
        }
        return out
    }

    @Test func aSheetOneRowOverTheLimitIsRefusedWholeAndAtTheLimitRead() throws {
        let at = try KPISheet.parse(Data(Self.sheet(50).utf8), rowLimit: 50)
        #expect(at.rows.count == 50 && at.errors.isEmpty)
        #expect(throws: KPISheet.Failure.self) { try KPISheet.parse(Data(Self.sheet(51).utf8), rowLimit: 50) }
        do {
            _ = try KPISheet.parse(Data(Self.sheet(51).utf8), rowLimit: 50)
        } catch let f as KPISheet.Failure {
            #expect(f.message == "the sheet has more than 50 rows, the most one import takes. Split it into smaller sheets and import each.")
            #expect(!f.message.contains("\n"), "one line")
        }
    }

    @Test func theRowLimitIsTheDocumentedOneAndTheCommandRefusesBeyondIt() throws {
        #expect(ImportLimits.rowsPerImport == 100_000 && ImportLimits.kpisPerSession == 200_000)
        let message = t("import.too-many-rows", ["limit": Num.format(Double(ImportLimits.rowsPerImport))])
        #expect(message.hasPrefix("the sheet has more than 100,000 rows"))
    }

    func meeting(_ extra: String = "") throws -> Meeting {
        var m = Meeting()
        try m.runAll("title T\nperiod 2027\ndept add Sales\ndept add 行銷部\nnext\n" + extra)
        return m
    }

    @Test func anImportThatWouldOverfillTheSessionIsRefusedWholeAndAtTheLimitAccepted() throws {
        let m = try meeting("kpi add Sales Revenue\nkpi add Sales Churn\nkpi add 行銷部 網站流量\n")
        let sheet = try KPISheet.parse(Data(Self.sheet(4).utf8))
        var full = Draft(m.state)
        let accepted = KPIImport.run(sheet, path: "s.csv", dryRun: false, &full, kpiLimit: 7)
        #expect(!accepted.failed && full.state.kpis.count == 7)
        var over = Draft(m.state)
        let refused = KPIImport.run(sheet, path: "s.csv", dryRun: false, &over, kpiLimit: 6)
        #expect(refused.failed, "refused, so the engine records nothing of it")
        #expect(Paint.strip(refused.output) == "Nothing imported from s.csv: the session would hold 7 KPIs, more than the 6 one session holds.")
    }

    @Test func kpiAddBeyondTheSessionLimitIsRefused() throws {
        #expect(throws: Never.self) { try ImportLimits.checkRoom(forOneMore: 4, limit: 5) }
        do {
            try ImportLimits.checkRoom(forOneMore: 5, limit: 5)
            Issue.record("the sixth KPI was let in")
        } catch let e as CommandError {
            #expect(e.message.rendered() == "The session already holds 5 KPIs, the most one session holds; remove some (`kpi rm ID`) before adding more.")
        }
    }
}

/// The walls grid counts, for each pair of departments, the open relational conflicts that
/// hold both; with conflicts that span hundreds of departments it counts by bits instead of
/// walking every pair. Both ways give what walking the pairs gives.
@Suite("Walls at scale")
struct WallsScaleTests {
    static func reference(_ conflicts: [Conflict], _ s: State) -> [Int: [Int: Int]] {
        var m: [Int: [Int: Int]] = [:]
        for c in conflicts where c.status == .open && Auditor.isRelational(c.rule) {
            let ds = Array(Set(c.depts)).sorted()
            if ds.count == 1 { m[ds[0], default: [:]][ds[0], default: 0] += 1 }
            for a in ds { for b in ds where a != b { m[a, default: [:]][b, default: 0] += 1 } }
            for a in ds where m[a] == nil { m[a] = [:] }
        }
        return m
    }

    @Test(arguments: [(depts: 40, conflicts: 30, wide: false), (depts: 300, conflicts: 200, wide: true)])
    func theGridIsThePairCounts(depts: Int, conflicts: Int, wide: Bool) {
        var s = State()
        for d in 1...depts { s.depts[d] = Department(id: d, name: "D\(d)") }
        var rnd = SystemRandomNumberGenerator()
        var cs: [Conflict] = []
        for i in 1...conflicts {
            let size = wide ? Int.random(in: 1...depts, using: &rnd) : Int.random(in: 1...3, using: &rnd)
            let ds = (1...depts).shuffled(using: &rnd).prefix(size).map { $0 }
            var c = Conflict(id: i, rule: i % 7 == 0 ? "weight-sum" : "known-tension", identity: "x\(i)", severity: .high,
                             kpis: [], depts: RefList(ds), metrics: [], explanation: .catalog(CatalogText("x")), remedy: .catalog(CatalogText("x")))
            if i % 5 == 0 { c.status = .resolved }
            cs.append(c)
        }
        let walls = Walls(cs, state: s)
        let ref = Self.reference(cs, s)
        #expect(walls.depts == ref.keys.sorted())
        for (i, a) in walls.depts.enumerated() {
            for (j, b) in walls.depts.enumerated() {
                #expect(walls.counts[i][j] == (ref[a]?[b] ?? 0), "\(a) × \(b)")
            }
        }
    }
}
