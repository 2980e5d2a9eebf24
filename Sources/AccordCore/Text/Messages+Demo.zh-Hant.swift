/// `Messages.demo` in Traditional Chinese as written in Taiwan (docs/glossary.md).
extension Messages {
    /// 繁體中文（台灣）。
    static let demoZhHant: KeyValuePairs<String, String> = [
        "demo.exists": "{file} 已經存在；請換一個檔名，或加上 --force 取代它。",
        "demo.locked": "{file} 已在另一個 accord 中開啟；請先在那裡關閉。",
        "demo.written": "已寫入範例會議 {file}：「{title}」的 {events} 筆事件，每份責任書都已簽署。",
        "demo.tour": "試試 `status`、`grid`、`letter {dept}`、`log 20`；離開後可執行 `accord replay {file}`。",
        "demo.failed": "無法建立範例會議：`{cmd}`：{why}",
    ]
}
