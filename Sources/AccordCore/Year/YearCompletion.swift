/// What TAB offers for the year's commands: periods, people, approvers.
enum YearCompletion {
    /// The months, quarters, halves and the year of the session's year (`2027-01` … `2027`).
    static func periods(_ s: State) -> [String] {
        let y = YearGate.defaultYear(s)
        return (1...12).map { YearPeriod.month(y, $0).canonical } + (1...4).map { YearPeriod.quarter(y, $0).canonical }
            + [YearPeriod.half(y, 1).canonical, YearPeriod.half(y, 2).canonical, YearPeriod.whole(y).canonical]
    }

    /// The heads and supervisors recorded (owners of a miss's measure).
    static func people(_ s: State) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for d in s.departments { for p in [d.head, d.supervisor].compactMap({ $0 }) where seen.insert(p).inserted { out.append(p) } }
        return out
    }

    /// Who may approve adjustment `text`: its department's supervisor and the director.
    static func approvers(_ text: String, _ s: State) -> [String] {
        guard let id = ID(parsing: text, as: .adjustment), let a = s.adjustments[id.number] else { return [] }
        let sup = s.contribs[a.contrib].flatMap { s.depts[$0.dept]?.supervisor }
        return Array(Set([sup, s.meta.director].compactMap { $0 })).sorted()
    }
}
