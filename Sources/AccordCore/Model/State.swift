/// One table of the session: entities addressed by key, iterated in key order.
public struct Table<E: Entity>: Equatable, Sendable {
    public private(set) var byKey: [E.Key: E] = [:]

    public init(_ items: [E] = []) {
        // an empty table stays the shared empty dictionary: reserving even 0 instantiates the
        // dictionary's storage type, a conformance lookup of its key type (a scan of the whole
        // binary's conformances at start-up, for each kind of key)
        guard !items.isEmpty else { return }
        byKey.reserveCapacity(items.count)
        for item in items { byKey[item.key] = item }
    }

    public subscript(key: E.Key) -> E? {
        get { byKey[key] }
        set { byKey[key] = newValue }
    }

    public var count: Int { byKey.count }
    public var isEmpty: Bool { byKey.isEmpty }

    /// All entities in key order.
    /// In key order. Sorting the keys and looking each up moves small keys, not entities: a
    /// third of the time for 100,000 KPIs.
    public var all: [E] { byKey.keys.sorted().map { byKey[$0]! } }

    public func filter(_ keep: (E) -> Bool) -> [E] { all.filter(keep) }
}

extension Table: Codable {
    public init(from decoder: Decoder) throws {
        self.init(try [E](from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try all.encode(to: encoder)
    }
}

/// Everything the session knows, always equal to the fold of its event log.
public struct State: Equatable, Sendable {
    public var meta = Meta()
    public var depts = Table<Department>()
    public var kpis = Table<KPI>()
    /// Metrics added to this session's catalog (the built-in ones are not stored).
    public var metrics = Table<Metric>()
    /// Tensions added to this session's catalog.
    public var tensions = Table<Tension>()
    public var conflicts = Table<Conflict>()
    public var goals = Table<Goal>()
    public var votes = Table<Vote>()
    public var contribs = Table<Contribution>()
    public var signatures = Table<Signature>()
    /// The year after the signatures (format 4; absent in older files: empty).
    /// Actuals by contribution and period.
    public var actuals = Table<Actual>()
    /// Causes and measures of misses, by contribution and period.
    public var misses = Table<Miss>()
    /// Review notes, by department and period.
    public var retros = Table<Retro>()
    /// Adjustment requests (A1, A2 …), requested or approved.
    public var adjustments = Table<Adjustment>()
    /// Event numbers that `undo` would take back, most recent last.
    public var undoable: [Int] = []
    /// Event numbers of undos that `redo` would take back, most recent last.
    public var redoable: [Int] = []

    public init() {}

    // MARK: lookups used everywhere

    /// Departments in the order they were added.
    public var departments: [Department] { depts.all }

    /// Exact name match; case-insensitive for Latin letters.
    public func department(named name: String) -> Department? {
        let n = name.trimmingCharacters(in: .whitespaces)
        let folded = n.lowercased()
        return depts.byKey.values.first { $0.name == n } ?? depts.byKey.values.first { $0.name.lowercased() == folded }
    }

    public func deptName(_ id: Int) -> String { depts[id]?.name ?? "\(ID(.department, id))" }

    /// Every vote cast on a goal, in the order cast.
    public func votes(on goal: Int) -> [Vote] {
        // sort the ids, not the votes (as `Table.all` does): moving small keys, not entities,
        // matters with thousands of votes on a goal (a room re-voting from devices)
        votes.byKey.compactMap { $0.value.goal == goal ? $0.key : nil }.sorted().map { votes.byKey[$0]! }
    }
}

import Foundation

extension State: Codable {
    enum CodingKeys: String, CodingKey {
        case meta, depts, kpis, metrics, tensions, conflicts, goals, votes, contribs, signatures
        case actuals, misses, retros, adjustments, undoable, redoable
        /// The lists the conflicts share (`RefPool`, version 5).
        case lists
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        try RefPool.readLists(c, forKey: .lists, decoder)
        meta = try c.decode(Meta.self, forKey: .meta)
        depts = try c.decode(Table<Department>.self, forKey: .depts)
        kpis = try c.decode(Table<KPI>.self, forKey: .kpis)
        metrics = try c.decode(Table<Metric>.self, forKey: .metrics)
        tensions = try c.decode(Table<Tension>.self, forKey: .tensions)
        conflicts = try c.decode(Table<Conflict>.self, forKey: .conflicts)
        goals = try c.decode(Table<Goal>.self, forKey: .goals)
        votes = try c.decode(Table<Vote>.self, forKey: .votes)
        contribs = try c.decode(Table<Contribution>.self, forKey: .contribs)
        signatures = try c.decode(Table<Signature>.self, forKey: .signatures)
        actuals = try c.decodeIfPresent(Table<Actual>.self, forKey: .actuals) ?? Table()
        misses = try c.decodeIfPresent(Table<Miss>.self, forKey: .misses) ?? Table()
        retros = try c.decodeIfPresent(Table<Retro>.self, forKey: .retros) ?? Table()
        adjustments = try c.decodeIfPresent(Table<Adjustment>.self, forKey: .adjustments) ?? Table()
        undoable = try c.decode([Int].self, forKey: .undoable)
        redoable = try c.decode([Int].self, forKey: .redoable)
    }

    /// The year's tables are written only when they hold something, so a session without
    /// actuals writes the same state line as before they existed.
    /// With a `RefPool` (the session file's state line), the lists the conflicts share are
    /// written once, under `lists`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let pool = encoder.userInfo[RefPool.key] as? RefPool, !pool.lists.isEmpty { try c.encode(pool.lists, forKey: .lists) }
        try c.encode(meta, forKey: .meta)
        try c.encode(depts, forKey: .depts)
        try c.encode(kpis, forKey: .kpis)
        try c.encode(metrics, forKey: .metrics)
        try c.encode(tensions, forKey: .tensions)
        try c.encode(conflicts, forKey: .conflicts)
        try c.encode(goals, forKey: .goals)
        try c.encode(votes, forKey: .votes)
        try c.encode(contribs, forKey: .contribs)
        try c.encode(signatures, forKey: .signatures)
        if !actuals.isEmpty { try c.encode(actuals, forKey: .actuals) }
        if !misses.isEmpty { try c.encode(misses, forKey: .misses) }
        if !retros.isEmpty { try c.encode(retros, forKey: .retros) }
        if !adjustments.isEmpty { try c.encode(adjustments, forKey: .adjustments) }
        try c.encode(undoable, forKey: .undoable)
        try c.encode(redoable, forKey: .redoable)
    }
}
