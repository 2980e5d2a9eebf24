/// `Messages.setup` in Traditional Chinese as written in Taiwan (docs/glossary.md).
extension Messages {
    /// 繁體中文（台灣）。
    static let setupZhHant: KeyValuePairs<String, String> = [
        "help.lang": "設定會議使用的語言（記錄在會議檔中）；不加參數則顯示目前的語言",
        "lang.set": "會議語言已設為 {lang}（{name}）；這個會議的重播與匯出也會使用它。",
        "lang.already": "會議語言已經是 {lang}（{name}）。",
        "lang.shown": "會議語言：{lang}（{name}），以 `lang` 設定。",
        "lang.shown.locale": "目前使用的語言：{lang}（{name}），來自 --lang、ACCORD_LANG 或系統地區設定；`lang zh-Hant` 可設定會議本身的語言。",
        "lang.unknown": "沒有 `{value}` 這個語言：可用的語言有 {all}（也接受 `zh_TW` 與 `zh_CN`）。",
        "setup.title-set": "標題：{title}",
        "setup.period-set": "期間：{period}",
        "dept.added": "已新增部門{name}（共 {n} 個部門）。",
        "dept.exists": "已經有部門{name}了。",
        "dept.edited": "{name}：部門主管 {head}，上級主管 {supervisor}。",
        "dept.edit-nothing": "請指定要修改的項目：--head 主管 和／或 --supervisor 上級主管。",
        "dept.none": "還沒有任何部門。新增一個：`dept add 名稱 --head 主管 --supervisor 上級主管`",
        "dept.none-yet": "沒有 `{name}` 這個部門：目前還沒有任何部門（`dept add`）。",
        "dept.unknown": "沒有 `{name}` 這個部門（現有部門：{all}）。",
        "dept.unknown.suggest": "沒有 `{name}` 這個部門（現有部門：{all}）。您是指 `{nearest}` 嗎？",
        "dept.removed": "已移除部門{name}{with}。",
        "dept.rm.with": "，連同 {what}",
        "dept.rm.kpis": "{n} 項 KPI",
        "dept.rm.contribs": "{n} 項貢獻項目",
        "dept.rm.votes": "{n} 筆表態",
        "dept.rm.signatures": "{n} 個簽署",
        "dept.renamed": "已將{old}更名為{new}。",
    ]
}
