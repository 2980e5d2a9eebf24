import Foundation

/// Longer than 400 lines on purpose: one concept, the tape readers of every stored type, kept
/// together so that each reader sits beside the others it must match (TapeEntityTests).
/// A type the tape can build directly, in one pass over its object's members.
///
/// One concept in one file (over 400 lines): every hot type's tape reading, kept together so
/// that each can be checked against its `Codable` form side by side.
///
/// The session's hot types (the state's tables and the event log's ops) read themselves
/// from the tape here rather than through `Codable`'s boxed, per-field containers, which
/// cost about a microsecond a field. `TapeValue.decode` routes to this whenever a type
/// conforms. Their `Codable` conformances remain the definition: encoding uses them, the
/// Foundation fallback uses them, and `TapeEntityTests` holds both readings equal for
/// every type, every field set and unset.
protocol TapeDecodable {
    init(tape: Tape, at entry: Int) throws
}

/// An object member's key as the tape holds it, for `switch key { case "id": … }` without
/// building a `String` (`~=` compares the literal's bytes).
struct TapeKey {
    /// The bytes inside the quotes, as written.
    let raw: UnsafeBufferPointer<UInt8>
    /// The key's text, when it is written with an escape or beyond ASCII.
    let text: String?

    var string: String { text ?? String(decoding: raw, as: UTF8.self) }

    static func ~= (pattern: StaticString, key: TapeKey) -> Bool {
        if let text = key.text { return text == pattern.description }
        let n = pattern.utf8CodeUnitCount
        guard n == key.raw.count else { return false }
        return n == 0 || memcmp(pattern.utf8Start, key.raw.baseAddress!, n) == 0
    }
}

extension Tape {
    /// Calls `body` with each member's key and value entry, in order. The key is matched
    /// against the readers' `case "name":` as bytes (`TapeKey`): building a `String` for every
    /// key and comparing it case by case was a fifth of decoding the state.
    func members(_ e: Int, _ body: (TapeKey, Int) throws -> Void) throws {
        guard entries[e].kind == .object else { throw TapeDecoder.Failure(.notAnObject) }
        var j = e + 1
        let end = Int(entries[e].next)
        while j < end {
            try body(try key(j), j + 1)
            j = Int(entries[j + 1].next)
        }
    }

    /// The key at entry `e`: its bytes when they are plain ASCII, its text otherwise (an
    /// escape, or UTF-8 beyond ASCII, which `string` also checks is well formed).
    @inline(__always)
    func key(_ e: Int) throws -> TapeKey {
        let entry = entries[e]
        guard entry.kind == .string else { throw TapeDecoder.Failure(.notAString) }
        let raw = UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)])
        if !entry.escaped, raw.allSatisfy({ $0 < 0x80 }) { return TapeKey(raw: raw, text: nil) }
        return TapeKey(raw: raw, text: try string(e))
    }

    func int(_ e: Int) throws -> Int {
        guard let n = integer(e) else { throw TapeDecoder.Failure(.notAnInteger) }
        return n
    }

    func bool(_ e: Int) throws -> Bool {
        switch entries[e].kind {
        case .true: return true
        case .false: return false
        default: throw TapeDecoder.Failure(.notABoolean)
        }
    }

    func isNull(_ e: Int) -> Bool { entries[e].kind == .null }

    @inline(__always)
    func raw<R: RawRepresentable>(_ e: Int, _ t: R.Type) throws -> R where R.RawValue == String {
        guard let v = R(rawValue: try string(e)) else { throw TapeDecoder.Failure(.unknownValue("\(R.self)")) }
        return v
    }

    @inline(__always)
    func array<T>(_ e: Int, _ element: (Int) throws -> T) throws -> [T] {
        guard entries[e].kind == .array else { throw TapeDecoder.Failure(.notAnArray) }
        var out: [T] = []
        out.reserveCapacity(Int(entries[e].end))
        var j = e + 1
        let end = Int(entries[e].next)
        while j < end {
            out.append(try element(j))
            j = Int(entries[j].next)
        }
        return out
    }

    func optString(_ e: Int) throws -> String? { isNull(e) ? nil : try string(e) }

    /// A `RefList`: ids, and ranges of the line's shared lists (`{"list":I,"from":A,"to":B}`).
    func refList(_ e: Int) throws -> RefList {
        guard entries[e].kind == .array else { throw TapeDecoder.Failure(.notAnArray) }
        var reading = RefList.Reading(lists: sharedLists)
        var j = e + 1
        let end = Int(entries[e].next)
        while j < end {
            if entries[j].kind == .object {
                var list: Int?, from: Int?, to: Int?
                try members(j) { k, v in
                    switch k {
                    case "list": list = try int(v)
                    case "from": from = try int(v)
                    case "to": to = try int(v)
                    default: break
                    }
                }
                guard let list, let from, let to, reading.ref(RefList.Ref(list: list, from: from, to: to)) else {
                    throw TapeDecoder.Failure(.badListRef)
                }
            } else {
                reading.id(try int(j))
            }
            j = Int(entries[j].next)
        }
        return reading.finish()
    }

    /// Reads the object's `"lists"` member, when it has one, for the `refList`s in it.
    func readSharedLists(_ e: Int) throws {
        guard let v = member(e, "lists") else { return }
        sharedLists = try array(v) { l in try array(l) { try int($0) } }
    }

    /// A format-1 sentence (a string) or a catalog sentence (`{"key":…,"args":{…}}`).
    func storedText(_ e: Int) throws -> StoredText {
        if kind(e) == .string { return .literal(try string(e)) }
        var key: String?, args: [String: CatalogText.Arg] = [:]
        try members(e) { k, v in
            switch k {
            case "key": key = try string(v)
            case "args":
                try members(v) { name, a in
                    switch kind(a) {
                    case .string: args[name.string] = .text(try string(a))
                    case .array: args[name.string] = .list(try array(a) { try string($0) })
                    default:
                        var fields: [String: String] = [:]
                        try members(a) { tk, tv in fields[tk.string] = try string(tv) }
                        if fields.count == 1, let term = fields["term"] { args[name.string] = .term(term) } else { args[name.string] = .typed(fields) }
                    }
                }
            default: break
            }
        }
        return .catalog(CatalogText(try required(key, "key"), args))
    }
    func optDouble(_ e: Int) throws -> Double? { isNull(e) ? nil : try double(e) }
    func optInt(_ e: Int) throws -> Int? { isNull(e) ? nil : try int(e) }
    @inline(__always)
    func optRaw<R: RawRepresentable>(_ e: Int, _ t: R.Type) throws -> R? where R.RawValue == String {
        isNull(e) ? nil : try raw(e, t)
    }

    @inline(__always)
    func entity<E: TapeDecodable>(_ e: Int) throws -> E { try E(tape: self, at: e) }
}

/// A required member that was absent.
@inline(__always)
func required<T>(_ v: T?, _ name: StaticString) throws -> T {
    guard let v else { throw TapeDecoder.Failure(.missing("\(name)")) }
    return v
}

extension Meta: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var title: String?, period: String?, step: Step?, counters: [String: Int]?, forced: [String: String]?, lang: Language?
        var grades: GradeBands?, director: String?, lineage: Lineage?, imports: [Lineage]?, hiddenVotes: Bool?, timer: Timebox?
        var audited: String?
        try t.members(e) { k, v in
            switch k {
            case "title": title = try t.string(v)
            case "period": period = try t.string(v)
            case "step": step = try t.raw(v, Step.self)
            case "counters":
                var c: [String: Int] = [:]
                try t.members(v) { name, n in c[name.string] = try t.int(n) }
                counters = c
            case "forced":
                var f: [String: String] = [:]
                try t.members(v) { name, reason in f[name.string] = try t.string(reason) }
                forced = f
            case "lang": lang = try t.optRaw(v, Language.self)
            case "director": director = try t.optString(v)
            case "grades": grades = t.isNull(v) ? nil : GradeBands(try t.array(v) { try t.entity($0) as GradeBand })
            case "lineage": lineage = t.isNull(v) ? nil : try t.entity(v) as Lineage
            case "imports": imports = t.isNull(v) ? nil : try t.array(v) { try t.entity($0) as Lineage }
            case "hiddenVotes": hiddenVotes = t.isNull(v) ? nil : try t.bool(v)
            case "timer": timer = t.isNull(v) ? nil : try t.entity(v) as Timebox
            case "audited": audited = try t.optString(v)
            default: break
            }
        }
        self.init()
        self.hiddenVotes = hiddenVotes
        self.timer = timer
        self.audited = audited
        self.title = try required(title, "title")
        self.period = try required(period, "period")
        self.step = try required(step, "step")
        self.counters = try required(counters, "counters")
        self.forced = forced
        self.lang = lang
        self.grades = grades
        self.director = director
        self.lineage = lineage
        self.imports = imports
    }
}

extension Timebox: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var start: String?, seconds: Int?, label: String?
        try t.members(e) { k, v in
            switch k {
            case "start": start = try t.string(v)
            case "seconds": seconds = try t.int(v)
            case "label": label = try t.optString(v)
            default: break
            }
        }
        self.init(start: try required(start, "start"), seconds: try required(seconds, "seconds"), label: label)
    }
}

extension Via: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var channel: String?, dept: Int?, role: SignatureRole?
        try t.members(e) { k, v in
            switch k {
            case "channel": channel = try t.string(v)
            case "dept": dept = try t.int(v)
            case "role": role = try t.raw(v, SignatureRole.self)
            default: break
            }
        }
        self.init(channel: try required(channel, "channel"), dept: try required(dept, "dept"), role: try required(role, "role"))
    }
}

extension Department: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var id: Int?, name: String?, head: String?, supervisor: String?
        try t.members(e) { k, v in
            switch k {
            case "id": id = try t.int(v)
            case "name": name = try t.string(v)
            case "head": head = try t.optString(v)
            case "supervisor": supervisor = try t.optString(v)
            default: break
            }
        }
        self.init(id: try required(id, "id"), name: try required(name, "name"), head: head, supervisor: supervisor)
    }
}

extension KPI: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var id: Int?, dept: Int?, name: String?, pinned: Bool?
        var k = KPI(id: 0, dept: 0, name: "")
        try t.members(e) { key, v in
            switch key {
            case "id": id = try t.int(v)
            case "dept": dept = try t.int(v)
            case "name": name = try t.string(v)
            case "metric": k.metric = try t.optString(v)
            case "metricPinned": pinned = try t.bool(v)
            case "dir": k.dir = try t.optRaw(v, Direction.self)
            case "target": k.target = try t.optDouble(v)
            case "unit": k.unit = try t.optString(v)
            case "source": k.source = try t.optString(v)
            case "cycle": k.cycle = try t.optRaw(v, Cycle.self)
            case "weight": k.weight = try t.optDouble(v)
            case "owner": k.owner = try t.optString(v)
            case "last": k.last = t.isNull(v) ? nil : try t.entity(v) as LastYear
            default: break
            }
        }
        k.id = try required(id, "id")
        k.dept = try required(dept, "dept")
        k.name = try required(name, "name")
        k.metricPinned = try required(pinned, "metricPinned")
        self = k
    }
}

extension Metric: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var id: String?, en: String?, hant: String?, hans: String?, synonyms: [String]?, stage: Stage?
        var kind: MetricKind?, dir: Direction?, family: String?, aggregation: Aggregation?
        try t.members(e) { k, v in
            switch k {
            case "aggregation": aggregation = try t.optRaw(v, Aggregation.self)
            case "id": id = try t.string(v)
            case "en": en = try t.string(v)
            case "zhHant": hant = try t.string(v)
            case "zhHans": hans = try t.string(v)
            case "synonyms": synonyms = try t.array(v) { try t.string($0) }
            case "stage": stage = try t.optRaw(v, Stage.self)
            case "kind": kind = try t.raw(v, MetricKind.self)
            case "dir": dir = try t.raw(v, Direction.self)
            case "family": family = try t.optString(v)
            default: break
            }
        }
        self.init(id: try required(id, "id"), en: try required(en, "en"), zhHant: try required(hant, "zhHant"),
                  zhHans: try required(hans, "zhHans"), synonyms: try required(synonyms, "synonyms"), stage: stage,
                  kind: try required(kind, "kind"), dir: try required(dir, "dir"), family: family, aggregation: aggregation)
    }
}

extension Tension: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var id: Int?, a: String?, aDir: Direction?, b: String?, bDir: Direction?, en: String?, zh: String?
        try t.members(e) { k, v in
            switch k {
            case "id": id = try t.int(v)
            case "a": a = try t.string(v)
            case "aDir": aDir = try t.raw(v, Direction.self)
            case "b": b = try t.string(v)
            case "bDir": bDir = try t.raw(v, Direction.self)
            case "reasonEN": en = try t.string(v)
            case "reasonZH": zh = try t.string(v)
            default: break
            }
        }
        self.init(id: try required(id, "id"), a: try required(a, "a"), aDir: try required(aDir, "aDir"),
                  b: try required(b, "b"), bDir: try required(bDir, "bDir"), reasonEN: try required(en, "reasonEN"),
                  reasonZH: try required(zh, "reasonZH"))
    }
}

extension Conflict: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var id: Int?, rule: String?, identity: String?, severity: Severity?, kpis: RefList?, depts: RefList?
        var metrics: [String]?, explanation: StoredText?, remedy: StoredText?, status: ConflictStatus?
        var settled: ConflictStatus?, note: String?
        try t.members(e) { k, v in
            switch k {
            case "id": id = try t.int(v)
            case "rule": rule = try t.string(v)
            case "identity": identity = try t.string(v)
            case "severity": severity = try t.raw(v, Severity.self)
            case "kpis": kpis = try t.refList(v)
            case "depts": depts = try t.refList(v)
            case "metrics": metrics = try t.array(v) { try t.string($0) }
            case "explanation": explanation = try t.storedText(v)
            case "remedy": remedy = try t.storedText(v)
            case "status": status = try t.raw(v, ConflictStatus.self)
            case "settledStatus": settled = try t.optRaw(v, ConflictStatus.self)
            case "note": note = try t.optString(v)
            default: break
            }
        }
        self.init(id: try required(id, "id"), rule: try required(rule, "rule"), identity: try required(identity, "identity"),
                  severity: try required(severity, "severity"), kpis: try required(kpis, "kpis"),
                  depts: try required(depts, "depts"), metrics: try required(metrics, "metrics"),
                  explanation: try required(explanation, "explanation"), remedy: try required(remedy, "remedy"),
                  status: try required(status, "status"), note: note)
        self.settledStatus = settled
    }
}

extension GoalRevision: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var number: Int?, title: String?, time: String?
        var r = GoalRevision(number: 0, title: "", time: "")
        try t.members(e) { k, v in
            switch k {
            case "number": number = try t.int(v)
            case "title": title = try t.string(v)
            case "time": time = try t.string(v)
            case "metric": r.metric = try t.optString(v)
            case "baseline": r.baseline = try t.optDouble(v)
            case "target": r.target = try t.optDouble(v)
            case "unit": r.unit = try t.optString(v)
            case "by": r.by = try t.optString(v)
            case "owner": r.owner = try t.optInt(v)
            default: break
            }
        }
        r.number = try required(number, "number")
        r.title = try required(title, "title")
        r.time = try required(time, "time")
        self = r
    }
}

extension Vote: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var id: Int?, goal: Int?, revision: Int?, dept: Int?, choice: VoteChoice?, reason: String?, time: String?
        try t.members(e) { k, v in
            switch k {
            case "id": id = try t.int(v)
            case "goal": goal = try t.int(v)
            case "revision": revision = try t.int(v)
            case "dept": dept = try t.int(v)
            case "choice": choice = try t.raw(v, VoteChoice.self)
            case "reason": reason = try t.optString(v)
            case "time": time = try t.string(v)
            default: break
            }
        }
        self.init(id: try required(id, "id"), goal: try required(goal, "goal"), revision: try required(revision, "revision"),
                  dept: try required(dept, "dept"), choice: try required(choice, "choice"), reason: reason,
                  time: try required(time, "time"))
    }
}

extension Goal: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var id: Int?, revisions: [GoalRevision]?, status: GoalStatus?, adopted: Int?, drop: String?, stages: [Stage]?
        try t.members(e) { k, v in
            switch k {
            case "id": id = try t.int(v)
            case "revisions": revisions = try t.array(v) { try t.entity($0) }
            case "status": status = try t.raw(v, GoalStatus.self)
            case "adoptedRevision": adopted = try t.optInt(v)
            case "dropReason": drop = try t.optString(v)
            case "stages": stages = try t.array(v) { try t.raw($0, Stage.self) }
            default: break
            }
        }
        let revs = try required(revisions, "revisions")
        guard let first = revs.first else { throw TapeDecoder.Failure(.goalWithoutRevisions) }
        self.init(id: try required(id, "id"), first: first)
        self.revisions = revs
        self.status = try required(status, "status")
        self.adoptedRevision = adopted
        self.dropReason = drop
        self.stages = try required(stages, "stages")
    }
}

extension Contribution: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var id: Int?, goal: Int?, dept: Int?, stage: Stage?, kpi: String?, metric: String?, target: Double?
        var challenge: Double?, floor: Double?, unit: String?, weight: Double?, source: String?, cycle: Cycle?
        var aggregation: Aggregation?
        try t.members(e) { k, v in
            switch k {
            case "id": id = try t.int(v)
            case "goal": goal = try t.int(v)
            case "dept": dept = try t.int(v)
            case "stage": stage = try t.raw(v, Stage.self)
            case "kpi": kpi = try t.string(v)
            case "metric": metric = try t.optString(v)
            case "target": target = try t.double(v)
            case "challenge": challenge = try t.double(v)
            case "floor": floor = try t.double(v)
            case "unit": unit = try t.string(v)
            case "weight": weight = try t.double(v)
            case "source": source = try t.string(v)
            case "cycle": cycle = try t.raw(v, Cycle.self)
            case "aggregation": aggregation = try t.optRaw(v, Aggregation.self)
            default: break
            }
        }
        self.init(id: try required(id, "id"), goal: try required(goal, "goal"), dept: try required(dept, "dept"),
                  stage: try required(stage, "stage"), kpi: try required(kpi, "kpi"), metric: metric,
                  target: try required(target, "target"), challenge: try required(challenge, "challenge"),
                  floor: try required(floor, "floor"), unit: try required(unit, "unit"),
                  weight: try required(weight, "weight"), source: try required(source, "source"),
                  cycle: try required(cycle, "cycle"))
        self.aggregation = aggregation
    }
}

extension DeviceSignature: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var key: String?, sig: String?, alg: String?
        try t.members(e) { k, v in
            switch k {
            case "key": key = try t.string(v)
            case "sig": sig = try t.string(v)
            case "alg": alg = t.isNull(v) ? nil : try t.string(v)
            default: break
            }
        }
        self.init(key: try required(key, "key"), sig: try required(sig, "sig"), alg: alg)
    }
}

extension Signature: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var id: Int?, dept: Int?, role: SignatureRole?, name: String?, time: String?, digest: String?, delegate: Bool?
        var letter: Int?, device: DeviceSignature?
        try t.members(e) { k, v in
            switch k {
            case "id": id = try t.int(v)
            case "dept": dept = try t.int(v)
            case "role": role = try t.raw(v, SignatureRole.self)
            case "name": name = try t.string(v)
            case "time": time = try t.string(v)
            case "digest": digest = try t.string(v)
            case "delegate": delegate = try t.bool(v)
            case "letter": letter = try t.optInt(v)
            case "device":
                if !t.isNull(v) { device = try t.entity(v) }
            default: break
            }
        }
        self.init(id: try required(id, "id"), dept: try required(dept, "dept"), role: try required(role, "role"),
                  name: try required(name, "name"), time: try required(time, "time"), digest: try required(digest, "digest"),
                  delegate: try required(delegate, "delegate"))
        self.letter = letter
        self.device = device
    }
}

extension State: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        self.init()
        var seen = Set<String>()
        try t.readSharedLists(e)
        func table<E: TapeDecodable & Entity>(_ v: Int) throws -> Table<E> { Table(try t.array(v) { try t.entity($0) }) }
        try t.members(e) { k, v in
            seen.insert(k.string)
            switch k {
            case "meta": meta = try t.entity(v)
            case "depts": depts = try table(v)
            case "kpis": kpis = try table(v)
            case "metrics": metrics = try table(v)
            case "tensions": tensions = try table(v)
            case "conflicts": conflicts = try table(v)
            case "goals": goals = try table(v)
            case "votes": votes = try table(v)
            case "contribs": contribs = try table(v)
            case "signatures": signatures = try table(v)
            case "actuals": actuals = try table(v)
            case "misses": misses = try table(v)
            case "retros": retros = try table(v)
            case "adjustments": adjustments = try table(v)
            case "undoable": undoable = try t.array(v) { try t.int($0) }
            case "redoable": redoable = try t.array(v) { try t.int($0) }
            default: break
            }
        }
        for k in ["meta", "depts", "kpis", "metrics", "tensions", "conflicts", "goals", "votes", "contribs", "signatures",
                  "undoable", "redoable"] where !seen.contains(k) {
            throw TapeDecoder.Failure(.missing(k))
        }
    }
}

extension Op: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        guard let tag = t.member(e, "t") else { throw TapeDecoder.Failure(.opWithoutTable) }
        var key: Int?, before: Int?, after: Int?
        try t.members(e) { k, v in
            switch k {
            case "key": key = v
            case "before": before = t.isNull(v) ? nil : v
            case "after": after = t.isNull(v) ? nil : v
            default: break
            }
        }
        func change<E: TapeDecodable & Entity>(_: E.Type, key read: (Int) throws -> E.Key) throws -> Change<E> {
            let ch = Change<E>(key: try read(try required(key, "key")), before: try before.map { try t.entity($0) },
                               after: try after.map { try t.entity($0) })
            guard ch.before != nil || ch.after != nil else { throw TapeDecoder.Failure(.opWithoutValue) }
            for x in [ch.before, ch.after].compactMap({ $0 }) where x.key != ch.key {
                throw TapeDecoder.Failure(.keyMismatch)
            }
            return ch
        }
        let int = { (v: Int) throws -> Int in try t.int(v) }
        let periodKey = { (v: Int) throws -> PeriodKey in
            guard let k = PeriodKey(text: try t.string(v)) else { throw TapeDecoder.Failure(.unknownValue("PeriodKey")) }
            return k
        }
        switch try t.string(tag) {
        case "meta":
            self = .meta(before: try t.entity(try required(before, "before")), after: try t.entity(try required(after, "after")))
        case "dept": self = .dept(try change(Department.self, key: int))
        case "kpi": self = .kpi(try change(KPI.self, key: int))
        case "metric": self = .metric(try change(Metric.self, key: { try t.string($0) }))
        case "tension": self = .tension(try change(Tension.self, key: int))
        case "conflict": self = .conflict(try change(Conflict.self, key: int))
        case "goal": self = .goal(try change(Goal.self, key: int))
        case "vote": self = .vote(try change(Vote.self, key: int))
        case "contrib": self = .contrib(try change(Contribution.self, key: int))
        case "signature": self = .signature(try change(Signature.self, key: int))
        case "actual": self = .actual(try change(Actual.self, key: periodKey))
        case "miss": self = .miss(try change(Miss.self, key: periodKey))
        case "retro": self = .retro(try change(Retro.self, key: periodKey))
        case "adjustment": self = .adjustment(try change(Adjustment.self, key: int))
        default: throw TapeDecoder.Failure(.unknownOp)
        }
    }
}

extension EventLine.Whole: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var seq: Int?, prev: String?, time: String?, step: Step?, cmd: String?, kind: String?, ops: [Op]?
        var undoes: Int?, redoes: Int?, via: Via?
        try t.readSharedLists(e)
        try t.members(e) { k, v in
            switch k {
            case "seq": seq = try t.int(v)
            case "prev": prev = try t.string(v)
            case "time": time = try t.string(v)
            case "step": step = try t.raw(v, Step.self)
            case "cmd": cmd = try t.string(v)
            case "kind": kind = try t.string(v)
            case "ops": ops = try t.array(v) { try t.entity($0) }
            case "undoes": undoes = try t.optInt(v)
            case "redoes": redoes = try t.optInt(v)
            case "via": via = t.isNull(v) ? nil : try t.entity(v) as Via
            default: break
            }
        }
        self.init(seq: try required(seq, "seq"), prev: try required(prev, "prev"), time: try required(time, "time"),
                  step: try required(step, "step"), cmd: try required(cmd, "cmd"), kind: try required(kind, "kind"),
                  ops: try required(ops, "ops"), undoes: undoes, redoes: redoes, via: via)
    }
}

// The file's head and seal line, read at every open before the state: through `Codable`
// each would cost the keyed containers' generic metadata and conformance lookups (a scan of
// every conformance in the binary the first time each is asked for). A repeated member keeps
// its first value, as `TapeKeyed` does.

extension SessionFile.Head: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var events: Int?, last: String?, state: String?
        try t.members(e) { k, v in
            switch k {
            case "events": if events == nil { events = try t.int(v) }
            case "last": if last == nil { last = try t.string(v) }
            case "state": if state == nil { state = try t.string(v) }
            default: break
            }
        }
        self.init(events: try required(events, "events"), last: try required(last, "last"), state: try required(state, "state"))
    }
}

extension SealBook: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var keys: [SealKey]?, seals: [Seal]?
        try t.members(e) { k, v in
            switch k {
            case "keys": if keys == nil { keys = try t.array(v) { try SealKey(tape: t, at: $0) } }
            case "seals": if seals == nil { seals = try t.array(v) { try Seal(tape: t, at: $0) } }
            default: break
            }
        }
        self.init(keys: try required(keys, "keys"), seals: try required(seals, "seals"))
    }
}

extension SealKey: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var id: String?, ed25519: String?, holder: String?
        try t.members(e) { k, v in
            switch k {
            case "id": if id == nil { id = try t.string(v) }
            case "ed25519": if ed25519 == nil { ed25519 = try t.string(v) }
            case "holder": if holder == nil { holder = try t.string(v) }
            default: break
            }
        }
        self.init(id: try required(id, "id"), ed25519: try required(ed25519, "ed25519"), holder: try required(holder, "holder"))
    }
}

extension Seal: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var key: String?, covers: String?, seq: Int?, digest: String?, sig: String?
        try t.members(e) { k, v in
            switch k {
            case "key": if key == nil { key = try t.string(v) }
            case "covers": if covers == nil { covers = try t.string(v) }
            case "seq": if seq == nil { seq = try t.int(v) }
            case "digest": if digest == nil { digest = try t.string(v) }
            case "sig": if sig == nil { sig = try t.string(v) }
            default: break
            }
        }
        self.init(key: try required(key, "key"), covers: try required(covers, "covers"), seq: try required(seq, "seq"),
                  digest: try required(digest, "digest"), sig: try required(sig, "sig"))
    }
}
