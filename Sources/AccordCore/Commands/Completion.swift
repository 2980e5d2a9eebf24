/// TAB completion as a pure function of the text before the cursor and the session:
/// commands, sub-commands, flags, department names (quoted when they hold spaces),
/// IDs, stages and step names.
///
///     Completion.complete("dept rm 行", state)  // replace "行", candidates ["行銷部"]
public enum Completion {
    public struct Result: Equatable, Sendable {
        /// Characters before the cursor that the chosen candidate replaces (the partial word).
        public var replace: Int
        /// Full words to put in its place, quoted where needed.
        public var candidates: [String]

        public init(replace: Int, candidates: [String]) { self.replace = replace; self.candidates = candidates }

        /// The longest prefix shared by every candidate.
        public var commonPrefix: String {
            guard var p = candidates.first else { return "" }
            for c in candidates.dropFirst() {
                while !c.hasPrefix(p) { p.removeLast() }
            }
            return p
        }
    }

    public static func complete(_ before: String, _ state: State) -> Result {
        let (words, partial) = lex(before)
        let partialLength = partial.raw.count
        func result(_ options: [String]) -> Result {
            let p = partial.text.lowercased()
            var seen = Set<String>()
            let matches = options.filter { $0.lowercased().hasPrefix(p) && seen.insert($0).inserted }
            return Result(replace: partialLength, candidates: matches.map { Shell.quote($0) })
        }
        if words.isEmpty { return result(Engine.firstWords) }
        let first = words[0].lowercased()
        var specWords = 1
        var spec = Engine.spec(first)
        if let subs = Engine.groups[first] {
            if words.count == 1 {
                // `actual` is a command as well as a group (`actual list`): its first argument too
                guard let base = spec, let first = positionalPlaceholders(base).first else { return result(subs) }
                return result(subs + values(for: first, flag: nil, spec: base, state))
            }
            if let s = Engine.spec(first + " " + words[1].lowercased()) { spec = s; specWords = 2 }
        }
        guard let spec else { return Result(replace: partialLength, candidates: []) }
        let rest = Array(words.dropFirst(specWords))
        // a flag's value
        if let last = rest.last, last.hasPrefix("--"), let f = spec.flags.first(where: { "--" + $0.name == last }),
           let placeholder = f.value {
            return result(values(for: placeholder, flag: f.name, spec: spec, state))
        }
        if partial.text.hasPrefix("--") || (partial.text.isEmpty && positionalsFilled(spec, rest)) {
            let used = Set(rest.filter { $0.hasPrefix("--") })
            return result(spec.flags.map { "--" + $0.name }.filter { !used.contains($0) })
        }
        // the n-th positional
        var positionals: [String] = []
        var i = 0
        while i < rest.count {
            if rest[i].hasPrefix("--") {
                let hasValue = spec.flags.first(where: { "--" + $0.name == rest[i] })?.value != nil
                i += hasValue ? 2 : 1
            } else { positionals.append(rest[i]); i += 1 }
        }
        let n = positionals.count
        var placeholders = positionalPlaceholders(spec)
        // `map GOAL STAGE...`: the last placeholder repeats
        if n >= placeholders.count, spec.usage.split(separator: " ").contains(where: { $0.hasSuffix("...") }),
           let last = placeholders.last {
            placeholders.append(contentsOf: Array(repeating: last, count: n - placeholders.count + 1))
        }
        guard n < placeholders.count else { return Result(replace: partialLength, candidates: []) }
        // `approve A1 NAME`: the supervisor of the adjustment's department, and the director
        if spec.name == "approve", n == 1 { return result(YearCompletion.approvers(positionals[0], state)) }
        // `sign DEPT head|supervisor NAME`: the person recorded for that role
        if spec.name == "sign", n == 2, let dept = state.department(named: positionals[0]) {
            let role = SignatureRole(parsing: positionals[1])
            let person = role == .head ? dept.head : role == .supervisor ? dept.supervisor : nil
            return result(person.map { [$0] } ?? [])
        }
        var options = values(for: placeholders[n], flag: nil, spec: spec, state)
        // a vote or a role: the Chinese words once one is being typed, not in the first list
        if placeholders[n].contains("|"), partial.text.isEmpty { options = options.filter { $0.allSatisfy(\.isASCII) } }
        return result(options)
    }

    static func positionalsFilled(_ spec: CommandSpec, _ rest: [String]) -> Bool {
        rest.filter { !$0.hasPrefix("--") }.count >= positionalPlaceholders(spec).count && !spec.flags.isEmpty
    }

    /// Placeholders of the positional arguments, read from the usage line.
    static func positionalPlaceholders(_ spec: CommandSpec) -> [String] {
        var tokens = spec.usage.split(separator: " ").map(String.init).dropFirst(spec.words.count)
        var out: [String] = []
        while let tok = tokens.first {
            tokens = tokens.dropFirst()
            if tok.hasPrefix("[--") || tok.hasPrefix("--") {
                if !tok.hasSuffix("]"), let next = tokens.first, !next.hasPrefix("[") , !next.hasPrefix("--") {
                    tokens = tokens.dropFirst()
                }
                continue
            }
            out.append(tok.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).replacingOccurrences(of: "...", with: ""))
        }
        return out
    }

    static func values(for placeholder: String, flag: String?, spec: CommandSpec, _ s: State) -> [String] {
        if placeholder.hasPrefix("KEY:") { return metricKeys(s).flatMap { ["\($0):up", "\($0):down"] } }
        if placeholder == VoteChoice.allCases.map(\.rawValue).joined(separator: "|") { return VoteChoice.allWords }
        if placeholder == SignatureRole.allCases.map(\.rawValue).joined(separator: "|") { return SignatureRole.allWords }
        if placeholder == "DEPT|ID" { return s.departments.map(\.name) + ID.completions(.contribution, s.contribs.all.map(\.id)) }
        if placeholder == "PERIOD" { return YearCompletion.periods(s) }
        if placeholder == "ADJUSTMENT" { return ID.completions(.adjustment, s.adjustments.filter { $0.status == .requested }.map(\.id)) }
        if placeholder.contains("|") { return placeholder.split(separator: "|").map(String.init) }
        let group = spec.words[0]
        switch placeholder {
        case "DEPT", "OLD": return s.departments.map(\.name)
        case "NAME" where group == "dept" && spec.name != "dept add": return s.departments.map(\.name)
        case "STAGE": return Stage.allCases.map(\.rawValue)
        case "GOAL": return ID.completions(.goal, s.goals.all.map(\.id))
        case "COMMAND": return Engine.commands.map(\.name)
        case "KEY" where flag == "metric": return metricKeys(s)
        case "ID":
            switch group {
            case "kpi": return ID.completions(.kpi, s.kpis.all.map(\.id))
            case "conflict": return ID.completions(.conflict, s.conflicts.all.map(\.id))
            case "goal", "vote", "map": return ID.completions(.goal, s.goals.all.map(\.id))
            case "contrib", "actual", "miss", "adjust", "aggregate": return ID.completions(.contribution, s.contribs.all.map(\.id))
            default: return []
            }
        default:
            break
        }
        switch flag {
        case "owner" where spec.name == "miss": return YearCompletion.people(s)
        case "owner": return s.departments.map(\.name)
        case "stage": return Stage.allCases.map(\.rawValue)
        case "cycle": return Cycle.allCases.map(\.rawValue)
        case "dir": return Direction.allCases.map(\.rawValue)
        case "kind": return MetricKind.allCases.map(\.rawValue)
        case "metric": return metricKeys(s)
        default: return []
        }
    }

    /// Metric keys for `--metric`: the session's own; the built-in catalog adds its keys here.
    static func metricKeys(_ s: State) -> [String] {
        Catalog.builtinKeys + s.metrics.all.map(\.id)
    }


    struct Partial { var raw: String; var text: String }

    /// Words before the cursor, and the word being typed (raw as typed, and unquoted).
    static func lex(_ line: String) -> ([String], Partial) {
        var words: [String] = []
        var cur = "", raw = ""
        var quote: Character?
        var inWord = false
        let closing: [Character: Character] = ["\"": "\"", "'": "'", "“": "”", "「": "」"]
        for c in line {
            if let q = quote {
                raw.append(c)
                if c == closing[q] { quote = nil } else { cur.append(c) }
                continue
            }
            if c == " " || c == "\t" {
                if inWord { words.append(cur); cur = ""; raw = ""; inWord = false }
                continue
            }
            inWord = true
            raw.append(c)
            if closing[c] != nil { quote = c } else { cur.append(c) }
        }
        return (words, Partial(raw: raw, text: cur))
    }
}

import Foundation
