/// How much a session takes in. Inside these limits the tool stays responsive (issue 13:
/// a 100,000-row `kpi import` in under 5 s and 500 MB, `status` in under 0.2 s, measured by
/// scripts/bench-huge); beyond them a command is refused whole, in one line, and nothing
/// of it is recorded. The file itself is limited too: `kpi import` reads at most
/// `SessionRunner.importLimit` bytes (64 MB).
public enum ImportLimits {
    /// Data rows in one sheet (blank lines and the header do not count).
    public static let rowsPerImport = 100_000
    /// KPIs in one session, however they came (`kpi add` or `kpi import`).
    public static let kpisPerSession = 200_000

    /// Refuses one more KPI in a session that holds `count` already.
    public static func checkRoom(forOneMore count: Int, limit: Int = kpisPerSession) throws {
        if count >= limit { throw CommandError("kpi.session-full", ["limit": Num.format(Double(limit))]) }
    }
}
