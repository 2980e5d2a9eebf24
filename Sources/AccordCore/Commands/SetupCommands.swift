/// Step 0, setup: the session's title and period, and the departments in the room.
enum SetupCommands {
    static var all: [CommandSpec] {
        [title, period, lang, deptAdd, deptEdit, deptList, deptRemove, deptRename]
    }

    /// `lang zh-Hant`: the room's language, recorded in the session (an event), so that
    /// replay and exports speak it too. `lang` alone says which language is in use and why.
    static let lang = CommandSpec(
        "lang", usage: "lang [en|zh-Hant|zh-Hans]", example: "lang zh-Hant", args: 0...1
    ) { inv, d, _ in
        guard let tag = inv.args.first else {
            let current = Language.current
            guard let room = d.state.meta.lang else {
                return Outcome(t("lang.shown.locale", ["lang": current.rawValue, "name": current.name]))
            }
            if room != current {
                return Outcome(t("lang.shown.told", ["lang": current.rawValue, "name": current.name, "room": room.rawValue]))
            }
            return Outcome(t("lang.shown", ["lang": current.rawValue, "name": current.name]))
        }
        guard let l = Language(tag: tag) else {
            throw CommandError("lang.unknown", ["value": tag, "all": Language.allCases.map(\.rawValue).joined(separator: Punct.list)])
        }
        guard d.state.meta.lang != l else { return Outcome(t("lang.already", ["lang": l.rawValue, "name": l.name])) }
        d.meta { $0.lang = l }
        return Outcome(t("lang.set", ["lang": l.rawValue, "name": l.name]))
    }

    static let title = CommandSpec(
        "title", usage: "title TEXT", example: "title \"Acme 2027 Annual Alignment\"", args: 1...1, restJoins: true,
        step: .setup
    ) { inv, d, _ in
        let text = try Names.clean(inv.args[0], what: "what.title")
        d.meta { $0.title = text }
        return Outcome(t("setup.title-set", ["title": text]))
    }

    static let period = CommandSpec(
        "period", usage: "period TEXT", example: "period 2027", args: 1...1, restJoins: true, step: .setup
    ) { inv, d, _ in
        let text = try Names.clean(inv.args[0], what: "what.period")
        d.meta { $0.period = text }
        return Outcome(t("setup.period-set", ["period": text]))
    }

    static let deptAdd = CommandSpec(
        "dept add", usage: "dept add NAME [--head PERSON] [--supervisor PERSON]",
        example: "dept add 行銷部 --head 林經理 --supervisor 王副總",
        flags: [FlagSpec("head", "PERSON"), FlagSpec("supervisor", "PERSON")], args: 1...1, step: .setup
    ) { inv, d, _ in
        let name = try Names.clean(inv.args[0], what: "what.department")
        if let existing = d.state.department(named: name) {
            throw CommandError("dept.exists", ["name": existing.name])
        }
        let id = d.nextID(.department)
        let dept = Department(id: id, name: name, head: try inv.flag("head").map { try Names.clean($0, what: "what.person") },
                              supervisor: try inv.flag("supervisor").map { try Names.clean($0, what: "what.person") })
        d.put(dept)
        return Outcome(t("dept.added", ["name": name, "n": "\(d.state.depts.count)"]))
    }

    static let deptEdit = CommandSpec(
        "dept edit", usage: "dept edit NAME [--head PERSON] [--supervisor PERSON]",
        example: "dept edit Sales --head \"Omar Haddad\"",
        flags: [FlagSpec("head", "PERSON"), FlagSpec("supervisor", "PERSON")], args: 1...1, step: .setup
    ) { inv, d, _ in
        var dept = try Names.department(inv.args[0], in: d.state)
        guard inv.flag("head") != nil || inv.flag("supervisor") != nil else {
            throw CommandError("dept.edit-nothing")
        }
        if let h = inv.flag("head") { dept.head = try Names.clean(h, what: "what.person") }
        if let s = inv.flag("supervisor") { dept.supervisor = try Names.clean(s, what: "what.person") }
        d.put(dept)
        return Outcome(t("dept.edited", ["name": dept.name, "head": dept.head ?? "–", "supervisor": dept.supervisor ?? "–"]))
    }

    static let deptList = CommandSpec("dept list", usage: "dept list", example: "dept list", step: .setup) { _, d, _ in
        let s = d.state
        guard !s.depts.isEmpty else { return Outcome(t("dept.none")) }
        var kpis: [Int: Int] = [:], contribs: [Int: Int] = [:]
        for k in s.kpis.byKey.values { kpis[k.dept, default: 0] += 1 }
        for c in s.contribs.byKey.values { contribs[c.dept, default: 0] += 1 }
        var table = TextTable([t("col.department"), t("col.head"), t("col.supervisor"), t("col.kpis"), t("col.contributions")],
                              align: [.left, .left, .left, .right, .right])
        for dept in s.departments {
            table.row([dept.name, dept.head ?? "–", dept.supervisor ?? "–", "\(kpis[dept.id] ?? 0)", "\(contribs[dept.id] ?? 0)"])
        }
        return Outcome(table.render())
    }

    static let deptRemove = CommandSpec(
        "dept rm", usage: "dept rm NAME", example: "dept rm 內容組", args: 1...1, step: .setup
    ) { inv, d, _ in
        let dept = try Names.department(inv.args[0], in: d.state)
        var removed: [String] = []
        let kpis = d.state.kpis.filter { $0.dept == dept.id }
        for k in kpis { d.remove(k) }
        if !kpis.isEmpty { removed.append(t("dept.rm.kpis", ["n": "\(kpis.count)"])) }
        let contribs = d.state.contribs.filter { $0.dept == dept.id }
        for c in contribs { d.remove(c) }
        if !contribs.isEmpty { removed.append(t("dept.rm.contribs", ["n": "\(contribs.count)"])) }
        let votes = d.state.votes.filter { $0.dept == dept.id }
        for v in votes { d.remove(v) }
        for var g in d.state.goals.all where g.revisions.contains(where: { $0.owner == dept.id }) {
            for i in g.revisions.indices where g.revisions[i].owner == dept.id { g.revisions[i].owner = nil }
            d.put(g)
        }
        if !votes.isEmpty { removed.append(t("dept.rm.votes", ["n": "\(votes.count)"])) }
        let sigs = d.state.signatures.filter { $0.dept == dept.id }
        for s in sigs { d.remove(s) }
        if !sigs.isEmpty { removed.append(t("dept.rm.signatures", ["n": "\(sigs.count)"])) }
        d.remove(dept)
        let with = removed.isEmpty ? "" : t("dept.rm.with", ["what": removed.joined(separator: Punct.list)])
        return Outcome(t("dept.removed", ["name": dept.name, "with": with]))
    }

    static let deptRename = CommandSpec(
        "dept rename", usage: "dept rename OLD NEW", example: "dept rename 社群組 社群行銷組", args: 2...2, step: .setup
    ) { inv, d, _ in
        var dept = try Names.department(inv.args[0], in: d.state)
        let new = try Names.clean(inv.args[1], what: "what.department")
        if let other = d.state.department(named: new), other.id != dept.id {
            throw CommandError("dept.exists", ["name": other.name])
        }
        let old = dept.name
        dept.name = new
        d.put(dept)
        return Outcome(t("dept.renamed", ["old": old, "new": new]))
    }
}

/// Checking names people type and finding what they name.
public enum Names {
    /// Trims, refuses empty names and control characters, folds inner runs of spaces. `what`
    /// is the catalog key of what the name names (`what.kpi`), said inside the refusal.
    public static func clean(_ raw: String, what: String) throws -> String {
        let trimmed = raw.fastTrimmed()
        let noun = ["what": Message(what)]
        guard !trimmed.isEmpty else { throw CommandError(Message("error.empty-name", nested: noun)) }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw CommandError(Message("error.control-chars", nested: noun))
        }
        guard trimmed.count <= 200 else { throw CommandError(Message("error.too-long", nested: noun)) }
        return trimmed.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// The department with this name, or an error that names the nearest one.
    public static func department(_ name: String, in s: State) throws -> Department {
        if let d = s.department(named: name) { return d }
        let names = s.departments.map(\.name)
        if names.isEmpty { throw CommandError("dept.none-yet", ["name": name]) }
        let nearest = Nearest.match(name, in: names).map { Shell.quote($0) }
        throw CommandError(.suggesting("dept.unknown", ["name": name, "all": names.map { Shell.quote($0) }.joined(separator: Punct.list)], nearest: nearest))
    }
}

import Foundation
