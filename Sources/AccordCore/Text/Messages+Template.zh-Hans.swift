/// `Messages.template` in Simplified Chinese (mainland usage).
extension Messages {
    static let templateZhHans: KeyValuePairs<String, String> = [
        "export.template.only-letters": "--template 用于 Markdown 或 HTML 责任书：请配合 `export letters --format md` 或 `--format html` 使用，不能用于 {what}（{format}）。",
        "export.template.why.html-value-in-markup": "有数据字段放在标签、属性、注释或样式表中；HTML 模板的数据字段只能放在文本位置",
        "export.template.why.html-script": "HTML 责任书模板不得包含脚本（`<script>`、`on…` 属性或 `javascript:` 链接）",
        "export.template.why.html-delimiters": "HTML 责任书模板必须使用 `{{ }}` 标记",
    ]
}
