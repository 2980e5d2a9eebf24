/// How long the room took: at each step, and on each goal's discussion (from its proposal to
/// its adoption, and the timeboxes labelled with it). Folded from the events' times and ops,
/// one event at a time, so that a front end keeps it up to date as events are appended.
///
///     var pace = Pace()
///     for e in events { pace.add(e) }
///     pace.seconds[.audit]        // 360: the room was at the audit for six minutes
///     pace.goals[1]?.discussion   // 660: G1 was adopted 11 minutes after it was proposed
///
/// The time between two events counts for the step the later one was typed at (the room was
/// there while it was typed), so a step's time runs from the event that entered it to the one
/// that left it, whether `next`, `back`, `step`, `--force` or an undo moved the room.
public struct Pace: Equatable, Sendable {
    /// Seconds spent at each step the room has been at.
    public private(set) var seconds: [Step: Int] = [:]
    /// Steps at which at least one event was typed.
    public private(set) var visited: Set<Step> = []
    /// Events folded in.
    public private(set) var count = 0
    var lastTime: Int?

    /// One goal's times (epoch seconds).
    public struct GoalTimes: Equatable, Sendable {
        public var proposed: Int
        /// The latest adoption still standing (an edit or an undo that takes it back clears it).
        public var adopted: Int?
        public var dropped: Int?
        /// Seconds run by the timeboxes labelled with the goal (`timer 15m "G1 discussion"`),
        /// and the seconds they were set for.
        public var timed = 0
        public var planned = 0

        /// From the proposal to the adoption, nil while the goal is not adopted.
        public var discussion: Int? { adopted.map { max(0, $0 - proposed) } }
    }

    public private(set) var goals: [Int: GoalTimes] = [:]
    /// Timeboxes that ran, by their start and label: seconds run.
    var runs: [String: (goals: [Int], ran: Int, planned: Int)] = [:]

    public init() {}

    /// Every event of a log, in order.
    public init(_ events: [Event]) {
        for e in events { add(e) }
    }

    /// Every event of a log, read one by one.
    public init(log: EventLog) throws {
        guard log.count > 0 else { return }
        for seq in 1...log.count { add(try log.event(seq)) }
    }

    public static func == (a: Pace, b: Pace) -> Bool {
        a.seconds == b.seconds && a.visited == b.visited && a.count == b.count && a.lastTime == b.lastTime && a.goals == b.goals
    }

    public mutating func add(_ e: Event) {
        count += 1
        visited.insert(e.step)
        guard let time = LocalTime.epoch(e.time) else { return }
        if let last = lastTime { seconds[e.step, default: 0] += max(0, time - last) }
        lastTime = time
        for op in e.ops {
            switch op {
            case let .meta(before, after) where before.timer != after.timer:
                // a box that ends (stopped, replaced, undone) counts what it ran; one that
                // starts again (an undo of its stop) runs on from its start: counted when it ends
                if let old = before.timer, let start = LocalTime.epoch(old.start) {
                    let ran = max(0, time - start)
                    runs[Self.key(old)] = (Self.goalsNamed(in: old.label), ran, old.seconds)
                }
                if let new = after.timer { runs[Self.key(new)] = nil }
                retime()
            case let .goal(c):
                guard let g = c.after else { goals[c.key] = nil; continue }
                if c.before == nil, goals[c.key] == nil { goals[c.key] = GoalTimes(proposed: time) }
                guard var times = goals[c.key] else { continue }
                if g.status == .adopted, c.before?.status != .adopted { times.adopted = time }
                if g.status != .adopted { times.adopted = nil }
                times.dropped = g.status == .dropped ? (c.before?.status == .dropped ? times.dropped : time) : nil
                goals[c.key] = times
            default:
                continue
            }
        }
    }

    /// The goals' timed seconds again from the runs (a run's end may be taken back).
    mutating func retime() {
        for id in goals.keys { goals[id]?.timed = 0; goals[id]?.planned = 0 }
        for run in runs.values {
            for g in run.goals where goals[g] != nil {
                goals[g]!.timed += run.ran
                goals[g]!.planned += run.planned
            }
        }
    }

    static func key(_ box: Timebox) -> String { box.start + "\u{1F}" + (box.label ?? "") }

    /// The goals a timebox's label names: `G1 discussion`, `g2`, `G1討論` (a G and digits
    /// not inside a longer word).
    public static func goalsNamed(in label: String?) -> [Int] {
        guard let label else { return [] }
        let u = Array(label.unicodeScalars)
        func isWordASCII(_ s: Unicode.Scalar) -> Bool { s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s)) }
        var out: [Int] = []
        var i = 0
        while i < u.count {
            defer { i += 1 }
            guard u[i] == "G" || u[i] == "g", i == 0 || !isWordASCII(u[i - 1]) else { continue }
            var j = i + 1, n = 0
            while j < u.count, ("0"..."9").contains(u[j]), n < 1_000_000 { n = n * 10 + Int(u[j].value - 48); j += 1 }
            guard j > i + 1, j == u.count || !isWordASCII(u[j]) else { continue }
            if !out.contains(n) { out.append(n) }
            i = j - 1
        }
        return out
    }

    // MARK: text

    /// `4:05`, `1:05:00`; past a day `2 days 3:00:00`.
    public static func text(_ seconds: Int) -> String {
        let s = max(0, seconds)
        guard s >= 86_400 else { return Timebox.text(s) }
        return t("pace.days", ["n": "\(s / 86_400)", "rest": Timebox.text(s % 86_400)])
    }

    /// The lines `status` and `replay` show: the time each step the room has left took, and
    /// each goal's discussion. Empty before there is anything to time.
    public func lines(current: Step, in s: State) -> [String] {
        // a script run with a fixed clock (every event at one instant) has nothing to time
        guard seconds.values.contains(where: { $0 > 0 }) || runs.values.contains(where: { $0.ran > 0 }) else { return [] }
        var out: [String] = []
        let steps = Step.allCases.filter { $0 != current && visited.contains($0) && seconds[$0] != nil }
        if !steps.isEmpty {
            let parts = steps.map { t("pace.step", ["step": t("step.name." + $0.rawValue), "time": Self.text(seconds[$0] ?? 0)]) }
            out.append(t("pace.steps", ["steps": parts.joined(separator: Punct.list)]))
        }
        var parts: [String] = []
        for id in goals.keys.sorted() {
            guard let times = goals[id], let g = s.goals[id] else { continue }
            var part: String
            if let d = times.discussion {
                part = t("pace.goal.adopted", ["goal": "\(g.ref)", "time": Self.text(d)])
            } else if let dropped = times.dropped {
                part = t("pace.goal.dropped", ["goal": "\(g.ref)", "time": Self.text(dropped - times.proposed)])
            } else if times.timed == 0 {
                continue
            } else {
                part = t("pace.goal.open", ["goal": "\(g.ref)"])
            }
            if times.timed > 0 {
                let timer = t("pace.goal.timer", ["ran": Self.text(times.timed), "of": Self.text(times.planned)])
                part += " " + (times.timed > times.planned ? Paint.bad(timer) : timer)
            }
            parts.append(part)
        }
        if !parts.isEmpty { out.append(t("pace.goals", ["goals": parts.joined(separator: Punct.list)])) }
        return out
    }
}
