/// HTML letter templates (`export letters --format html --template FILE`): English.
extension Messages {
    static let template: KeyValuePairs<String, String> = [
        "export.template.only-letters": "--template words the letters in Markdown or HTML: use it with `export letters --format md` or `--format html`, not with {what} as {format}.",
        "export.template.why.html-value-in-markup": "a value stands inside a tag, an attribute, a comment or a style sheet; in an HTML template a value may only stand where text goes",
        "export.template.why.html-script": "an HTML letter template holds no script (`<script>`, an `on…` attribute, a `javascript:` link)",
        "export.template.why.html-delimiters": "an HTML letter template keeps Mustache's `{{ }}` delimiters",
    ]
}
