/// How goals read on the screen: summaries, revision diffs, the `goal show` view.
public enum GoalText {
    /// `12,000 → 15,000 USD`
    public static func fromTo(_ r: GoalRevision) -> String {
        let b = r.baseline.map { Num.show($0) } ?? "?"
        let tg = r.target.map { Num.show($0) } ?? "?"
        return "\(b) → \(tg)" + (r.unit.map { " " + $0 } ?? "")
    }

    /// `cltv (Customer lifetime value · 客戶終身價值) 12,000 → 15,000 USD by 2027-12-31 · owner Sales`
    public static func summary(_ r: GoalRevision, in s: State) -> String {
        let catalog = Catalog(s)
        var text = r.metric.map { "\($0) (\(catalog.label($0)))" } ?? t("goal.no-metric")
        text += " " + fromTo(r)
        if let by = r.by { text += " " + t("goal.by", ["by": Dates.show(by)]) }
        if let o = r.owner { text += " · " + t("goal.owner", ["dept": s.deptName(o)]) }
        return text
    }

    public static func status(_ g: Goal) -> String {
        switch g.status {
        case .adopted: return Paint.good(t("goal.status.adopted", ["n": "\(g.adoptedRevision ?? g.current.number)"]))
        case .dropped: return Paint.faint(t("goal.status.dropped"))
        case .proposed: return t("goal.status.proposed", ["n": "\(g.current.number)"])
        }
    }

    /// One field that differs between two revisions, as shown: its name, the old and the
    /// new value (nil: not set).
    public struct FieldChange: Equatable, Sendable {
        public var field: String
        public var old: String?
        public var new: String?
        /// `target 15,000 → 14,500`
        public var text: String { "\(field) \(old ?? "–") → \(new ?? "–")" }
    }

    /// Field by field, old → new (`goal show`'s `r1 → r2` line; the participant's page).
    public static func diff(_ a: GoalRevision, _ b: GoalRevision, in s: State) -> [String] {
        changes(a, b, in: s).map(\.text)
    }

    /// The fields that differ between two revisions, in the order `goal show` lists them.
    public static func changes(_ a: GoalRevision, _ b: GoalRevision, in s: State) -> [FieldChange] {
        var out: [FieldChange] = []
        func add(_ name: String, _ x: String?, _ y: String?) {
            if x != y { out.append(FieldChange(field: name, old: x, new: y)) }
        }
        add(t("field.title"), a.title, b.title)
        add(t("field.metric"), a.metric, b.metric)
        add(t("field.baseline"), a.baseline.map { Num.show($0) }, b.baseline.map { Num.show($0) })
        add(t("field.target"), a.target.map { Num.show($0) }, b.target.map { Num.show($0) })
        add(t("field.unit"), a.unit, b.unit)
        add(t("field.by"), a.by.map { Dates.show($0) }, b.by.map { Dates.show($0) })
        add(t("field.owner"), a.owner.map { s.deptName($0) }, b.owner.map { s.deptName($0) })
        return out
    }

    /// The reasons of the letters that do not pass, indented.
    static func smartProblems(_ g: Smart.Grade) -> [String] {
        g.checks.filter { $0.level != .pass }.map { "    \($0.letter.rawValue) \($0.level.mark) \($0.reason)" }
    }

    /// `agree: Marketing, Sales · object: Customer Success ("…")`
    static func votes(_ g: Goal, revision: Int, in s: State) -> String {
        let current = Consent.currentVotes(g, in: s, revision: revision)
        var parts: [String] = []
        for choice in VoteChoice.allCases {
            let who = s.departments.compactMap { d -> String? in
                guard let v = current[d.id], v.choice == choice else { return nil }
                return v.reason.map { "\(d.name) (\"\($0)\")" } ?? d.name
            }
            if !who.isEmpty { parts.append(choice.label + Punct.label + who.joined(separator: Punct.list)) }
        }
        if revision == g.current.number && g.status == .proposed {
            let missing = s.departments.filter { current[$0.id] == nil }.map(\.name)
            if !missing.isEmpty { parts.append(t("goal.to-vote") + Punct.label + missing.joined(separator: Punct.list)) }
        }
        return parts.isEmpty ? t("goal.no-votes") : parts.joined(separator: " · ")
    }

    public static func show(_ g: Goal, in s: State, now: String?) -> String {
        let r = g.current
        var lines = [Paint.strong("\(g.ref) \(r.title)") + " · " + t("goal.revision", ["n": "\(r.number)"]) + " · " + status(g)]
        lines.append("  " + summary(r, in: s))
        let grade = Smart.grade(r, goalID: g.id, in: s, now: now)
        lines.append("  SMART  " + grade.line)
        lines += smartProblems(grade)
        if !g.stages.isEmpty { lines.append("  " + t("goal.stages", ["stages": Mapping.stageNames(g.stages.sorted())])) }
        if let reason = g.dropReason, g.status == .dropped { lines.append("  " + t("goal.drop-reason", ["reason": reason])) }
        for (i, rev) in g.revisions.enumerated().reversed() where i > 0 {
            let prev = g.revisions[i - 1]
            lines.append("  r\(prev.number) → r\(rev.number)  " + diff(prev, rev, in: s).joined(separator: Punct.clauses))
        }
        for rev in g.revisions.reversed() {
            lines.append("  r\(rev.number) " + t("goal.votes") + "  " + votes(g, revision: rev.number, in: s))
            let cast = s.votes(on: g.id).filter { $0.revision == rev.number }
            let changed = Set(Dictionary(grouping: cast, by: \.dept).filter { $0.value.count > 1 }.keys)
            if !changed.isEmpty {
                let history = cast.filter { changed.contains($0.dept) }.map { v in
                    "\(Time.short(v.time)) \(s.deptName(v.dept)) \(v.choice.label)" + (v.reason.map { " \"\($0)\"" } ?? "")
                }
                lines.append("     " + Paint.faint(t("goal.history") + ": " + history.joined(separator: " → ")))
            }
        }
        return lines.joined(separator: "\n")
    }
}
