/// `Messages.template` in Traditional Chinese (Taiwan usage).
extension Messages {
    static let templateZhHant: KeyValuePairs<String, String> = [
        "export.template.only-letters": "--template 用於 Markdown 或 HTML 責任書：請搭配 `export letters --format md` 或 `--format html`，不能用於 {what}（{format}）。",
        "export.template.why.html-value-in-markup": "有資料欄位放在標籤、屬性、註解或樣式表之中；HTML 範本的資料欄位只能放在文字的位置",
        "export.template.why.html-script": "HTML 責任書範本不得含有程式碼（`<script>`、`on…` 屬性或 `javascript:` 連結）",
        "export.template.why.html-delimiters": "HTML 責任書範本必須使用 `{{ }}` 標記",
    ]
}
