/// `Messages.room` in Traditional Chinese as written in Taiwan (docs/glossary.md).
extension Messages {
    /// 繁體中文（台灣）。
    static let roomZhHant: KeyValuePairs<String, String> = [
        "room.walls.none": "部門之間沒有未處理的衝突。",
        "room.walls.not-yet": "尚未盤點：KPI 盤點之後，這裡會顯示部門牆。",
        "room.grid.heading": "拆解表：目標 × AARRR 階段，各部門的貢獻項目",
        "room.grid.no-depts": "還沒有任何部門。",
        "room.grid.nothing": "尚未拆解：目標對應到階段之後，這張表就會填上。",
        "room.diff.first": "第一版（r{n}）：之前沒有任何修改。",
        "room.diff.heading": "從 {from} 到 {to} 的修改",
        "pace.days": "{n} 天 {rest}",
        "pace.step": "{step} {time}",
        "pace.steps": "各步驟用時：{steps}",
        "pace.goal.adopted": "{goal} {time}",
        "pace.goal.dropped": "{goal} 討論 {time} 後撤回",
        "pace.goal.open": "{goal} 仍在討論",
        "pace.goal.timer": "（計時 {ran}，預定 {of}）",
        "pace.goals": "討論到通過的用時：{goals}",
        "pace.too-large": "各步驟用時：會議檔太大，這裡不計算；請用 `accord replay FILE` 查看。",
    ]
}
