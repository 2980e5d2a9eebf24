@testable import AccordCore
import Foundation

/// A small meeting at the map step: three departments, two adopted goals mapped to stages.
/// G1 (cltv) → revenue, referral; G2 (cac) → acquisition, activation.
enum MapSignFixture {
    static let setup = """
    title "Acme 2027"
    period 2027
    dept add Marketing --head "Dana Reyes" --supervisor "Chris Wong"
    dept add Sales --head "Omar Haddad" --supervisor "Chris Wong"
    dept add Growth --head "Lee Park" --supervisor "Chris Wong"
    goal add "Raise customer lifetime value" --metric cltv --baseline 12000 --target 14500 --unit USD --by 2027-12-31 --owner Sales
    vote G1 Marketing agree
    vote G1 Sales agree
    vote G1 Growth agree
    goal adopt G1
    goal add "Lower blended acquisition cost" --metric cac --baseline 450 --target 380 --unit USD --by 2027-12-31 --owner Growth
    vote G2 Marketing agree
    vote G2 Sales agree
    vote G2 Growth agree
    goal adopt G2
    map G1 revenue referral
    map G2 acquisition activation
    """

    /// Every stage served, every department's weights at 100.
    /// Marketing: X1 (G2 acquisition, 70), X2 (G1 referral, 30); Sales: X3 (G1 revenue, 100);
    /// Growth: X4 (G2 acquisition, cac ↓, 60), X5 (G2 activation, 40).
    static let contributions = """
    contrib add G2 Marketing --stage acquisition --kpi "Sales-accepted leads" --metric leads --target 900 --challenge 1100 --floor 700 --unit leads --weight 70 --source Salesforce --cycle monthly
    contrib add G1 Marketing --stage referral --kpi "Referral signups" --metric referrals --target 300 --challenge 400 --floor 200 --unit signups --weight 30 --source HubSpot --cycle monthly
    contrib add G1 Sales --stage revenue --kpi "Expansion revenue" --metric revenue --target 1,200,000 --challenge 150萬 --floor 900000 --unit USD --weight 100 --source Salesforce --cycle quarterly
    contrib add G2 Growth --stage acquisition --kpi "Customer acquisition cost" --metric cac --target 380 --challenge 350 --floor 420 --unit USD --weight 60 --source "Finance sheet" --cycle quarterly
    contrib add G2 Growth --stage activation --kpi "Trial to paid conversion" --metric trial_conversion --target 18% --challenge 22% --floor 15% --weight 40 --source Salesforce --cycle monthly
    """

    static let signatures = """
    step sign --force "straight to signing"
    sign Marketing head "Dana Reyes"
    sign Marketing supervisor "Chris Wong"
    sign Sales head "Omar Haddad"
    sign Sales supervisor "Chris Wong"
    sign Growth head "Lee Park"
    sign Growth supervisor "Chris Wong"
    """

    /// Goals adopted and mapped, nothing contributed (the room is still at setup: commands are not tied to steps).
    static func mapped() throws -> Meeting {
        var m = Meeting()
        try m.runAll(setup)
        return m
    }

    /// Contributions in place, nothing signed.
    static func contributed() throws -> Meeting {
        var m = try mapped()
        try m.runAll(contributions)
        return m
    }

    /// Contributions in place and the room at 4 sign (passing the audit's gate by force):
    /// `sign` works from there.
    static func atSign() throws -> Meeting {
        var m = try contributed()
        try m.run("step sign --force \"straight to signing\"")
        return m
    }

    /// Every letter signed by head and supervisor.
    static func signed() throws -> Meeting {
        var m = try contributed()
        try m.runAll(signatures)
        return m
    }

    /// The session file accord would write for a meeting.
    static func file(_ m: Meeting) throws -> Data {
        SessionFile.encode(stateLine: try SessionFile.encodeState(m.state), lines: m.lines)
    }
}

extension Meeting {
    /// The letter review of one department.
    func letters(_ dept: String) -> LetterSignatures {
        let d = state.department(named: dept)!
        return Signatures.review(state, depts: [d.id])[0]
    }

    /// Valid signatures as "Dept role", sorted.
    var validSignatures: [String] {
        Signatures.review(state).flatMap { l in
            [l.head, l.supervisor].compactMap { $0 }.filter(\.valid).map { "\(l.dept.name) \($0.signature.role.rawValue)" }
        }.sorted()
    }
}
