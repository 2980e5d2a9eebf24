import Foundation

/// The audit as the room sees it (`audit`, `accord audit FILE`) and as other tools read it
/// (`--format json`). Pure: state in, text out.
public struct AuditReport {
    public let state: State
    /// Fresh findings by identity, for their Chinese explanation.
    public let findings: [String: Finding]
    public let update: Register.Update
    let catalog: Catalog

    public init(state: State, findings: [Finding], update: Register.Update) {
        self.state = state
        catalog = Catalog(state)
        var m: [String: Finding] = [:]
        for f in findings { m[f.identity] = f }
        self.findings = m
        self.update = update
    }

    /// Runs the audit on a copy of the state (nothing recorded): for `accord audit FILE`.
    public static func preview(_ state: State) -> AuditReport {
        var d = Draft(state)
        let fs = Auditor.findings(state)
        let u = Register.update(&d, with: fs)
        return AuditReport(state: d.state, findings: fs, update: u)
    }

    /// Registered conflicts, most severe first, then by id; gone ones last.
    public var conflicts: [Conflict] {
        state.conflicts.all.sorted {
            let ga = $0.status == .gone, gb = $1.status == .gone
            if ga != gb { return !ga }
            if $0.severity != $1.severity { return $0.severity < $1.severity }
            return $0.id < $1.id
        }
    }

    // MARK: text

    public func text() -> String {
        let all = conflicts
        let live = all.filter { $0.status != .gone }
        guard !live.isEmpty || !update.gone.isEmpty else {
            return state.kpis.isEmpty ? t("audit.no-kpis") : Paint.good(t("audit.clean", ["n": "\(state.kpis.count)"]))
        }
        var out: [String] = [summaryLine(live)]
        var changes: [String] = []
        if !update.added.isEmpty { changes.append(t("audit.new", ["ids": Self.ids(update.added)])) }
        if !update.returned.isEmpty { changes.append(t("audit.returned", ["ids": Self.ids(update.returned)])) }
        if !update.gone.isEmpty { changes.append(t("audit.gone", ["ids": Self.ids(update.gone)])) }
        if !changes.isEmpty { out.append(Paint.faint(changes.joined(separator: " · "))) }
        let width = live.map { "\($0.ref)".count }.max() ?? 2
        let open = live.filter { $0.status == .open }
        let settled = live.filter { $0.status != .open }
        for c in open {
            out.append("")
            out.append(contentsOf: block(c, idWidth: width))
        }
        if !settled.isEmpty {
            out.append("")
            out.append(Paint.strong(t("audit.settled-heading")))
            for c in settled { out.append(settledLine(c, idWidth: width)) }
        }
        let walls = Walls(live, state: state)
        if !walls.isEmpty {
            out.append("")
            out.append(contentsOf: Self.render(walls, state))
        }
        out.append("")
        out.append(nextLine(open))
        return out.joined(separator: "\n")
    }

    func summaryLine(_ live: [Conflict]) -> String {
        var parts = [t("audit.summary.conflicts", ["n": "\(live.count)"])]
        for sev in Severity.allCases {
            let n = live.filter { $0.severity == sev }.count
            if n > 0 { parts.append(Self.paint(sev, t("audit.summary.severity", ["n": "\(n)", "severity": sev.label]))) }
        }
        let open = live.filter { $0.status == .open }.count
        parts.append(t("audit.summary.open", ["n": "\(open)"]))
        let resolved = live.filter { $0.status == .resolved }.count
        let accepted = live.filter { $0.status == .accepted }.count
        if resolved > 0 { parts.append(t("audit.summary.resolved", ["n": "\(resolved)"])) }
        if accepted > 0 { parts.append(t("audit.summary.accepted", ["n": "\(accepted)"])) }
        return Paint.strong(parts.joined(separator: " · "))
    }

    /// One open conflict: the head line, its KPIs, what is wrong, what to do.
    public func block(_ c: Conflict, idWidth: Int = 3, full: Bool = false) -> [String] {
        let pad = String(repeating: " ", count: idWidth + 3)
        var lines = [" " + headLine(c, idWidth: idWidth)]
        lines.append(pad + kpiLine(c, limit: full ? 40 : 6))
        lines.append(pad + c.explanation.rendered())
        lines.append(pad + "→ " + c.remedy.rendered())
        return lines
    }

    func headLine(_ c: Conflict, idWidth: Int) -> String {
        let sev = Self.paint(c.severity, c.severity.label.padded(to: 6))
        return Paint.strong("\(c.ref)".padded(to: idWidth)) + "  " + sev + "  " + c.rule + "  " + deptLabel(c)
    }

    func settledLine(_ c: Conflict, idWidth: Int) -> String {
        let status = Paint.good(c.status.label)
        let note = c.note.map { " — \"\($0)\"" } ?? ""
        return " " + "\(c.ref)".padded(to: idWidth) + "  " + c.severity.label.padded(to: 6) + "  " + c.rule + "  "
            + deptLabel(c) + "  " + status + note
    }

    /// "行銷部 ↔ 業務部"; a long list is cut after four names.
    public func deptLabel(_ c: Conflict) -> String {
        let names = c.depts.prefix(4).map { state.deptName($0) }.joined(separator: " ↔ ")
        return c.depts.count > 4 ? names + " " + t("audit.more-depts", ["n": "\(c.depts.count - 4)"]) : names
    }

    /// "K3 廣告點擊率 ↑ · K6 線索轉化率 ↑"
    public func kpiLine(_ c: Conflict, limit: Int = 6) -> String {
        let detail = Auditor.rule(c.rule)?.detail ?? .plain
        var labels: [String] = []
        for id in c.kpis.prefix(limit) {
            guard let k = state.kpis[id] else { labels.append(Paint.faint(t("audit.kpi-removed", ["id": "\(ID(.kpi, id))"]))); continue }
            labels.append(Self.label(k, detail, catalog))
        }
        if c.kpis.count > limit { labels.append(t("audit.more-kpis", ["n": "\(c.kpis.count - limit)"])) }
        return labels.joined(separator: " · ")
    }

    static func label(_ k: KPI, _ detail: KPIDetail, _ catalog: Catalog) -> String {
        let head = "\(k.ref) \(k.name)"
        switch detail {
        case .arrow:
            let dir = k.dir ?? k.metric.flatMap { catalog.metric($0)?.dir }
            return head + " " + (dir?.arrow ?? "?")
        case .source:
            return head + " (\(k.source ?? t("audit.none")))"
        case .definition:
            let parts = [k.unit, k.cycle?.rawValue].compactMap { $0 }
            return head + (parts.isEmpty ? "" : " (\(parts.joined(separator: Punct.list)))")
        case .owner:
            return head + " (\(k.owner ?? t("audit.no-owner")))"
        case .weight:
            return head + " " + (k.weight.map { Num.format($0) } ?? t("audit.no-weight"))
        case .missing:
            let dir = k.dir ?? k.metric.flatMap { catalog.metric($0)?.dir }
            let m = NotSmart.missing(k, dir: dir)
            return m.isEmpty ? head : head + " (" + t("audit.missing", ["what": m.joined(separator: Punct.list)]) + ")"
        case .plain:
            return head
        case .lastYear:
            guard let l = k.last else { return head }
            return head + " (" + CarryText.lastYearNote(l, unit: k.unit) + ")"
        }
    }

    /// The explanation in Traditional Chinese for the JSON report, when the catalog has it
    /// (a format-1 conflict stored English only).
    static func traditional(_ text: StoredText) -> String? {
        guard case let .catalog(m) = text, Messages.catalog(.zhHant)[m.key] != nil else { return nil }
        return m.rendered(in: .zhHant)
    }

    func nextLine(_ open: [Conflict]) -> String {
        let high = open.filter { $0.severity == .high }
        if !high.isEmpty {
            return t("audit.next.high", ["ids": Self.ids(high.map(\.id), limit: 8)])
        }
        if !open.isEmpty { return t("audit.next.open") }
        return t("audit.next.done")
    }

    // MARK: walls

    /// The department × department grid, or the busiest pairs when the room is too large.
    public static func render(_ walls: Walls, _ state: State) -> [String] {
        var out = [Paint.strong(t("audit.walls.heading"))]
        if walls.depts.count > 12 {
            for (a, b, n) in walls.busiest(10) {
                let pair = a == b ? state.deptName(a) + " " + t("audit.walls.inside") : state.deptName(a) + " ↔ " + state.deptName(b)
                out.append("  " + pair + "  " + "\(n)")
            }
            return out
        }
        let names = walls.depts.map { state.deptName($0) }
        var table = TextTable([""] + names, indent: 1, gap: 3)
        for (i, name) in names.enumerated() {
            // each count centred under its department's name
            let cells = walls.counts[i].enumerated().map { j, n -> String in
                let text = n == 0 ? "·" : "\(n)"
                let w = names[j].displayWidth
                return String(repeating: " ", count: max(0, (w - text.displayWidth) / 2)) + text
            }
            table.row([name] + cells)
        }
        out.append(table.render())
        return out
    }

    // MARK: helpers

    static func paint(_ s: Severity, _ text: String) -> String {
        switch s {
        case .high: return Paint.bad(text)
        case .medium: return Paint.warn(text)
        case .low: return text
        }
    }

    /// "C1 C3 C4", at most `limit` of them.
    public static func ids(_ ids: [Int], limit: Int = 12) -> String {
        let shown = ids.prefix(limit).map { "\(ID(.conflict, $0))" }.joined(separator: " ")
        return ids.count > limit ? shown + " " + t("audit.and-more", ["n": "\(ids.count - limit)"]) : shown
    }

    // MARK: JSON

    public struct JSON: Encodable {
        public struct Summary: Encodable {
            var conflicts: Int, open: Int, resolved: Int, accepted: Int, gone: Int
            var high: Int, medium: Int, low: Int
            var openHigh: Int
        }
        public struct KPIEntry: Encodable {
            var id: String, department: String, name: String
            var metric: String?, dir: String?, target: Double?, unit: String?, source: String?
            var cycle: String?, weight: Double?, owner: String?
        }
        public struct Entry: Encodable {
            var id: String, rule: String, severity: String, status: String
            var new: Bool
            var departments: [String]
            var kpis: [KPIEntry]
            var metrics: [String]
            var explanation: String
            var explanationZH: String?
            var remedy: String
            var note: String?
        }
        public struct WallsEntry: Encodable {
            var departments: [String]
            var counts: [[Int]]
        }
        var title: String, period: String, step: String
        var summary: Summary
        var conflicts: [Entry]
        var walls: WallsEntry
    }

    public func json() throws -> Data {
        let all = conflicts
        let live = all.filter { $0.status != .gone }
        let added = Set(update.added)
        let entries = all.map { c -> JSON.Entry in
            let kpis = c.kpis.compactMap { state.kpis[$0] }.map { k in
                JSON.KPIEntry(id: "\(k.ref)", department: state.deptName(k.dept), name: k.name, metric: k.metric,
                              dir: (k.dir ?? k.metric.flatMap { catalog.metric($0)?.dir })?.rawValue, target: k.target,
                              unit: k.unit, source: k.source, cycle: k.cycle?.rawValue, weight: k.weight, owner: k.owner)
            }
            return JSON.Entry(id: "\(c.ref)", rule: c.rule, severity: c.severity.rawValue, status: c.status.rawValue,
                              new: added.contains(c.id), departments: c.depts.map { state.deptName($0) }, kpis: kpis,
                              metrics: c.metrics, explanation: c.explanation.rendered(),
                              explanationZH: Self.traditional(c.explanation), remedy: c.remedy.rendered(), note: c.note)
        }
        let walls = Walls(live, state: state)
        let summary = JSON.Summary(
            conflicts: live.count, open: live.filter { $0.status == .open }.count,
            resolved: live.filter { $0.status == .resolved }.count, accepted: live.filter { $0.status == .accepted }.count,
            gone: all.count - live.count, high: live.filter { $0.severity == .high }.count,
            medium: live.filter { $0.severity == .medium }.count, low: live.filter { $0.severity == .low }.count,
            openHigh: live.filter { $0.severity == .high && $0.status == .open }.count)
        let doc = JSON(title: state.meta.title, period: state.meta.period, step: state.meta.step.rawValue, summary: summary,
                       conflicts: entries,
                       walls: JSON.WallsEntry(departments: walls.depts.map { state.deptName($0) }, counts: walls.counts))
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try enc.encode(doc)
    }
}
