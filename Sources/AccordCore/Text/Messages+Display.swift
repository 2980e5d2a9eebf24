/// `numbers` and `dates`: the reader's display settings (English); the headings of `log`.
extension Messages {
    static let display: KeyValuePairs<String, String> = [
        "help.numbers": "Show large numbers in 萬/億 (myriad) or in digits (plain); alone, say which is in use",
        "help.dates": "Show dates as 2027-12-31 (iso), 2027/12/31 (slash) or in 民國 years (minguo); alone, say which",
        "numbers.shown": "Numbers: {style} (in use: {effective}), 150,000,000 shows as {example}. Exports for machines (JSON, CSV) always hold the exact figure; `numbers plain` shows every digit.",
        "numbers.unknown": "No number style `{value}`: the styles are {all}.",
        "dates.shown": "Dates: {style} (in use: {effective}), {stored} shows as {example}. The session, the signatures and the machine exports keep {stored}.",
        "dates.unknown": "No date style `{value}`: the styles are {all}.",
        "log.col.time": "time", "log.col.step": "step", "log.col.command": "command",
        "sep.phrases": ", ", "list.or": " or ",
        "sep.clauses": "; ", "sep.label": ": ",
    ]
}
