import Foundation

/// Conflicts as commands name them.
enum ConflictRef {
    static func find(_ ref: String, _ s: State) throws -> Conflict {
        guard let id = ID(parsing: ref, as: .conflict) else { throw CommandError("conflict.bad-id", ["ref": ref]) }
        guard let c = s.conflicts[id.number] else {
            if s.conflicts.isEmpty { throw CommandError("conflict.none-yet", ["id": "\(id)"]) }
            throw CommandError("conflict.no-such", ["id": "\(id)", "n": "\(s.conflicts.count)"])
        }
        return c
    }

    static func settle(_ inv: Invocation, _ status: ConflictStatus, _ d: inout Draft) throws -> Outcome {
        var c = try find(inv.args[0], d.state)
        guard c.status != .gone else { throw CommandError("conflict.is-gone", ["id": "\(c.ref)"]) }
        let note = try Names.clean(inv.args[1], what: "what.note")
        let before = c.status
        c.status = status
        c.note = note
        d.put(c)
        var text = Paint.good(t("conflict.settled." + status.rawValue, ["id": "\(c.ref)", "note": note]))
        if before != .open && before != status {
            text += " " + t("conflict.was", ["status": t("conflict.status." + before.rawValue)])
        }
        let (open, unregistered) = Register.openHigh(d.state)
        if !open.isEmpty {
            text += "\n" + t("conflict.still-open", ["ids": AuditReport.ids(open.map(\.id))])
        } else if unregistered > 0 {
            text += "\n" + t("conflict.run-audit", ["n": "\(unregistered)"])
        } else if d.state.meta.step == .audit {
            text += "\n" + t("conflict.no-high-open")
        }
        return Outcome(text)
    }
}
