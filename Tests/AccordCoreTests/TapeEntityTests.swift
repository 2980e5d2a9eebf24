@testable import AccordCore
import Foundation
import Testing

/// The direct tape readers of TapeEntities.swift must read exactly what `Codable` reads.
@Suite("TapeEntities agree with Codable, every type, every field set and unset")
struct TapeEntityTests {
    func roundTrip<T: Codable & Equatable & TapeDecodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let data = try EventLine.makeEncoder().encode(value)
        let direct = try data.withUnsafeBytes { raw -> T in
            let tape = try Tape(raw.bindMemory(to: UInt8.self))
            return try T(tape: tape, at: 0)
        }
        let viaFoundation = try JSONDecoder().decode(T.self, from: data)
        #expect(direct == value, sourceLocation: sourceLocation)
        #expect(viaFoundation == value, sourceLocation: sourceLocation)
        // an unknown member is ignored by both
        var text = String(decoding: data, as: UTF8.self)
        text.insert(contentsOf: "\"zzUnknown\":[1,{\"a\":null}],", at: text.index(after: text.startIndex))
        #expect(try TapeDecoder.decodeFast(T.self, from: Data(text.utf8)) == value, sourceLocation: sourceLocation)
        // and every required member, when removed, is refused by both
        let obj = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        for key in obj.keys {
            var smaller = obj
            smaller.removeValue(forKey: key)
            let d = try JSONSerialization.data(withJSONObject: smaller)
            let foundationOK = (try? JSONDecoder().decode(T.self, from: d)) != nil
            let tapeOK = (try? TapeDecoder.decodeFast(T.self, from: d)) != nil
            #expect(foundationOK == tapeOK, "\(T.self) without \(key)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyEntity() throws {
        var meta = Meta()
        try roundTrip(meta)
        meta.title = "Acme \"2027\" 年度"; meta.period = "2027"; meta.step = .map; meta.counters = ["K": 12, "行": 1]
        try roundTrip(meta)

        try roundTrip(Department(id: 1, name: "行銷部"))
        try roundTrip(Department(id: 2, name: "Sales", head: "Omar", supervisor: "Chris"))

        var k = KPI(id: 3, dept: 1, name: "網站流量")
        try roundTrip(k)
        k.metric = "traffic"; k.metricPinned = true; k.dir = .down; k.target = 1.5e8; k.unit = "訪次"; k.source = "GA4"
        k.cycle = .quarterly; k.weight = 12.5; k.owner = "林經理"
        try roundTrip(k)
        k.last = LastYear(period: "2027", contrib: "X7", goal: "降低獲客成本", bounds: Bounds(floor: 700, target: 900, challenge: 1_100),
                          actual: 950.5, completion: 104.2, grade: "A", months: 12, missing: 2,
                          adjustments: [PriorAdjustment(ref: "A1", from: "2027-07", oldTarget: 900, target: 1_000, reason: "新區域")])
        try roundTrip(k)
        k.last = LastYear(period: "2027", contrib: "X8", goal: nil, bounds: Bounds(floor: 1, target: 2, challenge: 3),
                          actual: nil, completion: nil, grade: nil, months: 12, missing: 12)
        try roundTrip(k)
        var carried = Meta()
        var goal = PriorGoal(ref: "G1", title: "提高客戶終身價值")
        goal.metric = "cltv"; goal.target = 14_500; goal.unit = "USD"; goal.owner = "業務部"; goal.stages = [.revenue, .referral]; goal.progress = 103.5
        carried.lineage = Lineage(file: "acme.json", head: String(repeating: "a", count: 64), events: 128, title: "Acme", period: "2027",
                                  review: "2027", goals: [goal, PriorGoal(ref: "G2", title: "x")])
        carried.imports = [Lineage(file: "b.json", head: String(repeating: "b", count: 64), events: 3, title: "", period: "", review: "", goals: [])]
        try roundTrip(carried)

        try roundTrip(Metric(id: "x", en: "X", zhHant: "甲", zhHans: "甲", stage: nil, kind: .activity, dir: .up))
        try roundTrip(Metric(id: "z", en: "Z", zhHant: "丙", zhHans: "丙", stage: nil, kind: .business, dir: .down, aggregation: .last))
        try roundTrip(Metric(id: "y", en: "Y", zhHant: "乙", zhHans: "乙", synonyms: ["why", "乙乙"], stage: .referral,
                             kind: .business, dir: .down, family: "x"))

        try roundTrip(Tension(id: 1, a: "traffic", aDir: .up, b: "ctr", bDir: .down, reasonEN: "r", reasonZH: "理由"))

        var c = Conflict(id: 4, rule: "known-tension", identity: "known-tension:K1,K2", severity: .high, kpis: [1, 2],
                         depts: [1, 2], metrics: ["ctr", "lead_conversion"], explanation: .literal("e"), remedy: .literal("r"))
        try roundTrip(c)
        c.status = .accepted; c.settledStatus = .resolved; c.note = "note \\ with \n newline"
        try roundTrip(c)
        // format 2: catalog sentences with every kind of argument
        c.explanation = .catalog(CatalogText("rule.opposing-direction.why", [
            "metric": "Lead volume", "up": .list(["行銷部", "Sales \"East\""]), "down": .list([]),
            "field": .term("audit.col.kind"), "reason": .typed(["en": "why", "zh-Hant": "為何"])]))
        c.remedy = .catalog(CatalogText("rule.opposing-direction.remedy"))
        try roundTrip(c)

        var r = GoalRevision(number: 1, title: "Raise CLTV", time: "2027-01-15T09:00:00Z")
        try roundTrip(r)
        r.metric = "cltv"; r.baseline = 12000; r.target = 14500.75; r.unit = "USD"; r.by = "2027-12-31"; r.owner = 2
        try roundTrip(r)

        var g = Goal(id: 1, first: r)
        try roundTrip(g)
        g.revisions.append(GoalRevision(number: 2, title: "t", time: "2027-01-15T09:00:00Z"))
        g.status = .adopted; g.adoptedRevision = 2; g.dropReason = "x"; g.stages = [.retention, .revenue]
        try roundTrip(g)

        try roundTrip(Vote(id: 1, goal: 1, revision: 1, dept: 2, choice: .agree, reason: nil, time: "t"))
        try roundTrip(Vote(id: 2, goal: 1, revision: 2, dept: 3, choice: .block, reason: "預算", time: "t"))

        try roundTrip(Contribution(id: 1, goal: 1, dept: 2, stage: .revenue, kpi: "Expansion revenue", metric: nil,
                                   target: 1_200_000, challenge: 1_500_000, floor: 900_000, unit: "USD", weight: 60,
                                   source: "Salesforce", cycle: .quarterly))
        try roundTrip(Contribution(id: 2, goal: 1, dept: 2, stage: .acquisition, kpi: "CAC", metric: "cac",
                                   target: 380, challenge: 350, floor: 420, unit: "USD", weight: 40.5,
                                   source: "Finance sheet", cycle: .monthly))

        try roundTrip(Signature(id: 1, dept: 1, role: .head, name: "Dana", time: "t", digest: "sha256:00", delegate: false))
        try roundTrip(Signature(id: 2, dept: 1, role: .supervisor, name: "陳", time: "t", digest: "sha256:ff", delegate: true))
        var device = Signature(id: 3, dept: 1, role: .head, name: "Dana", time: "t", digest: "sha256:00", delegate: false)
        device.letter = 2
        device.device = DeviceSignature(key: "BAAA", sig: "AAAA")
        try roundTrip(device)
        device.device = DeviceSignature(key: "AAAA", sig: "AAAA", algorithm: .ed25519)
        try roundTrip(device)
        try roundTrip(DeviceSignature(key: "AAAA", sig: "AAAA", algorithm: .ed25519))
        try roundTrip(DeviceSignature(key: "AAAA", sig: "AAAA"))
    }

    /// The head and the seal line are read at every open straight from the tape (no keyed
    /// containers, no conformance lookup): they must read what `Codable` reads, and refuse
    /// what it refuses.
    @Test func headAndSeals() throws {
        try roundTrip(SessionFile.Head(events: 1975, last: String(repeating: "a", count: 64), state: "b"))
        let key = SealKey(id: "0123456789abcdef0123456789abcdef", ed25519: "AAAA+/==", holder: "installation")
        let seal = Seal(key: key.id, covers: "head", seq: 12, digest: "d\u{e9}", sig: "c2ln")
        try roundTrip(key)
        try roundTrip(seal)
        try roundTrip(SealBook())
        try roundTrip(SealBook(keys: [key], seals: [seal, Seal(key: "x", covers: "event", seq: 3, digest: "", sig: "")]))
        // a wrong type is refused by both (the tape declines; Foundation gives the error)
        for bad in [#"{"key":"k","covers":"head","seq":"12","digest":"d","sig":"s"}"#,
                    #"{"key":"k","covers":"head","seq":1.5,"digest":"d","sig":"s"}"#,
                    #"{"key":null,"covers":"head","seq":1,"digest":"d","sig":"s"}"#] {
            #expect((try? JSONDecoder().decode(Seal.self, from: Data(bad.utf8))) == nil, "\(bad)")
            #expect((try? TapeDecoder.decodeFast(direct: Seal.self, from: Data(bad.utf8))) == nil, "\(bad)")
        }
        #expect((try? TapeDecoder.decodeFast(direct: SealBook.self, from: Data(#"{"keys":{},"seals":[]}"#.utf8))) == nil)
        #expect((try? TapeDecoder.decodeFast(direct: SessionFile.Head.self, from: Data(#"{"events":-1e3,"last":"","state":""}"#.utf8))) == nil)
        // a member twice: the first counts, as through Codable's keyed container on the tape
        let twice = Data(#"{"events":1,"events":2,"last":"l","state":"s"}"#.utf8)
        let viaCodable = try twice.withUnsafeBytes { raw in
            try SessionFile.Head(from: TapeReader(tape: try Tape(raw.bindMemory(to: UInt8.self)), index: 0, codingPath: []))
        }
        #expect(try TapeDecoder.decodeFast(direct: SessionFile.Head.self, from: twice) == viaCodable)
        #expect(viaCodable.events == 1)
    }

    /// Keys are matched as bytes (`TapeKey`): a key written with an escape still names its
    /// member, a key beyond ASCII is an unknown member, and one that is not UTF-8 is refused,
    /// as Foundation does.
    @Test func keysAreMatchedAsTheirTextHowEverWritten() throws {
        let escaped = Data(#"{"id":3,"name":"行銷部","head":"Omar"}"#.utf8)
        let d = try TapeDecoder.decodeFast(direct: Department.self, from: escaped)
        #expect(d == Department(id: 3, name: "行銷部", head: "Omar"))
        #expect(try JSONDecoder().decode(Department.self, from: escaped) == d)
        let foreign = Data(#"{"id":3,"name":"Sales","部門":"x"}"#.utf8)
        #expect(try TapeDecoder.decodeFast(direct: Department.self, from: foreign) == Department(id: 3, name: "Sales"))
        var bad = Data(#"{"id":3,"name":"Sales","#.utf8)
        bad.append(contentsOf: [0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D])  // "\xFF":1}
        #expect((try? TapeDecoder.decodeFast(direct: Department.self, from: bad)) == nil)
        #expect((try? JSONDecoder().decode(Department.self, from: bad)) == nil)
    }

    @Test func statesAndEventsOfAWholeMeeting() throws {
        var m = Meeting()
        try m.runAll(GoalTests.room + "\n" + GoalTests.good + """

        vote G1 Marketing agree
        vote G1 Sales object "Budget first"
        vote G1 "Customer Success" agree
        goal edit G1 --target 14,500
        dept rename Sales 業務部
        undo
        redo
        """)
        try roundTrip(m.state)
        for line in m.lines {
            let w = try JSONDecoder().decode(EventLine.Whole.self, from: line)
            let direct = try TapeDecoder.decodeFast(EventLine.Whole.self, from: line)
            #expect(direct.ops == w.ops && direct.seq == w.seq && direct.cmd == w.cmd && direct.undoes == w.undoes
                    && direct.redoes == w.redoes && direct.prev == w.prev && direct.time == w.time)
            for op in w.ops { try roundTrip(op) }
        }
    }
}

