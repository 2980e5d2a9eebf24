/// Commands that work at every step: help, status, moving between steps, undo and redo, the log.
enum GeneralCommands {
    static var all: [CommandSpec] {
        [help, status, next, back, step, undo, redo, log, clear, save, quit, exit]
    }

    static let help = CommandSpec(
        "help", usage: "help [COMMAND]", example: "help dept add", args: 0...2
    ) { inv, _, ctx in
        Outcome(try Help.render(inv.args, width: ctx.width))
    }

    static let status = CommandSpec("status", usage: "status", example: "status") { _, d, ctx in
        let timing: [String]
        if let pace = ctx.pace {
            timing = pace().map { $0.lines(current: d.state.meta.step, in: d.state) } ?? [t("pace.too-large")]
        } else {
            timing = try Pace(log: ctx.log).lines(current: d.state.meta.step, in: d.state)
        }
        return Outcome(TextWrap.block(Status.render(d.state, fileName: ctx.fileName, saved: ctx.saved, width: ctx.width, now: ctx.now,
                                                    timing: timing), width: ctx.width, hanging: 2))
    }

    static let next = CommandSpec(
        "next", usage: "next [--force REASON]", example: "next --force \"carried into the goal discussion\"",
        flags: [FlagSpec("force", "REASON")]
    ) { inv, d, ctx in
        let from = d.state.meta.step
        guard let to = from.next else { throw CommandError("step.at-last", ["step": Status.stepTitle(from)]) }
        return try move(&d, from: from, to: to, force: inv.flag("force"), width: ctx.width)
    }

    static let back = CommandSpec("back", usage: "back", example: "back") { _, d, ctx in
        let from = d.state.meta.step
        guard let to = from.previous else { throw CommandError("step.at-first") }
        d.meta { $0.step = to }
        return Outcome(TextWrap.block(t("step.moved", ["step": Status.stepTitle(to)]) + "\n" + Status.nextHint(d.state), width: ctx.width, hanging: 2))
    }

    static let step = CommandSpec(
        "step", usage: "step STEP [--force REASON]", example: "step goals",
        flags: [FlagSpec("force", "REASON")], args: 1...1
    ) { inv, d, ctx in
        let name = inv.args[0].lowercased()
        guard let to = Step(rawValue: name) ?? Step.allCases.first(where: { "\($0.number)" == name }) else {
            let nearest = Nearest.match(name, in: Step.allCases.map(\.rawValue)).map { "step \($0)" }
            throw CommandError(.suggesting("step.unknown", ["name": inv.args[0], "steps": Workflow.list], nearest: nearest))
        }
        let from = d.state.meta.step
        if to == from { return Outcome(t("step.already", ["step": Status.stepTitle(to)])) }
        if to < from {
            d.meta { $0.step = to }
            return Outcome(TextWrap.block(t("step.moved", ["step": Status.stepTitle(to)]) + "\n" + Status.nextHint(d.state), width: ctx.width, hanging: 2))
        }
        return try move(&d, from: from, to: to, force: inv.flag("force"), width: ctx.width)
    }

    /// Moves forward through every gate between `from` and `to`; what it says is wrapped for
    /// a screen `width` columns wide.
    static func move(_ d: inout Draft, from: Step, to: Step, force: String?, width: Int = .max) throws -> Outcome {
        func fit(_ text: String) -> String { width == .max ? text : TextWrap.block(text, width: width, hanging: 2) }
        var blocked: [String] = []
        var passed: [Step: Bool] = [:]   // step → its gate was met
        var s = from
        while s < to {
            let b = Gates.blockers(leaving: s, d.state)
            passed[s] = b.isEmpty
            blocked += b.map { "\(Status.stepTitle(s)): \($0)" }
            s = s.next!
        }
        // a step passed by force remembers why; passed again through its gate, it forgets
        func record(_ reason: String?) {
            var forced = d.state.meta.forced ?? [:]
            for (step, met) in passed { forced[step.rawValue] = met ? nil : reason }
            let value = forced.isEmpty ? nil : forced
            if value != d.state.meta.forced { d.meta { $0.forced = value } }
        }
        if !blocked.isEmpty {
            guard let reason = force?.trimmingCharacters(in: .whitespaces), !reason.isEmpty else {
                let lines = [Paint.bad(t("step.blocked", ["step": Status.stepTitle(to)]))]
                    + blocked.map { "  · " + $0 } + [t("step.force-hint")]
                return .refused(fit(lines.joined(separator: "\n")))
            }
            d.meta { $0.step = to }
            record(reason)
            var o = Outcome(fit(Paint.warn(t("step.forced", ["step": Status.stepTitle(to), "reason": reason]))
                                + "\n" + blocked.map { "  · " + $0 }.joined(separator: "\n")
                                + "\n" + Status.nextHint(d.state)))
            o.change = Proposal(kind: "step.force", ops: [])
            return o
        }
        d.meta { $0.step = to }
        record(nil)
        return Outcome(fit(Paint.good(t("step.moved", ["step": Status.stepTitle(to)])) + "\n" + Status.nextHint(d.state)))
    }

    static let undo = CommandSpec("undo", usage: "undo", example: "undo") { _, d, ctx in
        guard let seq = d.state.undoable.last else { throw CommandError("undo.nothing") }
        let e = try ctx.log.event(seq)
        try d.replay(e.ops.reversed().map(\.inverted), undoes: seq)
        return Outcome(t("undo.done", ["seq": "\(seq)", "cmd": e.command]))
    }

    static let redo = CommandSpec("redo", usage: "redo", example: "redo") { _, d, ctx in
        guard let seq = d.state.redoable.last else { throw CommandError("redo.nothing") }
        let u = try ctx.log.event(seq)
        let original = try u.undoes.map { try ctx.log.event($0).command } ?? u.command
        try d.replay(u.ops.reversed().map(\.inverted), redoes: seq)
        return Outcome(t("redo.done", ["cmd": original]))
    }

    static let log = CommandSpec("log", usage: "log [N]", example: "log 20", args: 0...1) { inv, _, ctx in
        var n = 10
        if let a = inv.args.first {
            guard let v = Int(a), v > 0 else { throw CommandError("log.bad-count", ["value": a]) }
            n = v
        }
        let total = ctx.log.count
        guard total > 0 else { return Outcome(t("log.empty")) }
        var table = TextTable(["#", t("log.col.time"), t("log.col.step"), t("log.col.command")], align: [.right])
        table.wraps(3, hanging: 2)
        table.drops(2)
        for seq in max(1, total - n + 1)...total {
            let e = try ctx.log.event(seq)
            var cmd = e.command
            if let u = e.undoes { cmd += "  " + Paint.faint(t("log.undid", ["seq": "\(u)"])) }
            table.row(["\(e.seq)", Time.short(e.time), t("step.name." + e.step.rawValue), cmd])
        }
        return Outcome(table.render(width: ctx.width))
    }

    /// Clears the terminal (the front end does it); changes nothing, so it is no event.
    static let clear = CommandSpec("clear", usage: "clear", example: "clear") { _, _, _ in
        Outcome("", effects: [.clearScreen])
    }

    static let save = CommandSpec("save", usage: "save PATH", example: "save backup-2027.json", args: 1...1) { inv, _, _ in
        Outcome("", effects: [.saveCopy(inv.args[0])])
    }

    static let quit = CommandSpec("quit", usage: "quit", example: "quit") { _, _, _ in
        Outcome("", effects: [.quit])
    }

    static let exit = CommandSpec("exit", usage: "exit", example: "exit") { _, _, _ in
        Outcome("", effects: [.quit])
    }
}

/// Times as events store them (ISO 8601, UTC) and as people read them.
public enum Time {
    /// 2027-01-15T06:54:00Z → `2027-01-15 14:54 UTC+8`: local time (TZ respected) with its zone.
    public static func short(_ iso: String) -> String { LocalTime.show(iso) }
}

import Foundation
