/// The department × stage grid of the map step, and what is missing from it.
///
///     let g = Grid(state)
///     g.rows[0].cells[.acquisition]   // Marketing's contributions at acquisition
///     g.gaps                          // [.unserved(goal: 1, stage: .referral), …]
public struct Grid {
    public struct Row {
        public var dept: Department
        /// Every contribution of the department at each stage (counting and pending).
        public var cells: [Stage: [Contribution]]
        /// Weight total of the contributions that count.
        public var weight: Double
        /// Contributions that count.
        public var count: Int
        /// Contributions to goals that are not adopted.
        public var pending: Int
    }

    /// Something the room still has to settle.
    public enum Gap: Equatable, Sendable {
        /// An adopted goal mapped to no stage.
        case unmapped(goal: Int)
        /// A stage of an adopted goal that no department serves.
        case unserved(goal: Int, stage: Stage)
        /// A department with no contribution that counts.
        case noContribution(dept: Int)
        /// A department whose weights do not sum to 100.
        case weights(dept: Int, total: Double)
        /// More than `Grid.maxKPIs` contribution KPIs in one department.
        case overload(dept: Int, count: Int)
        /// Contributions measuring one metric from different sources in different departments.
        case sourceMismatch(metric: String, contribs: [Int])

        /// Gaps that keep `next` from leaving the map step.
        public var blocksNext: Bool {
            switch self {
            case .unmapped, .unserved, .noContribution, .weights: return true
            case .overload, .sourceMismatch: return false
            }
        }
    }

    /// A goal mapped to a stage, as the grid's bottom line shows it.
    public struct StageGoal: Equatable {
        public var goal: Int
        public var adopted: Bool
        public var served: Bool
    }

    public static let maxKPIs = 8

    public var rows: [Row]
    public var goals: [Stage: [StageGoal]]
    public var gaps: [Gap]

    public init(_ s: State) {
        var byDept: [Int: [Contribution]] = [:]
        var served = Set<String>()
        for c in s.contribs.all {
            byDept[c.dept, default: []].append(c)
            if Mapping.counts(c, in: s) { served.insert("\(c.goal)/\(c.stage.rawValue)") }
        }
        rows = []
        gaps = []
        goals = [:]
        for g in s.goals.all where g.status != .dropped {
            let adopted = g.status == .adopted
            if adopted && g.stages.isEmpty { gaps.append(.unmapped(goal: g.id)) }
            for stage in g.stages.sorted() {
                let isServed = served.contains("\(g.id)/\(stage.rawValue)")
                goals[stage, default: []].append(StageGoal(goal: g.id, adopted: adopted, served: isServed))
                if adopted && !isServed { gaps.append(.unserved(goal: g.id, stage: stage)) }
            }
        }
        for dept in s.departments {
            let mine = byDept[dept.id] ?? []
            var cells: [Stage: [Contribution]] = [:]
            var weight = 0.0, count = 0
            for c in mine {
                cells[c.stage, default: []].append(c)
                if Mapping.counts(c, in: s) { weight += c.weight; count += 1 }
            }
            rows.append(Row(dept: dept, cells: cells, weight: weight, count: count, pending: mine.count - count))
            if count == 0 {
                gaps.append(.noContribution(dept: dept.id))
            } else if !Mapping.isFull(weight) {
                gaps.append(.weights(dept: dept.id, total: weight))
            }
            if count > Grid.maxKPIs { gaps.append(.overload(dept: dept.id, count: count)) }
        }
        gaps += Grid.sourceMismatches(s)
    }

    /// Contributions whose source differs from another department's for the same metric.
    static func sourceMismatches(_ s: State) -> [Gap] {
        var byMetric: [String: [Contribution]] = [:]
        for c in s.contribs.all where Mapping.counts(c, in: s) {
            if let m = c.metric { byMetric[m, default: []].append(c) }
        }
        var out: [Gap] = []
        for metric in byMetric.keys.sorted() {
            let cs = byMetric[metric]!
            guard Set(cs.map(\.dept)).count > 1, Set(cs.map { Mapping.sourceKey($0.source) }).count > 1 else { continue }
            let flagged = cs.filter { c in
                cs.contains { $0.dept != c.dept && Mapping.sourceKey($0.source) != Mapping.sourceKey(c.source) }
            }
            if !flagged.isEmpty { out.append(.sourceMismatch(metric: metric, contribs: flagged.map(\.id))) }
        }
        return out
    }

    public var blockers: [Gap] { gaps.filter(\.blocksNext) }
}

/// What keeps the room in the map step: every adopted goal has a contribution at each of
/// its stages, and every department's weights sum to 100.
public enum MapGate {
    public static func blockers(_ s: State) -> [String] {
        Grid(s).blockers.map { GridText.describe($0, s, forGate: true) }
    }
}

extension MapGate {
    /// The map line of `status`: `8 contributions · weights ✓`, nil before anything is mapped.
    public static func summary(_ s: State) -> String? {
        guard !s.contribs.isEmpty || s.goals.byKey.values.contains(where: { !$0.stages.isEmpty }) else { return nil }
        let grid = Grid(s)
        let counting = grid.rows.reduce(0) { $0 + $1.count }
        let pending = grid.rows.reduce(0) { $0 + $1.pending }
        let weightsOK = !grid.gaps.contains { if case .weights = $0 { return true }; if case .noContribution = $0 { return true }; return false }
        var text = t("status.map", ["n": "\(counting)", "weights": weightsOK ? Paint.good("✓") : Paint.bad("✗")])
        let unserved = grid.gaps.filter { if case .unserved = $0 { return true }; return false }.count
        if unserved > 0 { text += " · " + Paint.bad(t("status.map.unserved", ["n": "\(unserved)"])) }
        if pending > 0 { text += " · " + t("status.map.pending", ["n": "\(pending)"]) }
        return text
    }
}
