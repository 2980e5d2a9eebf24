import Foundation
import Testing

/// Issue 13 §6 at a modest size (the large figures are scripts/bench-huge's): a sheet of
/// 5,000 KPIs in 50 departments, half of them Chinese, imports as one change, and the session
/// then opens, shows its status, lists and audits.
@Suite("Huge inputs, end to end")
struct HugeInputEndToEndTests {
    static func sheet(rows: Int, perDept: Int) -> String {
        let metrics = [("Website traffic", "網站流量", "visits"), ("Revenue", "營收", "USD"), ("Churn rate", "流失率", "%"),
                       ("Customer satisfaction", "客戶滿意度", "%"), ("Marketing qualified leads", "線索量", "筆")]
        var out = "department,kpi,direction,target,unit,source,cycle,weight,owner\n"
        for r in 0..<rows {
            let d = r / perDept, j = r % perDept + 1
            let (en, zh, unit) = metrics[r % metrics.count]
            let dir = r % metrics.count == 2 ? "down" : "up"
            if d % 2 == 1 {
                out += "部門\(d),\(zh)\(j),\(dir == "up" ? "提升" : "降低"),\(j)萬,\(unit),財務系統,月度,1,負責人\(d)\n"
            } else {
                out += "Dept \(d),\"\(en), \(j)\",\(dir),\"1,\(100 + j)\",\(unit),CRM,monthly,1,Owner \(d)\n"
            }
        }
        return out
    }

    @Test func fiveThousandRowsImportAndTheSessionStaysUsable() throws {
        let a = try Accord()
        try a.write("big.csv", Self.sheet(rows: 5000, perDept: 100))
        let r = try a.script("s.json", "title Big\nperiod 2027\nkpi import big.csv\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Imported 5000 KPIs (K1–K5000) from big.csv into 50 departments"), "\(r.stdout.prefix(300))")
        let status = try a.script("s.json", "status\n")
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("5000 KPIs"), "\(status.stdout)")
        #expect(status.stdout.contains("Next: `audit`") || status.stdout.contains("audit"), "\(status.stdout)")
        let audited = try a.script("s.json", "audit\nstatus\nkpi list 部門1\n")
        #expect(audited.status == 0, "\(audited.stderr)")
        #expect(audited.stdout.contains("網站流量1") && audited.stdout.contains("流失率3"))
        let state = try a.state("s.json")
        #expect((state["kpis"] as? [Any])?.count == 5000)
        #expect(((state["conflicts"] as? [Any])?.count ?? 0) > 0, "the audit registered what it found")
    }

    /// `status` after `audit` reads the register (the audit stored the digest of its input,
    /// `meta.audited`) instead of running the rules again: what it says is what it said when
    /// it ran them. Session B reaches the same KPIs and register through an audit that could
    /// not record the digest (it changed nothing), so its `status` runs the rules.
    @Test func statusAfterTheAuditReadsTheRegisterAndSaysWhatTheRulesSay() throws {
        let a = try Accord(), b = try Accord()
        let sheet = Self.sheet(rows: 5000, perDept: 100)
        for x in [a, b] { try x.write("big.csv", sheet) }
        // A: edit, then audit (the digest is recorded); B: audit, edit a target, audit again
        // (the register does not change, so that audit records nothing and no digest)
        let ra = try a.script("s.json", "title Big\nperiod 2027\nkpi import big.csv\nnext\nkpi edit K7 --target 42\naudit\n")
        let rb = try b.script("s.json", "title Big\nperiod 2027\nkpi import big.csv\nnext\naudit\nkpi edit K7 --target 42\naudit\n")
        #expect(ra.status == 0 && rb.status == 0, "\(ra.stderr) \(rb.stderr)")
        let sa = try a.state("s.json"), sb = try b.state("s.json")
        let ma = try #require(sa["meta"] as? [String: Any]), mb = try #require(sb["meta"] as? [String: Any])
        let mark = try #require(ma["audited"] as? String)
        #expect(mark.hasPrefix("sha256:"))
        #expect(mb["audited"] as? String != mark, "B's digest (if any) is of the KPIs before the edit")
        // the same register, conflict by conflict
        let ca = try #require(sa["conflicts"] as? [[String: Any]]), cb = try #require(sb["conflicts"] as? [[String: Any]])
        #expect(ca.count > 50 && ca.count == cb.count)
        #expect(try JSONSerialization.data(withJSONObject: ca, options: .sortedKeys)
                == JSONSerialization.data(withJSONObject: cb, options: .sortedKeys))
        // the same status, read from the register (A) and found by the rules (B)
        let shown = ["status\n", "conflict resolve C1 \"measured together\"\nstatus\n", "next\nstatus\n"]
        for commands in shown {
            let x = try a.script("s.json", commands), y = try b.script("s.json", commands)
            #expect(x.stdout == y.stdout, "\(commands)\nA:\n\(x.stdout)\nB:\n\(y.stdout)")
            #expect(x.stdout.contains("high open"), "\(x.stdout)")
        }
        // a KPI typed after the audit: the digest no longer matches, and status says so
        let typed = try a.script("s.json", "step audit\nkpi add \"Dept 0\" \"Website traffic, new\" --target 5 --source CRM --cycle monthly --owner Owner\nstatus\n")
        #expect(typed.stdout.contains("new finding"), "\(typed.stdout)")
        try a.expectReplayVerifies("s.json")
        try b.expectReplayVerifies("s.json")
        let schema = try a.validateSchema("s.json")
        #expect(schema.status == 0 || schema.stdout.contains("No module named"), "\(schema.stdout)")
    }
}
