import Foundation

/// Step 1, audit: tensions between metrics (`tension add|list`).
extension AuditCommands {
    static let tensionAdd = CommandSpec(
        "tension add", usage: "tension add KEY:up|down KEY:up|down REASON [--zh REASON]",
        example: "tension add inventory_days:down fill_rate:up \"Less stock means more orders that cannot be filled\"",
        flags: [FlagSpec("zh", "REASON")], args: 3...3, restJoins: true, step: .audit
    ) { inv, d, _ in
        let catalog = Catalog(d.state)
        let a = try TensionText.side(inv.args[0], catalog)
        let b = try TensionText.side(inv.args[1], catalog)
        guard a.metric != b.metric else { throw CommandError("tension.same-metric") }
        let reason = try Names.clean(inv.args[2], what: "what.reason")
        let zh = try inv.flag("zh").map { try Names.clean($0, what: "what.reason") }
        for rule in catalog.tensions {
            let has = { (sides: [TensionSide], s: TensionSide) in sides.contains(s) }
            if (has(rule.a, a) && has(rule.b, b)) || (has(rule.a, b) && has(rule.b, a)) {
                throw CommandError("tension.exists", ["pair": TensionText.pair(rule), "reason": rule.reasonText])
            }
        }
        let tension = Tension(id: d.nextID(.tension), a: a.metric, aDir: a.dir, b: b.metric, bDir: b.dir,
                              reasonEN: reason, reasonZH: zh ?? reason)
        d.put(tension)
        return Outcome(t("tension.added", ["id": "\(tension.ref)", "pair": TensionText.pair(TensionRule(tension))]))
    }

    static let tensionList = CommandSpec("tension list", usage: "tension list", example: "tension list", step: .audit) { _, d, ctx in
        let catalog = Catalog(d.state)
        let width = catalog.tensions.map(\.key.count).max() ?? 6
        var lines: [String] = []
        for rule in catalog.tensions {
            let pad = String(repeating: " ", count: width + 3)
            lines.append(" " + Paint.strong(rule.key.padded(to: width)) + "  " + TensionText.pair(rule))
            lines.append(pad + rule.reasonEN)
            if rule.reasonZH != rule.reasonEN { lines.append(pad + Paint.faint(rule.reasonZH)) }
            if let r = rule.remedyEN { lines.append(pad + "→ " + r) }
        }
        return Outcome(TextWrap.block(lines.joined(separator: "\n"), width: ctx.width, hanging: 2))
    }
}
