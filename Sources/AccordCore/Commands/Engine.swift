/// Turns a typed line into an `Outcome`: splits it like a shell, finds the command, checks
/// its flags and arguments, and runs it against the state. Pure: nothing here touches a file
/// or the terminal.
public enum Engine {
    /// Every command, in the order `help` lists them.
    public static let commands: [CommandSpec] = Registry.all

    static let byName: [String: CommandSpec] = {
        var m: [String: CommandSpec] = [:]
        for c in commands { m[c.name] = c }
        return m
    }()

    /// First words that take a sub-command (`dept`, `kpi` …) and their sub-commands.
    public static let groups: [String: [String]] = {
        var g: [String: [String]] = [:]
        for c in commands where c.words.count == 2 { g[c.words[0], default: []].append(c.words[1]) }
        return g
    }()

    public static func spec(_ name: String) -> CommandSpec? { byName[name] }

    /// First words of every command, for suggestions and completion.
    public static var firstWords: [String] {
        var seen = Set<String>(), out: [String] = []
        for c in commands where seen.insert(c.words[0]).inserted { out.append(c.words[0]) }
        return out
    }

    /// Runs one line. A command that changes the session changes `state` in place and
    /// returns the ops in `Outcome.change`; a command that fails leaves `state` as it was.
    public static func run(_ line: String, state: inout State, ctx: Context) throws -> Outcome {
        let words: [String]
        do { words = try Shell.split(line) } catch let e as Shell.SplitError {
            throw CommandError("error.quote", ["detail": e.message])
        }
        guard !words.isEmpty else { return Outcome() }
        let inv = try parse(words, line: line)
        if inv.spec.needsStep, let own = inv.spec.step, state.meta.step < own {
            throw CommandError("step.not-yet", ["cmd": inv.spec.name, "step": Status.stepTitle(own),
                                                "at": Status.stepTitle(state.meta.step), "name": own.rawValue])
        }
        // hand the state to the draft without keeping a second reference (no copy on write)
        var draft = Draft(taking: &state)
        defer { draft.giveBack(to: &state) }
        do {
            var outcome = try inv.spec.run(inv, &draft, ctx)
            if outcome.failed { try draft.rollBack(); return outcome }
            outcome.change = draft.proposal(kind: outcome.change?.kind ?? inv.spec.name.replacingOccurrences(of: " ", with: "."))
            // a change that voids signatures says so first; at a terminal it asks
            if let change = outcome.change, !draft.state.signatures.isEmpty || change.ops.contains(where: { if case .signature = $0 { return true }; return false }) {
                let impact = try VoidGuard.impact(of: change.ops, in: &draft.state)
                if !impact.isEmpty {
                    if ctx.interactive && !ctx.confirmed { try draft.rollBack(); return .ask(VoidGuard.question(impact)) }
                    // once confirmed, the person has just read the warning in the question
                    if !ctx.confirmed {
                        outcome.output += (outcome.output.isEmpty ? "" : "\n") + Paint.warn(VoidGuard.warning(impact))
                    }
                }
            }
            return outcome
        } catch {
            // a roll-back that fails says so instead of the command's own error
            try draft.rollBack()
            throw error
        }
    }

    /// Finds the command and checks the words against its spec.
    public static func parse(_ words: [String], line: String) throws -> Invocation {
        let first = words[0].lowercased()
        var spec: CommandSpec?
        var rest = Array(words.dropFirst())
        if let subs = groups[first] {
            guard let sub = rest.first?.lowercased() else {
                if let s = byName[first] { spec = s } else {
                    throw CommandError("error.needs-subcommand", ["cmd": first, "subs": subs.joined(separator: "|")])
                }
                return try bind(spec!, rest, line: line)
            }
            if let s = byName["\(first) \(sub)"] {
                spec = s; rest.removeFirst()
            } else if let s = byName[first] {
                spec = s
            } else {
                let nearest = Nearest.match(sub, in: subs).map { "\(first) \($0)" }
                throw CommandError(.suggesting("error.unknown-subcommand", ["cmd": first, "sub": sub, "subs": subs.joined(separator: "|")], nearest: nearest))
            }
        } else if let s = byName[first] {
            spec = s
        } else {
            let nearest = Nearest.match(first, in: firstWords)
            throw CommandError(.suggesting("error.unknown-command", ["cmd": words[0]], nearest: nearest))
        }
        return try bind(spec!, rest, line: line)
    }

    static func bind(_ spec: CommandSpec, _ words: [String], line: String) throws -> Invocation {
        var args: [String] = [], flags: [String: String] = [:], switches = Set<String>()
        var i = 0
        var flagsDone = false
        while i < words.count {
            let w = words[i]
            if !flagsDone && w == "--" { flagsDone = true; i += 1; continue }
            if !flagsDone && w.hasPrefix("--") && w.count > 2 {
                var name = String(w.dropFirst(2))
                var inline: String?
                if let eq = name.firstIndex(of: "=") {
                    inline = String(name[name.index(after: eq)...]); name = String(name[..<eq])
                }
                guard let f = spec.flags.first(where: { $0.name == name.lowercased() }) else {
                    let nearest = Nearest.match(name, in: spec.flags.map(\.name)).map { "--" + $0 }
                    throw CommandError(.suggesting("error.unknown-flag", ["flag": "--" + name, "cmd": spec.name, "usage": spec.usage],
                                                   nearest: nearest))
                }
                if flags[f.name] != nil || switches.contains(f.name) {
                    throw CommandError("error.flag-twice", ["flag": "--" + f.name])
                }
                if let placeholder = f.value {
                    if let v = inline { flags[f.name] = v; i += 1; continue }
                    guard i + 1 < words.count, !words[i + 1].hasPrefix("--") else {
                        throw CommandError("error.flag-needs-value", ["flag": "--" + f.name, "value": placeholder])
                    }
                    flags[f.name] = words[i + 1]; i += 2; continue
                }
                if inline != nil { throw CommandError("error.flag-takes-no-value", ["flag": "--" + f.name]) }
                switches.insert(f.name); i += 1; continue
            }
            args.append(w); i += 1
        }
        if args.count < spec.minArgs {
            throw CommandError("error.missing-args", ["cmd": spec.name, "usage": spec.usage])
        }
        if let max = spec.maxArgs, args.count > max {
            if spec.restJoins && max > 0 {
                let head = Array(args.prefix(max - 1))
                args = head + [args.dropFirst(max - 1).joined(separator: " ")]
            } else {
                let extra = args[max...].map { Shell.quote($0) }.joined(separator: " ")
                throw CommandError("error.extra-args", ["extra": extra, "usage": spec.usage])
            }
        }
        return Invocation(spec: spec, line: line, args: args, flags: flags, switches: switches)
    }
}
