/// An entity that lives in one of the state's tables.
public protocol Tabled: Entity {
    static var table: WritableKeyPath<State, Table<Self>> { get }
    static func op(_ change: Change<Self>) -> Op
}

extension Department: Tabled {
    public static var table: WritableKeyPath<State, Table<Department>> { \.depts }
    public static func op(_ c: Change<Department>) -> Op { .dept(c) }
}
extension KPI: Tabled {
    public static var table: WritableKeyPath<State, Table<KPI>> { \.kpis }
    public static func op(_ c: Change<KPI>) -> Op { .kpi(c) }
}
extension Metric: Tabled {
    public static var table: WritableKeyPath<State, Table<Metric>> { \.metrics }
    public static func op(_ c: Change<Metric>) -> Op { .metric(c) }
}
extension Tension: Tabled {
    public static var table: WritableKeyPath<State, Table<Tension>> { \.tensions }
    public static func op(_ c: Change<Tension>) -> Op { .tension(c) }
}
extension Conflict: Tabled {
    public static var table: WritableKeyPath<State, Table<Conflict>> { \.conflicts }
    public static func op(_ c: Change<Conflict>) -> Op { .conflict(c) }
}
extension Goal: Tabled {
    public static var table: WritableKeyPath<State, Table<Goal>> { \.goals }
    public static func op(_ c: Change<Goal>) -> Op { .goal(c) }
}
extension Vote: Tabled {
    public static var table: WritableKeyPath<State, Table<Vote>> { \.votes }
    public static func op(_ c: Change<Vote>) -> Op { .vote(c) }
}
extension Contribution: Tabled {
    public static var table: WritableKeyPath<State, Table<Contribution>> { \.contribs }
    public static func op(_ c: Change<Contribution>) -> Op { .contrib(c) }
}
extension Signature: Tabled {
    public static var table: WritableKeyPath<State, Table<Signature>> { \.signatures }
    public static func op(_ c: Change<Signature>) -> Op { .signature(c) }
}

/// The state being changed by one command, recording every change as an op.
///
/// The draft owns the state while the command runs, so changes happen in place (no copy
/// of a 10,000-KPI table per command); `rollBack()` undoes them if the command fails.
///
///     var d = Draft(state)
///     let id = d.nextID(.department)
///     d.put(Department(id: id, name: "Sales"))
///     let proposal = d.proposal(kind: "dept.add")   // meta (counter) + dept ops
public struct Draft {
    public internal(set) var state: State
    private var originalMeta: Meta
    private var ops: [Op] = []
    /// For undo and redo: the event this draft takes back.
    public private(set) var undoes: Int?
    public private(set) var redoes: Int?

    public init(_ state: State) {
        self.state = state
        self.originalMeta = state.meta
    }

    /// Takes the state over without copying it; `giveBack` returns it.
    public init(taking state: inout State) {
        self.state = State()
        swap(&self.state, &state)
        self.originalMeta = self.state.meta
    }

    public mutating func giveBack(to state: inout State) { swap(&self.state, &state) }

    /// The next number of a kind of id (K1, K2, K3 …), never reused.
    public mutating func nextID(_ kind: IDKind) -> Int {
        let n = state.meta.nextNumber(kind.letter)
        state.meta.counters[kind.letter] = n
        return n
    }

    public mutating func meta(_ change: (inout Meta) -> Void) { change(&state.meta) }

    /// Creates or replaces an entity (no op when nothing changed).
    public mutating func put<E: Tabled>(_ e: E) {
        let before = state[keyPath: E.table][e.key]
        guard before != e else { return }
        ops.append(E.op(Change(key: e.key, before: before, after: e)))
        state[keyPath: E.table][e.key] = e
    }

    public mutating func remove<E: Tabled>(_ e: E) {
        guard let before = state[keyPath: E.table][e.key] else { return }
        ops.append(E.op(Change(key: e.key, before: before, after: nil)))
        state[keyPath: E.table][e.key] = nil
    }

    /// Applies recorded ops (undo, redo), marking which event they take back.
    public mutating func replay(_ recorded: [Op], undoes: Int? = nil, redoes: Int? = nil) throws {
        flushMeta()
        try state.apply(recorded)
        ops += recorded
        originalMeta = state.meta
        self.undoes = undoes; self.redoes = redoes
    }

    /// Turns pending meta changes into an op, so ops stay in the order they happened.
    private mutating func flushMeta() {
        if state.meta != originalMeta {
            ops.append(.meta(before: originalMeta, after: state.meta))
            originalMeta = state.meta
        }
    }

    public var isEmpty: Bool { ops.isEmpty && state.meta == originalMeta }

    /// The ops in order, nil when nothing changed.
    public mutating func proposal(kind: String) -> Proposal? {
        flushMeta()
        return ops.isEmpty ? nil : Proposal(kind: kind, ops: ops, undoes: undoes, redoes: redoes)
    }

    /// Puts the state back as it was before this draft. Throws `UndoFailure` when the state
    /// was changed other than through the draft (an op's inverse does not apply).
    public mutating func rollBack() throws {
        flushMeta()
        try state.takeBack(ops)
        ops.removeAll()
        originalMeta = state.meta
        undoes = nil; redoes = nil
    }
}

extension State {
    /// Applies one recorded event in place: its ops, then the undo/redo bookkeeping.
    /// On failure the state is left as it was.
    public mutating func fold(_ e: Event) throws {
        if let u = e.undoes, undoable.last != u {
            throw FoldError("fold.not-last-undoable", ["seq": "\(e.seq)", "undoes": "\(u)"])
        }
        if let r = e.redoes, redoable.last != r {
            throw FoldError("fold.not-last-undo", ["seq": "\(e.seq)", "redoes": "\(r)"])
        }
        do {
            try apply(e.ops)
        } catch let e as UndoFailure {
            throw e
        } catch {
            throw FoldError("fold.in-event", ["seq": "\(e.seq)"], nested: ["why": Message.of(error)])
        }
        record(e)
    }

    /// The undo/redo bookkeeping of an event whose ops are already applied.
    public mutating func record(_ e: Event) {
        if e.undoes != nil {
            undoable.removeLast()
            redoable.append(e.seq)
        } else if e.redoes != nil {
            redoable.removeLast()
            undoable.append(e.seq)
        } else {
            undoable.append(e.seq)
            redoable.removeAll()
        }
    }

    /// The state after folding events from the empty session.
    public static func folding<S: Sequence>(_ events: S) throws -> State where S.Element == Event {
        var s = State()
        for e in events { try s.fold(e) }
        return s
    }
}
