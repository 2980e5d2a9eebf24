@testable import AccordCore
import Foundation
import Testing

@Suite("RefList: id lists conflicts share")
struct RefListTests {
    static let shared = Array(100..<200)

    static func conflict(_ id: Int, _ kpis: RefList, _ depts: RefList = [1]) -> Conflict {
        Conflict(id: id, rule: "known-tension", identity: "known-tension:\(id)", severity: .high, kpis: kpis, depts: depts,
                 metrics: ["traffic"], explanation: .catalog(CatalogText("x")), remedy: .catalog(CatalogText("y")))
    }

    @Test func aListOfPartsIsTheIdsInOrder() {
        let l = RefList([1, 2], shared: Self.shared, ranges: [0..<3, 98..<100, 5..<5])
        #expect(Array(l) == [1, 2, 100, 101, 102, 198, 199])
        #expect(l.count == 7 && l[0] == 1 && l[2] == 100 && l[6] == 199)
        #expect(l.contains(198) && !l.contains(150))
        #expect(l.prefix(3).map { $0 } == [1, 2, 100])
        #expect(l == [1, 2, 100, 101, 102, 198, 199], "equal to the same ids held whole")
        #expect(l != [1, 2, 100, 101, 102, 198])
        #expect(RefList() == [] && RefList([]).isEmpty)
        #expect(l.array == [1, 2, 100, 101, 102, 198, 199])
    }

    @Test func withoutAPoolAListIsWrittenAsPlainIds() throws {
        let l = RefList([7], shared: Self.shared, ranges: [0..<40])
        let json = String(decoding: try JSONEncoder().encode(l), as: UTF8.self)
        #expect(json == "[" + ([7] + Array(100..<140)).map(String.init).joined(separator: ",") + "]")
        #expect(try JSONDecoder().decode(RefList.self, from: Data(json.utf8)) == l)
    }

    /// The state line stores a list many conflicts use once, and reads back the same
    /// conflicts, through the tape and through Foundation, sharing again (so writing it once
    /// more gives the same bytes).
    @Test func theStateLineStoresASharedListOnce() throws {
        var s = State()
        for id in 1...50 {
            s.conflicts[id] = Self.conflict(id, RefList([id], shared: Self.shared, ranges: [0..<id, (id + 1)..<100]),
                                            RefList([id], shared: Array(1...60), ranges: [0..<60]))
        }
        s.conflicts[51] = Self.conflict(51, RefList(Array(300..<340)))  // long, but used once: in place
        let line = try SessionFile.encodeState(s)
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.components(separatedBy: "\"lists\":[[").count == 2)
        let obj = try JSONSerialization.jsonObject(with: line) as! [String: Any]
        let lists = try #require(obj["lists"] as? [[Int]])
        #expect(lists == [Self.shared, Array(1...60)])
        // each conflict's own fields are about 300 bytes; 50 copies of the 100 ids would add 20,000
        #expect(line.count < 50 * 300 + 3_000, "\(line.count) bytes: not 50 copies of 100 ids")
        let tape = try SessionFile.decodeState(line)
        let foundation = try RefPool.decoder().decode(State.self, from: line)
        for read in [tape, foundation] {
            #expect(read.conflicts.all == s.conflicts.all)
            #expect(try SessionFile.encodeState(read) == line)
        }
        #expect(Array(tape.conflicts[7]!.kpis) == [7] + Array(100..<107) + Array(108..<200))
    }

    /// An event's ops share their lists within the event's own line; an event with none is
    /// written as before version 5.
    @Test func anEventLineHoldsItsOwnLists() throws {
        let ops = (1...3).map { Op.conflict(.create(Self.conflict($0, RefList([$0], shared: Self.shared, ranges: [0..<100])))) }
        let e = Event(seq: 1, prev: Event.genesis, time: "2027-01-15T09:00:00Z", step: .audit, command: "audit", kind: "audit", ops: ops)
        let line = try EventLine.encode(e)
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.contains("\"lists\":[[100,101,"))
        #expect(text.components(separatedBy: "{\"from\":0,\"list\":0,\"to\":100}").count == 4)
        #expect(try EventLine.decode(line) == e)
        let small = Event(seq: 1, prev: Event.genesis, time: "2027-01-15T09:00:00Z", step: .audit, command: "audit", kind: "audit",
                          ops: [.conflict(.create(Self.conflict(1, [1, 2, 3])))])
        #expect(!String(decoding: try EventLine.encode(small), as: UTF8.self).contains("lists"))
    }
}
