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
}
