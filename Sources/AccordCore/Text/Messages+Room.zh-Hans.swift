/// `Messages.room` in Simplified Chinese as written on the mainland (docs/glossary.md).
extension Messages {
    /// 简体中文（中国大陆）。
    static let roomZhHans: KeyValuePairs<String, String> = [
        "room.walls.none": "部门之间没有未处理的冲突。",
        "room.walls.not-yet": "尚未盘点：KPI 盘点之后，这里会显示部门墙。",
        "room.grid.heading": "拆解表：目标 × AARRR 阶段，各部门的贡献项",
        "room.grid.no-depts": "还没有部门。",
        "room.grid.nothing": "尚未拆解：目标对应到阶段之后，拆解表就会填上。",
        "room.diff.first": "第一版（r{n}）：此前没有任何修改。",
        "room.diff.heading": "从 {from} 到 {to} 的改动",
        "pace.days": "{n} 天 {rest}",
        "pace.step": "{step} {time}",
        "pace.steps": "各步骤用时：{steps}",
        "pace.goal.adopted": "{goal} {time}",
        "pace.goal.dropped": "{goal} 讨论 {time} 后撤回",
        "pace.goal.open": "{goal} 仍在讨论",
        "pace.goal.timer": "（计时 {ran}，计划 {of}）",
        "pace.goals": "讨论到通过的用时：{goals}",
        "pace.too-large": "各步骤用时：会议文件太大，这里不统计；请用 `accord replay FILE` 查看。",
    ]
}
