import Foundation

/// Step 1, audit: the departments' current KPIs (typed or imported), the metric catalog,
/// the checks, and the conflict register.
enum AuditCommands {
    static var all: [CommandSpec] {
        [kpiAdd, kpiEdit, kpiRemove, kpiList, kpiImport, audit, conflictList, conflictShow, conflictResolve,
         conflictAccept, conflictReopen, metricList, metricShow, metricAdd, tensionAdd, tensionList]
    }
}
