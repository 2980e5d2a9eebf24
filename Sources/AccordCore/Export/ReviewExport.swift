import Foundation

/// The review export (`export review --format md|csv|html|json [--period P]`): what HR files
/// and the year-end meeting projects. Per department its letter's rows with the targets in
/// force over the period, the actual of each of the period's parts and of the whole,
/// completion, points, the total, the score and the grade; the adjustments with their
/// approvals; the review notes. Built from `YearReview`, pure: the same state, period and
/// info give the same bytes.
public struct ReviewDocument: Sendable {
    public var title: String
    public var period: YearPeriod
    public var info: ExportInfo
    public var review: YearReview
    /// Per contribution id, the figures of the periods of its own cycle inside the period
    /// (a monthly row's months, a quarterly row's quarters), for the charts.
    public var series: [Int: [PeriodFigure]]
    public var names: [Int: String]
    public var heads: [Int: String]
    public var supervisors: [Int: String]
    /// Contribution id → `X4 Referral program signups`.
    public var contribs: [Int: Contribution]

    public init(_ s: State, period: YearPeriod, info: ExportInfo, depts: Set<Int>? = nil) {
        title = s.meta.title
        self.period = period
        self.info = info
        review = YearReview(s, period: period, depts: depts)
        let f = YearFigures(s)
        var series: [Int: [PeriodFigure]] = [:]
        var contribs: [Int: Contribution] = [:]
        for d in review.departments {
            for r in d.rows {
                let c = r.contribution
                contribs[c.id] = c
                let periods = ReviewDocument.chartPeriods(c.cycle, within: period)
                series[c.id] = periods.map { f.figure(c, $0) }
            }
        }
        for a in review.adjustments { if let c = s.contribs[a.contrib] { contribs[c.id] = c } }
        self.series = series
        self.contribs = contribs
        var names: [Int: String] = [:], heads: [Int: String] = [:], sups: [Int: String] = [:]
        for d in s.departments {
            names[d.id] = d.name
            if let h = d.head { heads[d.id] = h }
            if let v = d.supervisor { sups[d.id] = v }
        }
        self.names = names; self.heads = heads; supervisors = sups
    }

    /// The periods a chart of a row shows: its cycle's periods inside `p` (months for a
    /// monthly or weekly row, quarters for a quarterly one), or `p` itself when that is as fine.
    static func chartPeriods(_ cycle: Cycle, within p: YearPeriod) -> [YearPeriod] {
        let kind: YearPeriod.Kind
        switch cycle {
        case .weekly, .monthly: kind = .month
        case .quarterly: kind = .quarter
        case .annual: kind = .year
        }
        guard kind.months < p.kind.months else { return [p] }
        return (0..<(p.kind.months / kind.months)).compactMap {
            YearPeriod(year: p.year, kind: kind, index: (p.firstMonth - 1) / kind.months + 1 + $0)
        }
    }

    /// `Acme 2027 Annual Alignment — review 2027-Q2`
    public var heading: String {
        t("export.review.title", ["title": title.isEmpty ? t("status.untitled") : title, "period": period.label])
    }

    /// `Grades: S ≥ 120 · A ≥ 100 · B ≥ 80 · C < 80 · completion by the signed letters' rule`
    public var subheading: String { t("export.review.subtitle", ["bands": review.bands.text]) }

    public func dept(_ id: Int) -> String { names[id] ?? "\(ID(.department, id))" }
    public func label(_ id: Int) -> String { contribs[id].map { "\($0.ref) \($0.kpi)" } ?? "\(ID(.contribution, id))" }

    /// `10/12` months recorded, or `12/12`.
    static func coverage(_ f: PeriodFigure) -> String { "\(f.coveredMonths)/\(f.period.kind.months)" }

    static func mark(_ f: PeriodFigure) -> String {
        switch f.mark {
        case .belowFloor: return "✗"
        case .belowTarget: return "⚠"
        default: return ""
        }
    }

    /// `82.4% ⚠`, `–`
    static func completion(_ f: PeriodFigure) -> String {
        guard let c = f.completion else { return "–" }
        let m = mark(f)
        return YearText.fig(c) + "%" + (m.isEmpty ? "" : " " + m)
    }

    /// An actual as the page shows it: at most two decimals (a mean of months: 19.47); the CSV
    /// and the JSON keep the number itself.
    static func number(_ v: Double?) -> String { v.map { Num.format(($0 * 100).rounded() / 100) } ?? "–" }

    /// `S`, or `–` when nothing was scored.
    static func score(_ d: YearReview.DepartmentReview) -> String {
        guard let s = d.score, let g = d.grade else { return "–" }
        return YearText.fig(s) + " · " + g
    }

    /// What the department's score is made of, in one line.
    func scored(_ d: YearReview.DepartmentReview) -> String {
        t("export.review.scored", ["rows": "\(d.scoredRows)", "all": "\(d.rows.count)", "weight": Num.format(d.scoredWeight),
                                   "total": Num.format(d.totalWeight), "points": YearText.fig(d.points)])
    }

    /// `2/2 rows · 100/100 weight`: what a score is made of, short, for a table cell.
    func coverage(_ d: YearReview.DepartmentReview) -> String {
        t("export.review.coverage", ["rows": "\(d.scoredRows)", "all": "\(d.rows.count)", "weight": Num.format(d.scoredWeight),
                                     "total": Num.format(d.totalWeight)])
    }

    /// `target 900 → 1,000 from 2027-07`, the adjustment as one line.
    func adjustmentLine(_ a: Adjustment) -> String {
        t("export.review.adjustment", ["id": "\(a.ref)", "contrib": label(a.contrib),
                                       "change": YearText.boundsChange(a.oldBounds, a.newBounds), "from": a.from.label,
                                       "reason": a.reason, "status": approval(a)])
    }

    /// `approved by Chris Wong 2027-07-03 09:00`, `requested 2027-06-28 …`
    func approval(_ a: Adjustment) -> String {
        if a.status == .approved {
            return t("export.review.approved-by", ["who": a.approvedBy ?? "–", "time": Time.short(a.approved ?? "")])
        }
        return t("export.review.requested", ["time": Time.short(a.requested)])
    }
}

// MARK: - Markdown

public enum ReviewMarkdown {
    typealias A = Markdown.Align

    static func prose(_ s: String) -> String { Markdown.escape(s) }

    public static func render(_ doc: ReviewDocument) -> String {
        var out: [String] = []
        out.append("# " + prose(doc.heading))
        out.append("")
        out.append(prose(doc.subheading))
        out.append("")
        out.append(prose(doc.info.line))
        out.append("")
        out.append("## " + prose(t("export.review.scores")))
        out.append("")
        out.append(Markdown.table([t("year.col.department"), t("export.review.col.score"), t("export.review.col.grade"),
                                   t("year.col.points"), t("export.review.col.scored")],
                                  doc.review.departments.map { d in
                                      [d.dept.name, d.score.map(YearText.fig) ?? "–", d.grade ?? "–", YearText.fig(d.points), doc.coverage(d)]
                                  }, align: [.left, .right, .left, .right, .left]))
        let parts = doc.period.reviewParts
        for d in doc.review.departments {
            out.append("")
            out.append("## " + prose(t("export.review.dept", ["dept": d.dept.name, "score": ReviewDocument.score(d)])))
            out.append("")
            var head = [t("year.col.kpi"), t("year.col.weight"), t("what.floor"), t("year.col.target"), t("what.challenge")]
            head += parts.map(\.label)
            head += [t("year.col.actual"), t("year.col.months"), t("year.col.completion"), t("year.col.points")]
            var rows: [[String]] = []
            for r in d.rows {
                let b = r.figure.fullBounds
                var cells = [doc.label(r.contribution.id) + (r.adjustments.isEmpty ? "" : " †"), Num.format(r.contribution.weight),
                             Num.format(b.floor), Num.format(b.target), Num.format(b.challenge)]
                cells += r.parts.map { ReviewDocument.number($0.actual) }
                cells += [ReviewDocument.number(r.figure.actual), ReviewDocument.coverage(r.figure),
                          ReviewDocument.completion(r.figure), (r.points.map(YearText.fig) ?? "–")]
                rows.append(cells)
            }
            rows.append([t("export.total"), Num.format(d.totalWeight)] + Array(repeating: "", count: head.count - 3) + [YearText.fig(d.points)])
            out.append(Markdown.table(head, rows, align: [.left] + Array(repeating: A.right, count: head.count - 1)))
            out.append("")
            out.append(prose(doc.scored(d)))
            let adjusted = d.rows.flatMap(\.adjustments)
            if !adjusted.isEmpty {
                out.append("")
                for a in adjusted { out.append("- † " + prose(doc.adjustmentLine(a))) }
            }
            for r in d.retros {
                out.append("")
                out.append("### " + prose(t("export.review.retro", ["period": r.period.label])))
                out.append("")
                out.append("- " + prose(t("export.review.went-well") + ": " + r.wentWell))
                out.append("- " + prose(t("export.review.problem") + ": " + r.problem))
                out.append("- " + prose(t("export.review.next") + ": " + r.next))
            }
        }
        out.append("")
        out.append("## " + prose(t("export.review.adjustments")))
        out.append("")
        if doc.review.adjustments.isEmpty {
            out.append(prose(t("export.review.no-adjustments")))
        } else {
            out.append(Markdown.table([t("export.review.col.adjustment"), t("year.col.kpi"), t("export.review.col.from"),
                                       t("export.review.col.before"), t("export.review.col.after"), t("export.review.col.reason"),
                                       t("export.review.col.status")],
                                      doc.review.adjustments.map { a in
                                          ["\(a.ref)", doc.label(a.contrib), a.from.label, boundsText(a.oldBounds), boundsText(a.newBounds),
                                           a.reason + (a.basis.map { " (" + $0 + ")" } ?? ""), doc.approval(a)]
                                      }))
        }
        out.append("")
        return out.joined(separator: "\n")
    }

    /// `700 / 900 / 1,100` (floor / target / challenge)
    static func boundsText(_ b: Bounds) -> String {
        [b.floor, b.target, b.challenge].map { Num.format($0) }.joined(separator: " / ")
    }
}

// MARK: - CSV

public enum ReviewCSV {
    typealias Cell = CSV.Cell

    static func num(_ v: Double?) -> Cell { v.map { .number($0) } ?? .text("") }

    /// One row per department and letter row (the parts' actuals in their own columns),
    /// then the departments' totals, the adjustments and the review notes, each under a title row.
    public static func render(_ doc: ReviewDocument) -> Data {
        let parts = doc.period.reviewParts
        var rows: [[Cell]] = []
        var head: [String] = [t("year.col.department"), t("year.col.contribution"), t("year.col.kpi"), t("year.col.stage"),
                              t("year.col.weight"), t("export.review.col.unit"), t("what.floor"), t("year.col.target"),
                              t("what.challenge")]
        head += parts.map(\.label)
        head += [t("year.col.actual"), t("year.col.months"), t("year.col.completion"), t("export.review.col.mark"),
                 t("year.col.points"), t("export.review.col.adjusted")]
        rows.append(head.map { .text($0) })
        for d in doc.review.departments {
            for r in d.rows {
                let c = r.contribution, b = r.figure.fullBounds
                var row: [Cell] = [.text(d.dept.name), .text("\(c.ref)"), .text(c.kpi), .text(c.stage.rawValue), .number(c.weight),
                                   .text(c.unit), .number(b.floor), .number(b.target), .number(b.challenge)]
                row += r.parts.map { num($0.actual) }
                row += [num(r.figure.actual), .number(Double(r.figure.coveredMonths)), num(r.figure.completion),
                        .text(r.figure.mark == .none ? "" : r.figure.mark.rawValue), num(r.points),
                        .text(r.adjustments.map { "\($0.ref)" }.joined(separator: " "))]
                rows.append(row)
            }
        }
        rows.append([])
        rows.append([.text(t("export.review.scores"))])
        rows.append([t("year.col.department"), t("export.review.col.score"), t("export.review.col.grade"), t("year.col.points"),
                     t("export.review.col.scored-weight"), t("export.review.col.total-weight"), t("export.review.col.complete")]
            .map { .text($0) })
        for d in doc.review.departments {
            rows.append([.text(d.dept.name), num(d.score), .text(d.grade ?? ""), .number(d.points), .number(d.scoredWeight),
                         .number(d.totalWeight), .text(d.isComplete ? "yes" : "no")])
        }
        rows.append([])
        rows.append([.text(t("export.review.adjustments"))])
        rows.append([t("export.review.col.adjustment"), t("year.col.contribution"), t("year.col.kpi"), t("export.review.col.from"),
                     "\(t("what.floor")) (\(t("export.review.col.before")))", "\(t("year.col.target")) (\(t("export.review.col.before")))",
                     "\(t("what.challenge")) (\(t("export.review.col.before")))", "\(t("what.floor")) (\(t("export.review.col.after")))",
                     "\(t("year.col.target")) (\(t("export.review.col.after")))", "\(t("what.challenge")) (\(t("export.review.col.after")))",
                     t("export.review.col.reason"), t("export.review.col.basis"), t("export.review.col.status"),
                     t("export.review.col.approved-by"), t("export.review.col.approved")].map { .text($0) })
        for a in doc.review.adjustments {
            rows.append([.text("\(a.ref)"), .text("\(ID(.contribution, a.contrib))"), .text(doc.contribs[a.contrib]?.kpi ?? ""),
                         .text(a.from.canonical), .number(a.oldFloor), .number(a.oldTarget), .number(a.oldChallenge),
                         .number(a.floor), .number(a.target), .number(a.challenge), .text(a.reason), .text(a.basis ?? ""),
                         .text(a.status.rawValue), .text(a.approvedBy ?? ""), .text(a.approved ?? "")])
        }
        rows.append([])
        rows.append([.text(t("export.review.notes"))])
        rows.append([t("year.col.department"), t("year.col.period"), t("export.review.went-well"), t("export.review.problem"),
                     t("export.review.next")].map { .text($0) })
        for d in doc.review.departments {
            for r in d.retros {
                rows.append([.text(d.dept.name), .text(r.period.canonical), .text(r.wentWell), .text(r.problem), .text(r.next)])
            }
        }
        return CSV.document(rows)
    }
}

// MARK: - JSON

/// Described by schema/export-review.schema.json: keys sorted, numbers as numbers, absent
/// values left out, periods in their canonical spelling.
public enum ReviewJSON {
    public static let format = "accord-export-review"
    public static let version = 1

    struct Figure: Encodable {
        var period: String
        var actual: Double?
        var floor: Double
        var target: Double
        var challenge: Double
        var completion: Double?
        var mark: String?
        var months: Int
        var missing: [String]

        init(_ f: PeriodFigure) {
            period = f.period.canonical
            actual = f.actual
            let b = f.bounds ?? f.fullBounds
            floor = b.floor; target = b.target; challenge = b.challenge
            completion = f.completion
            mark = f.mark == .none ? nil : f.mark.rawValue
            months = f.coveredMonths
            missing = f.missing.map(\.canonical)
        }
    }

    struct Row: Encodable {
        var contribution: String
        var goal: String
        var kpi: String
        var stage: String
        var unit: String
        var weight: Double
        var cycle: String
        var aggregation: String
        var floor: Double
        var target: Double
        var challenge: Double
        var figure: Figure
        var parts: [Figure]
        var series: [Figure]
        var points: Double?
        var adjustments: [String]
    }

    struct Retro: Encodable {
        var period: String
        var wentWell: String
        var problem: String
        var next: String
    }

    struct Dept: Encodable {
        var department: String
        var head: String?
        var supervisor: String?
        var rows: [Row]
        var points: Double
        var scoredWeight: Double
        var totalWeight: Double
        var score: Double?
        var grade: String?
        var complete: Bool
        var retros: [Retro]
    }

    struct Adj: Encodable {
        var id: String
        var contribution: String
        var from: String
        var before: [String: Double]
        var after: [String: Double]
        var reason: String
        var basis: String?
        var status: String
        var requested: String
        var approvedBy: String?
        var approved: String?
    }

    struct Band: Encodable { var grade: String; var min: Double }

    struct Progress: Encodable {
        var goal: String?
        var stage: String?
        var contributions: [String]
        var completion: Double?
        var weakest: String?
    }

    struct Doc: Encodable {
        var format: String
        var version: Int
        var title: String
        var period: String
        var file: String
        var events: Int
        var lastEvent: String?
        var grades: [Band]
        var departments: [Dept]
        var goals: [Progress]
        var stages: [Progress]
        var adjustments: [Adj]
    }

    public static func render(_ doc: ReviewDocument) throws -> Data {
        let r = doc.review
        let depts = r.departments.map { d in
            Dept(department: d.dept.name, head: d.dept.head, supervisor: d.dept.supervisor,
                 rows: d.rows.map { row in
                     let c = row.contribution
                     return Row(contribution: "\(c.ref)", goal: "\(ID(.goal, c.goal))", kpi: c.kpi, stage: c.stage.rawValue, unit: c.unit,
                                weight: c.weight, cycle: c.cycle.rawValue, aggregation: row.figure.aggregation.rawValue,
                                floor: row.figure.fullBounds.floor, target: row.figure.fullBounds.target,
                                challenge: row.figure.fullBounds.challenge, figure: Figure(row.figure), parts: row.parts.map(Figure.init),
                                series: (doc.series[c.id] ?? []).map(Figure.init), points: row.points,
                                adjustments: row.adjustments.map { "\($0.ref)" })
                 },
                 points: d.points, scoredWeight: d.scoredWeight, totalWeight: d.totalWeight, score: d.score, grade: d.grade,
                 complete: d.isComplete,
                 retros: d.retros.map { Retro(period: $0.period.canonical, wentWell: $0.wentWell, problem: $0.problem, next: $0.next) })
        }
        func bounds(_ b: Bounds) -> [String: Double] { ["floor": b.floor, "target": b.target, "challenge": b.challenge] }
        let adjs = r.adjustments.map { a in
            Adj(id: "\(a.ref)", contribution: "\(ID(.contribution, a.contrib))", from: a.from.canonical, before: bounds(a.oldBounds),
                after: bounds(a.newBounds), reason: a.reason, basis: a.basis, status: a.status.rawValue, requested: a.requested,
                approvedBy: a.approvedBy, approved: a.approved)
        }
        func progress(_ p: YearReview.Progress) -> Progress {
            Progress(goal: p.goal.map { "\(ID(.goal, $0))" }, stage: p.stage?.rawValue,
                     contributions: p.contributions.map { "\(ID(.contribution, $0))" }, completion: p.completion,
                     weakest: p.weakest.map { "\(ID(.contribution, $0))" })
        }
        let out = Doc(format: format, version: version, title: doc.title, period: doc.period.canonical, file: doc.info.file,
                      events: doc.info.events, lastEvent: doc.info.lastTime,
                      grades: r.bands.bands.map { Band(grade: $0.grade, min: $0.min) }, departments: depts,
                      goals: r.goals.map(progress), stages: r.stages.map(progress), adjustments: adjs)
        var data = try JSONExport.encoder().encode(out)
        data.append(0x0A)
        return data
    }
}
