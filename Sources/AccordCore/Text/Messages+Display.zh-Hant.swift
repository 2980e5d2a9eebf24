/// `Messages.display` in Traditional Chinese (Taiwan usage).
extension Messages {
    static let displayZhHant: KeyValuePairs<String, String> = [
        "help.numbers": "大數字以萬／億顯示（`myriad`）或完整數字顯示（`plain`）；不加參數則顯示目前的設定",
        "help.dates": "日期顯示為 2027-12-31（`iso`）、2027/12/31（`slash`）或民國年（`minguo`）；不加參數則顯示目前的設定",
        "numbers.shown": "數字顯示：{style}（目前使用 {effective}），150,000,000 顯示為 {example}。給程式讀取的匯出檔（JSON、CSV）一律保留精確數值（150000000）；`numbers plain` 可顯示完整數字。",
        "numbers.unknown": "沒有 `{value}` 這種數字顯示方式：可用的有 {all}。",
        "dates.shown": "日期顯示：{style}（目前使用 {effective}），{stored} 顯示為 {example}。會議檔、簽署與給程式讀取的匯出檔仍保留 {stored}。",
        "dates.unknown": "沒有 `{value}` 這種日期顯示方式：可用的有 {all}。",
        "log.col.time": "時間", "log.col.step": "步驟", "log.col.command": "指令",
        "sep.phrases": "，", "list.or": " 或 ",
        "sep.clauses": "；", "sep.label": "：",
    ]
}
