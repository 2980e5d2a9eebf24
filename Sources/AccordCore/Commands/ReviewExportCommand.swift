import Foundation

/// `export review --format md|csv|html|json [--period P] [--out PATH]`: the review of a
/// period (the year by default) as a file HR keeps, or on the screen. Never changes the
/// session; writing the file is an effect the front end carries out, atomically.
enum ReviewExportCommand {
    static var all: [CommandSpec] { [exportReview] }

    static let exportReview = CommandSpec(
        "export review", usage: "export review --format md|csv|html|json [--period PERIOD] [--out PATH]",
        example: "export review --format html --period 2027 --out review-2027.html",
        flags: [FlagSpec("format", "md|csv|html|json"), FlagSpec("period", "PERIOD"), FlagSpec("out", "PATH")],
        args: 0...0, step: .review
    ) { inv, d, ctx in
        let format = try ReviewExport.format(inv.flag("format"))
        let period = try ReviewExport.period(inv.flag("period"), d.state)
        if let out = inv.flag("out"), out.trimmingCharacters(in: .whitespaces).isEmpty {
            throw CommandError("error.flag-needs-value", ["flag": "--out", "value": "PATH"])
        }
        let info = ExportRequest.info(file: ctx.fileName, log: ctx.log)
        let result = try ReviewExport.make(format, d.state, period: period, info: info)
        guard let out = inv.flag("out") else { return Outcome(ExportRequest.screenText(result.data)) }
        return Outcome(ReviewExport.summary(result, format: format, period: period), effects: [.write(path: out, data: result.data)])
    }
}

/// What `export review` and `accord review FILE` share.
public enum ReviewExport {
    public struct Result: Sendable {
        public var data: Data
        public var document: ReviewDocument
    }

    /// md when none is given; also `markdown`.
    public static func format(_ raw: String?) throws -> Export.Format {
        guard let raw else { return .md }
        guard let f = Export.Format(parsing: raw) else { throw CommandError("export.bad-format", ["format": raw]) }
        return f
    }

    /// The period asked for, else the year of the latest actual, else the session's period.
    public static func period(_ raw: String?, _ s: State) throws -> YearPeriod {
        if let raw {
            guard let p = YearPeriod(parsing: raw) else {
                throw CommandError("year.bad-period", ["period": raw, "accepted": YearPeriod.accepted])
            }
            return p
        }
        if let p = YearReview.latestMonth(s).map({ YearPeriod.whole($0.year) }) ?? YearPeriod(parsing: s.meta.period) { return p }
        throw CommandError("track.nothing-yet")
    }

    public static func make(_ format: Export.Format, _ s: State, period: YearPeriod, info: ExportInfo) throws -> Result {
        let doc = ReviewDocument(s, period: period, info: info)
        let data: Data
        switch format {
        case .md: data = Data(ReviewMarkdown.render(doc).utf8)
        case .csv: data = ReviewCSV.render(doc)
        case .html: data = Data(ReviewHTML.render(doc).utf8)
        case .json: data = try ReviewJSON.render(doc)
        }
        return Result(data: data, document: doc)
    }

    /// `Review 2027 (html): 4 departments, 8 rows, 2 adjustments.`
    public static func summary(_ r: Result, format: Export.Format, period: YearPeriod) -> String {
        let rv = r.document.review
        return t("export.review.written", ["period": period.label, "format": format.rawValue, "depts": "\(rv.departments.count)",
                                           "rows": "\(rv.departments.reduce(0) { $0 + $1.rows.count })",
                                           "adjustments": "\(rv.adjustments.count)"])
    }
}
