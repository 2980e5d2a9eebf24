/// Every command, grouped as `help` lists them. Each step's commands live in their own file.
enum Registry {
    static var all: [CommandSpec] {
        GeneralCommands.all + SetupCommands.all + DisplayCommands.all + AuditCommands.all + GoalCommands.all + CarryCommands.all + MapCommands.all + SignCommands.all + YearCommands.all + ActualImportCommand.all + ExportCommands.all + ReviewExportCommand.all + RoomCommands.all
    }
}
