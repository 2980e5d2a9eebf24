import AccordCore
import AccordREPL
import AccordStore
@testable import AccordServe
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// The room page's walls and grid, and the participant page's revision diff, through the routes.
final class RoomPageTests: XCTestCase {
    /// A session made of `lines`, with a room over it that follows every event.
    final class Session: @unchecked Sendable {
        let dir: String
        let store: SessionStore
        let runner: SessionRunner
        let room: Room

        init(_ lines: [String], lang: Language = .en) throws {
            dir = NSTemporaryDirectory() + "accord-room-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            store = try SessionStore(path: dir + "/s.json")
            runner = SessionRunner(store: store, clock: { "2027-01-15T09:00:00Z" }, interactive: false)
            room = Room(view: RoomView(state: store.state, events: 0, now: "2027-01-15T09:00:00Z"), lang: lang) { _, _ in Answer(500, "") }
            let store = self.store, room = self.room
            runner.onChange = { room.publish(RoomView(state: store.state, events: store.count, now: "2027-01-15T09:00:00Z"), lang: lang) }
            try run(lines)
        }

        func run(_ lines: [String]) throws {
            for line in lines {
                guard case .ok = runner.execute(line) else { throw CommandError("setup failed: \(line)") }
            }
        }

        deinit { try? store.close(); try? FileManager.default.removeItem(atPath: dir) }

        var app: some ApplicationProtocol { Application(router: Routes.router(room)) }

        func page(_ uri: String) async throws -> String {
            try await app.test(.router) { client in
                try await client.execute(uri: uri, method: .get) { res in
                    XCTAssertEqual(res.status, .ok)
                    return String(buffer: res.body)
                }
            }
        }
    }

    static let hostile = "<img src=x onerror=alert(1)>"
    static let rtl = "Ops\u{202E}gnp.exe"

    /// Three departments (one named to break the page, one with a bidi override), two of
    /// them in two known tensions, the third in none.
    static let audited = [
        "title \"Acme 2027\"", "period 2027",
        "dept add \"\(hostile)\" --head Ann --supervisor Bob",
        "dept add Sales --head Omar --supervisor Bob",
        "dept add \"\(rtl)\" --head Cy --supervisor Bob",
        "next",
        "kpi add \"\(hostile)\" \"Ad click-through\" --metric ctr --target 3% --weight 50",
        "kpi add \"\(hostile)\" \"Site traffic\" --metric traffic --target 100000 --weight 50",
        "kpi add Sales \"Lead conversion\" --metric lead_conversion --target 20% --weight 100",
        "kpi add \"\(rtl)\" \"Uptime\" --target 99.9% --weight 100",
        "audit",
    ]

    /// The cells of a table row whose header cell holds `name`: the text of each `<td>`.
    func row(_ html: String, in table: String, named name: String) -> [String]? {
        guard let start = html.range(of: "id=\"\(table)\""), let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex) else { return nil }
        let part = String(html[start.upperBound..<end.lowerBound])
        for tr in part.components(separatedBy: "<tr>").dropFirst() {
            guard tr.hasPrefix("<th scope=\"row\">\(name)</th>") else { continue }
            return tr.components(separatedBy: "<td").dropFirst().map { cell in
                let inner = cell[cell.index(after: cell.firstIndex(of: ">")!)...]
                return String(inner[..<inner.range(of: "</td>")!.lowerBound])
            }
        }
        return nil
    }

    func testTheWallsAreADepartmentByDepartmentTableOfOpenConflicts() async throws {
        let s = try Session(Self.audited)
        let open = s.store.state.conflicts.all.filter { $0.status == .open && $0.depts.count == 2 }
        XCTAssertEqual(open.count, 2, "ctr and traffic both pull against lead conversion: \(s.store.state.conflicts.all.map(\.rule))")
        let page = try await s.page("/room")
        XCTAssertTrue(page.contains("Walls — open conflicts between departments"), page)
        let hostile = "<bdi>" + HTML.escape(Self.hostile) + "</bdi>"
        XCTAssertFalse(page.contains(Self.hostile), "a department's name is escaped")
        XCTAssertFalse(page.contains("\u{202E}"), "a bidi override is shown as its code, not obeyed")
        XCTAssertTrue(page.contains("<th scope=\"col\">\(hostile)</th><th scope=\"col\"><bdi>Sales</bdi></th></tr>"),
                      "only the departments with open conflicts, in the order they were added: \(page)")
        XCTAssertEqual(row(page, in: "walls", named: hostile), ["·", "2"])
        XCTAssertEqual(row(page, in: "walls", named: "<bdi>Sales</bdi>"), ["2", "·"])
        XCTAssertNil(row(page, in: "walls", named: "<bdi>" + HTML.escape(Self.rtl) + "</bdi>"), "a department with no open conflict is not a wall")

        // it is live: settling both conflicts empties the walls on the page's stream
        try s.run(open.map { "conflict accept \($0.ref) \"agreed\"" })
        let after = Pages.roomFragment(s.room.current.0, lang: .en)
        XCTAssertTrue(after.contains("No open conflicts between departments."), after)
        XCTAssertNil(row(after, in: "walls", named: hostile))
    }

    func testTheWallsSayWhenThereIsNothingToShow() async throws {
        let s = try Session(["dept add A", "dept add B"])
        let before = try await s.page("/room")
        XCTAssertTrue(before.contains("Not audited yet"), before)
        XCTAssertTrue(before.contains("Nothing mapped yet"), before)
        let none = try Session(["dept add A", "dept add B"], lang: .zhHant)
        let zh = Pages.roomFragment(none.room.current.0, lang: .zhHant)
        XCTAssertTrue(zh.contains("部門牆"), zh)
        XCTAssertTrue(zh.contains("尚未盤點"), zh)
        let empty = try Session([])
        let nobody = try await empty.page("/room")
        XCTAssertTrue(nobody.contains("No departments yet."), nobody)
    }

    static let mapped = [
        "title \"Acme 2027\"", "period 2027",
        "dept add \"\(hostile)\" --head Ann --supervisor Bob",
        "dept add Sales --head Omar --supervisor Bob",
        "goal add \"Raise CLTV\" --metric cltv --baseline 12000 --target 14500 --unit USD --by 2027-12-31 --owner Sales",
        "vote G1 \"\(hostile)\" agree", "vote G1 Sales agree", "goal adopt G1",
        "goal add \"Lower CAC\" --metric cac --baseline 300 --target 250 --unit USD --by 2027-12-31 --owner Sales",
        "map G1 revenue referral",
        "map G2 acquisition",
        "contrib add G1 \"\(hostile)\" --stage referral --kpi \"Referral <u>signups</u>\" --metric referrals --target 300 --challenge 400 --floor 200 --unit signups --weight 30 --source HubSpot --cycle monthly",
        "contrib add G1 Sales --stage revenue --kpi \"Expansion revenue\" --metric revenue --target 1200000 --challenge 1500000 --floor 900000 --unit USD --weight 100 --source Salesforce --cycle quarterly",
        "contrib add G2 \"\(hostile)\" --stage acquisition --kpi \"Qualified leads\" --metric leads --target 900 --challenge 1100 --floor 700 --unit leads --weight 70 --source HubSpot --cycle monthly",
    ]

    func testTheGridShowsEachDepartmentsContributionsAtEachStage() async throws {
        let s = try Session(Self.mapped)
        let page = try await s.page("/room")
        let hostile = "<bdi>" + HTML.escape(Self.hostile) + "</bdi>"
        XCTAssertFalse(page.contains("<u>signups"), "a KPI's name is escaped")
        XCTAssertTrue(page.contains("The grid — goals × AARRR stages"), page)
        for stage in Stage.allCases { XCTAssertTrue(page.contains("<th scope=\"col\">\(stage.rawValue)"), "\(stage)") }
        // acquisition, activation, retention, revenue, referral, weight
        let mine = try XCTUnwrap(row(page, in: "grid", named: hostile), page)
        XCTAssertEqual(mine.count, 6)
        XCTAssertTrue(mine[0].contains("X3 70 (G2?)") && mine[0].contains("pending"), "G2 is not adopted: pending, as the REPL marks it: \(mine[0])")
        XCTAssertEqual(mine[1], "·")
        XCTAssertTrue(mine[4].contains("<bdi>X1 30 (G1)</bdi>") && mine[4].contains("Referral &lt;u&gt;signups&lt;/u&gt;"), mine[4])
        XCTAssertEqual(mine[5], "30 ✗", "70 of G2 does not count until G2 is adopted")
        let sales = try XCTUnwrap(row(page, in: "grid", named: "<bdi>Sales</bdi>"))
        XCTAssertTrue(sales[3].contains("X2 100 (G1)"), sales[3])
        XCTAssertEqual(sales[5], "100 ✓")
        let goals = try XCTUnwrap(row(page, in: "grid", named: "goals"))
        XCTAssertEqual(goals[0], "<span class=\"pending\">G2?</span>")
        XCTAssertEqual(goals[3], "G1")
        XCTAssertEqual(goals[4], "G1")
        XCTAssertTrue(page.contains("2 contributions"), "X3 is pending: \(page)")
        XCTAssertTrue(page.contains("<p>Gaps</p>"), page)

        // live: the room's stream carries the grid after G2 is adopted
        try s.run(["vote G2 \"\(Self.hostile)\" agree", "vote G2 Sales agree", "goal adopt G2"])
        let after = Pages.roomFragment(s.room.current.0, lang: .en)
        let now = try XCTUnwrap(row(after, in: "grid", named: hostile))
        XCTAssertEqual(now[5], "100 ✓")
        XCTAssertFalse(now[0].contains("pending"))
    }

    func testTheGridSpeaksTheRoomsLanguage() throws {
        let s = try Session(Self.mapped, lang: .zhHans)
        let zh = Pages.roomFragment(s.room.current.0, lang: .zhHans)
        XCTAssertTrue(zh.contains("拆解表"), zh)
        XCTAssertTrue(zh.contains("权重"), zh)
        XCTAssertTrue(zh.contains("<th scope=\"row\">目标</th>"), zh)
    }

    func testTheParticipantSeesWhatChangedFromTheLastRevision() async throws {
        let s = try Session([
            "dept add Sales --head Ann", "dept add Ops --head Cy",
            "goal add \"Raise CLTV\" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027-12-31 --owner Ops",
        ])
        let token = s.room.link(for: Participant(dept: 1, role: .head))
        let first = try await s.page("/p/\(token)")
        XCTAssertTrue(first.contains("First revision (r1)"), first)
        XCTAssertFalse(first.contains("What changed"))

        try s.run(["goal edit G1 --target 14500 --owner Sales --title \"Raise <b>CLTV</b>\""])
        let page = try await s.page("/p/\(token)")
        XCTAssertTrue(page.contains("What changed from r1 to r2"), page)
        XCTAssertTrue(page.contains("<tr><th scope=\"row\">target</th><td><del><bdi>15,000</bdi></del></td><td>→</td><td><ins><bdi>14,500</bdi></ins></td></tr>"), page)
        XCTAssertTrue(page.contains("<th scope=\"row\">owner</th><td><del><bdi>Ops</bdi></del></td><td>→</td><td><ins><bdi>Sales</bdi></ins></td>"), page)
        XCTAssertTrue(page.contains("<ins><bdi>Raise &lt;b&gt;CLTV&lt;/b&gt;</bdi></ins>"), page)
        XCTAssertFalse(page.contains("<b>CLTV"))
        XCTAssertFalse(page.contains("by</th>"), "only what changed")
        // the same content as `goal show`'s line
        let g = s.store.state.goals[1]!
        let show = Paint.strip(GoalText.show(g, in: s.store.state, now: nil))
        XCTAssertTrue(show.contains("r1 → r2  title Raise CLTV → Raise <b>CLTV</b>; target 15,000 → 14,500; owner Ops → Sales"), show)
    }
}
