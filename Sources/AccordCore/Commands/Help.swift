/// `help` and `help COMMAND`: usage, a one-line description and an example for every command.
public enum Help {
    static let sections: [(Step?, String)] = [
        (nil, "help.section.anywhere"), (.setup, "help.section.setup"), (.audit, "help.section.audit"),
        (.goals, "help.section.goals"), (.map, "help.section.map"), (.sign, "help.section.sign"),
    ]

    public static func render(_ words: [String]) throws -> String {
        if words.isEmpty { return overview() }
        let name = words.map { $0.lowercased() }.joined(separator: " ")
        if let spec = Engine.spec(name) { return detail(spec) }
        if let subs = Engine.groups[words[0].lowercased()] {
            let specs = subs.compactMap { Engine.spec(words[0].lowercased() + " " + $0) }
            return specs.map(detail).joined(separator: "\n\n")
        }
        let candidates = Engine.commands.map(\.name)
        let hint = Nearest.match(name, in: candidates).map { t("error.did-you-mean", ["what": "help \($0)"]) } ?? ""
        throw CommandError(t("help.unknown", ["name": name]) + hint)
    }

    static func overview() -> String {
        var out: [String] = []
        for (step, key) in sections {
            let specs = Engine.commands.filter { $0.step == step && $0.name != "exit" }
            guard !specs.isEmpty else { continue }
            out.append(Paint.strong(t(key)))
            var table = TextTable(indent: 2)
            for s in specs { table.row([s.usage.truncated(to: 58), s.summary]) }
            out.append(table.render())
        }
        out.append(t("help.more"))
        return out.joined(separator: "\n")
    }

    static func detail(_ s: CommandSpec) -> String {
        var lines = [Paint.strong(s.usage), "  " + s.summary]
        lines.append("  " + t("help.example") + " " + s.example)
        return lines.joined(separator: "\n")
    }
}
