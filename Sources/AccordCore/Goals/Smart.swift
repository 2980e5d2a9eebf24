/// The SMART check of a goal revision: each letter graded pass / warn / fail with a reason.
///
///     let grade = Smart.grade(goal.current, goalID: 1, in: state)
///     grade.letters.map(\.mark)   // ["✓", "✓", "!", "✓", "✗"]
public enum Smart {
    public enum Level: String, Sendable, Comparable {
        case pass, warn, fail

        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
        var rank: Int { self == .pass ? 0 : self == .warn ? 1 : 2 }

        /// ✓ ! ✗, coloured by Paint.
        public var mark: String {
            switch self {
            case .pass: return Paint.good("✓")
            case .warn: return Paint.warn("!")
            case .fail: return Paint.bad("✗")
            }
        }
    }

    public enum Letter: String, CaseIterable, Sendable {
        case specific = "S", measurable = "M", achievable = "A", relevant = "R", timeBound = "T"

        public var name: String {
            switch self {
            case .specific: return "specific"
            case .measurable: return "measurable"
            case .achievable: return "achievable"
            case .relevant: return "relevant"
            case .timeBound: return "time-bound"
            }
        }
    }

    public struct Check: Equatable, Sendable {
        public var letter: Letter
        public var level: Level
        public var reason: String
    }

    public struct Grade: Equatable, Sendable {
        public var checks: [Check]

        public func level(_ l: Letter) -> Level { checks.first { $0.letter == l }!.level }
        public var worst: Level { checks.map(\.level).max() ?? .pass }

        /// `S ✓  M ✓  A !  R ✓  T ✗`
        public var line: String { checks.map { "\($0.letter.rawValue) \($0.level.mark)" }.joined(separator: "  ") }
    }

    /// Achievable: a target above this multiple of the baseline is flagged (up metrics).
    public static let maxRise = 3.0
    /// Achievable: a cut deeper than this share of the baseline is flagged (down metrics).
    public static let maxCut = 0.7

    public static func grade(_ r: GoalRevision, goalID: Int, in s: State, now: String? = nil) -> Grade {
        let catalog = Catalog(s)
        let metric = r.metric.flatMap { catalog.metric($0) }
        return Grade(checks: [
            specific(r, metric: metric),
            measurable(r),
            achievable(r, metric: metric),
            relevant(r, goalID: goalID, metric: metric, in: s),
            timeBound(r, period: s.meta.period, now: now),
        ])
    }

    static func specific(_ r: GoalRevision, metric: Metric?) -> Check {
        guard let key = r.metric else { return Check(letter: .specific, level: .fail, reason: t("smart.s.no-metric")) }
        guard metric != nil else { return Check(letter: .specific, level: .warn, reason: t("smart.s.unknown-metric", ["key": key])) }
        let words = r.title.split(whereSeparator: { $0 == " " })
        let cjk = r.title.unicodeScalars.filter { $0.value >= 0x3400 && $0.value <= 0x9FFF }.count
        if words.count < 2 && cjk < 4 {
            return Check(letter: .specific, level: .warn, reason: t("smart.s.vague-title", ["title": r.title]))
        }
        return Check(letter: .specific, level: .pass, reason: t("smart.s.pass", ["metric": key]))
    }

    static func measurable(_ r: GoalRevision) -> Check {
        guard let target = r.target else { return Check(letter: .measurable, level: .fail, reason: t("smart.m.no-target")) }
        guard let baseline = r.baseline else { return Check(letter: .measurable, level: .warn, reason: t("smart.m.no-baseline")) }
        guard let unit = r.unit, !unit.isEmpty else { return Check(letter: .measurable, level: .warn, reason: t("smart.m.no-unit")) }
        if baseline == target { return Check(letter: .measurable, level: .warn, reason: t("smart.m.no-change")) }
        return Check(letter: .measurable, level: .pass,
                     reason: t("smart.m.pass", ["from": Num.show(baseline), "to": Num.show(target), "unit": unit]))
    }

    static func achievable(_ r: GoalRevision, metric: Metric?) -> Check {
        guard let b = r.baseline, let tg = r.target else {
            return Check(letter: .achievable, level: .warn, reason: t("smart.a.cannot-judge"))
        }
        let dir = metric?.dir ?? (tg >= b ? .up : .down)
        switch dir {
        case .up:
            if tg <= b { return Check(letter: .achievable, level: .fail, reason: t("smart.a.wrong-way-up", ["metric": metric?.displayName ?? r.metric ?? ""])) }
            if b > 0 && tg > b * maxRise {
                return Check(letter: .achievable, level: .warn,
                             reason: t("smart.a.too-high", ["x": Num.show((tg / b * 10).rounded() / 10), "max": Num.show(maxRise)]))
            }
            if b <= 0 { return Check(letter: .achievable, level: .warn, reason: t("smart.a.zero-baseline")) }
            return Check(letter: .achievable, level: .pass,
                         reason: t("smart.a.pass-up", ["pct": Num.show(((tg / b - 1) * 1000).rounded() / 10)]))
        case .down:
            if tg >= b { return Check(letter: .achievable, level: .fail, reason: t("smart.a.wrong-way-down", ["metric": metric?.displayName ?? r.metric ?? ""])) }
            if b > 0 && (b - tg) / b > maxCut {
                return Check(letter: .achievable, level: .warn,
                             reason: t("smart.a.too-deep", ["pct": Num.show(((b - tg) / b * 1000).rounded() / 10), "max": Num.show(maxCut * 100)]))
            }
            return Check(letter: .achievable, level: .pass,
                         reason: t("smart.a.pass-down", ["pct": Num.show(((b - tg) / max(b, 1e-9) * 1000).rounded() / 10)]))
        }
    }

    static func relevant(_ r: GoalRevision, goalID: Int, metric: Metric?, in s: State) -> Check {
        guard let key = r.metric else { return Check(letter: .relevant, level: .fail, reason: t("smart.r.no-metric")) }
        if let m = metric, m.kind != .activity {
            return Check(letter: .relevant, level: .pass, reason: t("smart.r.pass-\(m.kind.rawValue)"))
        }
        let catalog = Catalog(s)
        let lineage = Set(catalog.lineage(key))
        if let c = s.conflicts.all.first(where: { $0.status == .open && !lineage.isDisjoint(with: $0.metrics.flatMap { catalog.lineage($0) }) }) {
            return Check(letter: .relevant, level: .pass, reason: t("smart.r.pass-conflict", ["id": "\(c.ref)"]))
        }
        if let g = s.goals[goalID], !g.stages.isEmpty {
            return Check(letter: .relevant, level: .pass, reason: t("smart.r.pass-stages", ["stages": Mapping.stageNames(g.stages)]))
        }
        if metric == nil { return Check(letter: .relevant, level: .warn, reason: t("smart.r.unknown", ["key": key])) }
        return Check(letter: .relevant, level: .warn, reason: t("smart.r.activity", ["metric": metric!.displayName]))
    }

    static func timeBound(_ r: GoalRevision, period: String, now: String?) -> Check {
        guard let by = r.by else { return Check(letter: .timeBound, level: .fail, reason: t("smart.t.no-date")) }
        guard let range = Period.range(period) else {
            return Check(letter: .timeBound, level: .warn, reason: t("smart.t.no-period", ["period": period]))
        }
        if by < range.start || by > range.end {
            return Check(letter: .timeBound, level: .fail,
                         reason: t("smart.t.outside", ["by": Dates.show(by), "period": period, "start": Dates.show(range.start), "end": Dates.show(range.end)]))
        }
        if let now, by < String(now.prefix(10)) {
            return Check(letter: .timeBound, level: .warn, reason: t("smart.t.past", ["by": Dates.show(by)]))
        }
        return Check(letter: .timeBound, level: .pass, reason: t("smart.t.pass", ["by": Dates.show(by), "period": period]))
    }
}

/// The dates a period covers: `2027`, `FY2027`, `2027H1`, `2027 上半年`, `2027Q3`, `2027-2028`.
public enum Period {
    public static func range(_ text: String) -> (start: String, end: String)? {
        let t = text.uppercased()
        let years = matches(of: "(19|20)[0-9]{2}", in: t)
        guard let y = years.first else { return nil }
        if years.count >= 2, let y2 = years.last, y2 > y { return ("\(y)-01-01", "\(y2)-12-31") }
        let quarters = [("Q1", "01-01", "03-31"), ("Q2", "04-01", "06-30"), ("Q3", "07-01", "09-30"), ("Q4", "10-01", "12-31")]
        for (q, s, e) in quarters where t.contains(q) { return ("\(y)-\(s)", "\(y)-\(e)") }
        if t.contains("H1") || t.contains("上半") { return ("\(y)-01-01", "\(y)-06-30") }
        if t.contains("H2") || t.contains("下半") { return ("\(y)-07-01", "\(y)-12-31") }
        return ("\(y)-01-01", "\(y)-12-31")
    }

    /// The last day of the period, for suggested `--by` dates.
    public static func end(_ text: String) -> String? { range(text)?.end }

    static func matches(of pattern: String, in text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let r = rest.range(of: pattern, options: .regularExpression) {
            out.append(String(rest[r])); rest = rest[r.upperBound...]
        }
        return out
    }
}

import Foundation
