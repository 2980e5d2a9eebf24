/// The room's own devices and clock: hidden votes (`vote reveal`), timeboxes (`timer`), and
/// the server the participants' devices talk to (`serve`, run by the front end).
enum RoomCommands {
    static var all: [CommandSpec] { [voteReveal, timer, serve] }

    static let voteReveal = CommandSpec(
        "vote reveal", usage: "vote reveal on|off", example: "vote reveal on", args: 1...1, step: .goals
    ) { inv, d, _ in
        let on: Bool
        switch inv.args[0].lowercased() {
        case "on": on = true
        case "off": on = false
        default: throw CommandError("reveal.bad", ["value": inv.args[0]])
        }
        if (d.state.meta.hiddenVotes ?? false) == on { return Outcome(t(on ? "reveal.already-on" : "reveal.already-off")) }
        d.meta { $0.hiddenVotes = on ? true : nil }
        return Outcome(t(on ? "reveal.on" : "reveal.off"))
    }

    static let timer = CommandSpec(
        "timer", usage: "timer DURATION|stop [LABEL]", example: "timer 15m \"G1 discussion\"", args: 1...2, restJoins: true
    ) { inv, d, ctx in
        if inv.args[0].lowercased() == "stop" {
            guard let running = d.state.meta.timer else { throw CommandError("timer.none") }
            let ran = (LocalTime.epoch(ctx.now) ?? 0) - (LocalTime.epoch(running.start) ?? 0)
            d.meta { $0.timer = nil }
            return Outcome(t("timer.stopped", ["label": running.label ?? t("timer.unnamed"), "ran": Timebox.text(max(0, ran)),
                                               "of": Timebox.text(running.seconds)]))
        }
        guard let seconds = Timebox.parse(inv.args[0]) else { throw CommandError("timer.bad", ["value": inv.args[0]]) }
        let label = inv.args.count > 1 ? inv.args[1].trimmingCharacters(in: .whitespaces) : ""
        let box = Timebox(start: ctx.now, seconds: seconds, label: label.isEmpty ? nil : label)
        let replaced = d.state.meta.timer
        d.meta { $0.timer = box }
        var text = t("timer.started", ["time": Timebox.text(seconds), "label": box.label ?? t("timer.unnamed")])
        if let r = replaced { text += " " + t("timer.replaces", ["label": r.label ?? t("timer.unnamed")]) }
        return Outcome(text)
    }

    static let serve = CommandSpec(
        "serve", usage: "serve start|stop|status|links|revoke [DEPT] [head|supervisor] [--port N] [--bind ADDR]",
        example: "serve start --port 8080", flags: [FlagSpec("port", "N"), FlagSpec("bind", "ADDR")], args: 1...3
    ) { inv, d, _ in
        guard let action = ServeRequest.Action(rawValue: inv.args[0].lowercased()) else {
            let nearest = Nearest.match(inv.args[0], in: ServeRequest.Action.allCases.map(\.rawValue))
            throw CommandError(.suggesting("serve.bad-action", ["action": inv.args[0]], nearest: nearest))
        }
        var req = ServeRequest(action: action)
        if let p = inv.flag("port") {
            guard action == .start, let n = Int(p), (0...65535).contains(n) else { throw CommandError("serve.bad-port", ["port": p]) }
            req.port = n
        }
        if let b = inv.flag("bind") {
            guard action == .start else { throw CommandError("serve.bad-port", ["port": b]) }
            req.bind = b
        }
        switch action {
        case .revoke:
            guard inv.args.count >= 2 else { throw CommandError("error.missing-args", ["cmd": "serve revoke", "usage": "serve revoke DEPT [head|supervisor]"]) }
            req.dept = try Names.department(inv.args[1], in: d.state).id
            if inv.args.count > 2 {
                guard let r = SignatureRole(rawValue: inv.args[2].lowercased()) else { throw CommandError("serve.bad-role", ["role": inv.args[2]]) }
                req.role = r
            }
        default:
            if inv.args.count > 1 {
                throw CommandError("error.extra-args", ["extra": inv.args.dropFirst().map { Shell.quote($0) }.joined(separator: " "), "usage": inv.spec.usage])
            }
        }
        return Outcome("", effects: [.serve(req)])
    }
}

/// What `serve …` asks the front end to do (the server lives outside the pure core).
public struct ServeRequest: Equatable, Sendable {
    public enum Action: String, CaseIterable, Sendable { case start, stop, status, links, revoke }
    public var action: Action
    public var port: Int?
    public var bind: String?
    public var dept: Int?
    public var role: SignatureRole?
    public init(action: Action, port: Int? = nil, bind: String? = nil, dept: Int? = nil, role: SignatureRole? = nil) {
        self.action = action; self.port = port; self.bind = bind; self.dept = dept; self.role = role
    }
}

extension Consent {
    /// With `vote reveal on`, the votes on a revision stay hidden until every department has voted.
    public static func hidden(_ g: Goal, in s: State) -> Bool {
        guard s.meta.hiddenVotes == true else { return false }
        return !verdict(g, in: s).missing.isEmpty
    }

    /// What a screen may show of a revision's votes: the tally, or how many are in.
    public static func shownTally(_ g: Goal, in s: State) -> String {
        guard hidden(g, in: s) else { return tally(g, in: s) }
        let v = verdict(g, in: s)
        return t("tally.hidden", ["in": "\(s.departments.count - v.missing.count)", "n": "\(s.departments.count)"])
    }
}
