/// One entity of one table changed: created (before nil), removed (after nil) or replaced.
public struct Change<E: Entity>: Equatable, Sendable {
    public var key: E.Key
    public var before: E?
    public var after: E?

    public init(key: E.Key, before: E?, after: E?) {
        self.key = key; self.before = before; self.after = after
    }

    public static func create(_ e: E) -> Change { Change(key: e.key, before: nil, after: e) }
    public static func remove(_ e: E) -> Change { Change(key: e.key, before: e, after: nil) }
    public static func update(_ old: E, _ new: E) -> Change { Change(key: old.key, before: old, after: new) }

    public var inverted: Change { Change(key: key, before: after, after: before) }
}

/// The typed change an event makes to the state. Every op carries the value before and
/// after, so the fold can check it applies to what is there and `undo` is its inverse.
public enum Op: Equatable, Sendable {
    case meta(before: Meta, after: Meta)
    case dept(Change<Department>)
    case kpi(Change<KPI>)
    case metric(Change<Metric>)
    case tension(Change<Tension>)
    case conflict(Change<Conflict>)
    case goal(Change<Goal>)
    case vote(Change<Vote>)
    case contrib(Change<Contribution>)
    case signature(Change<Signature>)
    case actual(Change<Actual>)
    case miss(Change<Miss>)
    case retro(Change<Retro>)
    case adjustment(Change<Adjustment>)

    public var inverted: Op {
        switch self {
        case let .meta(b, a): return .meta(before: a, after: b)
        case let .dept(c): return .dept(c.inverted)
        case let .kpi(c): return .kpi(c.inverted)
        case let .metric(c): return .metric(c.inverted)
        case let .tension(c): return .tension(c.inverted)
        case let .conflict(c): return .conflict(c.inverted)
        case let .goal(c): return .goal(c.inverted)
        case let .vote(c): return .vote(c.inverted)
        case let .contrib(c): return .contrib(c.inverted)
        case let .signature(c): return .signature(c.inverted)
        case let .actual(c): return .actual(c.inverted)
        case let .miss(c): return .miss(c.inverted)
        case let .retro(c): return .retro(c.inverted)
        case let .adjustment(c): return .adjustment(c.inverted)
        }
    }

    /// The table this op touches, as named in the session file.
    public var table: String {
        switch self {
        case .meta: return "meta"
        case .dept: return "dept"
        case .kpi: return "kpi"
        case .metric: return "metric"
        case .tension: return "tension"
        case .conflict: return "conflict"
        case .goal: return "goal"
        case .vote: return "vote"
        case .contrib: return "contrib"
        case .signature: return "signature"
        case .actual: return "actual"
        case .miss: return "miss"
        case .retro: return "retro"
        case .adjustment: return "adjustment"
        }
    }
}

/// An event or op that does not apply to the state: which one and why, as a catalog message.
public struct FoldError: MessageError, Equatable, CustomStringConvertible {
    public var message: Message
    public init(_ key: String, _ args: [String: String] = [:], nested: [String: Message] = [:]) {
        message = Message(key, args, nested: nested)
    }
    /// English, for logs and test failures; front ends render `message`.
    public var description: String { message.rendered() }
}

extension Table {
    mutating func apply(_ change: Change<E>, table: String) throws {
        guard byKey[change.key] == change.before else {
            throw FoldError("fold.mismatch", ["table": table, "key": "\(change.key)"])
        }
        self[change.key] = change.after
    }
}

extension State {
    /// Applies one op, checking that it starts from the value in the state.
    public mutating func apply(_ op: Op) throws {
        switch op {
        case let .meta(before, after):
            guard meta == before else { throw FoldError("fold.meta-mismatch") }
            meta = after
        case let .dept(c): try depts.apply(c, table: "dept")
        case let .kpi(c): try kpis.apply(c, table: "kpi")
        case let .metric(c): try metrics.apply(c, table: "metric")
        case let .tension(c): try tensions.apply(c, table: "tension")
        case let .conflict(c): try conflicts.apply(c, table: "conflict")
        case let .goal(c): try goals.apply(c, table: "goal")
        case let .vote(c): try votes.apply(c, table: "vote")
        case let .contrib(c): try contribs.apply(c, table: "contrib")
        case let .signature(c): try signatures.apply(c, table: "signature")
        case let .actual(c): try actuals.apply(c, table: "actual")
        case let .miss(c): try misses.apply(c, table: "miss")
        case let .retro(c): try retros.apply(c, table: "retro")
        case let .adjustment(c): try adjustments.apply(c, table: "adjustment")
        }
    }

    /// Applies `ops` in order, all or none: when one does not start from what the state
    /// holds, the ones before it are taken back (`takeBack`) and its error is thrown.
    public mutating func apply(_ ops: [Op]) throws {
        var done = 0
        do {
            for op in ops { try apply(op); done += 1 }
        } catch {
            try takeBack(ops[..<done])
            throw error
        }
    }

    /// Takes back ops that were applied to this state, last first: the one way every undo,
    /// roll-back and trial in the code goes back. Each inverse must apply; one that does not
    /// means the state is not the one the ops left, and that is an `UndoFailure`, never ignored.
    public mutating func takeBack<C: BidirectionalCollection>(_ ops: C) throws where C.Element == Op {
        for op in ops.reversed() {
            do { try apply(op.inverted) } catch let e as FoldError { throw UndoFailure(op: op, cause: e) }
        }
    }
}

/// An op that could not be taken back: the state no longer holds what the op left, so it
/// cannot be trusted (the change was not rolled back).
public struct UndoFailure: MessageError, Equatable, CustomStringConvertible {
    public var op: Op
    public var cause: FoldError
    public init(op: Op, cause: FoldError) { self.op = op; self.cause = cause }
    public var message: Message { Message("error.undo-failed", nested: ["why": cause.message]) }
    public var description: String { message.rendered() }
}

// MARK: - JSON form: {"t":"kpi","key":3,"before":{…},"after":{…}}

extension Op: Codable {
    private enum CodingKeys: String, CodingKey { case t, key, before, after }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let t = try c.decode(String.self, forKey: .t)
        func change<E: Entity>(_: E.Type) throws -> Change<E> {
            let ch = Change<E>(key: try c.decode(E.Key.self, forKey: .key),
                               before: try c.decodeIfPresent(E.self, forKey: .before),
                               after: try c.decodeIfPresent(E.self, forKey: .after))
            for e in [ch.before, ch.after].compactMap({ $0 }) where e.key != ch.key {
                throw DecodingError.dataCorruptedError(forKey: .key, in: c, debugDescription: "key does not match the entity")
            }
            if ch.before == nil && ch.after == nil {
                throw DecodingError.dataCorruptedError(forKey: .after, in: c, debugDescription: "an op needs a before or an after")
            }
            return ch
        }
        switch t {
        case "meta":
            self = .meta(before: try c.decode(Meta.self, forKey: .before), after: try c.decode(Meta.self, forKey: .after))
        case "dept": self = .dept(try change(Department.self))
        case "kpi": self = .kpi(try change(KPI.self))
        case "metric": self = .metric(try change(Metric.self))
        case "tension": self = .tension(try change(Tension.self))
        case "conflict": self = .conflict(try change(Conflict.self))
        case "goal": self = .goal(try change(Goal.self))
        case "vote": self = .vote(try change(Vote.self))
        case "contrib": self = .contrib(try change(Contribution.self))
        case "signature": self = .signature(try change(Signature.self))
        case "actual": self = .actual(try change(Actual.self))
        case "miss": self = .miss(try change(Miss.self))
        case "retro": self = .retro(try change(Retro.self))
        case "adjustment": self = .adjustment(try change(Adjustment.self))
        default:
            throw DecodingError.dataCorruptedError(forKey: .t, in: c, debugDescription: "unknown op type \(t)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(table, forKey: .t)
        func put<E: Entity>(_ ch: Change<E>) throws {
            try c.encode(ch.key, forKey: .key)
            try c.encodeIfPresent(ch.before, forKey: .before)
            try c.encodeIfPresent(ch.after, forKey: .after)
        }
        switch self {
        case let .meta(b, a):
            try c.encode(b, forKey: .before)
            try c.encode(a, forKey: .after)
        case let .dept(ch): try put(ch)
        case let .kpi(ch): try put(ch)
        case let .metric(ch): try put(ch)
        case let .tension(ch): try put(ch)
        case let .conflict(ch): try put(ch)
        case let .goal(ch): try put(ch)
        case let .vote(ch): try put(ch)
        case let .contrib(ch): try put(ch)
        case let .signature(ch): try put(ch)
        case let .actual(ch): try put(ch)
        case let .miss(ch): try put(ch)
        case let .retro(ch): try put(ch)
        case let .adjustment(ch): try put(ch)
        }
    }
}
