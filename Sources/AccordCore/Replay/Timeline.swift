import Foundation

/// One line of the replay: an event and what it changed.
public struct ReplayEntry: Equatable, Sendable {
    public var seq: Int
    public var time: String
    public var step: Step
    public var command: String
    public var kind: String
    public var narration: Narration

    public var effect: String { narration.text }
}

/// The session's history as the room lived it: every event, folded in order from the empty
/// session, with what it changed in words.
///
///     let timeline = Timeline(events)
///     timeline.entries[30].effect   // "G1 revision 2 adopted: 3 agree, 1 abstain"
public struct Timeline: Sendable {
    public var entries: [ReplayEntry]
    /// Every name each department has had, oldest first (for `--dept` with an old name).
    public var deptNames: [Int: [String]]
    /// The state after the last entry.
    public var state: State
    /// Set when an event does not apply to the state before it (the file is damaged);
    /// `entries` stop before that event.
    public var problem: String?

    public init(_ events: [Event]) {
        var narrator = Narrator()
        var s = State()
        var out: [ReplayEntry] = []
        out.reserveCapacity(events.count)
        var problem: String?
        for e in events {
            var original: Event?
            if let u = e.undoes { original = Self.root(u, in: events) }
            if let r = e.redoes, r >= 1, r <= events.count, let u = events[r - 1].undoes { original = Self.root(u, in: events) }
            let n: Narration
            do {
                try s.fold(e)
                n = try narrator.narrate(e, after: &s, original: original)
            } catch {
                problem = t("replay.does-not-apply", ["seq": "\(e.seq)", "why": "\(error)"])
                break
            }
            out.append(ReplayEntry(seq: e.seq, time: e.time, step: e.step, command: e.command, kind: e.kind, narration: n))
        }
        entries = out
        deptNames = narrator.names
        state = s
        self.problem = problem
    }

    /// The event whose command a chain of redos goes back to: a redo of an undo of event 3
    /// is event 3 again, as people think of it.
    static func root(_ seq: Int, in events: [Event]) -> Event? {
        var seq = seq
        for _ in 0..<64 {
            guard seq >= 1, seq <= events.count else { return nil }
            let e = events[seq - 1]
            guard let r = e.redoes, r >= 1, r <= events.count, let u = events[r - 1].undoes else { return e }
            seq = u
        }
        return nil
    }

    /// The department a name names, now or at any earlier point (renamed, removed).
    /// Exact, then case-insensitive for Latin letters.
    public func department(named raw: String) -> Int? {
        let name = raw.trimmingCharacters(in: .whitespaces)
        let ids = deptNames.keys.sorted()
        if let id = ids.first(where: { deptNames[$0]!.contains(name) }) { return id }
        let folded = name.lowercased()
        return ids.first { deptNames[$0]!.contains { $0.lowercased() == folded } }
    }

    /// Every department name the session has known, for error messages.
    public var allDepartmentNames: [String] {
        deptNames.keys.sorted().flatMap { deptNames[$0]! }
    }
}

/// Which events the replay shows: by step, department and goal (all given must match).
public struct ReplayFilter: Equatable, Sendable {
    public var step: Step?
    public var dept: Int?
    public var goal: Int?

    public init(step: Step? = nil, dept: Int? = nil, goal: Int? = nil) {
        self.step = step; self.dept = dept; self.goal = goal
    }

    public var isEmpty: Bool { step == nil && dept == nil && goal == nil }

    public func keeps(_ e: ReplayEntry) -> Bool {
        if let step, e.step != step { return false }
        if let dept, !e.narration.depts.contains(dept) { return false }
        if let goal, !e.narration.goals.contains(goal) { return false }
        return true
    }

    /// G1, g1 or 1.
    public static func goalNumber(_ text: String) -> Int? {
        ID(parsing: text, as: .goal)?.number
    }
}

/// The timeline as text (a table) and as JSON (for other tools).
public enum TimelineText {
    /// Commands longer than this are cut with … unless the full text is asked for.
    public static let commandWidth = 48

    /// The timeline as a table laid out as `TextTable` does (right-aligned numbers, columns
    /// by display width), written directly: a 50,000-event log is 50,000 lines.
    public static func render(_ entries: [ReplayEntry], full: Bool = false) -> String {
        let head = [t("replay.col.seq"), t("replay.col.time"), t("replay.col.step"), t("replay.col.command"), t("replay.col.effect")]
        var rows: [(seq: String, time: String, step: String, cmd: String, cmdWidth: Int, effect: String)] = []
        rows.reserveCapacity(entries.count)
        var w = head.prefix(4).map(\.displayWidth)
        // each step's name in the reader's language, and its width, looked up once
        var stepNames: [Step: (name: String, width: Int)] = [:]
        for st in Step.allCases { let n = t("step.name." + st.rawValue); stepNames[st] = (n, n.displayWidth) }
        for e in entries {
            let cmd = full ? e.command : e.command.truncated(to: commandWidth)
            let row = (seq: "\(e.seq)", time: Time.short(e.time), step: stepNames[e.step]?.name ?? e.step.rawValue, cmd: cmd, cmdWidth: cmd.displayWidth, effect: e.effect)
            w[0] = max(w[0], row.seq.utf8.count)
            w[1] = max(w[1], row.time.displayWidth)
            w[2] = max(w[2], stepNames[e.step]?.width ?? row.step.utf8.count)
            w[3] = max(w[3], row.cmdWidth)
            rows.append(row)
        }
        func spaces(_ n: Int) -> String { String(repeating: " ", count: max(0, n)) }
        var out = Paint.strong(" " + head[0].leftPadded(to: w[0]) + "  " + head[1].padded(to: w[1]) + "  " + head[2].padded(to: w[2])
                               + "  " + head[3].padded(to: w[3]) + "  " + head[4])
        out.reserveCapacity(entries.count * 120)
        for r in rows {
            out += "\n "
            out += spaces(w[0] - r.seq.utf8.count) + r.seq + "  "
            out += r.time + spaces(w[1] - r.time.displayWidth) + "  "
            out += r.step + spaces(w[2] - r.step.displayWidth) + "  "
            out += r.cmd + spaces(w[3] - r.cmdWidth) + "  "
            out += r.effect
        }
        return out
    }

    /// `acme.json · Acme 2027 Annual Alignment · 76 events` and, when filtered, how many show.
    public static func header(file: String, timeline: Timeline, shown: Int, filter: ReplayFilter) -> String {
        let title = timeline.state.meta.title.isEmpty ? t("status.untitled") : timeline.state.meta.title
        var parts = [file, title, t("replay.n-events", ["n": "\(timeline.entries.count)"])]
        if !filter.isEmpty {
            var what: [String] = []
            if let s = filter.step { what.append(t("replay.filter.step", ["step": s.rawValue])) }
            if let d = filter.dept { what.append(t("replay.filter.dept", ["dept": timeline.deptNames[d]?.last ?? "\(ID(.department, d))"])) }
            if let g = filter.goal { what.append(t("replay.filter.goal", ["goal": "\(ID(.goal, g))"])) }
            parts.append(t("replay.showing", ["n": "\(shown)", "filter": what.joined(separator: Punct.list)]))
        }
        return Paint.strong(parts.joined(separator: " · "))
    }

    struct JSONEntry: Encodable {
        var seq: Int
        var time: String
        var step: String
        var command: String
        var kind: String
        var effect: String
        var departments: [String]
        var goals: [String]
    }

    /// `[{"seq":1,"time":…,"effect":…,"departments":[…],"goals":["G1"]}, …]`
    public static func json(_ entries: [ReplayEntry], timeline: Timeline) throws -> Data {
        let rows = entries.map { e in
            JSONEntry(seq: e.seq, time: e.time, step: e.step.rawValue, command: e.command, kind: e.kind, effect: e.effect,
                      departments: e.narration.depts.sorted().map { timeline.deptNames[$0]?.last ?? "\(ID(.department, $0))" },
                      goals: e.narration.goals.sorted().map { "\(ID(.goal, $0))" })
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try enc.encode(rows)
    }
}
