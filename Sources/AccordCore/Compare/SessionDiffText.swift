import Foundation

/// `accord diff` as the room reads it (text, in the room's language), as Markdown, and as
/// JSON (schema/diff.schema.json).
public enum SessionDiffText {

    /// A field's value as a person reads it: numbers grouped, enums through the catalog.
    public static func value(_ field: String, _ v: String?) -> String {
        guard let v else { return "—" }
        switch field {
        case "target", "challenge", "floor", "weight", "baseline":
            return Double(v).map { Num.format($0) } ?? v
        case "stage": return Stage(rawValue: v)?.label ?? v
        case "stages": return v.split(separator: ",").map { Stage(rawValue: String($0))?.label ?? String($0) }.joined(separator: ", ")
        case "cycle": return Cycle(rawValue: v)?.label ?? v
        case "dir": return Direction(rawValue: v)?.arrow ?? v
        case "step": return Step(rawValue: v).map { t("step.name." + $0.rawValue) } ?? v
        case "status":
            if let g = GoalStatus(rawValue: v) { return g.label }
            return v == "valid" || v == "void" ? t("diff.sig." + v) : v
        case "delegate": return v == "yes" ? t("diff.yes") : v == "no" ? t("diff.no") : v
        case "metric": return Catalog().metric(v)?.displayName ?? v
        default: return v
        }
    }

    /// What an item's fields say: `target 1,200,000 → 1,300,000 · source A → B` (changed),
    /// `target 5 · unit %` (added, removed).
    public static func details(_ item: SessionDiff.Item) -> String {
        let fields = item.change == .changed ? item.fields : item.fields.filter { brief.contains($0.name) }
        return fields.map { f in
            let name = t("diff.field." + f.name)
            switch item.change {
            case .changed: return t("diff.field-changed", ["field": name, "old": value(f.name, f.old), "new": value(f.name, f.new)])
            case .added: return t("diff.field-value", ["field": name, "value": value(f.name, f.new)])
            case .removed: return t("diff.field-value", ["field": name, "value": value(f.name, f.old)])
            }
        }.joined(separator: " · ")
    }

    /// What an added or removed item shows in text and Markdown (JSON has every field).
    static let brief: Set<String> = ["head", "supervisor", "metric", "target", "unit", "weight", "goal", "stage", "signer", "status", "grade", "score"]

    /// What the item is: its name (a signature's role through the catalog), with its ids.
    public static func what(_ item: SessionDiff.Item, _ section: SessionDiff.Section) -> String {
        let name = section == .signatures ? (SignatureRole(rawValue: item.name)?.label ?? item.name) : item.name
        let ids = [item.idA, item.idB].compactMap { $0 }
        let shown = ids.count == 2 && ids[0] == ids[1] ? [ids[0]] : ids
        return shown.isEmpty || section == .session ? name : name + " (" + shown.joined(separator: "→") + ")"
    }

    static func mark(_ c: SessionDiff.Change) -> String {
        switch c {
        case .added: return Paint.good("+")
        case .removed: return Paint.bad("-")
        case .changed: return Paint.warn("~")
        }
    }

    public static func side(_ s: SessionDiff.Side) -> String {
        t("diff.side", ["label": s.label, "title": s.title.isEmpty ? "—" : s.title, "period": s.period.isEmpty ? "—" : s.period,
                        "n": "\(s.events)"])
    }

    public static func summary(_ d: SessionDiff) -> String {
        d.same ? t("diff.same") : t("diff.summary", ["n": "\(d.count)", "added": "\(d.count(.added))",
                                                    "removed": "\(d.count(.removed))", "changed": "\(d.count(.changed))"])
    }

    /// The text report, laid out for `width` columns; sections without differences are left out.
    public static func render(_ d: SessionDiff, width: Int = 80) -> String {
        var out = [Paint.strong(t("diff.head")), "  A  " + side(d.a), "  B  " + side(d.b)]
        for part in d.parts where !part.items.isEmpty {
            out.append("")
            out.append(Paint.strong(t("diff.section." + part.section.rawValue)))
            // the details may wrap inside their cell
            var table = TextTable(indent: 2)
            table.wraps(2, hanging: 2)
            table.prose(2)
            for item in part.items {
                let name = what(item, part.section)
                let label = item.dept.map { $0 + " · " + name } ?? name
                table.row([mark(item.change), label, details(item)])
            }
            out.append(table.render(width: width))
        }
        out.append("")
        out.append(d.same ? Paint.good(summary(d)) : summary(d))
        return out.joined(separator: "\n")
    }

    public static func markdown(_ d: SessionDiff) -> String {
        var out = ["# " + Markdown.escape(t("diff.head")), "",
                   "- A: " + Markdown.escape(side(d.a)), "- B: " + Markdown.escape(side(d.b)), ""]
        for part in d.parts {
            out.append("## " + Markdown.escape(t("diff.section." + part.section.rawValue)))
            out.append("")
            if part.items.isEmpty {
                out.append(Markdown.escape(t("diff.none")))
            } else {
                let rows = part.items.map { i in
                    [t("diff.change." + i.change.rawValue), i.dept ?? "", what(i, part.section), details(i)]
                }
                out.append(Markdown.table([t("diff.col.change"), t("diff.col.dept"), t("diff.col.what"), t("diff.col.details")], rows))
            }
            out.append("")
        }
        out.append(Markdown.escape(summary(d)))
        return out.joined(separator: "\n") + "\n"
    }

    public static let format = "accord-diff"
    public static let version = 1

    struct Doc: Encodable {
        var format: String
        var version: Int
        var same: Bool
        var a: SessionDiff.Side
        var b: SessionDiff.Side
        var summary: [String: Int]
        var sections: [String: [SessionDiff.Item]]
    }

    /// The JSON document (schema/diff.schema.json): keys sorted, absent values left out.
    public static func json(_ d: SessionDiff) throws -> Data {
        var sections: [String: [SessionDiff.Item]] = [:]
        for p in d.parts { sections[p.section.rawValue] = p.items }
        let doc = Doc(format: format, version: version, same: d.same, a: d.a, b: d.b,
                      summary: ["added": d.count(.added), "removed": d.count(.removed), "changed": d.count(.changed)],
                      sections: sections)
        var data = try JSONExport.encoder().encode(doc)
        data.append(0x0a)
        return data
    }
}
