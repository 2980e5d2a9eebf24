/// The carried-over values read straight off the tape (`TapeDecoder`), as the other entities are.

extension Lineage: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var file: String?, head: String?, events: Int?, title: String?, period: String?, review: String?, goals: [PriorGoal]?
        try t.members(e) { k, v in
            switch k {
            case "file": file = try t.string(v)
            case "head": head = try t.string(v)
            case "events": events = try t.int(v)
            case "title": title = try t.string(v)
            case "period": period = try t.string(v)
            case "review": review = try t.string(v)
            case "goals": goals = try t.array(v) { try t.entity($0) as PriorGoal }
            default: break
            }
        }
        self.init(file: try required(file, "file"), head: try required(head, "head"), events: try required(events, "events"),
                  title: try required(title, "title"), period: try required(period, "period"),
                  review: try required(review, "review"), goals: try required(goals, "goals"))
    }
}

extension PriorGoal: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var ref: String?, title: String?, stages: [Stage]?
        var g = PriorGoal(ref: "", title: "")
        try t.members(e) { k, v in
            switch k {
            case "ref": ref = try t.string(v)
            case "title": title = try t.string(v)
            case "metric": g.metric = try t.optString(v)
            case "baseline": g.baseline = try t.optDouble(v)
            case "target": g.target = try t.optDouble(v)
            case "unit": g.unit = try t.optString(v)
            case "by": g.by = try t.optString(v)
            case "owner": g.owner = try t.optString(v)
            case "stages": stages = try t.array(v) { try t.raw($0, Stage.self) }
            case "progress": g.progress = try t.optDouble(v)
            default: break
            }
        }
        g.ref = try required(ref, "ref")
        g.title = try required(title, "title")
        g.stages = try required(stages, "stages")
        self = g
    }
}

extension PriorAdjustment: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var ref: String?, from: String?, oldTarget: Double?, target: Double?, reason: String?
        try t.members(e) { k, v in
            switch k {
            case "ref": ref = try t.string(v)
            case "from": from = try t.string(v)
            case "oldTarget": oldTarget = try t.double(v)
            case "target": target = try t.double(v)
            case "reason": reason = try t.string(v)
            default: break
            }
        }
        self.init(ref: try required(ref, "ref"), from: try required(from, "from"), oldTarget: try required(oldTarget, "oldTarget"),
                  target: try required(target, "target"), reason: try required(reason, "reason"))
    }
}

extension LastYear: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var period: String?, contrib: String?, goal: String?, floor: Double?, target: Double?, challenge: Double?
        var actual: Double?, completion: Double?, grade: String?, months: Int?, missing: Int?, adjustments: [PriorAdjustment]?
        try t.members(e) { k, v in
            switch k {
            case "period": period = try t.string(v)
            case "contrib": contrib = try t.string(v)
            case "goal": goal = try t.optString(v)
            case "floor": floor = try t.double(v)
            case "target": target = try t.double(v)
            case "challenge": challenge = try t.double(v)
            case "actual": actual = try t.optDouble(v)
            case "completion": completion = try t.optDouble(v)
            case "grade": grade = try t.optString(v)
            case "months": months = try t.int(v)
            case "missing": missing = try t.int(v)
            case "adjustments": adjustments = try t.array(v) { try t.entity($0) as PriorAdjustment }
            default: break
            }
        }
        self.init(period: try required(period, "period"), contrib: try required(contrib, "contrib"), goal: goal,
                  bounds: Bounds(floor: try required(floor, "floor"), target: try required(target, "target"),
                                 challenge: try required(challenge, "challenge")),
                  actual: actual, completion: completion, grade: grade, months: try required(months, "months"),
                  missing: try required(missing, "missing"), adjustments: try required(adjustments, "adjustments"))
    }
}
