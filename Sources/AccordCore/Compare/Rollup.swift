import Foundation

/// Several units' sessions side by side (`accord rollup A.json B.json …`): a pure value,
/// built from sessions that passed verification, rendered by `RollupText` (text, Markdown,
/// HTML, JSON). A session that failed verification is in `excluded`, with why, and counts
/// nowhere else.
public struct Rollup: Sendable {
    /// The sections, in the order they are shown (the departments' section holds each
    /// letter's status). EXTENSION POINT for issue 15 (the year-end review): grades per unit
    /// and department go in a `grades` case after `stages`, built from each unit's review
    /// (a field of `Unit`/`Dept`, a grid in `RollupText.grid`, `rollup.section.grades` in the
    /// catalog); until then there is no grade column at all.
    public enum Section: String, CaseIterable, Sendable {
        case units, departments, goals, stages, grades
    }

    /// One session that is part of the roll-up.
    public struct Unit: Sendable {
        /// The file's name.
        public var label: String
        public var title: String
        public var period: String
        public var events: Int
        public var departments: [Dept]
        /// Adopted goals.
        public var goals: Int
        public var contributions: Int
        /// Per stage, its share of all contribution weight (percent, summing to 100), nil
        /// when the unit has no contributions yet.
        public var stageShare: [Stage: Double]?
        public var stageWeight: [Stage: Double]
        public var letters: [LetterStatus: Int]
        /// The period the departments' grades are of (`Carry.reviewPeriod`: the unit's year);
        /// nil when the unit has no actuals yet.
        public var review: YearPeriod?
    }

    public struct Dept: Sendable {
        public var name: String
        public var head: String?
        public var supervisor: String?
        public var contributions: Int
        public var weight: Double
        public var letter: LetterStatus
        public var headSigner: String?
        public var supervisorSigner: String?
        /// The year-end review's score and grade (by the unit's bands); nil when nothing was scored.
        public var score: Double?
        public var grade: String?
    }

    /// A metric that some unit adopted a goal on, and the goal each unit adopted on it.
    public struct SharedGoal: Sendable {
        /// The matching identity (`Match.goalIdentity`: the metric, else the title's key).
        public var identity: String
        /// The metric's name in the room's language, or the first goal's title.
        public var name: String
        public var metric: String?
        /// Per unit (same order as `units`): the adopted goal there, if any.
        public var perUnit: [Goal?]
        public var adopted: Int { perUnit.compactMap { $0 }.count }
    }

    /// A file left out, and why (its verification's findings, or why it could not be read).
    public struct Excluded: Sendable {
        public var label: String
        public var reasons: [String]
        public init(label: String, reasons: [String]) { self.label = label; self.reasons = reasons }
    }

    public var units: [Unit]
    public var shared: [SharedGoal]
    public var excluded: [Excluded]

    /// An input that passed verification: its file name, state and number of events, and
    /// its letters' signatures when the verification has already reviewed them (the same
    /// `Signatures.review` of the same state, not done twice).
    public struct Input: Sendable {
        public var label: String
        public var state: State
        public var events: Int
        public var letters: [LetterSignatures]?
        public init(label: String, state: State, events: Int, letters: [LetterSignatures]? = nil) {
            self.label = label; self.state = state; self.events = events; self.letters = letters
        }
    }

    public static func build(_ inputs: [Input], excluded: [Excluded]) -> Rollup {
        let catalog = Catalog()
        var units: [Unit] = []
        var shared: [String: SharedGoal] = [:]
        var order: [String] = []
        for (u, input) in inputs.enumerated() {
            let s = input.state
            let review = Dictionary(uniqueKeysWithValues: (input.letters ?? Signatures.review(s)).map { ($0.dept.id, $0) })
            var byDept: [Int: (n: Int, w: Double)] = [:]
            var stage: [Stage: Double] = [:]
            var total = 0.0
            for c in s.contribs.byKey.values {
                byDept[c.dept, default: (0, 0)].n += 1
                byDept[c.dept, default: (0, 0)].w += c.weight
                stage[c.stage, default: 0] += c.weight
                total += c.weight
            }
            var letters: [LetterStatus: Int] = [:]
            // the grades of the unit's year, once it has actuals (a review of nothing grades nothing)
            let period = s.actuals.isEmpty ? nil : Carry.reviewPeriod(s)
            var graded: [Int: (score: Double?, grade: String?)] = [:]
            if let period {
                for dr in YearReview(s, period: period).departments { graded[dr.dept.id] = (dr.score, dr.grade) }
            }
            let depts = s.departments.map { d -> Dept in
                let r = review[d.id]
                let status = r?.status ?? .unsigned
                letters[status, default: 0] += 1
                return Dept(name: d.name, head: d.head, supervisor: d.supervisor, contributions: byDept[d.id]?.n ?? 0,
                            weight: byDept[d.id]?.w ?? 0, letter: status,
                            headSigner: r?.head.map(\.signature.name), supervisorSigner: r?.supervisor.map(\.signature.name),
                            score: graded[d.id]?.score ?? nil, grade: graded[d.id]?.grade ?? nil)
            }
            let adopted = s.goals.all.filter { $0.status == .adopted }
            units.append(Unit(label: input.label, title: s.meta.title, period: s.meta.period, events: input.events,
                              departments: depts, goals: adopted.count, contributions: s.contribs.count,
                              stageShare: total > 0 ? stage.mapValues { $0 / total * 100 } : nil, stageWeight: stage,
                              letters: letters, review: period))
            for g in adopted {
                let id = Match.goalIdentity(g)
                if shared[id] == nil {
                    let name = g.current.metric.flatMap { catalog.metric($0)?.displayName } ?? g.current.title
                    shared[id] = SharedGoal(identity: id, name: name, metric: g.current.metric,
                                            perUnit: [Goal?](repeating: nil, count: inputs.count))
                    order.append(id)
                }
                // several adopted goals on one metric in a unit: the first counts, as in `diff`
                if shared[id]!.perUnit[u] == nil { shared[id]!.perUnit[u] = g }
            }
        }
        // most widely adopted first, then in the order first seen
        let goals = order.enumerated().sorted { a, b in
            let x = shared[a.element]!.adopted, y = shared[b.element]!.adopted
            return x != y ? x > y : a.offset < b.offset
        }.map { shared[$0.element]! }
        return Rollup(units: units, shared: goals, excluded: excluded)
    }

    /// What a failed verification found, in the words `verify` uses.
    public static func problems(_ r: VerifyReport) -> [String] {
        var what: [String] = []
        if !r.voids.isEmpty { what.append(t("verify.n-void", ["n": "\(r.voids.count)"])) }
        if !r.orphans.isEmpty { what.append(t("verify.n-orphans", ["n": "\(r.orphans.count)"])) }
        if !r.integrity.isEmpty { what.append(t("verify.log-broken") + ": " + r.integrity[0]) }
        if !r.fold.isEmpty { what.append(t("verify.fold-broken")) }
        if let seals = r.seals, !seals.holds {
            what.append(t("verify.seals-broken") + (seals.problems.first.map { ": " + $0 } ?? ""))
        }
        if !r.authorshipHolds { what.append(t("verify.not-trusted")) }
        return what
    }
}
