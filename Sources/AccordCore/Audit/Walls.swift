/// Where the walls are: open conflicts between each pair of departments (and, on the
/// diagonal, tensions inside one department), from the relational rules only.
public struct Walls: Equatable, Sendable {
    /// Departments with at least one open relational conflict, in the order they were added.
    public var depts: [Int]
    /// counts[i][j]: open conflicts between depts[i] and depts[j].
    public var counts: [[Int]]

    public init(_ conflicts: [Conflict], state: State) {
        let order = state.departments.map(\.id)
        var pairs: [Pair: Int] = [:]
        var involved = Set<Int>()
        for c in conflicts where c.status == .open && Auditor.isRelational(c.rule) {
            let ds = Array(Set(c.depts)).filter { state.depts[$0] != nil }
            if ds.count == 1 { pairs[Pair(ds[0], ds[0]), default: 0] += 1; involved.insert(ds[0]) }
            for i in ds.indices { for j in ds.indices where i < j { pairs[Pair(ds[i], ds[j]), default: 0] += 1 } }
            involved.formUnion(ds)
        }
        let ds = order.filter { involved.contains($0) }
        depts = ds
        counts = ds.map { a in ds.map { b in pairs[Pair(a, b)] ?? 0 } }
    }

    struct Pair: Hashable {
        var a: Int, b: Int
        init(_ x: Int, _ y: Int) { a = min(x, y); b = max(x, y) }
    }

    public var isEmpty: Bool { depts.isEmpty }

    /// The pairs with the most open conflicts, most first (for a room too large for a grid).
    public func busiest(_ n: Int) -> [(Int, Int, Int)] {
        var out: [(Int, Int, Int)] = []
        for i in depts.indices { for j in depts.indices where i <= j && counts[i][j] > 0 { out.append((depts[i], depts[j], counts[i][j])) } }
        return Array(out.sorted { $0.2 > $1.2 }.prefix(n))
    }
}
