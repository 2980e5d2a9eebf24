/// The workshop's steps as data: their order and numbering, their gates, their line in
/// `status`, their "Next:" hint and their group in `help` all come from this one table.
/// Adding a step after `sign` is a case of `Step` and an entry here, plus the step's own
/// files (its commands name it as their `step`, its gate and summary live beside them).
public struct StepDefinition: Sendable {
    public var step: Step
    /// What keeps the room from leaving the step (`next` is allowed when it is empty).
    public var gate: @Sendable (State) -> [String]
    /// The step's line in `status` (nil shows `–`).
    public var summary: @Sendable (State) -> String?
    /// A hint of the step's own while the room is at it; nil leaves the general one
    /// (what blocks `next`, or `next` itself).
    public var hint: @Sendable (State) -> String?
    /// The heading of the step's group in `help`.
    public var helpSection: String

    public init(_ step: Step, gate: @escaping @Sendable (State) -> [String] = { _ in [] },
                summary: @escaping @Sendable (State) -> String? = { _ in nil },
                hint: @escaping @Sendable (State) -> String? = { _ in nil }, helpSection: String) {
        self.step = step; self.gate = gate; self.summary = summary; self.hint = hint; self.helpSection = helpSection
    }
}

public enum Workflow {
    /// Every step, in order (the same order as `Step.allCases`; a test holds them equal).
    public static let steps: [StepDefinition] = [
        StepDefinition(.setup, gate: Gates.setupBlockers,
                       summary: { s in s.depts.isEmpty ? nil : t("status.setup", ["n": "\(s.depts.count)"]) },
                       helpSection: "help.section.setup"),
        StepDefinition(.audit, gate: AuditGate.blockers, summary: AuditGate.summary, hint: AuditGate.nextHint,
                       helpSection: "help.section.audit"),
        StepDefinition(.goals, gate: Gates.goalsBlockers, summary: Gates.goalsSummary, helpSection: "help.section.goals"),
        StepDefinition(.map, gate: MapGate.blockers, summary: MapGate.summary, helpSection: "help.section.map"),
        StepDefinition(.sign, gate: YearGate.signBlockers, summary: SignGate.summary, hint: YearGate.signHint,
                       helpSection: "help.section.sign"),
        StepDefinition(.track, summary: YearGate.trackSummary, hint: YearGate.trackHint, helpSection: "help.section.track"),
        StepDefinition(.review, summary: YearGate.reviewSummary, hint: YearGate.reviewHint, helpSection: "help.section.review"),
    ]

    public static func definition(_ step: Step) -> StepDefinition { steps[step.number] }

    /// Steps with a number (all but setup): `1 audit` … `4 sign`.
    public static var numbered: Int { steps.count - 1 }

    /// The step's name in the current language (`audit`, 盤點, 盘点); commands keep the
    /// English one (`step audit`).
    public static func name(_ step: Step) -> String { t("step.name." + step.rawValue) }

    /// `setup`, `1 audit` … as `status` and the messages name a step.
    public static func title(_ step: Step) -> String {
        step == .setup ? name(step) : "\(step.number) \(name(step))"
    }

    /// `setup`, or `2/4 goals`, as the prompt shows it.
    public static func label(_ step: Step) -> String {
        step == .setup ? name(step) : "\(step.number)/\(numbered) \(name(step))"
    }

    /// `setup|audit|goals|map|sign`
    public static var names: String { steps.map(\.step.rawValue).joined(separator: "|") }

    /// `setup, audit, goals, map, sign`
    /// `setup`, `audit`, … as code, for a sentence in any language.
    public static var codes: String { steps.map { "`\($0.step.rawValue)`" }.joined(separator: Punct.list) }

    public static var list: String { steps.map(\.step.rawValue).joined(separator: Punct.list) }
}
