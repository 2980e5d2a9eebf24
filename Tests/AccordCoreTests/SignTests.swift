@testable import AccordCore
import Foundation
import Testing

@Suite("sign: signatures, delegation, voiding")
struct SignTests {
    static let all = ["Growth head", "Growth supervisor", "Marketing head", "Marketing supervisor", "Sales head", "Sales supervisor"]

    // MARK: sign

    @Test func aSignatureRecordsRoleNameTimeAndTheLettersDigest() throws {
        var m = try MapSignFixture.atSign()
        m.now = "2027-01-15T11:02:00Z"
        let out = try m.text("sign Marketing head \"Dana Reyes\"")
        let sig = try #require(m.state.signatures.all.first)
        #expect(sig.role == .head && sig.name == "Dana Reyes" && sig.time == "2027-01-15T11:02:00Z" && !sig.delegate)
        #expect(sig.digest == Letter(m.state.depts[1]!, in: m.state).digest)
        #expect(sig.digest.hasPrefix("sha256:") && sig.digest.count == 71)
        #expect(out.contains("Marketing: partly signed"))
        let letter = try m.text("letter Marketing")
        let head = try #require(letter.split(separator: "\n").first { $0.hasPrefix(" head") })
        #expect(head.contains("Dana Reyes") && head.contains("2027-01-15 11:02") && head.contains("sha256:ea8b…d9c9") && head.contains("✓ valid"))
    }

    @Test func theNameIsMatchedIgnoringCaseAndStoredAsRecorded() throws {
        var m = try MapSignFixture.atSign()
        try m.run("sign marketing HEAD dana reyes")
        #expect(m.state.signatures.all.first?.name == "Dana Reyes")
    }

    @Test func anotherNameIsRefusedUnlessSigningAsDelegate() throws {
        var m = try MapSignFixture.atSign()
        let e = m.error("sign Marketing head \"Sam Lee\"")
        #expect(e == "Sam Lee is not Marketing's head (that is Dana Reyes). If Sam Lee signs on their behalf: `sign Marketing head \"Sam Lee\" --as-delegate`.")
        #expect(m.state.signatures.isEmpty)
        try m.run("sign Marketing head \"Sam Lee\" --as-delegate")
        let sig = try #require(m.state.signatures.all.first)
        #expect(sig.delegate && sig.name == "Sam Lee")
        #expect(try m.text("letter Marketing").contains("Sam Lee (delegate for Dana Reyes)"))
        #expect(m.error("sign Marketing supervisor \"Chris Wong\" --as-delegate")?.contains("sign without --as-delegate") == true)
    }

    @Test func signingAValidSignatureAgainIsRefusedUnlessReplacing() throws {
        var m = try MapSignFixture.atSign()
        try m.run("sign Marketing head \"Sam Lee\" --as-delegate")
        let e = m.error("sign Marketing head \"Dana Reyes\"")
        #expect(e?.contains("valid already") == true && e?.contains("--replace") == true)
        let out = try m.text("sign Marketing head \"Dana Reyes\" --replace")
        #expect(out.contains("replaces the signature by Sam Lee"))
        #expect(m.state.signatures.count == 2)   // the replaced one stays
        let l = m.letters("Marketing")
        #expect(l.head?.signature.name == "Dana Reyes" && l.head?.valid == true && l.earlier == 1)
    }

    @Test func aLetterThatIsNotReadyCannotBeSigned() throws {
        var m = try MapSignFixture.atSign()
        try m.run("contrib edit X3 --weight 90")
        #expect(m.error("sign Sales head \"Omar Haddad\"") == "Not ready to sign: Sales's weights sum to 90, not 100.")
        try m.run("dept add Legal --head Lin --supervisor Chris")
        #expect(m.error("sign Legal head Lin")?.contains("no rows yet") == true)
        #expect(m.error("sign Sales boss \"Omar Haddad\"") == "Sign as head (負責人, 负责人) or supervisor (主管), not `boss`.")
    }

    // MARK: voiding

    @Test func aContributionEditAfterSigningVoidsExactlyThatDepartmentsSignatures() throws {
        var m = try MapSignFixture.signed()
        #expect(m.validSignatures == Self.all)
        let out = try m.text("contrib edit X3 --target 1300000")
        #expect(out.contains("⚠ voids 2 signatures: Sales head Omar Haddad, Sales supervisor Chris Wong"))
        #expect(m.validSignatures == Self.all.filter { !$0.hasPrefix("Sales") })
        let sales = m.letters("Sales")
        #expect(sales.status == .void && sales.voids.count == 2)
        #expect(m.state.signatures.count == 6)   // void signatures stay
        #expect(try m.text("letter Sales").contains("VOID: changed after signing"))
        // signing again makes it whole; the void ones stay in the state
        try m.run("sign Sales head \"Omar Haddad\"")
        try m.run("sign Sales supervisor \"Chris Wong\"")
        #expect(m.validSignatures == Self.all)
        #expect(m.state.signatures.count == 8)
        #expect(m.letters("Sales").earlier == 2)
    }

    @Test(arguments: [
        ("contrib edit X2 --weight 20", ["Marketing head", "Marketing supervisor"]),
        ("contrib rm X5", ["Growth head", "Growth supervisor"]),
        ("contrib add G1 Sales --stage referral --kpi Referrals --metric referrals --target 3 --challenge 4 --floor 2 --unit x --weight 5 --source HubSpot --cycle monthly",
         ["Sales head", "Sales supervisor"]),
        ("goal edit G2 --target 370", ["Growth head", "Growth supervisor", "Marketing head", "Marketing supervisor"]),
        ("dept rename Sales \"Sales & Success\"", ["Sales head", "Sales supervisor"]),
        ("dept edit Growth --head \"Lee Park Jr\"", ["Growth head", "Growth supervisor"]),
        ("dept edit Growth --supervisor \"Pat Kim\"", ["Growth head", "Growth supervisor"]),
        ("title \"Acme 2027 (final)\"", SignTests.all),
        ("dept rm Growth", ["Growth head", "Growth supervisor"]),
    ])
    func everyChangeToASignedLetterWarnsHowManySignaturesItVoids(line: String, voided: [String]) throws {
        var m = try MapSignFixture.signed()
        let o = try m.run(line)
        let text = Paint.strip(o.output)
        // a removed department takes its letter with it; every other change voids the signatures
        let verb = line.hasPrefix("dept rm") ? "and with it" : "⚠ voids"
        let expected = voided.count == 1 ? "\(verb) 1 signature" : "\(verb) \(voided.count) signatures"
        #expect(text.contains(expected), "\(line): \(text)")
        let still = Self.all.filter { !voided.contains($0) }
        #expect(m.validSignatures == still, "\(line)")
    }

    @Test(arguments: ["kpi add Marketing \"Website traffic\" --target 200萬", "back", "status", "grid",
                      "map G1 retention revenue referral", "contrib edit X3 --target 1200000",
                      "sign Marketing head \"Dana Reyes\" --replace"])
    func changesOutsideTheLettersVoidNothing(line: String) throws {
        var m = try MapSignFixture.signed()
        let o = try m.run(line)
        #expect(!Paint.strip(o.output).contains("voids"), "\(line)")
        #expect(m.validSignatures == Self.all)
    }

    @Test func atATerminalTheChangeIsAskedFirstAndNothingChangesUntilConfirmed() throws {
        let m = try MapSignFixture.signed()
        var state = m.state
        let asked = try Engine.run("contrib edit X3 --target 1300000", state: &state, ctx: m.context(confirmed: false, interactive: true))
        let q = try #require(asked.question)
        #expect(q.contains("⚠ voids 2 signatures: Sales head Omar Haddad, Sales supervisor Chris Wong"))
        #expect(q.contains("Go ahead?"))
        #expect(asked.change == nil && asked.failed)
        #expect(state == m.state)
        let done = try Engine.run("contrib edit X3 --target 1300000", state: &state, ctx: m.context(confirmed: true, interactive: true))
        #expect(done.question == nil && done.change != nil)
        #expect(state.contribs[3]!.target == 1_300_000)
        // the person has just read the warning in the question: it is not printed again
        #expect(!Paint.strip(done.output).contains("voids"))
    }

    @Test func atATerminalAChangeThatVoidsNothingIsNotAsked() throws {
        let m = try MapSignFixture.signed()
        var state = m.state
        let o = try Engine.run("kpi add Sales Revenue", state: &state, ctx: m.context(confirmed: false, interactive: true))
        #expect(o.question == nil && o.change != nil)
    }

    @Test func undoingTheChangeBringsTheSignaturesBackAndUndoingASignatureWarns() throws {
        var m = try MapSignFixture.signed()
        try m.run("contrib edit X3 --target 1300000")
        #expect(m.letters("Sales").status == .void)
        try m.run("undo")
        #expect(m.validSignatures == Self.all)   // the content is what was signed again
        var m2 = try MapSignFixture.signed()
        let o = try m2.text("undo")   // takes back `sign Growth supervisor`
        #expect(o.contains("⚠ takes back 1 signature: Growth supervisor Chris Wong"))
        #expect(m2.letters("Growth").status == .partly)
    }

    // MARK: status

    @Test func statusCountsSignedPartlyUnsignedAndVoidLetters() throws {
        var m = try MapSignFixture.atSign()
        try m.run("step sign --force \"signing\"")
        #expect(SignGate.summary(m.state) == "3 letters: 0 signed, 0 partly, 3 unsigned, 0 void")
        #expect(Paint.strip(Status.nextHint(m.state)) == "Next: `sign Marketing head \"Dana Reyes\"` (6 signatures to go).")
        try m.runAll("""
        sign Marketing head "Dana Reyes"
        sign Marketing supervisor "Chris Wong"
        sign Sales head "Omar Haddad"
        sign Growth head "Lee Park"
        sign Growth supervisor "Chris Wong"
        contrib edit X5 --source Mixpanel
        """)
        #expect(SignGate.summary(m.state) == "3 letters: 1 signed, 1 partly, 0 unsigned, 1 void")
        let status = Paint.strip(try m.text("status"))
        #expect(status.contains("4 sign    3 letters: 1 signed, 1 partly, 0 unsigned, 1 void"))
        #expect(status.contains("Next: 2 void signatures"))
    }
}
