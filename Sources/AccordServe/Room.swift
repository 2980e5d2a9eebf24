import AccordCore
import AccordREPL
import Foundation

/// Who a link belongs to: a department's head or supervisor.
public struct Participant: Hashable, Sendable {
    public var dept: Int
    public var role: SignatureRole
    public init(dept: Int, role: SignatureRole) { self.dept = dept; self.role = role }
}

/// The personal links: a random token (128 bits, hex) per participant. Kept in memory only:
/// never in the session file, gone with `serve stop` or when accord quits.
public struct TokenTable: Sendable {
    public private(set) var byToken: [String: Participant] = [:]
    public private(set) var byParticipant: [Participant: String] = [:]

    public init() {}

    /// 16 bytes from the system's secure generator, as 32 hex digits.
    public static func newToken() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }

    /// The participant's link, made on first ask.
    public mutating func token(for p: Participant) -> String {
        if let t = byParticipant[p] { return t }
        let t = TokenTable.newToken()
        byToken[t] = p; byParticipant[p] = t
        return t
    }

    public func participant(_ token: String) -> Participant? { byToken[token] }

    /// Ends the links of a department (one role, or both); how many ended.
    @discardableResult
    public mutating func revoke(dept: Int, role: SignatureRole?) -> Int {
        var n = 0
        for (p, t) in byParticipant where p.dept == dept && (role == nil || p.role == role) {
            byParticipant[p] = nil; byToken[t] = nil; n += 1
        }
        return n
    }

    public mutating func removeAll() { byToken = [:]; byParticipant = [:] }
}

/// At most `limit` requests in any one second per token (a sliding window).
public struct RateLimiter: Sendable {
    public var limit: Int
    private var seen: [String: [Double]] = [:]
    public init(limit: Int) { self.limit = limit }

    /// Records a request at `now` (seconds); false when it is one too many.
    public mutating func allow(_ key: String, now: Double) -> Bool {
        var times = (seen[key] ?? []).filter { now - $0 < 1 }
        guard times.count < limit else { seen[key] = times; return false }
        times.append(now)
        seen[key] = times
        return true
    }
}

/// A device's answer: an HTTP status and a sentence (in the room's language).
public struct Answer: Equatable, Sendable {
    public var status: Int
    public var text: String
    public init(_ status: Int, _ text: String) { self.status = status; self.text = text }
}

/// A vote as a device sends it (the form on the participant's page).
public struct DeviceVote: Sendable {
    public var goal: Int
    public var revision: Int
    public var choice: String
    public var reason: String
    /// The idempotency key the page was given: the same key is applied once.
    public var key: String
    /// The department the page was shown for, when the form says (another is refused).
    public var dept: Int?
    public init(goal: Int, revision: Int, choice: String, reason: String, key: String, dept: Int? = nil) {
        self.goal = goal; self.revision = revision; self.choice = choice; self.reason = reason; self.key = key; self.dept = dept
    }

    /// From `application/x-www-form-urlencoded` fields; nil when one is missing or malformed.
    public init?(form: [String: String]) {
        guard let g = form["goal"].flatMap({ ID(parsing: $0, as: .goal)?.number }),
              let r = form["revision"].flatMap({ Int($0) }),
              let c = form["choice"], let k = form["key"], !k.isEmpty, k.count <= 100 else { return nil }
        self.init(goal: g, revision: r, choice: c, reason: form["reason"] ?? "", key: k,
                  dept: form["dept"].flatMap { Int($0) })
    }
}

/// The one place device votes are applied: on the thread that owns the session (the main
/// thread, through `Inbox`), with the typed command's own path and rules (`vote …` run by the
/// `SessionRunner`, so written to the journal before the answer), recording the channel and
/// the participant. Idempotency keys are checked here too, so a duplicate is never applied twice.
public final class VoteDesk {
    public let runner: SessionRunner
    /// Answers already given, per participant and key.
    var answered: [Participant: [String: Answer]] = [:]
    /// The device key each link signed with first, with its algorithm (bound to it from then on).
    var keys: [Participant: String] = [:]

    public init(runner: SessionRunner) { self.runner = runner }

    /// Main thread only. The answer, and the line for the facilitator's screen (none when refused).
    public func apply(_ v: DeviceVote, from p: Participant) -> (Answer, String?) {
        if let earlier = answered[p]?[v.key] { return (earlier, nil) }
        let (answer, line) = decide(v, from: p)
        var mine = answered[p] ?? [:]
        if mine.count > 2000 { mine.removeAll() }
        mine[v.key] = answer
        answered[p] = mine
        return (answer, line)
    }

    private func decide(_ v: DeviceVote, from p: Participant) -> (Answer, String?) {
        let s = runner.store.state
        guard let dept = s.depts[p.dept] else { return (Answer(401, t("serve.page.unknown")), nil) }
        if let d = v.dept, d != p.dept { return (Answer(403, t("serve.page.other-dept")), nil) }
        guard p.role == .head else { return (Answer(403, t("serve.page.head-votes", ["dept": dept.name])), nil) }
        guard let g = s.goals[v.goal] else { return (Answer(404, t("serve.page.no-goal")), nil) }
        guard g.status == .proposed else { return (Answer(409, t("serve.page.not-open", ["id": "\(g.ref)"])), nil) }
        guard v.revision == g.current.number else {
            return (Answer(409, t("serve.page.stale", ["id": "\(g.ref)", "n": "\(g.current.number)"])), nil)
        }
        guard let choice = VoteChoice(rawValue: v.choice) else { return (Answer(400, t("serve.page.bad-choice")), nil) }
        var line = "vote \(g.ref) \(Shell.quote(dept.name)) \(choice.rawValue)"
        let reason = v.reason.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " ")
        if !reason.isEmpty { line += " " + Shell.quote(reason) }
        switch runner.execute(line, via: Via(dept: p.dept, role: p.role), confirm: { _ in false }) {
        case .ok:
            let after = runner.store.state
            let ref = "\(g.ref) r\(g.current.number)"
            let notice: String
            if let g2 = after.goals[g.id], Consent.hidden(g2, in: after) {
                notice = t("serve.notice.hidden", ["dept": dept.name, "goal": ref, "tally": Consent.shownTally(g2, in: after)])
            } else {
                notice = t("serve.notice.vote", ["dept": dept.name, "choice": choice.label, "goal": ref])
            }
            return (Answer(200, t("serve.page.recorded", ["choice": choice.label, "goal": ref])), notice)
        case let .failed(text):
            return (Answer(422, Paint.strip(text)), nil)
        default:
            return (Answer(500, t("serve.page.failed")), nil)
        }
    }
}

/// A signature as a device sends it: the digest it was shown, its public key, its signature
/// and the key's algorithm (`alg`: `ed25519`, or `p256`, which an absent field also means).
public struct DeviceSign: Sendable {
    public var digest: String
    public var key: String
    public var sig: String
    public var idempotency: String
    public var algorithm: DeviceKeyAlgorithm
    public init(digest: String, key: String, sig: String, idempotency: String, algorithm: DeviceKeyAlgorithm = .p256) {
        self.digest = digest; self.key = key; self.sig = sig; self.idempotency = idempotency; self.algorithm = algorithm
    }
    /// Nil when a field is missing, too long, or the algorithm is not one accord verifies.
    public init?(form: [String: String]) {
        guard let d = form["digest"], let k = form["pub"], let s = form["sig"], let i = form["key"], !i.isEmpty, i.count <= 100,
              d.count <= 100, k.count <= 200, s.count <= 200,
              let alg = DeviceKeyAlgorithm(rawValue: form["alg"] ?? DeviceKeyAlgorithm.p256.rawValue) else { return nil }
        self.init(digest: d, key: k, sig: s, idempotency: i, algorithm: alg)
    }

    /// The key as bound to a link: its algorithm and its bytes.
    var boundKey: String { algorithm.rawValue + ":" + key }
}

extension VoteDesk {
    /// Main thread only: signs the participant's letter with their device's key, through the
    /// typed `sign` command (`--digest`, `--device-key`, `--device-sig`). The key is bound to
    /// the link the first time it signs; another key from the same link is refused.
    public func sign(_ v: DeviceSign, from p: Participant) -> (Answer, String?) {
        if let earlier = answered[p]?["sign:" + v.idempotency] { return (earlier, nil) }
        let (answer, line) = decideSign(v, from: p)
        answered[p, default: [:]]["sign:" + v.idempotency] = answer
        return (answer, line)
    }

    private func decideSign(_ v: DeviceSign, from p: Participant) -> (Answer, String?) {
        let s = runner.store.state
        guard let dept = s.depts[p.dept] else { return (Answer(401, t("serve.page.unknown")), nil) }
        if let bound = keys[p], bound != v.boundKey { return (Answer(403, t("serve.page.other-key")), nil) }
        guard let name = p.role == .head ? dept.head : dept.supervisor else {
            return (Answer(422, t("sign.none-recorded", ["role": Signatures.roleName(p.role), "dept": dept.name, "flag": p.role.rawValue])), nil)
        }
        let letter = Letter(dept, in: s)
        guard v.digest == letter.digest else {
            return (Answer(409, t("sign.digest-changed", ["dept": dept.name, "shown": Letter.short(v.digest), "now": Letter.short(letter.digest)])), nil)
        }
        let line = "sign \(Shell.quote(dept.name)) \(p.role.rawValue) \(Shell.quote(name)) --digest \(Shell.quote(v.digest))"
            + " --device-key \(Shell.quote(v.key)) --device-sig \(Shell.quote(v.sig)) --device-alg \(v.algorithm.rawValue)"
        switch runner.execute(line, via: Via(dept: p.dept, role: p.role), confirm: { _ in false }) {
        case .ok:
            keys[p] = v.boundKey
            let fp = DeviceSignature(key: v.key, sig: v.sig, algorithm: v.algorithm).fingerprint
            return (Answer(200, t("serve.page.signed", ["dept": dept.name, "role": p.role.label])),
                    t("serve.notice.signed", ["dept": dept.name, "role": p.role.label, "name": name, "key": fp]))
        case let .failed(text): return (Answer(422, Paint.strip(text)), nil)
        default: return (Answer(500, t("serve.page.failed")), nil)
        }
    }
}

/// What the pages read: a copy of the state taken on the main thread after each event (a
/// value: the server's threads never touch the live store).
public struct RoomView: Sendable {
    public var state: State
    public var events: Int
    public var now: String
    public init(state: State, events: Int, now: String) { self.state = state; self.events = events; self.now = now }
}
