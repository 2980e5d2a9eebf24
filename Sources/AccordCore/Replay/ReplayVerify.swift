import Foundation

/// `replay --verify`: the stored state must be the fold of the stored events, and the
/// events must form an unbroken hash chain that ends where the head says.
///
///     let check = ReplayVerify.run(try SessionFile.parse(bytes))
///     check.holds   // false when anything was edited by hand
public struct ReplayVerification: Equatable, Sendable {
    public var events: Int
    /// Problems of the hash chain and the head, first broken link first.
    public var integrity: [String]
    /// Why the re-fold does not give the stored state: an event that cannot be read or does
    /// not apply, or the tables and entities that differ.
    public var fold: [String]
    /// Every seal checked (docs/seal.md): what does not hold, and the keys whose seals do.
    public var seals: [String] = []
    public var sealedBy: [String] = []

    public var holds: Bool { integrity.isEmpty && fold.isEmpty && seals.isEmpty }

    public func text(file: String) -> String {
        var lines: [String] = []
        if integrity.isEmpty {
            lines.append("  " + Paint.good("✓ " + t("replay.verify.chain-ok", ["n": "\(events)"])))
        } else {
            for p in integrity { lines.append("  " + Paint.bad("✗ " + p)) }
        }
        if fold.isEmpty {
            lines.append("  " + Paint.good("✓ " + t("replay.verify.fold-ok", ["n": "\(events)"])))
        } else {
            for p in fold { lines.append("  " + Paint.bad("✗ " + p)) }
        }
        for k in sealedBy where seals.isEmpty { lines.append("  " + Paint.good(t("replay.verify.sealed", ["key": Fingerprint.short(k)]))) }
        if sealedBy.isEmpty && seals.isEmpty { lines.append("  " + Paint.warn(t("replay.verify.unsealed"))) }
        for p in seals { lines.append("  " + Paint.bad("✗ " + p)) }
        lines.append(holds ? Paint.good(t("replay.verify.holds", ["file": file]))
                           : Paint.bad(t(integrity.isEmpty && fold.isEmpty ? "replay.verify.seal-fails" : "replay.verify.fails", ["file": file])))
        return lines.joined(separator: "\n")
    }
}

public enum ReplayVerify {
    /// Checks a session file's bytes: the chain and the head, then the fold of every event
    /// from the empty session against the stored state. Throws `SessionFile.LoadError` when
    /// the bytes are not a session file.
    public static func run(file data: Data) throws -> ReplayVerification {
        run(try SessionFile.parse(data))
    }

    /// Checks a parsed file with the typed fold.
    public static func run(_ image: SessionFile.Image) -> ReplayVerification {
        let integrity = SessionFile.integrityProblems(image)
        var check = ReplayVerification(events: image.lines.count, integrity: integrity,
                                       fold: foldProblems(image.lines, stored: image.state))
        let review = SealReview.review(image.seal, head: image.head, lines: image.lines)
        check.seals = review.problems
        check.sealedBy = review.keysThatSealed
        return check
    }

    /// Re-folds `lines` from the empty session and compares the result with `stored`. The
    /// lines are decoded on every core (`ReplayLog`), then folded in order. Used by
    /// `replay --verify` and `verify` alike.
    public static func foldProblems(_ lines: [Data], stored: State) -> [String] {
        let events: [Event]
        do { events = try ReplayLog.decode(lines) } catch {
            return ["\(error)"]
        }
        var s = State()
        for e in events {
            do { try s.fold(e) } catch {
                return [t("replay.does-not-apply", ["seq": "\(e.seq)", "why": "\(error)"])]
            }
        }
        if s == stored { return [] }
        return [t("verify.fold-differs", ["n": "\(events.count)", "where": Verifier.differences(stored: stored, folded: s)])]
    }
}

/// The state at a point of the log, and how `replay --at N` shows it.
public enum ReplayView {
    /// What `--show` can add to the status view.
    public enum Show: String, CaseIterable, Sendable {
        case status, grid, goals, conflicts, letters
    }

    /// The state after the first `n` events (0: the empty session).
    public static func state(after n: Int, of events: [Event]) throws -> State {
        try State.folding(events.prefix(n))
    }

    /// The status view of the state after event `n` (of `total`), then each view asked for.
    /// `timing`: how long the steps and the goals took up to event N (`Pace.lines`), shown
    /// in the status view as `status` shows them.
    public static func render(n: Int, total: Int, event: Event?, state s: State, show: [Show], timing: [String] = []) -> String {
        var head = t("replay.at.head", ["n": "\(n)", "total": "\(total)"])
        if let e = event {
            head += " · " + Time.short(e.time) + " · " + Status.stepTitle(e.step) + " · " + e.command
        }
        var out = [Paint.strong(head)]
        var views = show.isEmpty ? [.status] : show
        if !views.contains(.status) { views.insert(.status, at: 0) }
        var seen = Set<Show>()
        for v in views where seen.insert(v).inserted {
            if v != .status { out.append(""); out.append(Paint.strong(t("replay.at.view." + v.rawValue))) }
            out.append(view(v, s, now: event?.time, timing: timing))
        }
        return out.joined(separator: "\n")
    }

    /// One view of a state, rendered by the same code as the command that shows it. A view
    /// whose step had produced nothing yet says so, rather than render an empty result as if
    /// the step had been done (an audit that "found no conflicts" before any audit ran).
    public static func view(_ v: Show, _ s: State, now: String?, timing: [String] = []) -> String {
        let at = Status.stepTitle(s.meta.step)
        switch v {
        case .status:
            return Status.render(s, fileName: "", saved: true, timing: timing)
        case .grid:
            if !s.depts.isEmpty, s.contribs.isEmpty, s.meta.step < .map { return t("replay.at.no-map-yet", ["step": at]) }
            return GridText.render(Grid(s), s)
        case .goals:
            if s.goals.isEmpty, s.meta.step < .goals { return t("replay.at.no-goals-yet", ["step": at]) }
            guard !s.goals.isEmpty else { return t("goal.none") }
            return s.goals.all.map { GoalText.show($0, in: s, now: now) }.joined(separator: "\n\n")
        case .conflicts:
            // the same test as the status line's "not audited yet": KPIs, nothing registered
            if !s.kpis.isEmpty, s.conflicts.isEmpty { return t("replay.at.not-audited", ["n": "\(s.kpis.count)", "step": at]) }
            return AuditReport(state: s, findings: [], update: Register.Update()).text()
        case .letters:
            if !s.depts.isEmpty, s.contribs.isEmpty, s.signatures.isEmpty, s.meta.step < .map {
                return t("replay.at.no-letters-yet", ["step": at, "map": Status.stepTitle(.map), "sign": Status.stepTitle(.sign)])
            }
            let letters = Signatures.review(s)
            guard !letters.isEmpty else { return t("grid.no-depts") }
            let index = LetterIndex(s)
            return letters.map { LetterText.render(Letter($0.dept, in: s, index: index), $0, s) }.joined(separator: "\n\n")
        }
    }
}
