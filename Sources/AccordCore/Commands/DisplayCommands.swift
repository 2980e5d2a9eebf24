/// `numbers` and `dates`: how this screen shows large numbers (萬/億 or digits) and dates
/// (2027-12-31, 2027/12/31, 民國116年12月31日). A reader's preference for the rest of the run,
/// not an event: nothing in the session, no digest, no machine export (JSON, CSV) changes.
/// `ACCORD_NUMBERS` and `ACCORD_DATES` set them before the run.
enum DisplayCommands {
    static var all: [CommandSpec] { [numbers, dates] }

    static let numbers = CommandSpec(
        "numbers", usage: "numbers [auto|myriad|plain]", example: "numbers plain", args: 0...1
    ) { inv, _, _ in
        let settings = Display.settings
        if let word = inv.args.first {
            guard let style = NumberStyle(rawValue: word.lowercased()) else {
                throw CommandError("numbers.unknown", ["value": word, "all": NumberStyle.allCases.map(\.rawValue).joined(separator: Punct.list)])
            }
            settings.numbers = style
        }
        let effective = Display.numbers()
        return Outcome(t("numbers.shown", ["style": settings.numbers.rawValue, "example": Num.show(150_000_000),
                                           "effective": effective.rawValue]))
    }

    static let dates = CommandSpec(
        "dates", usage: "dates [auto|iso|slash|minguo]", example: "dates minguo", args: 0...1
    ) { inv, _, _ in
        let settings = Display.settings
        if let word = inv.args.first {
            guard let style = DateStyle(rawValue: word.lowercased()) else {
                throw CommandError("dates.unknown", ["value": word, "all": DateStyle.allCases.map(\.rawValue).joined(separator: Punct.list)])
            }
            settings.dates = style
        }
        return Outcome(t("dates.shown", ["style": settings.dates.rawValue, "example": Dates.show("2027-12-31"),
                                         "stored": "2027-12-31", "effective": Display.dates().rawValue]))
    }
}
