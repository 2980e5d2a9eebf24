/// The gates, `status` lines and hints of steps 5 track and 6 review, and the sign step's
/// gate into them: the year is tracked against signed letters only.
public enum YearGate {
    /// Letters that are not signed by both (or void): `next` from sign into track waits for
    /// them (or `--force REASON`).
    public static func signBlockers(_ s: State) -> [String] {
        let letters = Signatures.review(s).filter { !Letter($0.dept, in: s).rows.isEmpty }
        if letters.isEmpty { return [t("gate.sign.no-letters")] }
        let open = letters.filter { $0.status != .signed }
        guard !open.isEmpty else { return [] }
        return [t("gate.sign.unsigned", ["n": "\(open.count)", "depts": open.map(\.dept.name).joined(separator: ", ")])]
    }

    /// The sign step's hint (`SignGate.nextHint`), and once every letter is signed, the way on
    /// into the year.
    public static func signHint(_ s: State) -> String {
        let hint = SignGate.nextHint(s)
        return signBlockers(s).isEmpty ? hint + "\n" + t("status.next.into-track") : hint
    }

    /// `12 actuals · latest 2027-07 · 2 early warnings`; nil before any actual.
    public static func trackSummary(_ s: State) -> String? {
        guard let (month, warnings) = EarlyWarning.current(s) else { return nil }
        var line = t("status.track", ["n": "\(s.actuals.count)", "latest": month.label])
        if !warnings.isEmpty { line += " · " + Paint.warn(t("status.track.warnings", ["n": "\(warnings.count)"])) }
        return line
    }

    /// At step 5: the first early warning, else what to type.
    public static func trackHint(_ s: State) -> String? {
        // a letter that was changed (an approved adjustment) is signed again first
        if Signatures.review(s).contains(where: { $0.status == .void }) { return SignGate.nextHint(s) }
        guard let (month, warnings) = EarlyWarning.current(s) else {
            let first = s.contribs.all.first { Mapping.counts($0, in: s) }
            return t("status.next.actual", ["cmd": "actual \(first.map { "\($0.ref)" } ?? "X1") \(defaultYear(s))-01 VALUE"])
        }
        if let w = warnings.first { return Paint.warn(t("status.next.warning", ["what": YearText.warning(w, s)])) }
        return t("status.next.track", ["period": month.canonical])
    }

    /// `review 2027: 3 departments scored`; nil before any actual.
    public static func reviewSummary(_ s: State) -> String? {
        guard s.meta.step >= .review || !s.retros.isEmpty, let month = YearReview.latestMonth(s) else { return nil }
        let r = YearReview(s, period: .whole(month.year))
        let grades = r.departments.compactMap { d in d.grade.map { "\(d.dept.name) \($0)" } }
        return t("status.review", ["period": r.period.label, "grades": grades.isEmpty ? "–" : grades.joined(separator: " · ")])
    }

    public static func reviewHint(_ s: State) -> String? {
        t("status.next.review", ["period": "\(YearReview.latestMonth(s)?.year ?? defaultYear(s))"])
    }

    /// The year the session is about: its period when it is one (`2027`), else the latest
    /// actual's, else the current one of the letters' period text.
    static func defaultYear(_ s: State) -> Int {
        if let p = YearPeriod(parsing: s.meta.period) { return p.year }
        if let m = YearReview.latestMonth(s) { return m.year }
        let digits = s.meta.period.unicodeScalars.filter { $0.properties.numericType != nil }
        return Int(String(String.UnicodeScalarView(digits.prefix(4)))) ?? 2027
    }
}
