/// `help` and `help COMMAND`: usage, a one-line description and an example for every command,
/// laid out for the terminal's width. A usage is never cut: it wraps between its words (a
/// bracketed option such as `[--head PERSON]` stays on one line) with a hanging indent.
public enum Help {
    /// The commands that work anywhere, then each step's, in the workflow's order.
    static let sections: [(Step?, String)] = [(nil, "help.section.anywhere")] + Workflow.steps.map { ($0.step, $0.helpSection) }

    public static func render(_ words: [String], width: Int = 80) throws -> String {
        if words.isEmpty { return overview(width: width) }
        let name = words.map { $0.lowercased() }.joined(separator: " ")
        if let spec = Engine.spec(name) { return detail(spec, width: width) }
        if let subs = Engine.groups[words[0].lowercased()] {
            let specs = subs.compactMap { Engine.spec(words[0].lowercased() + " " + $0) }
            return specs.map { detail($0, width: width) }.joined(separator: "\n\n")
        }
        let candidates = Engine.commands.map(\.name)
        let nearest = Nearest.match(name, in: candidates).map { "help \($0)" }
        throw CommandError(.suggesting("help.unknown", ["name": name], nearest: nearest))
    }

    static func overview(width: Int) -> String {
        // one table for every section, so that the descriptions line up all the way down
        var table = TextTable(indent: 0)
        table.wraps(0, hanging: 2)
        table.wraps(1)
        table.prose(1)
        for (step, key) in sections {
            let specs = Engine.commands.filter { $0.step == step && $0.name != "exit" }
            guard !specs.isEmpty else { continue }
            table.row([Paint.strong(t(key))])
            for s in specs { table.row(["  " + glue(s.usage), s.summary]) }
        }
        return unglue(table.render(width: width)) + "\n" + TextWrap.block(t("help.more"), width: width)
    }

    static func detail(_ s: CommandSpec, width: Int) -> String {
        let usage = TextWrap.lines(glue(s.usage), width: width, hanging: 4).map { Paint.strong(unglue($0)) }
        var lines = usage
        lines += TextWrap.lines("  " + s.summary, width: width, hanging: 2, prose: true)
        lines += TextWrap.lines("  " + t("help.example") + " " + s.example, width: width, hanging: 2)
        return lines.joined(separator: "\n")
    }

    /// Spaces inside brackets become no-break spaces, so that wrapping keeps `[--head PERSON]` whole.
    static func glue(_ usage: String) -> String {
        var depth = 0
        return String(usage.map { ch -> Character in
            if ch == "[" { depth += 1 } else if ch == "]" { depth = max(0, depth - 1) }
            return ch == " " && depth > 0 ? "\u{A0}" : ch
        })
    }

    static func unglue(_ text: String) -> String { text.replacingOccurrences(of: "\u{A0}", with: " ") }
}
