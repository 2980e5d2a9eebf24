/// One check of the audit step. Each rule documents itself: an id, the severity it reports
/// at, a one-line explanation and a suggested remedy (in the catalog, under `rule.ID.summary`
/// and `rule.ID.remedy`, in every language), and examples that trigger it and that do not
/// (the tests run them).
public protocol AuditRule: Sendable {
    /// `data-source-mismatch`, as the design's rule table names it.
    var id: String { get }
    /// The severity between departments (a finding inside one department is one lower
    /// for the relational rules).
    var severity: Severity { get }
    /// How the audit screen labels the KPIs of a finding (arrows, sources, owners …).
    var detail: KPIDetail { get }
    /// Relational rules find walls between departments; the others judge one department.
    var relational: Bool { get }
    var examples: [RuleExample] { get }
    func check(_ input: AuditInput) -> [Finding]
}

extension AuditRule {
    /// The rule's one-line explanation, in the current language.
    public var explanation: String { t("rule.\(id).summary") }
    /// The rule's suggested remedy, in the current language.
    public var remedy: String { t("rule.\(id).remedy") }
    /// The remedy as stored with a finding.
    public var remedyText: CatalogText { CatalogText("rule.\(id).remedy") }
    /// A sentence of this rule's catalog part: `rule.ID.NAME`.
    func text(_ name: String, _ args: [String: CatalogText.Arg] = [:]) -> CatalogText {
        CatalogText("rule.\(id).\(name)", args)
    }
}

/// What to show beside each KPI of a finding.
public enum KPIDetail: String, Sendable {
    case arrow, source, definition, owner, weight, missing, plain
    /// Last year's actual against its bounds (carried KPIs).
    case lastYear
}

/// Something an audit found, before it enters the conflict register.
public struct Finding: Equatable, Sendable {
    public var rule: String
    /// Rule plus the KPIs involved (or the department, for rules that judge a department
    /// as a whole): the same finding keeps its conflict id and status across audits.
    public var identity: String
    public var severity: Severity
    public var kpis: RefList
    public var depts: RefList
    public var metrics: [String]
    /// What is wrong, and what to do: catalog sentences with their arguments, stored with the
    /// conflict and rendered in the reader's language.
    public var explanation: CatalogText
    public var remedy: CatalogText
    /// Order among the findings of one rule (a tension's place in the catalog …).
    public var rank: Int
    /// The lowest KPI id involved, for a stable order.
    public var firstKPI: Int

    public init(rule: String, identity: String, severity: Severity, kpis: RefList, depts: RefList, metrics: [String],
                explanation: CatalogText, remedy: CatalogText, rank: Int = 0) {
        self.rule = rule; self.identity = identity; self.severity = severity; self.kpis = kpis; self.depts = depts
        self.metrics = metrics; self.explanation = explanation
        self.remedy = remedy; self.rank = rank
        self.firstKPI = kpis.min() ?? 0
    }

    public init(rule: String, identity: String, severity: Severity, kpis: [Int], depts: [Int], metrics: [String],
                explanation: CatalogText, remedy: CatalogText, rank: Int = 0) {
        self.init(rule: rule, identity: identity, severity: severity, kpis: RefList(kpis), depts: RefList(depts),
                  metrics: metrics, explanation: explanation, remedy: remedy, rank: rank)
    }

    /// The identity of a finding about these KPIs: `known-tension:K3,K6`. A finding about
    /// many KPIs (a metric that a hundred departments carry) is named by its first and last
    /// KPI, their number and a 64-bit FNV-1a digest of them all, so that identities stay short
    /// and cheap to compare: `data-source-mismatch:K4…K9971#120:9f2c41d07a3b55e1`.
    public static func identity(_ rule: String, kpis: [Int]) -> String {
        let sorted = kpis.sorted()
        if sorted.count <= 12 { return rule + ":" + sorted.map { "\(ID(.kpi, $0))" }.joined(separator: ",") }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for id in sorted {
            var v = UInt64(truncatingIfNeeded: id)
            for _ in 0..<8 { h = (h ^ (v & 0xff)) &* 0x0000_0100_0000_01b3; v >>= 8 }
        }
        let hex = String(h, radix: 16)
        return rule + ":\(ID(.kpi, sorted.first!))…\(ID(.kpi, sorted.last!))#\(sorted.count):" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The identity of a finding about a department as a whole.
    public static func identity(_ rule: String, dept: Int) -> String { rule + ":\(ID(.department, dept))" }
}

/// A KPI in a rule's example: complete (target, unit, source, cycle, owner) unless told.
public struct ExampleKPI: Sendable {
    public var dept: String
    public var name: String
    public var metric: String?
    public var dir: Direction?
    public var target: Double?
    public var unit: String?
    public var source: String?
    public var cycle: Cycle?
    public var weight: Double?
    public var owner: String?
    /// Last year's figures, as a KPI carried from last year's letter has them.
    public var last: LastYear?

    public init(_ dept: String, _ name: String, metric: String? = nil, dir: Direction? = nil, target: Double? = 1,
                unit: String? = "n", source: String? = "CRM", cycle: Cycle? = .monthly, weight: Double? = nil,
                owner: String? = "Owner", last: LastYear? = nil) {
        self.dept = dept; self.name = name; self.metric = metric; self.dir = dir; self.target = target
        self.unit = unit; self.source = source; self.cycle = cycle; self.weight = weight; self.owner = owner
        self.last = last
    }
}

/// A small session that triggers a rule, or shows where the rule stays silent.
public struct RuleExample: Sendable {
    public var triggers: Bool
    public var note: String
    public var kpis: [ExampleKPI]
    public var metrics: [Metric]
    public var tensions: [Tension]

    public init(triggers: Bool, _ note: String, _ kpis: [ExampleKPI], metrics: [Metric] = [], tensions: [Tension] = []) {
        self.triggers = triggers; self.note = note; self.kpis = kpis; self.metrics = metrics; self.tensions = tensions
    }

    public static func triggers(_ note: String, _ kpis: [ExampleKPI], metrics: [Metric] = [], tensions: [Tension] = []) -> RuleExample {
        RuleExample(triggers: true, note, kpis, metrics: metrics, tensions: tensions)
    }

    public static func passes(_ note: String, _ kpis: [ExampleKPI], metrics: [Metric] = [], tensions: [Tension] = []) -> RuleExample {
        RuleExample(triggers: false, note, kpis, metrics: metrics, tensions: tensions)
    }

    /// The example as a session: departments in order of appearance, KPIs K1 … matched to
    /// the catalog by name (as `kpi add` does) unless the example names the metric.
    public var state: State {
        var s = State()
        for m in metrics { s.metrics[m.id] = m }
        for t in tensions { s.tensions[t.id] = t }
        let catalog = Catalog(s)
        for (i, e) in kpis.enumerated() {
            let dept: Department
            if let d = s.department(named: e.dept) { dept = d } else {
                dept = Department(id: s.depts.count + 1, name: e.dept)
                s.depts[dept.id] = dept
            }
            var k = KPI(id: i + 1, dept: dept.id, name: e.name)
            k.metric = e.metric ?? catalog.match(e.name).key
            k.metricPinned = e.metric != nil
            k.dir = e.dir ?? k.metric.flatMap { catalog.metric($0)?.dir }
            k.target = e.target; k.unit = e.unit; k.source = e.source; k.cycle = e.cycle
            k.weight = e.weight; k.owner = e.owner
            k.last = e.last
            s.kpis[k.id] = k
        }
        return s
    }
}

extension Severity {
    /// One step less severe (a tension inside one department is less severe than between two).
    public var lowered: Severity {
        switch self {
        case .high: return .medium
        case .medium, .low: return .low
        }
    }
}
