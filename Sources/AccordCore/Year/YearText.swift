/// How the year's figures read on screen: the tracking sheet, the review, the warnings.
public enum YearText {
    /// `X3 Sales-accepted leads below floor in 2027-05 and 2027-06`
    public static func warning(_ w: EarlyWarning, _ s: State) -> String {
        let name = s.contribs[w.contrib].map { "\($0.ref) \($0.kpi)" } ?? "\(ID(.contribution, w.contrib))"
        switch w.kind {
        case .belowFloorTwice:
            return t("warning.below-floor", ["kpi": name, "dept": s.deptName(w.dept), "periods": w.periods.map(\.label).joined(separator: t("list.separator"))])
        case .fallingThree:
            return t("warning.falling", ["kpi": name, "dept": s.deptName(w.dept),
                                         "path": w.completions.map { fig($0) + "%" }.joined(separator: " → "),
                                         "from": w.periods.first!.label, "to": w.periods.last!.label])
        }
    }
}

extension YearText {
    /// `target 900 → 1,000, floor 700 → 800`: only the values that change.
    public static func boundsChange(_ a: Bounds, _ b: Bounds) -> String {
        var parts: [String] = []
        for (key, x, y) in [("what.floor", a.floor, b.floor), ("what.target", a.target, b.target),
                            ("what.challenge", a.challenge, b.challenge)] where x != y {
            parts.append(t(key) + " " + Num.format(x) + " → " + Num.format(y))
        }
        return parts.joined(separator: t("list.separator"))
    }

    /// A target or an actual as shown: at most two decimals (a mean of 14.4333 reads 14.43).
    static func number(_ v: Double?) -> String { v.map { Num.format(($0 * 100).rounded() / 100) } ?? "–" }

    /// A completion, a score or points as people read them: one decimal at most (94.9).
    public static func fig(_ v: Double) -> String { Num.format((v * 10).rounded() / 10) }

    static func percent(_ v: Double?) -> String { v.map { fig($0) + "%" } ?? "–" }

    /// `+5.2%`, `−3%`, `–`
    static func change(_ row: TrackingSheet.Row) -> String {
        guard let pct = row.changePercent else { return row.change.map { ($0 >= 0 ? "+" : "") + Num.format($0) } ?? "–" }
        return (pct >= 0 ? "+" : "") + fig(pct) + "%"
    }

    /// A completion with its mark, coloured: `95% ⚠`, `40% ✗`, `104%`.
    static func completion(_ f: PeriodFigure) -> String { YearCommands.completionText(f) }

    /// `10 of 12 months` when months are missing, empty when the period is complete.
    static func coverage(_ f: PeriodFigure) -> String {
        f.isComplete ? "\(f.coveredMonths)/\(f.period.kind.months)" : Paint.warn("\(f.coveredMonths)/\(f.period.kind.months)")
    }

    // MARK: the tracking sheet

    public static func sheet(_ sheet: TrackingSheet, _ s: State, width: Int) -> String {
        var out: [String] = [Paint.strong(t("track.title", ["period": sheet.period.label]))]
        if sheet.departments.isEmpty { out.append(t("track.no-rows")) }
        for d in sheet.departments {
            out.append("")
            out.append(Paint.strong(d.dept.name))
            var table = TextTable([t("year.col.kpi"), t("year.col.target"), t("year.col.actual"), t("year.col.completion"),
                                   t("year.col.change"), t("year.col.cause"), t("year.col.action"), t("year.col.owner")],
                                  align: [.left, .right, .right, .right, .right, .left, .left, .left])
            for r in d.rows {
                let c = r.contribution
                var target = number((r.figure.bounds ?? r.figure.fullBounds).target)
                if r.adjusted { target += " *" }
                table.row([YearCommands.label(c), target, number(r.figure.actual), completion(r.figure), change(r),
                           r.miss?.cause ?? "", r.miss?.action ?? "", r.miss?.owner ?? ""])
            }
            table.wraps(0, 5, 6)
            table.prose(5, 6)
            table.drops(7, 4)
            out.append(table.render(width: width))
            let notes = d.rows.compactMap { r in r.note.map { "  \(r.contribution.ref): \($0)" } }
            if !notes.isEmpty { out.append(t("track.notes")); out += notes.map { TextWrap.block($0, width: width, hanging: 4) } }
            if d.rows.contains(where: \.adjusted) { out.append(t("track.adjusted")) }
            let missing = d.rows.filter { $0.figure.actual == nil }.map { "\($0.contribution.ref)" }
            if !missing.isEmpty { out.append(TextWrap.block(Paint.faint(t("track.missing", ["ids": missing.joined(separator: t("list.separator"))])), width: width, hanging: 4)) }
        }
        if !sheet.warnings.isEmpty {
            out.append("")
            out.append(Paint.warn(t("track.warnings", ["n": "\(sheet.warnings.count)"])))
            for w in sheet.warnings { out.append(TextWrap.block(Paint.warn("  ⚠ " + warning(w, s)), width: width, hanging: 4)) }
        }
        return out.joined(separator: "\n")
    }

    // MARK: the review

    public static func review(_ r: YearReview, _ s: State, width: Int) -> String {
        func wrap(_ line: String, hanging: Int = 4) -> String { TextWrap.block(line, width: width, hanging: hanging) }
        var out: [String] = [Paint.strong(t("review.title", ["period": r.period.label, "bands": r.bands.text]))]
        if r.departments.isEmpty { out.append(t("track.no-rows")) }
        for d in r.departments {
            out.append("")
            let head: String
            if let score = d.score, let grade = d.grade {
                head = t(d.scoredWeight < d.totalWeight ? "review.dept.partial" : "review.dept",
                         ["dept": d.dept.name, "points": fig(d.points), "score": fig(score), "grade": grade,
                          "weight": Num.format(d.scoredWeight), "total": Num.format(d.totalWeight)])
            } else {
                head = t("review.dept.none", ["dept": d.dept.name])
            }
            out.append(TextWrap.block(Paint.strong(head), width: width, hanging: 2))
            var table = TextTable([t("year.col.kpi"), t("year.col.weight"), t("year.col.target"), t("year.col.actual"),
                                   t("year.col.months"), t("year.col.completion"), t("year.col.points")],
                                  align: [.left, .right, .right, .right, .right, .right, .right])
            for row in d.rows {
                let f = row.figure
                var target = number((f.bounds ?? f.fullBounds).target)
                if !row.adjustments.isEmpty { target += " *" }
                table.row([YearCommands.label(row.contribution), Num.format(row.contribution.weight), target, number(f.actual),
                           coverage(f), completion(f), row.points.map(fig) ?? "–"])
            }
            table.row(["  " + t("review.total"), Num.format(d.totalWeight), "", "", "", "", fig(d.points)])
            table.wraps(0)
            out.append(table.render(width: width))
            // actuals per part of the period (a year's quarters, a quarter's months)
            // (rows recorded only for the whole period, a quarterly KPI in a quarter's review, have no parts to show)
            let withParts = d.rows.filter { $0.parts.contains { $0.actual != nil } }
            if let parts = withParts.first?.parts, !parts.isEmpty {
                var pt = TextTable([t("year.col.kpi")] + parts.map(\.period.label), align: [.left] + parts.map { _ in .right })
                for row in withParts {
                    pt.row(["\(row.contribution.ref)"] + row.parts.map { p in
                        p.actual.map { number($0) + (p.completion.map { " (" + fig($0) + "%)" } ?? "") } ?? "–"
                    })
                }
                for col in 1...parts.count { pt.wraps(col) }
                out.append(t("review.by-part"))
                out.append(pt.render(width: width))
            }
            let missing = d.rows.filter { !$0.figure.missing.isEmpty }
            if !missing.isEmpty {
                out.append(wrap(Paint.faint(t("review.scored", ["rows": "\(d.scoredRows)", "n": "\(d.rows.count)",
                                                           "weight": Num.format(d.scoredWeight), "total": Num.format(d.totalWeight)]))))
                for row in missing {
                    out.append(wrap(Paint.faint("  " + t("review.missing", ["id": "\(row.contribution.ref)",
                                                                           "months": compactMonths(row.figure.missing)]))))
                }
            }
            for row in d.rows {
                for a in row.adjustments {
                    out.append(wrap(t("review.adjustment", ["id": "\(a.ref)", "contrib": "\(row.contribution.ref)",
                                                       "change": boundsChange(a.oldBounds, a.newBounds), "from": a.from.label,
                                                       "who": a.approvedBy ?? "–"])))
                }
            }
            for n in d.retros {
                out.append(t("review.retro", ["period": n.period.label]))
                out.append(wrap("    " + t("review.retro.well", ["text": n.wentWell]), hanging: 6))
                out.append(wrap("    " + t("review.retro.problem", ["text": n.problem]), hanging: 6))
                out.append(wrap("    " + t("review.retro.next", ["text": n.next]), hanging: 6))
            }
        }
        if !r.goals.isEmpty {
            out.append("")
            out.append(Paint.strong(t("review.by-goal")))
            var table = TextTable([t("year.col.goal"), t("year.col.progress"), t("year.col.weakest")], align: [.left, .right, .left])
            for g in r.goals {
                let title = g.goal.flatMap { s.goals[$0] }.map { "\($0.ref) \($0.current.title)" } ?? "–"
                table.row([title, percent(g.completion), weakest(g, s)])
            }
            table.wraps(0, 2)
            out.append(table.render(width: width))
        }
        if !r.stages.isEmpty {
            out.append("")
            out.append(Paint.strong(t("review.by-stage")))
            var table = TextTable([t("year.col.stage"), t("year.col.progress"), t("year.col.weakest")], align: [.left, .right, .left])
            for g in r.stages { table.row([g.stage.map(Mapping.stageLabel) ?? "–", percent(g.completion), weakest(g, s)]) }
            table.wraps(2)
            out.append(table.render(width: width))
        }
        return out.joined(separator: "\n")
    }

    static func weakest(_ g: YearReview.Progress, _ s: State) -> String {
        guard let id = g.weakest, let c = s.contribs[id] else { return "–" }
        return YearCommands.label(c) + " " + percent(g.weakestCompletion)
    }

    /// `2027-04, 2027-09…2027-12`
    static func compactMonths(_ months: [YearPeriod]) -> String {
        var runs: [[YearPeriod]] = []
        for m in months {
            if let last = runs.last?.last, last.next == m { runs[runs.count - 1].append(m) } else { runs.append([m]) }
        }
        let sep = t("list.separator")
        return runs.map { $0.count > 2 ? $0.first!.label + "…" + $0.last!.label : $0.map(\.label).joined(separator: sep) }
            .joined(separator: sep)
    }
}
