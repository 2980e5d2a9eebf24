/// Where the walls are: open conflicts between each pair of departments (and, on the
/// diagonal, tensions inside one department), from the relational rules only.
public struct Walls: Equatable, Sendable {
    /// Departments with at least one open relational conflict, in the order they were added.
    public var depts: [Int]
    /// counts[i][j]: open conflicts between depts[i] and depts[j].
    public var counts: [[Int]]

    public init(_ conflicts: [Conflict], state: State) {
        let order = state.depts.byKey.keys.sorted()
        var at: [Int: Int] = [:]
        for (i, d) in order.enumerated() { at[d] = i }
        let n = order.count
        // a flat n × n table indexed by the departments' places: no hashing per pair
        var grid = [Int](repeating: 0, count: n * n)
        var involved = [Bool](repeating: false, count: n)
        var sets: [[Int]] = []
        var pairWork = 0
        for c in conflicts where c.status == .open && Auditor.isRelational(c.rule) {
            let places = Array(Set(c.depts.compactMap { at[$0] })).sorted()
            if places.count == 1 { grid[places[0] * n + places[0]] += 1 }
            for x in places { involved[x] = true }
            if places.count > 1 { sets.append(places); pairWork += places.count * places.count / 2 }
        }
        // Each pair of departments counts the conflicts that hold both. Walking every pair of
        // every conflict costs the sum of their sizes squared: a tension that one department
        // has with a thousand others is half a million pairs. When that is more, count with
        // one bit per conflict in each department's row: a pair is the AND of two rows.
        let rowsInvolved = (0..<n).filter { involved[$0] }
        let words = (sets.count + 63) / 64
        if pairWork <= rowsInvolved.count * rowsInvolved.count / 2 * max(words, 1) {
            for places in sets {
                for x in places.indices {
                    for y in places.indices where y > x {
                        grid[places[x] * n + places[y]] += 1
                        grid[places[y] * n + places[x]] += 1
                    }
                }
            }
        } else {
            var bits = [UInt64](repeating: 0, count: n * words)
            for (k, places) in sets.enumerated() {
                for x in places { bits[x * words + k / 64] |= 1 << UInt64(k % 64) }
            }
            bits.withUnsafeBufferPointer { b in
                for (ix, x) in rowsInvolved.enumerated() {
                    for y in rowsInvolved[(ix + 1)...] {
                        var count = 0
                        for w in 0..<words { count += (b[x * words + w] & b[y * words + w]).nonzeroBitCount }
                        grid[x * n + y] += count
                        grid[y * n + x] += count
                    }
                }
            }
        }
        let rows = order.indices.filter { involved[$0] }
        depts = rows.map { order[$0] }
        counts = rows.map { a in rows.map { b in grid[a * n + b] } }
    }

    public var isEmpty: Bool { depts.isEmpty }

    /// The pairs with the most open conflicts, most first (for a room too large for a grid).
    public func busiest(_ n: Int) -> [(Int, Int, Int)] {
        var out: [(Int, Int, Int)] = []
        for i in depts.indices { for j in depts.indices where i <= j && counts[i][j] > 0 { out.append((depts[i], depts[j], counts[i][j])) } }
        return Array(out.sorted { ($0.2, -$0.0, -$0.1) > ($1.2, -$1.0, -$1.1) }.prefix(n))
    }
}
