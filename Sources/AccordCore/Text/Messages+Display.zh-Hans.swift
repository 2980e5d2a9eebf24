/// `Messages.display` in Simplified Chinese (mainland usage).
extension Messages {
    static let displayZhHans: KeyValuePairs<String, String> = [
        "help.numbers": "大数字以万／亿显示（`myriad`）或完整数字显示（`plain`）；不带参数时显示当前设置",
        "help.dates": "日期显示为 2027-12-31（`iso`）或 2027/12/31（`slash`）；不带参数时显示当前设置",
        "numbers.shown": "数字显示：{style}（当前使用 {effective}），150,000,000 显示为 {example}。供程序读取的导出文件（JSON、CSV）始终保留精确数值（150000000）；`numbers plain` 可显示完整数字。",
        "numbers.unknown": "没有 `{value}` 这种数字显示方式：可选 {all}。",
        "dates.shown": "日期显示：{style}（当前使用 {effective}），{stored} 显示为 {example}。会议文件、签署和供程序读取的导出文件仍保留 {stored}。",
        "dates.unknown": "没有 `{value}` 这种日期显示方式：可选 {all}。",
        "log.col.time": "时间", "log.col.step": "步骤", "log.col.command": "命令",
        "sep.phrases": "，", "list.or": " 或 ",
        "sep.clauses": "；", "sep.label": "：",
    ]
}
