/// The vocabulary's labels and a few whole templates in Traditional Chinese (Taiwan usage);
/// keys as in `Messages.labels` and their English parts.
extension Messages {
    static let labelsZhHant: KeyValuePairs<String, String> = [
        "step.name.setup": "準備", "step.name.audit": "盤點", "step.name.goals": "目標",
        "step.name.map": "拆解", "step.name.sign": "簽署",
        "severity.high": "高", "severity.medium": "中", "severity.low": "低",
        "vote.choice.agree": "同意", "vote.choice.abstain": "棄權", "vote.choice.object": "反對", "vote.choice.block": "阻擋",
        "goal.state.proposed": "提案中", "goal.state.adopted": "已通過", "goal.state.dropped": "已撤回",
        "stage.acquisition": "獲取", "stage.activation": "啟用", "stage.retention": "留存",
        "stage.revenue": "營收", "stage.referral": "推薦",
        "stage.label.acquisition": "獲取", "stage.label.activation": "啟用",
        "stage.label.retention": "留存", "stage.label.revenue": "營收", "stage.label.referral": "推薦",
        "cycle.weekly": "每週", "cycle.monthly": "每月", "cycle.quarterly": "每季", "cycle.annual": "每年",
        "metric.kind.activity": "活動量", "metric.kind.outcome": "成果", "metric.kind.business": "營運結果",
        "audit.summary.severity": "{n} 項{severity}度",
        "import.too-many-rows": "這份表格超過 {limit} 列，是單次匯入的上限。請拆成幾份較小的表格，分別匯入。",
        "import.session-full": "未從 {path} 匯入任何資料：匯入後會議將有 {n} 項 KPI，超過單場會議 {limit} 項的上限。",
        "kpi.session-full": "本場會議已有 {limit} 項 KPI，已達單場會議的上限；請先移除部分項目（`kpi rm ID`）再新增。",
        "tension.pair": "{a} 對上 {b}",
        "lang.shown.told": "目前使用的語言：{lang}（{name}），由 --lang 或 ACCORD_LANG 指定；本場會議自己的設定是 {room}。",
    ]
}
