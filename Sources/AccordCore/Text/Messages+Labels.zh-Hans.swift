/// The vocabulary's labels and a few whole templates in Simplified Chinese (mainland usage);
/// keys as in `Messages.labels` and their English parts.
extension Messages {
    static let labelsZhHans: KeyValuePairs<String, String> = [
        "step.name.setup": "准备", "step.name.audit": "盘点", "step.name.goals": "目标",
        "step.name.map": "拆解", "step.name.sign": "签署",
        "severity.high": "高", "severity.medium": "中", "severity.low": "低",
        "vote.choice.agree": "同意", "vote.choice.abstain": "弃权", "vote.choice.object": "反对", "vote.choice.block": "阻挡",
        "goal.state.proposed": "已提出", "goal.state.adopted": "已通过", "goal.state.dropped": "已撤回",
        "stage.acquisition": "获取", "stage.activation": "激活", "stage.retention": "留存",
        "stage.revenue": "收入", "stage.referral": "推荐",
        "stage.label.acquisition": "获取", "stage.label.activation": "激活",
        "stage.label.retention": "留存", "stage.label.revenue": "收入", "stage.label.referral": "推荐",
        "cycle.weekly": "每周", "cycle.monthly": "每月", "cycle.quarterly": "每季度", "cycle.annual": "每年",
        "metric.kind.activity": "活动量", "metric.kind.outcome": "成果", "metric.kind.business": "经营结果",
        "audit.summary.severity": "{n} 个{severity}严重度",
        "import.too-many-rows": "这张表格超过 {limit} 行，是单次导入的上限。请拆成几张较小的表格，分别导入。",
        "import.session-full": "未从 {path} 导入任何数据：导入后会议将有 {n} 项 KPI，超过单场会议 {limit} 项的上限。",
        "kpi.session-full": "本场会议已有 {limit} 项 KPI，已达单场会议的上限；请先删除部分项目（`kpi rm ID`）再添加。",
        "tension.pair": "{a} 对 {b}",
        "lang.shown.told": "当前使用的语言：{lang}（{name}），由 --lang 或 ACCORD_LANG 指定；本场会议自己的设置是 {room}。",
    ]
}
