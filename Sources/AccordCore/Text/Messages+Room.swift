extension Messages {
    /// The room page's walls and grid, the participant's revision diff, and how long the
    /// room took (`status`, `replay`).
    static let room: KeyValuePairs<String, String> = [
        "room.walls.none": "No open conflicts between departments.",
        "room.walls.not-yet": "Not audited yet: the walls show once the KPIs are audited.",
        "room.grid.heading": "The grid — goals × AARRR stages, each department's contributions",
        "room.grid.no-depts": "No departments yet.",
        "room.grid.nothing": "Nothing mapped yet: the grid fills in when goals are mapped to stages.",
        "room.diff.first": "First revision (r{n}): nothing changed before it.",
        "room.diff.heading": "What changed from {from} to {to}",
        "pace.days": "{n|# day|# days} {rest}",
        "pace.step": "{step} {time}",
        "pace.steps": "Time per step: {steps}",
        "pace.goal.adopted": "{goal} {time}",
        "pace.goal.dropped": "{goal} dropped after {time}",
        "pace.goal.open": "{goal} still open",
        "pace.goal.timer": "(timer {ran} of {of})",
        "pace.goals": "Discussed until adopted: {goals}",
        "pace.too-large": "Time per step: not counted here for a session this large; `accord replay FILE` shows it.",
    ]
}
