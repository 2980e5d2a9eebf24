/// What people read for the vocabulary's values: each enum's label is a catalog key
/// (`severity.high`, `stage.acquisition` …), so that every language names them its own way.
/// The raw values stay what files and commands use.
public protocol Labelled: RawRepresentable where RawValue == String {
    /// The catalog's prefix for this enum's labels: `severity`, `stage` …
    static var labelKey: String { get }
}

extension Labelled {
    /// The label in the current language.
    public var label: String { t(Self.labelKey + "." + rawValue) }
}

extension Severity: Labelled { public static var labelKey: String { "severity" } }
extension ConflictStatus: Labelled { public static var labelKey: String { "conflict.status" } }
extension VoteChoice: Labelled { public static var labelKey: String { "vote.choice" } }
extension GoalStatus: Labelled { public static var labelKey: String { "goal.state" } }
extension SignatureRole: Labelled { public static var labelKey: String { "sign.role" } }
extension Stage: Labelled { public static var labelKey: String { "stage" } }
extension Cycle: Labelled { public static var labelKey: String { "cycle" } }
extension MetricKind: Labelled { public static var labelKey: String { "metric.kind" } }

extension Messages {
    /// The labels of the vocabulary (English; the other catalogs translate them).
    static let labels: KeyValuePairs<String, String> = [
        "step.name.setup": "setup", "step.name.audit": "audit", "step.name.goals": "goals",
        "step.name.map": "map", "step.name.sign": "sign",
        "severity.high": "high", "severity.medium": "medium", "severity.low": "low",
        "vote.choice.agree": "agree", "vote.choice.abstain": "abstain", "vote.choice.object": "object", "vote.choice.block": "block",
        "goal.state.proposed": "proposed", "goal.state.adopted": "adopted", "goal.state.dropped": "dropped",
        "stage.acquisition": "acquisition", "stage.activation": "activation", "stage.retention": "retention",
        "stage.revenue": "revenue", "stage.referral": "referral",
        "stage.label.acquisition": "acquisition 獲取", "stage.label.activation": "activation 激活",
        "stage.label.retention": "retention 留存", "stage.label.revenue": "revenue 收入", "stage.label.referral": "referral 推薦",
        "cycle.weekly": "weekly", "cycle.monthly": "monthly", "cycle.quarterly": "quarterly", "cycle.annual": "annual",
        "metric.kind.activity": "activity", "metric.kind.outcome": "outcome", "metric.kind.business": "business",
    ]
}
