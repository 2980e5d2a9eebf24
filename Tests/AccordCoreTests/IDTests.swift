@testable import AccordCore
import Foundation
import Testing

@Suite("Ids")
struct IDTests {
    @Test func parsesTheLetterInEitherCaseOrABareNumber() {
        #expect(ID(parsing: "K12", as: .kpi) == ID(.kpi, 12))
        #expect(ID(parsing: "k12", as: .kpi) == ID(.kpi, 12))
        #expect(ID(parsing: "12", as: .kpi) == ID(.kpi, 12))
        #expect(ID(parsing: "  g3 ", as: .goal) == ID(.goal, 3))
        #expect(ID(parsing: "x4", as: .contribution) == ID(.contribution, 4))
        #expect(ID(parsing: "C007", as: .conflict) == ID(.conflict, 7))
    }

    @Test func refusesWhatIsNotAnIdOfThatKind() {
        for bad in ["", "K", "G12", "K-1", "-1", "+3", "K0", "0", "K1.5", "K 1", "K12a", "１２", "K99999999999999999999"] {
            #expect(ID(parsing: bad, as: .kpi) == nil, "\(bad)")
        }
        // where a bare number means something else, the letter is required
        #expect(ID(parsing: "3", as: .goal, bare: false) == nil)
        #expect(ID(parsing: "g3", as: .goal, bare: false) == ID(.goal, 3))
    }

    @Test func printsItsLetterAndNumber() {
        #expect(ID(.kpi, 12).description == "K12")
        #expect("\(ID(.signature, 2))" == "S2")
        #expect(Set(IDKind.allCases.map(\.letter)) == ["K", "C", "G", "X", "V", "S", "T", "D", "A"])
        #expect(KPI(id: 5, dept: 1, name: "Leads").ref.description == "K5")
        #expect(Department(id: 2, name: "Sales").ref == ID(.department, 2))
        // parsing what it prints gives it back, for every kind
        for kind in IDKind.allCases {
            #expect(ID(parsing: ID(kind, 41).description, as: kind) == ID(kind, 41))
        }
    }

    @Test func comparesByKindThenNumber() {
        #expect(ID(.kpi, 2) < ID(.kpi, 10))
        #expect([ID(.kpi, 10), ID(.kpi, 2), ID(.kpi, 1)].sorted().map(\.description) == ["K1", "K2", "K10"])
        #expect(ID(.kpi, 9) < ID(.conflict, 1))
        #expect(ID(.goal, 3) != ID(.kpi, 3))
    }

    @Test func completesInNumberOrder() {
        #expect(ID.completions(.kpi, [10, 2, 1]) == ["K1", "K2", "K10"])
    }

    @Test func theCounterOfAKindIsItsLetter() {
        var d = Draft(State())
        #expect(d.nextID(.kpi) == 1)
        #expect(d.nextID(.kpi) == 2)
        #expect(d.nextID(.goal) == 1)
        #expect(d.state.meta.counters == ["K": 2, "G": 1])
    }

    @Test func commandsNameEveryKindTheSameWay() throws {
        var m = Meeting()
        try m.runAll("""
        title Acme
        dept add Sales
        kpi add Sales Leads
        """)
        #expect(try m.text("kpi edit 1 --weight 20").contains("K1"))
        #expect(try m.text("kpi edit k1 --weight 30").contains("K1"))
        #expect(m.error("kpi edit G1 --weight 30") == t("kpi.bad-id", ["ref": "G1"]))
        #expect(m.error("kpi edit K7 --weight 30") == t("kpi.no-such", ["id": "K7", "n": "1"]))
        #expect(Completion.complete("kpi edit k", m.state).candidates == ["K1"])
    }
}
