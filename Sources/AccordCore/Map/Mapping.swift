/// Which contributions count, and how the map step names things.
///
/// A contribution *counts* (is on its department's letter, in its weights, in the gate)
/// when its goal is adopted. Contributions to a goal that is still proposed (or was edited
/// after adoption and is being voted on again, or was dropped) stay in the map, marked
/// pending, and count again once the goal is adopted.
public enum Mapping {
    /// Is this contribution's goal adopted?
    public static func counts(_ c: Contribution, in s: State) -> Bool {
        s.goals[c.goal]?.status == .adopted
    }

    /// A department's weight total over the contributions that count.
    public static func weight(of dept: Int, in s: State) -> Double {
        s.contribs.byKey.values.reduce(0) { $0 + ($1.dept == dept && counts($1, in: s) ? $1.weight : 0) }
    }

    /// Weights are compared to 100 with a little tolerance (33.3 + 33.3 + 33.4).
    public static func isFull(_ total: Double) -> Bool { abs(total - 100) < 1e-6 }

    /// `retention 留存`
    public static func stageLabel(_ stage: Stage) -> String { t("stage.label." + stage.rawValue) }

    /// Stages in running text: their ids in English (`retention, revenue`), their names in
    /// Chinese (`留存、營收`).
    public static func stageNames(_ stages: [Stage]) -> String {
        Language.current == .en ? stages.map(\.rawValue).joined(separator: Punct.list) : stages.map(stageLabel).joined(separator: Punct.list)
    }

    /// What a stage's label adds to its name (`stage.*`), for a heading that shows the name
    /// with the gloss under it: `獲取` under `acquisition` in English; nil in Chinese, where the
    /// label is the name.
    public static func stageGloss(_ stage: Stage) -> String? {
        let label = stageLabel(stage), name = stage.label
        guard label != name else { return nil }
        let rest = label.hasPrefix(name) ? String(label.dropFirst(name.count)) : label
        let gloss = rest.trimmingCharacters(in: .whitespaces)
        return gloss.isEmpty ? nil : gloss
    }

    /// Stages in AARRR order, as `retention · revenue · referral`.
    public static func stageList(_ stages: [Stage], chinese: Bool = false) -> String {
        stages.sorted().map { chinese ? stageLabel($0) : $0.rawValue }.joined(separator: " · ")
    }

    /// Every stage, for errors: `acquisition 獲取, activation 激活, …`.
    public static var allStages: String { Stage.allCases.map(stageLabel).joined(separator: Punct.list) }

    /// The contribution an ID names: X4, x4 or 4.
    public static func contribution(_ text: String, in s: State) throws -> Contribution {
        guard let id = ID(parsing: text, as: .contribution), let c = s.contribs[id.number] else {
            let all = s.contribs.all.map { "\($0.ref)" }
            if all.isEmpty { throw CommandError("contrib.none-yet", ["id": text]) }
            let shown = all.count > 12 ? all.prefix(12).joined(separator: Punct.list) + Punct.list + "…" : all.joined(separator: Punct.list)
            throw CommandError("contrib.unknown", ["id": text, "all": shown])
        }
        return c
    }

    /// The direction a contribution's values are ordered by: its metric's, else the one its
    /// values imply.
    public static func direction(of c: Contribution, catalog: Catalog) -> Direction? {
        c.metric.flatMap { catalog.metric($0)?.dir }
            ?? Bounds(floor: c.floor, target: c.target, challenge: c.challenge).implied
    }

    /// `X7 70 (G2)`: a grid cell entry.
    public static func cell(_ c: Contribution, pending: Bool) -> String {
        "\(c.ref) \(Num.format(c.weight)) (\(ID(.goal, c.goal))\(pending ? "?" : ""))"
    }

    /// Source names compared case- and width-insensitively (`Salesforce` = `salesforce`).
    public static func sourceKey(_ source: String) -> String {
        let k = NameKey.of(source)
        return k.isEmpty ? source.lowercased() : k
    }
}
