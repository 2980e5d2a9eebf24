import Foundation
import Testing

/// Issue 3's acceptance, on the built binary: the shared KPI sheets (Tests/Fixtures/data),
/// imported and audited, then read back as `accord audit FILE --format json`.
@Suite("Audit end to end: the shared sheets, the register, the gate")
struct AuditEndToEndTests {
    struct Report {
        var json: [String: Any]
        var conflicts: [[String: Any]] { json["conflicts"] as! [[String: Any]] }

        /// Conflicts of a rule whose KPIs have these names (among others) and these departments.
        func find(_ rule: String, names: [String], depts: [String]? = nil) -> [[String: Any]] {
            conflicts.filter { c in
                let kpis = (c["kpis"] as! [[String: Any]]).map { $0["name"] as! String }
                let ds = c["departments"] as! [String]
                return c["rule"] as? String == rule && names.allSatisfy(kpis.contains)
                    && (depts == nil || Set(ds) == Set(depts!))
            }
        }
    }

    func auditJSON(_ a: Accord, _ file: String) throws -> Report {
        let r = try a.run(["audit", file, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        return Report(json: obj)
    }

    func imported(_ sheet: String) throws -> (Accord, Accord.Run) {
        let a = try Accord()
        try a.copyFixtures()
        let r = try a.script("s.json", "title Test\nperiod 2027\nkpi import data/\(sheet)\naudit\n")
        #expect(r.status == 0, "\(r.stderr)")
        return (a, r)
    }

    @Test func theTraditionalChineseSheetFindsWhatTheIssueLists() throws {
        let (a, r) = try imported("kpi-sheet-zh-Hant.csv")
        #expect(r.stdout.contains("Imported 12 KPIs"))
        #expect(r.stdout.contains("New departments: 行銷部, 業務部, 客服部, 社群組, 內容組."))
        let rep = try auditJSON(a, "s.json")
        func severity(_ c: [[String: Any]]) -> String? { c.count == 1 ? c[0]["severity"] as? String : nil }
        // 線索量 counted from two sources
        let sources = rep.find("data-source-mismatch", names: ["線索量"], depts: ["行銷部", "業務部"])
        #expect(severity(sources) == "high")
        #expect(Set((sources.first?["kpis"] as? [[String: Any]] ?? []).compactMap { $0["source"] as? String }) == ["CRM", "業務Excel"])
        // click-through rate against lead conversion, between 行銷部 and 業務部
        #expect(severity(rep.find("known-tension", names: ["廣告點擊率", "線索轉化率"], depts: ["行銷部", "業務部"])) == "high")
        // traffic and exposure against conversion, between the same two
        #expect(severity(rep.find("known-tension", names: ["網站流量", "品牌曝光量", "線索轉化率"], depts: ["行銷部", "業務部"])) == "high")
        // lead volume against lead conversion
        #expect(severity(rep.find("known-tension", names: ["線索量", "線索轉化率"], depts: ["行銷部", "業務部"])) == "high")
        // followers against engagement inside 社群組, and handle time against satisfaction in 客服部: lower
        #expect(severity(rep.find("known-tension", names: ["粉絲數", "互動率"], depts: ["社群組"])) == "medium")
        #expect(severity(rep.find("known-tension", names: ["平均處理時間", "客戶滿意度"], depts: ["客服部"])) == "medium")
        // content output against engagement, 內容組 against 社群組
        #expect(severity(rep.find("known-tension", names: ["文章產出數", "互動率"], depts: ["內容組", "社群組"])) == "high")
        // 內容組 judged on one activity metric only
        let single = rep.find("single-metric", names: ["文章產出數"], depts: ["內容組"])
        #expect(severity(single) == "low")
        #expect((single.first?["explanation"] as? String)?.contains("activity metric") == true)
        // 線索量 carried by two departments with no single owner
        #expect(severity(rep.find("unowned-shared-metric", names: ["線索量"], depts: ["行銷部", "業務部"])) == "medium")
        // the register was saved by `audit`: ids in severity order, C1 the source mismatch
        #expect(rep.conflicts.first?["id"] as? String == "C1" && rep.conflicts.first?["rule"] as? String == "data-source-mismatch")
        let severities = rep.conflicts.map { $0["severity"] as! String }
        let order = ["high", "medium", "low"]
        #expect(severities.map { order.firstIndex(of: $0)! } == severities.map { order.firstIndex(of: $0)! }.sorted())
        #expect(rep.conflicts.allSatisfy { $0["new"] as? Bool == false && $0["status"] as? String == "open" })
        let walls = rep.json["walls"] as! [String: Any]
        #expect(walls["departments"] as? [String] == ["行銷部", "業務部", "客服部", "社群組", "內容組"])
        // the screen: severity, rule, departments, KPIs with arrows, explanation, remedy, walls
        #expect(r.stdout.contains(" C1   high    data-source-mismatch  行銷部 ↔ 業務部"))
        #expect(r.stdout.contains("K4 線索量 (CRM) · K7 線索量 (業務Excel)"))
        #expect(r.stdout.contains("K3 廣告點擊率 ↑ · K6 線索轉化率 ↑"))
        #expect(r.stdout.contains("→ Agree one source of record for 線索量"))
        #expect(r.stdout.contains("Walls — open conflicts between departments"))
    }

    @Test func theEnglishSheetFindsTheSameKinds() throws {
        let (a, r) = try imported("kpi-sheet-en.csv")
        let rep = try auditJSON(a, "s.json")
        func severity(_ c: [[String: Any]]) -> String? { c.count == 1 ? c[0]["severity"] as? String : nil }
        #expect(severity(rep.find("known-tension", names: ["Click-through rate", "Lead conversion rate"], depts: ["Marketing", "Sales"])) == "high")
        #expect(severity(rep.find("known-tension", names: ["Website traffic", "Lead conversion rate"], depts: ["Marketing", "Sales"])) == "high")
        #expect(severity(rep.find("known-tension", names: ["Marketing qualified leads", "Lead conversion rate"], depts: ["Marketing", "Sales"])) == "high")
        #expect(severity(rep.find("known-tension", names: ["Average handle time", "CSAT"], depts: ["Customer Success"])) == "medium")
        #expect(severity(rep.find("known-tension", names: ["New customers", "Customer acquisition cost"], depts: ["Growth"])) == "medium")
        #expect(severity(rep.find("known-tension", names: ["Discount rate", "Net revenue retention"], depts: ["Sales", "Customer Success"])) == "high")
        #expect(rep.conflicts.first?["id"] as? String == "C1")
        #expect(r.stdout.contains("K3 Click-through rate ↑ · K6 Lead conversion rate ↑"))
        #expect(r.stdout.contains("K8 Average handle time ↓ · K9 CSAT ↑"))
    }

    @Test func theAcmeScenarioRunsThroughTheAuditStep() throws {
        let a = try Accord()
        try a.copyFixtures()
        let full = try String(contentsOfFile: Accord.fixture("scenarios/acme-2027.txt"), encoding: .utf8)
        var lines: [String] = []
        for line in full.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(String(line))
            if line.hasPrefix("next --force") { break }
        }
        try a.write("scenarios/audit-part.txt", lines.joined(separator: "\n") + "\n")
        // a wide screen: this reads what is said, not how it wraps at 80 columns (`next` wraps)
        let r = try a.run(["../acme.json", "--script", "audit-part.txt"], env: ["COLUMNS": "300"], cwd: "scenarios")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("C1 resolved: \"Marketing and Sales agree that lead quality is judged by Sales-accepted leads\""))
        #expect(r.stdout.contains("C2 accepted:"))
        #expect(r.stdout.contains("Moved to 2 goals, passing the gate because: remaining conflicts are carried into the goal discussion"))
        let rep = try auditJSON(a, "acme.json")
        let c1 = try #require(rep.conflicts.first { $0["id"] as? String == "C1" })
        #expect(c1["status"] as? String == "resolved")
        #expect((c1["kpis"] as! [[String: Any]]).map { $0["name"] as! String } == ["Click-through rate", "Lead conversion rate"])
        #expect(rep.conflicts.first { $0["id"] as? String == "C2" }?["status"] as? String == "accepted")
        let state = try a.state("acme.json")
        #expect((state["meta"] as! [String: Any])["step"] as? String == "goals")
        let events = try a.events("acme.json")
        #expect(events.filter { $0["cmd"] as? String == "kpi import ../data/kpi-sheet-en.csv" }.count == 1)
    }

    @Test func nextIsBlockedWhileAHighConflictIsOpenAndSaysWhich() throws {
        let a = try Accord()
        try a.copyFixtures()
        let r = try a.script("s.json", """
        dept add 行銷部
        dept add 業務部
        period 2027
        next
        kpi add 行銷部 廣告點擊率 --target 3.5% --source "Google Ads" --cycle monthly --owner 林經理
        kpi add 業務部 線索轉化率 --target 8% --source CRM --cycle quarterly --owner 張總監
        next
        audit
        next
        status
        conflict resolve C1 "兩部門都以業務接受的名單數考核"
        next
        """)
        #expect(r.status == 1, "two refused `next`s")
        #expect(r.stderr.contains(":7: error: Cannot move to 2 goals yet:"))
        #expect(r.stderr.contains("run `audit`"))
        #expect(r.stderr.contains(":9: error: Cannot move to 2 goals yet:"))
        #expect(r.stderr.contains("C1 (known-tension, 行銷部 ↔ 業務部) is open at high severity"))
        #expect(r.stdout.contains("1 audit   2 KPIs · 3 conflicts: 1 high open, 2 more open"))
        #expect(r.stdout.contains("Next: settle or accept C1 (high), or `next --force REASON`."))
        #expect(r.stdout.contains("Now at 2 goals."))
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.last?.contains("2 commands failed") == true)
    }

    @Test func importReportsBadRowsByLineAndUndoTakesItAllBack() throws {
        let a = try Accord()
        try a.write("kpis.csv", "\u{FEFF}部門,KPI名稱,方向,目標值,考核週期\r\n行銷部,\"網站流量\r\n(官網)\",提升,\"2,000,000\",月度\r\n行銷部,線索量,往左,5000,月度\r\n業務部,銷售額,提升,1.2億,季度\r\n")
        let r = try a.script("s.json", "kpi import kpis.csv\nkpi list\nundo\nkpi list\n", env: ["COLUMNS": "200"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Imported 2 KPIs (K1–K2) from kpis.csv into 2 departments"))
        #expect(r.stdout.contains("line 4: direction `往左` is neither up nor down"))
        #expect(r.stdout.contains("網站流量 (官網)"))
        #expect(r.stdout.contains("120,000,000"))
        #expect(r.stdout.contains("Undid #1: kpi import kpis.csv"))
        #expect(r.stdout.contains("No KPIs yet."))
        let state = try a.state("s.json")
        #expect((state["kpis"] as! [Any]).isEmpty && (state["depts"] as! [Any]).isEmpty)
        let events = try a.events("s.json")
        #expect(events.count == 2)
    }

    @Test func theRegisterKeepsIdsAndStatusAcrossAudits() throws {
        let (a, _) = try imported("kpi-sheet-zh-Hant.csv")
        let r = try a.script("s.json", """
        conflict accept C2 "點擊率照舊，另看業務接受名單"
        kpi edit K7 --source CRM
        audit
        kpi edit K7 --source 業務Excel
        audit
        """)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("gone (no longer found): C1"))
        #expect(r.stdout.contains("found again: C1"))
        let rep = try auditJSON(a, "s.json")
        #expect(rep.conflicts.first { $0["id"] as? String == "C2" }?["status"] as? String == "accepted")
        #expect(rep.conflicts.first { $0["id"] as? String == "C1" }?["status"] as? String == "open")
        #expect(rep.conflicts.count == 10, "no new ids for findings seen before")
    }

    @Test func auditFileIsReadOnlyAndShowsWhatANewAuditWouldRegister() throws {
        let a = try Accord()
        try a.copyFixtures()
        _ = try a.script("s.json", "kpi import data/kpi-sheet-en.csv\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: a.path("s.json")))
        let text = try a.run(["audit", "s.json"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("6 conflicts · 4 high · 2 medium · 6 open"))
        #expect(text.stdout.contains("new: C1 C2 C3 C4 C5 C6"))
        let rep = try auditJSON(a, "s.json")
        #expect(rep.conflicts.allSatisfy { $0["new"] as? Bool == true })
        #expect((rep.json["summary"] as! [String: Any])["openHigh"] as? Int == 4)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("s.json"))) == before, "the session is not written")
        #expect(!a.exists("s.json.lock") && !a.exists("s.json.journal"))
        let strict = try a.run(["audit", "s.json", "--strict"])
        #expect(strict.status == 1)
        let missing = try a.run(["audit", "nope.json"])
        #expect(missing.status == 74 && missing.stderr.contains("nope.json"))
        let bad = try a.run(["audit", "s.json", "--format", "xml"])
        #expect(bad.status == 64)
    }
}
