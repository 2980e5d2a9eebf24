import AccordCore
import Foundation
import Testing

/// Version 5: a known tension found for each of many departments names every KPI of the other
/// side; the session file stores that list once per line (`lists`) and each conflict refers
/// to ranges of it. What the conflicts mean is unchanged.
@Suite("Shared id lists in the session file, end to end")
struct SharedListsEndToEndTests {
    /// 120 departments of 3 KPIs: the even ones push website traffic, the odd ones trial-to-paid
    /// conversion (a known tension: one finding per traffic department, naming the 180
    /// conversion KPIs of the others). Row r is KPI K(r+1).
    static let depts = 120, perDept = 3
    static var sheet: String {
        var out = "department,kpi,direction,target,unit,source,cycle,weight,owner\n"
        for d in 0..<depts {
            for j in 1...perDept {
                out += d % 2 == 0 ? "Dept \(d),Website traffic \(j),up,1000,visits,GA,monthly,1,Owner \(d)\n"
                                  : "部門\(d),Trial to paid conversion \(j),up,5,%,財務系統,月度,1,負責人\(d)\n"
            }
        }
        return out
    }

    static func kpiIDs(ofDept d: Int) -> [Int] { (1...perDept).map { d * perDept + $0 } }

    /// The ids a stored list stands for, its ranges of the line's `lists` resolved.
    static func resolve(_ stored: [Any], lists: [[Int]]) throws -> [Int] {
        var out: [Int] = []
        for item in stored {
            if let id = item as? Int { out.append(id); continue }
            let r = try #require(item as? [String: Int])
            let list = try #require(r["list"]), from = try #require(r["from"]), to = try #require(r["to"])
            out += lists[list][from..<to]
        }
        return out
    }

    @Test func aTensionAcrossManyDepartmentsIsStoredOnceAndMeansWhatItDid() throws {
        let a = try Accord()
        try a.write("s.csv", Self.sheet)
        let r = try a.script("s.json", "title Shared\nperiod 2027\nkpi import s.csv\nnext\naudit\n")
        #expect(r.status == 0, "\(r.stderr)")
        let text = try a.read("s.json")
        #expect(text.hasPrefix("{\"format\":\"accord-session\",\"version\":5,"))
        let state = try a.state("s.json")
        let lists = try #require(state["lists"] as? [[Int]], "the state line holds the shared lists")
        let conflicts = try #require(state["conflicts"] as? [[String: Any]])
        let tensions = conflicts.filter { $0["rule"] as? String == "known-tension" }
        #expect(tensions.count == Self.depts / 2)
        let conversion = stride(from: 1, to: Self.depts, by: 2).flatMap(Self.kpiIDs)
        var literal = 0
        for c in tensions {
            let stored = try #require(c["kpis"] as? [Any])
            literal += stored.filter { $0 is Int }.count
            let kpis = try Self.resolve(stored, lists: lists)
            let depts = try Self.resolve(try #require(c["depts"] as? [Any]), lists: lists)
            // its own department's traffic KPIs, then every conversion KPI, as before version 5
            let own = try #require(depts.first)
            #expect(kpis == Self.kpiIDs(ofDept: own - 1) + conversion)
            #expect(depts.count == 1 + Self.depts / 2)
        }
        // 60 conflicts naming 183 KPIs each: 10,980 ids, of which only the 180 traffic ones are
        // written in place; the conversion list is stored once
        #expect(literal == Self.depts / 2 * Self.perDept)
        #expect(lists.map(\.count).reduce(0, +) < 300, "\(lists.map(\.count))")
        // the audit's event shares its lists the same way
        let audit = try #require(try a.events("s.json").last)
        #expect(audit["kind"] as? String == "audit")
        #expect((audit["lists"] as? [[Int]])?.isEmpty == false)
        #expect(try a.validateSchema("s.json").status == 0)

        // what the room sees is what the register means
        let shown = try a.script("s.json", "conflict show C1\n")
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("Website traffic 1") && shown.stdout.contains("Trial to paid conversion 3"), "\(shown.stdout)")
        // a second audit finds the same register; undo and redo take the audit back and forth
        let again = try a.script("s.json", "audit\nundo\nundo\nredo\nstatus\n")
        #expect(again.status == 0, "\(again.stderr)")
        try a.expectReplayVerifies("s.json")
        let v = try a.run(["verify", "s.json"])
        #expect(v.status == 0, "\(v.stdout) \(v.stderr)")
        #expect(try a.validateSchema("s.json").status == 0)
    }

    /// Another tool's layout (pretty-printed) is read through Foundation's decoder: it resolves
    /// the lists too, and the session is the same, digests included.
    @Test func aPrettyPrintedVersion5FileIsTheSameSession() throws {
        let a = try Accord()
        try a.write("s.csv", Self.sheet)
        #expect(try a.script("s.json", "title Shared\nperiod 2027\nkpi import s.csv\nnext\naudit\n").status == 0)
        let plain = try Accord.withoutSeals(Data(contentsOf: URL(fileURLWithPath: a.path("s.json"))))
        let pretty = try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: plain), options: [.prettyPrinted])
        try pretty.write(to: URL(fileURLWithPath: a.path("p.json")))
        try plain.write(to: URL(fileURLWithPath: a.path("q.json")))
        let p = try a.script("p.json", "conflict show C7\nstatus\n"), q = try a.script("q.json", "conflict show C7\nstatus\n")
        #expect(p.status == 0 && q.status == 0, "\(p.stderr) \(q.stderr)")
        #expect(p.stdout.replacingOccurrences(of: "p.json", with: "q.json") == q.stdout)
    }

    /// A reference to a list the line does not hold, or past its end, is damage: refused in
    /// one line, the file untouched.
    @Test func aReferencePastTheSharedListsIsRefused() throws {
        let a = try Accord()
        try a.write("s.csv", Self.sheet)
        #expect(try a.script("s.json", "title Shared\nperiod 2027\nkpi import s.csv\nnext\naudit\n").status == 0)
        let good = try String(decoding: Accord.withoutSeals(Data(contentsOf: URL(fileURLWithPath: a.path("s.json")))), as: UTF8.self)
        for (from, to) in [("\"list\":0,", "\"list\":9,"), ("\"to\":180}", "\"to\":181}")] {
            var lines = good.components(separatedBy: "\n")
            #expect(lines[2].contains(from))
            lines[2] = lines[2].replacingOccurrences(of: from, with: to)
            let bad = HostileSession.reseal(lines)
            try bad.write(to: URL(fileURLWithPath: a.path("bad.json")))
            let r = try a.run(["bad.json", "--script", "/dev/null"])
            #expect(r.status == 65, "\(to): \(r.stdout) \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: a.path("bad.json"))) == bad)
        }
    }
}
