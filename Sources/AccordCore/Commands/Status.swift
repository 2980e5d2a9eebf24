/// Where the room is: the `status` screen, step titles, and what to type next.
public enum Status {
    public static func stepTitle(_ s: Step) -> String { Workflow.title(s) }

    /// With `width`, a step's line that does not fit wraps under its summary (column 14),
    /// and the line of a forced or reopened gate wraps under itself.
    /// `timing`: how long the steps and the goals' discussions took (`Pace.lines`), shown
    /// under the steps.
    public static func render(_ s: State, fileName: String, saved: Bool, width: Int? = nil, now: String? = nil,
                              timing: [String] = []) -> String {
        func wrapped(_ line: String, hanging: Int) -> [String] {
            guard let width else { return [line] }
            return TextWrap.lines(line, width: width, hanging: hanging, prose: true)
        }
        var head = [s.meta.title.isEmpty ? t("status.untitled") : s.meta.title]
        if !s.meta.period.isEmpty { head.append(t("status.period", ["period": s.meta.period])) }
        if !fileName.isEmpty { head.append(fileName + " " + (saved ? t("status.saved") : t("status.journaled"))) }
        var lines = [Paint.strong(head.joined(separator: " · "))]
        // where the session came from (`accord carry`, `kpi import-session`); `verify --lineage` checks it
        for line in CarryText.lineageLines(s) { lines += wrapped("  " + line, hanging: 4) }
        let current = s.meta.step
        for step in Workflow.steps.map(\.step) {
            var mark = step < current ? Paint.good("✓") : step == current ? "▶" : " "
            let summary = StepSummary.line(step, s) ?? "–"
            // a step behind the room whose gate is not met: forced past it, or undone since
            var open: [String] = []
            if step < current { open = Gates.blockers(leaving: step, s) }
            if !open.isEmpty { mark = Paint.warn("⚠") }
            lines += wrapped("  \(mark) " + stepTitle(step).padded(to: 10) + summary, hanging: 12)
            if !open.isEmpty {
                let what = open.joined(separator: Punct.clauses)
                let line = s.meta.forced?[step.rawValue].map { t("status.forced", ["reason": $0, "what": what]) }
                    ?? t("status.gate-reopened", ["what": what])
                lines += wrapped("    " + String(repeating: " ", count: 10) + Paint.warn(line), hanging: 0)
            }
        }
        for line in timing { lines += wrapped(line, hanging: 2) }
        if let box = s.meta.timer, let now, let left = box.left(at: now) {
            let label = box.label ?? t("timer.unnamed")
            lines.append(left >= 0 ? t("status.timer", ["label": label, "left": Timebox.text(left)])
                                   : Paint.bad(t("status.timer-over", ["label": label, "left": Timebox.text(-left)])))
        }
        lines.append(nextHint(s))
        return lines.joined(separator: "\n")
    }

    /// "Next: …" — what blocks the room, or what to type.
    public static func nextHint(_ s: State) -> String {
        let step = s.meta.step
        if let hint = Workflow.definition(step).hint(s) { return hint }
        guard let to = step.next else { return t("status.next.last", ["step": stepTitle(step)]) }
        let blockers = Gates.blockers(leaving: step, s)
        if blockers.isEmpty { return t("status.next.go", ["step": stepTitle(to)]) }
        return t("status.next.blocked", ["what": blockers.joined(separator: Punct.clauses)])
    }
}

/// One line per step for `status`; each step states what it has produced so far.
enum StepSummary {
    static func line(_ step: Step, _ s: State) -> String? { Workflow.definition(step).summary(s) }
}
