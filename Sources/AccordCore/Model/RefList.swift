import Foundation

/// The ids a conflict names (its KPIs, its departments), in order, stored so that conflicts
/// can share them.
///
/// Why: a known tension found for one department lists its own KPIs and then every KPI of every
/// other department that pushes the other side. With 1,000 departments that is about 9,900
/// conflicts each listing some 3,500 KPIs, 34.9 million ids, nearly all of them the same list
/// less one department's run. Held as plain arrays that was 250 MB of the state line, as much
/// again in the audit's event, and 1.6 GB of memory to open the file.
///
/// A `RefList` is a sequence of *parts*, each a range of an array that other lists may hold
/// too (copying a Swift array shares its storage). In the session file (version 5) a part of
/// a line's shared list is written as `{"list":I,"from":A,"to":B}`, the shared lists once per
/// line under `"lists"` (`RefPool`); short parts, and every list outside the session file
/// (exports, `Codable` without a pool), are written as plain ids. A plain array of ids, as
/// versions 1 to 4 wrote, reads as a list of one part.
public struct RefList: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral, Codable {
    /// `base[from..<to]`; `base` may be shared with other lists. (Two integers, not a stored
    /// `Range`: a stored `Range<Int>` makes the runtime look up `Int: Comparable` when it first
    /// lays the type out, a scan of every conformance in the static binary at each start.)
    struct Part: Sendable {
        var base: [Int]
        var from: Int
        var to: Int
        init(base: [Int], range: Range<Int>) { self.base = base; from = range.lowerBound; to = range.upperBound }
        var range: Range<Int> { from..<to }
    }

    private(set) var parts: [Part]
    public private(set) var count: Int

    public init() { parts = []; count = 0 }

    public init(_ ids: [Int]) {
        parts = ids.isEmpty ? [] : [Part(base: ids, range: 0..<ids.count)]
        count = ids.count
    }

    public init(arrayLiteral ids: Int...) { self.init(ids) }

    /// `head`, then the `ranges` of `shared` in order: the way many lists hold one long list
    /// (less a run of it each) while storing it once.
    public init(_ head: [Int], shared: [Int], ranges: [Range<Int>]) {
        parts = []
        count = 0
        parts.reserveCapacity(ranges.count + 1)
        append(base: head, range: 0..<head.count)
        for r in ranges { append(base: shared, range: r.clamped(to: 0..<shared.count)) }
    }

    init(parts: [Part]) {
        self.parts = []
        count = 0
        for p in parts { append(base: p.base, range: p.range) }
    }

    private mutating func append(base: [Int], range: Range<Int>) {
        guard !range.isEmpty else { return }
        parts.append(Part(base: base, range: range))
        count += range.count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public func index(after i: Int) -> Int { i + 1 }
    public func index(before i: Int) -> Int { i - 1 }

    public subscript(position: Int) -> Int {
        precondition(position >= 0 && position < count, "RefList index out of range")
        var i = position
        for p in parts {
            if i < p.range.count { return p.base[p.range.lowerBound + i] }
            i -= p.range.count
        }
        preconditionFailure("RefList index out of range")
    }

    public struct Iterator: IteratorProtocol {
        let parts: [Part]
        var part = 0
        var current: ArraySlice<Int>.Iterator?
        public mutating func next() -> Int? {
            while true {
                if let id = current?.next() { return id }
                guard part < parts.count else { return nil }
                current = parts[part].base[parts[part].range].makeIterator()
                part += 1
            }
        }
    }

    public func makeIterator() -> Iterator { Iterator(parts: parts) }

    /// The ids as one array.
    public var array: [Int] {
        if parts.count == 1, parts[0].range == 0..<parts[0].base.count { return parts[0].base }
        var out: [Int] = []
        out.reserveCapacity(count)
        for p in parts { out.append(contentsOf: p.base[p.range]) }
        return out
    }

    public func contains(_ id: Int) -> Bool {
        for p in parts where p.base[p.range].contains(id) { return true }
        return false
    }

    public static func == (a: RefList, b: RefList) -> Bool {
        guard a.count == b.count else { return false }
        if a.parts.count == b.parts.count,
           zip(a.parts, b.parts).allSatisfy({ $0.range == $1.range && sameStorage($0.base, $1.base) }) {
            return true
        }
        return a.elementsEqual(b)
    }

    /// The two arrays are one storage (a copy of the other): then equal ranges of them are equal.
    static func sameStorage(_ a: [Int], _ b: [Int]) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
    }

    // MARK: - Codable

    /// A range of the line's shared list `list`, as the session file writes it.
    struct Ref: Codable, Equatable {
        var list: Int
        var from: Int
        var to: Int
    }

    enum Item: Decodable {
        case id(Int), ref(Ref)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let i = try? c.decode(Int.self) { self = .id(i) } else { self = .ref(try c.decode(Ref.self)) }
        }
    }

    /// A list read item by item, by the tape's reader (`Tape.refList`) and by `init(from:)`:
    /// ids, and ranges of the line's shared lists.
    struct Reading {
        let lists: [[Int]]
        private var ids: [Int] = []
        private var parts: [Part] = []

        init(lists: [[Int]]) { self.lists = lists }

        mutating func id(_ id: Int) { ids.append(id) }

        /// False when the reference is not within the line's lists (damage).
        mutating func ref(_ r: Ref) -> Bool {
            guard r.list >= 0, r.list < lists.count, r.from >= 0, r.from <= r.to, r.to <= lists[r.list].count else { return false }
            flush()
            parts.append(Part(base: lists[r.list], range: r.from..<r.to))
            return true
        }

        private mutating func flush() {
            if !ids.isEmpty { parts.append(Part(base: ids, range: 0..<ids.count)); ids = [] }
        }

        mutating func finish() -> RefList {
            flush()
            return RefList(parts: parts)
        }
    }

    public init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        var reading = Reading(lists: (decoder.userInfo[RefPool.key] as? RefPool)?.lists ?? [])
        while !c.isAtEnd {
            switch try c.decode(Item.self) {
            case let .id(i): reading.id(i)
            case let .ref(r):
                guard reading.ref(r) else {
                    throw DecodingError.dataCorruptedError(in: c, debugDescription: "a reference to a shared list this line does not hold")
                }
            }
        }
        self = reading.finish()
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.unkeyedContainer()
        let pool = encoder.userInfo[RefPool.key] as? RefPool
        for p in parts {
            if let pool, let list = pool.index(of: p) {
                try c.encode(Ref(list: list, from: p.range.lowerBound, to: p.range.upperBound))
            } else {
                for id in p.base[p.range] { try c.encode(id) }
            }
        }
    }
}

extension RefList: CustomStringConvertible {
    public var description: String { array.description }
}

/// The lists the `RefList`s of one line of the session file share: each stored once, under
/// `"lists"`, and referred to by its position. Built before the line is encoded (`add`), so
/// that the line holds them; read before the rest of a line is decoded (`readLists`).
///
/// A list is shared when parts of at least `minShared` ids of it appear more than once in the
/// line; shorter parts, a long list that only one part uses, and every list encoded without a
/// pool are written in place. Lists of equal content are one list, whichever arrays held them.
public final class RefPool: @unchecked Sendable {
    public static let key = CodingUserInfoKey(rawValue: "accord.refPool")!
    public static let minShared = 32

    /// The distinct long lists seen, in the order first seen, and how many parts use each.
    fileprivate var seen: [[Int]] = []
    fileprivate var uses: [Int] = []
    /// Storage address → seen list (the arrays are kept alive by `seen` and `kept`).
    fileprivate var byAddress: [UInt: Int] = [:]
    fileprivate var byContent: [Int: [Int]] = [:]
    fileprivate var kept: [[Int]] = []
    /// Seen list → its position in `lists`, once the line's lists are settled.
    fileprivate var position: [Int?]?
    fileprivate var settled: [[Int]] = []

    public init() {}

    /// The lists the line stores: those used more than once.
    public var lists: [[Int]] {
        settle()
        return settled
    }

    private func settle() {
        guard position == nil else { return }
        var at: [Int?] = []
        settled = []
        for (i, list) in seen.enumerated() {
            if uses[i] > 1 { at.append(settled.count); settled.append(list) } else { at.append(nil) }
        }
        position = at
    }

    /// Takes note of the parts of `list` long enough to share.
    public func add(_ list: RefList) {
        precondition(position == nil, "a RefPool takes lists before it is read")
        for p in list.parts where p.range.count >= Self.minShared { uses[register(p.base)] += 1 }
    }

    private func register(_ base: [Int]) -> Int {
        let address = Self.address(base)
        if let i = byAddress[address] { return i }
        kept.append(base)
        let h = base.hashValue
        for i in byContent[h] ?? [] where seen[i] == base {
            byAddress[address] = i
            return i
        }
        seen.append(base)
        uses.append(0)
        let i = seen.count - 1
        byContent[h, default: []].append(i)
        byAddress[address] = i
        return i
    }

    func index(of p: RefList.Part) -> Int? {
        guard p.range.count >= Self.minShared, let i = byAddress[Self.address(p.base)] else { return nil }
        settle()
        return position![i]
    }

    /// Takes note of the long parts of the conflicts' lists in `conflicts`.
    public func add<S: Sequence>(conflicts: S) where S.Element == Conflict {
        for c in conflicts { add(c.kpis); add(c.depts) }
    }

    /// Reads a line's `lists` (none: the line shares none) into the decoder's pool, before the
    /// rest of the line is decoded through `Codable` (Foundation's decoder, the fallback and
    /// the reader of other layouts).
    static func readLists<K: CodingKey>(_ c: KeyedDecodingContainer<K>, forKey key: K, _ decoder: Decoder) throws {
        let lists = try c.decodeIfPresent([[Int]].self, forKey: key) ?? []
        guard let pool = decoder.userInfo[Self.key] as? RefPool else { return }
        pool.settled = lists
        pool.position = []
    }

    /// Foundation's decoder for a part of the session file, with a pool for its lines' lists.
    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.userInfo[key] = RefPool()
        return d
    }

    fileprivate static func address(_ a: [Int]) -> UInt {
        a.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    }
}
