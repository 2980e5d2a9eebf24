/// `Messages.help` in Simplified Chinese (mainland usage): the command list's sections and
/// the explanations of the commands that work anywhere. Usage lines keep their ASCII verbs.
extension Messages {
    /// 简体中文（中国大陆）。
    static let helpZhHans: KeyValuePairs<String, String> = [
        "help.section.anywhere": "通用命令",
        "help.section.setup": "准备",
        "help.section.audit": "1 盘点",
        "help.section.goals": "2 目标",
        "help.section.map": "3 拆解",
        "help.section.sign": "4 签署",
        "help.more": "`help 命令` 显示该命令的用法和示例。按 TAB 可补全命令、名称和编号。",
        "help.example": "例如",
        "help.unknown": "没有 `{name}` 这个命令。",
        "help.unknown.suggest": "没有 `{name}` 这个命令。您是想输入 `{nearest}` 吗？",
        "help.help": "列出全部命令，或显示某个命令的用法和示例",
        "help.status": "会议进度：每个步骤的完成情况和下一步要做什么",
        "help.next": "进入下一步（需满足关卡条件；--force 理由 可强制通过并记录原因）",
        "help.back": "返回上一步",
        "help.step": "按名称或编号跳转到某个步骤：{steps}",
        "help.undo": "撤销上一次变更（同时记入日志）",
        "help.redo": "恢复上一次撤销的内容",
        "help.log": "日志中最近的 N 条事件（默认 10 条）",
        "help.save": "把会议另存一份到 PATH（会议本身始终自动保存）",
        "help.quit": "保存并退出（Ctrl-D 效果相同）",
        "help.exit": "保存并退出",
        "help.clear": "清屏（Ctrl-L 效果相同）",
        "help.title": "设置会议标题",
        "help.period": "设置目标对应的考核期，例如 2027",
        "help.dept.add": "添加部门，并指定部门负责人和直属上级",
        "help.dept.edit": "修改部门的负责人或直属上级",
        "help.dept.list": "列出全部部门",
        "help.dept.rm": "删除部门（连同其 KPI、贡献项、表态和签名）",
        "help.dept.rename": "重命名部门",
    ]
}
