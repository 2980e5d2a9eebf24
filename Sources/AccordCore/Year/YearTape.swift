/// The tape readers of the year's tables (see TapeEntities.swift: each must read exactly what
/// its `Codable` form reads; TapeEntityTests holds them equal).

extension Tape {
    func period(_ e: Int) throws -> YearPeriod {
        let raw = try string(e)
        guard let p = YearPeriod(canonical: raw) else { throw TapeDecoder.Failure(.unknownValue("YearPeriod")) }
        return p
    }
}

extension GradeBand: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var grade: String?, min: Double?
        try t.members(e) { k, v in
            switch k {
            case "grade": grade = try t.string(v)
            case "min": min = try t.double(v)
            default: break
            }
        }
        self.init(try required(grade, "grade"), try required(min, "min"))
    }
}

extension Actual: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var contrib: Int?, period: YearPeriod?, value: Double?, note: String?, time: String?
        try t.members(e) { k, v in
            switch k {
            case "contrib": contrib = try t.int(v)
            case "period": period = try t.period(v)
            case "value": value = try t.double(v)
            case "note": note = try t.optString(v)
            case "time": time = try t.string(v)
            default: break
            }
        }
        self.init(contrib: try required(contrib, "contrib"), period: try required(period, "period"),
                  value: try required(value, "value"), note: note, time: try required(time, "time"))
    }
}

extension Miss: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var contrib: Int?, period: YearPeriod?, cause: String?, action: String?, owner: String?, time: String?
        try t.members(e) { k, v in
            switch k {
            case "contrib": contrib = try t.int(v)
            case "period": period = try t.period(v)
            case "cause": cause = try t.string(v)
            case "action": action = try t.string(v)
            case "owner": owner = try t.optString(v)
            case "time": time = try t.string(v)
            default: break
            }
        }
        self.init(contrib: try required(contrib, "contrib"), period: try required(period, "period"),
                  cause: try required(cause, "cause"), action: try required(action, "action"), owner: owner,
                  time: try required(time, "time"))
    }
}

extension Retro: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var dept: Int?, period: YearPeriod?, well: String?, problem: String?, next: String?, time: String?
        try t.members(e) { k, v in
            switch k {
            case "dept": dept = try t.int(v)
            case "period": period = try t.period(v)
            case "wentWell": well = try t.string(v)
            case "problem": problem = try t.string(v)
            case "next": next = try t.string(v)
            case "time": time = try t.string(v)
            default: break
            }
        }
        self.init(dept: try required(dept, "dept"), period: try required(period, "period"),
                  wentWell: try required(well, "wentWell"), problem: try required(problem, "problem"),
                  next: try required(next, "next"), time: try required(time, "time"))
    }
}

extension Adjustment: TapeDecodable {
    init(tape t: Tape, at e: Int) throws {
        var id: Int?, contrib: Int?, from: YearPeriod?, floor: Double?, target: Double?, challenge: Double?
        var oldFloor: Double?, oldTarget: Double?, oldChallenge: Double?, reason: String?, basis: String?
        var requested: String?, status: AdjustmentStatus?, by: String?, approved: String?
        try t.members(e) { k, v in
            switch k {
            case "id": id = try t.int(v)
            case "contrib": contrib = try t.int(v)
            case "from": from = try t.period(v)
            case "floor": floor = try t.double(v)
            case "target": target = try t.double(v)
            case "challenge": challenge = try t.double(v)
            case "oldFloor": oldFloor = try t.double(v)
            case "oldTarget": oldTarget = try t.double(v)
            case "oldChallenge": oldChallenge = try t.double(v)
            case "reason": reason = try t.string(v)
            case "basis": basis = try t.optString(v)
            case "requested": requested = try t.string(v)
            case "status": status = try t.raw(v, AdjustmentStatus.self)
            case "approvedBy": by = try t.optString(v)
            case "approved": approved = try t.optString(v)
            default: break
            }
        }
        self.init(id: try required(id, "id"), contrib: try required(contrib, "contrib"), from: try required(from, "from"),
                  new: Bounds(floor: try required(floor, "floor"), target: try required(target, "target"),
                              challenge: try required(challenge, "challenge")),
                  old: Bounds(floor: try required(oldFloor, "oldFloor"), target: try required(oldTarget, "oldTarget"),
                              challenge: try required(oldChallenge, "oldChallenge")),
                  reason: try required(reason, "reason"), basis: basis, requested: try required(requested, "requested"))
        self.status = try required(status, "status")
        self.approvedBy = by
        self.approved = approved
    }
}
