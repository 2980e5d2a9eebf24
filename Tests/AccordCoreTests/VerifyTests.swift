@testable import AccordCore
import Foundation
import Testing

@Suite("verify: signatures and the event log")
struct VerifyTests {
    static func signedFile() throws -> (Meeting, Data) {
        let m = try MapSignFixture.signed()
        return (m, try MapSignFixture.file(m))
    }

    @Test func anUntouchedSignedSessionHolds() throws {
        let (m, data) = try Self.signedFile()
        let (report, _) = try Verifier.check(file: data)
        #expect(report.holds)
        #expect(report.integrity.isEmpty && report.fold.isEmpty && report.voids.isEmpty)
        #expect(report.events == m.events.count)
        let text = Paint.strip(report.text(m.state))
        #expect(text.contains("3 letters: 3 signed, 0 partly, 0 unsigned, 0 void"))
        #expect(text.contains("✓ hash chain intact (\(m.events.count) events)"))
        #expect(text.contains("✓ Everything holds."))
    }

    @Test func theREPLVerifyReportsVoidSignaturesAndFails() throws {
        var m = try MapSignFixture.signed()
        #expect(!(try m.run("verify")).failed)
        try m.run("contrib edit X1 --floor 650")
        let o = try m.run("verify")
        #expect(o.failed)
        let text = Paint.strip(o.output)
        #expect(text.contains("✗ VOID Marketing head Dana Reyes"))
        #expect(text.contains("✗ VOID Marketing supervisor Chris Wong"))
        #expect(!text.contains("VOID Sales"))
        #expect(text.contains("Does not hold: 2 void signatures."))
    }

    @Test func theREPLVerifyReportsTheLogsBrokenLink() throws {
        struct Broken: EventLog {
            var count: Int { 3 }
            func event(_ seq: Int) throws -> Event { throw TestFailure("no") }
            func integrityProblems() -> [String] { ["event 3 does not follow event 2: event 2 was changed, or one was removed"] }
        }
        let m = try MapSignFixture.signed()
        var state = m.state
        var ctx = m.context()
        ctx.log = Broken()
        let o = try Engine.run("verify", state: &state, ctx: ctx)
        #expect(o.failed)
        #expect(Paint.strip(o.output).contains("✗ event 3 does not follow event 2"))
    }

    /// Hand-editing any single event of the saved file breaks the chain at that event, and
    /// verify names it.
    @Test func handEditingAnyEventIsFoundAndNamed() throws {
        let (_, data) = try Self.signedFile()
        let image = try SessionFile.parse(data)
        let n = image.lines.count
        for i in 0..<n {
            for (field, from, to) in [("time", "\"time\":\"2027-01-15T09:00:00Z\"", "\"time\":\"2027-01-15T09:00:01Z\""),
                                      ("cmd", "\"cmd\":\"", "\"cmd\":\" ")] {
                var lines = image.lines
                let line = String(decoding: lines[i], as: UTF8.self)
                guard let r = line.range(of: from) else { Issue.record("event \(i + 1) has no \(field)"); continue }
                lines[i] = Data(line.replacingCharacters(in: r, with: to).utf8)
                let edited = SessionFile.encode(stateLine: image.stateLine, lines: lines, lastDigest: image.head.last)
                let (report, _) = try Verifier.check(file: edited)
                #expect(!report.holds, "event \(i + 1) \(field)")
                let named = i == n - 1 ? "event \(n) was changed" : "event \(i + 2) does not follow event \(i + 1): event \(i + 1) was changed"
                #expect(report.integrity.first?.contains(named) == true, "event \(i + 1) \(field): \(report.integrity)")
            }
        }
    }

    /// Hand-editing a value inside an event's ops (a contribution's target) is found by the
    /// chain and by re-folding the log.
    @Test func handEditingAnOpIsFoundByTheChainAndTheFold() throws {
        let (m, data) = try Self.signedFile()
        let image = try SessionFile.parse(data)
        let i = try #require(m.events.firstIndex { $0.command.hasPrefix("contrib add G1 Sales") })
        var lines = image.lines
        let line = String(decoding: lines[i], as: UTF8.self)
        lines[i] = Data(line.replacingOccurrences(of: "\"target\":1200000", with: "\"target\":1300000").utf8)
        #expect(lines[i] != image.lines[i])
        let (report, _) = try Verifier.check(file: SessionFile.encode(stateLine: image.stateLine, lines: lines, lastDigest: image.head.last))
        #expect(report.integrity.first?.contains("event \(i + 1) was changed") == true)
        #expect(report.fold.first?.contains("does not apply") == true || report.fold.first?.contains("differs") == true)
    }

    /// Hand-editing any single field of a signed letter's data in the stored state voids
    /// exactly that department's signatures, breaks the state's digest, and the fold names
    /// the entity that differs.
    @Test(arguments: Array(VerifyTests.stateEdits.indices))
    func handEditingAnyFieldOfASignedLettersDataIsFoundAndNamed(index: Int) throws {
        let (name, depts, entity, edit) = Self.stateEdits[index]
        let (m, data) = try Self.signedFile()
        let image = try SessionFile.parse(data)
        var state = image.state
        edit(&state)
        let stateLine = try SessionFile.encodeState(state)
        // the file as a hand edit leaves it: one value changed in the state line, nothing else
        var lines = SessionFile.splitLines(data)
        let at = try #require(lines.firstIndex { $0.starts(with: Data("\"state\":".utf8)) })
        #expect(at == 3)  // format 3: the seal line before it
        lines[at] = Data("\"state\":".utf8) + stateLine + Data(",".utf8)
        let edited = Data(lines.map { Data($0) }.joined(separator: Data("\n".utf8)))
        let (report, after) = try Verifier.check(file: edited)
        #expect(!report.holds, "\(name)")
        #expect(report.integrity == ["the stored state does not match its digest (the state was edited by hand)"], "\(name)")
        let voided = Set(report.voids.map { m.state.deptName($0.signature.dept) })
        #expect(voided == Set(depts), "\(name): \(voided)")
        let expectedVoids = name == "signature digest" ? 1 : depts.count * 2
        #expect(report.voids.count == expectedVoids, "\(name)")
        #expect(report.fold.first?.contains(entity) == true, "\(name): \(report.fold)")
        let text = Paint.strip(report.text(after))
        for v in report.voids { #expect(text.contains("✗ VOID \(Signatures.label(v.signature, in: after))"), "\(name)") }

        // an editor who also fixes the head's state digest is still caught by the fold
        let sneaky = SessionFile.encode(stateLine: stateLine, lines: image.lines, lastDigest: image.head.last)
        let (r2, _) = try Verifier.check(file: sneaky)
        #expect(r2.integrity.isEmpty && !r2.fold.isEmpty && !r2.holds, "\(name)")
    }

    nonisolated(unsafe) static let stateEdits: [(String, [String], String, (inout State) -> Void)] = [
        ("contribution target", ["Marketing"], "contribs X2", { $0.contribs[2]!.target = 310 }),
        ("contribution floor", ["Sales"], "contribs X3", { $0.contribs[3]!.floor = 800_000 }),
        ("contribution challenge", ["Growth"], "contribs X4", { $0.contribs[4]!.challenge = 340 }),
        ("contribution weight", ["Growth"], "contribs X5", { $0.contribs[5]!.weight = 41 }),
        ("contribution kpi", ["Marketing"], "contribs X1", { $0.contribs[1]!.kpi = "SALs" }),
        ("contribution metric", ["Marketing"], "contribs X1", { $0.contribs[1]!.metric = "qualified_leads" }),
        ("contribution unit", ["Sales"], "contribs X3", { $0.contribs[3]!.unit = "EUR" }),
        ("contribution source", ["Sales"], "contribs X3", { $0.contribs[3]!.source = "Excel" }),
        ("contribution cycle", ["Growth"], "contribs X5", { $0.contribs[5]!.cycle = .annual }),
        ("contribution stage", ["Marketing"], "contribs X2", { $0.contribs[2]!.stage = .revenue }),
        ("contribution department", ["Marketing", "Sales"], "contribs X2", { $0.contribs[2]!.dept = 2 }),
        ("department name", ["Marketing"], "depts D1", { $0.depts[1]!.name = "Brand" }),
        ("department head", ["Sales"], "depts D2", { $0.depts[2]!.head = "Omar" }),
        ("department supervisor", ["Growth"], "depts D3", { $0.depts[3]!.supervisor = "Pat" }),
        ("goal title", ["Marketing", "Sales"], "goals G1", { $0.goals[1]!.revisions[0].title = "Raise CLTV" }),
        ("goal target", ["Marketing", "Growth"], "goals G2", { $0.goals[2]!.revisions[0].target = 390 }),
        ("goal status", ["Marketing", "Growth"], "goals G2", { $0.goals[2]!.status = .proposed }),
        ("session title", ["Marketing", "Sales", "Growth"], "meta", { $0.meta.title = "Acme 2028" }),
        ("period", ["Marketing", "Sales", "Growth"], "meta", { $0.meta.period = "2028" }),
        ("signature digest", ["Sales"], "signatures S3", { $0.signatures[3]!.digest = "sha256:" + String(repeating: "0", count: 64) }),
    ]

    @Test func aSignatureOfAMissingDepartmentIsNamed() throws {
        let (_, data) = try Self.signedFile()
        let image = try SessionFile.parse(data)
        var state = image.state
        state.signatures[1]!.dept = 42
        let edited = SessionFile.encode(stateLine: try SessionFile.encodeState(state), lines: image.lines, lastDigest: image.head.last)
        let (report, after) = try Verifier.check(file: edited)
        #expect(report.orphans.map(\.id) == [1])
        #expect(Paint.strip(report.text(after)).contains("names department D42"))
    }

    @Test func notASessionFileIsAnError() {
        #expect(throws: SessionFile.LoadError.self) { try Verifier.check(file: Data("garbage".utf8)) }
        #expect(throws: SessionFile.LoadError.self) { try Verifier.check(file: Data()) }
    }
}
