/// The workshop's steps, in order.
public enum Step: String, Codable, CaseIterable, Sendable, Comparable {
    case setup, audit, goals, map, sign, track, review

    /// 0 for setup, 1…6 for the numbered steps.
    public var number: Int { Step.allCases.firstIndex(of: self)! }

    public static func < (a: Step, b: Step) -> Bool { a.number < b.number }

    public var next: Step? { number + 1 < Step.allCases.count ? Step.allCases[number + 1] : nil }
    public var previous: Step? { number > 0 ? Step.allCases[number - 1] : nil }

    /// `setup`, or `2/4 goals`, as the prompt shows it (numbered by `Workflow`).
    public var label: String { Workflow.label(self) }
}

/// AARRR funnel stages, always shown in this order.
public enum Stage: String, Codable, CaseIterable, Sendable, Comparable {
    case acquisition, activation, retention, revenue, referral

    public static func < (a: Stage, b: Stage) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The Chinese names of the first builds (激活 and 收入 are mainland words). Not for
    /// display: a stage is shown by its label in the room's language, `label` (`stage.*`) or
    /// `Mapping.stageLabel` (`stage.label.*`).
    @available(*, deprecated, message: "show a stage with `label` or `Mapping.stageLabel`, which follow the room's language")
    public var zh: String {
        switch self {
        case .acquisition: return "獲取"
        case .activation: return "激活"
        case .retention: return "留存"
        case .revenue: return "收入"
        case .referral: return "推薦"
        }
    }

    /// Accepts the English name (any case, unique prefix of at least 3 letters) or the
    /// Traditional or Simplified Chinese name.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let zh: [String: Stage] = [
            "獲取": .acquisition, "获取": .acquisition, "激活": .activation, "啟用": .activation,
            "启用": .activation, "留存": .retention, "收入": .revenue, "營收": .revenue, "营收": .revenue,
            "推薦": .referral, "推荐": .referral, "推介": .referral,
        ]
        if let s = Stage(rawValue: t) ?? zh[t] { self = s; return }
        let matches = Stage.allCases.filter { t.count >= 3 && $0.rawValue.hasPrefix(t) }
        guard matches.count == 1 else { return nil }
        self = matches[0]
    }
}

/// The way a metric is meant to move.
public enum Direction: String, Codable, CaseIterable, Sendable {
    case up, down

    public var arrow: String { self == .up ? "↑" : "↓" }
    public var opposite: Direction { self == .up ? .down : .up }

    /// up/down and the words spreadsheets use, in English and Chinese.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let up: Set<String> = ["up", "u", "+", "↑", "increase", "raise", "higher", "grow", "maximize", "maximise",
                               "提升", "提高", "增加", "上升", "增長", "增长", "越高越好", "升"]
        let down: Set<String> = ["down", "d", "-", "↓", "decrease", "reduce", "lower", "cut", "minimize", "minimise",
                                 "降低", "減少", "减少", "下降", "縮短", "缩短", "越低越好", "降"]
        if up.contains(t) { self = .up } else if down.contains(t) { self = .down } else { return nil }
    }
}

/// Review cycle (考核週期).
public enum Cycle: String, Codable, CaseIterable, Sendable {
    case weekly, monthly, quarterly, annual

    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "weekly", "week", "週", "周", "每週", "每周", "週度", "周度": self = .weekly
        case "monthly", "month", "月", "月度", "每月": self = .monthly
        case "quarterly", "quarter", "q", "季", "季度", "每季": self = .quarterly
        case "annual", "annually", "yearly", "year", "年", "年度", "每年": self = .annual
        default: return nil
        }
    }
}

/// What kind of thing a metric measures.
public enum MetricKind: String, Codable, CaseIterable, Sendable {
    /// Effort and output (posts published, calls made, ads shown).
    case activity
    /// A customer's response (conversion, satisfaction, retention).
    case outcome
    /// Money and the company's result (revenue, margin, CAC).
    case business
}

public enum Severity: String, Codable, CaseIterable, Sendable, Comparable {
    case high, medium, low

    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

extension VoteChoice {
    /// The words a room votes with, in English (any case) and Chinese (Traditional or
    /// Simplified); the vote is stored as the English value.
    static let words: [(VoteChoice, [String])] = [
        (.agree, ["agree", "同意", "贊成", "赞成"]),
        (.abstain, ["abstain", "棄權", "弃权"]),
        (.object, ["object", "反對", "反对"]),
        (.block, ["block", "阻擋", "阻挡", "否決", "否决"]),
    ]

}

extension SignatureRole {
    /// The roles a letter is signed in: head (負責人) and supervisor (主管).
    static let words: [(SignatureRole, [String])] = [
        (.head, ["head", "負責人", "负责人"]),
        (.supervisor, ["supervisor", "主管"]),
    ]

}

/// A value typed as one of several words (English first, then Chinese spellings).
protocol Worded {
    static var words: [(Self, [String])] { get }
}

extension Worded {
    /// The value a word names (English in any case, or a Chinese spelling), nil for another word.
    public init?(parsing text: String) {
        let w = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let hit = Self.words.first(where: { $0.1.contains(w) }) else { return nil }
        self = hit.0
    }

    /// Every word `init(parsing:)` accepts, English first: for suggestions and completion.
    public static var allWords: [String] { words.map { $0.1[0] } + words.flatMap { $0.1.dropFirst() } }

    /// "agree (同意, 贊成), abstain (棄權, 弃权) … or block (…)": what the error for an unknown word lists.
    static var accepted: String { Vocabulary.list(words.map { $0.1 }) }
}

extension VoteChoice: Worded {}
extension SignatureRole: Worded {}

enum Vocabulary {
    /// "head (負責人, 负责人) or supervisor (主管)": each English word with its other spellings.
    static func list(_ groups: [[String]]) -> String {
        let items = groups.map { g in g.count > 1 ? "\(g[0]) (\(g.dropFirst().joined(separator: Punct.list)))" : g[0] }
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: Punct.list) + t("list.or") + items.last!
    }
}
