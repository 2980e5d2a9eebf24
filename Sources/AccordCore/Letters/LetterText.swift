/// How a letter reads on the screen (`letter DEPT`) and the overview of all letters (`letter`).
///
///     目標責任書 · Responsibility letter — Marketing
///     Acme 2027 Annual Alignment · period 2027 · head Dana Reyes · supervisor Chris Wong
///     Serves G1 Raise customer lifetime value (r2) · G2 Lower blended acquisition cost (r1)
///
///      goal  KPI                       stage           weight  floor  target  challenge  unit     source      cycle
///      G2    Sales-accepted leads ↑    acquisition 獲取     70    700     900      1,100  leads    Salesforce  monthly
///      …
///     Completion: below floor 0% · floor 60% → target 100% → challenge 120% (straight lines; at most 120%)
///     Content digest sha256:3f9a…
///     Sealed by key 3F2A 91C0 … · letter digest sha256:3f9a…
///      head        Dana Reyes  2027-01-15 11:02  sha256:3f9a…c21e  ✓ valid
///      supervisor  Chris Wong  unsigned
public enum LetterText {
    /// `width`: the columns the screen has; long lines wrap between words, and the KPI table
    /// wraps its text cells and then leaves out cycle, source and unit (a note says so).
    /// With `showSeal`, the line that anchors the letter outside the file: the key that seals
    /// the session (`sealKey`, nil when none does) and the letter's digest (docs/seal.md).
    public static func render(_ letter: Letter, _ sigs: LetterSignatures, _ s: State, width: Int = .max,
                              showSeal: Bool = false, sealKey: String? = nil) -> String {
        let fit = { (text: String, hanging: Int) in TextWrap.block(text, width: width, hanging: hanging) }
        let catalog = Catalog(s)
        var lines: [String] = [Paint.strong(t("letter.title", ["dept": letter.dept]))]
        var head = [letter.session.isEmpty ? t("status.untitled") : letter.session]
        if !letter.period.isEmpty { head.append(t("status.period", ["period": letter.period])) }
        head.append(t("letter.head", ["name": letter.head ?? "–"]))
        head.append(t("letter.supervisor", ["name": letter.supervisor ?? "–"]))
        lines.append(fit(head.joined(separator: " · "), 2))
        if letter.goals.isEmpty {
            lines.append(t("letter.serves-none"))
        } else {
            lines.append(fit(t("letter.serves", ["goals": letter.goals.map { "\(ID(.goal, $0.id)) \($0.title) (r\($0.revision))" }.joined(separator: " · ")]), 2))
        }
        lines.append("")
        if letter.rows.isEmpty {
            lines.append("  " + t("letter.no-rows", ["dept": letter.dept]))
        } else {
            var table = TextTable([t("letter.col.goal"), "KPI", t("letter.col.stage"), t("letter.col.weight"), t("letter.col.floor"),
                                   t("letter.col.target"), t("letter.col.challenge"), t("letter.col.unit"), t("letter.col.source"),
                                   t("letter.col.cycle")],
                                  align: [.left, .left, .left, .right, .right, .right, .right, .left, .left, .left])
            table.wraps(1, 2, 7, 8)
            table.drops(9, 8, 7)
            for r in letter.rows {
                let arrow = Mapping.direction(of: r, catalog: catalog).map { " " + $0.arrow } ?? ""
                table.row(["\(ID(.goal, r.goal))", r.kpi + arrow, Mapping.stageLabel(r.stage), Num.show(r.weight), Num.show(r.floor),
                           Num.show(r.target), Num.show(r.challenge), r.unit, r.source, r.cycle.rawValue])
            }
            let total = letter.weightTotal
            let mark = Mapping.isFull(total) ? Paint.good("✓") : Paint.bad("✗")
            table.row(["", Paint.faint(t("letter.total")), "", Num.show(total) + " " + mark, "", "", "", "", "", ""])
            lines.append(table.render(width: width))
        }
        for p in letter.pending {
            let status = s.goals[p.goal].map { GoalText.status($0) } ?? "?"
            lines.append(fit(Paint.faint("  " + t("letter.pending", ["id": "\(p.ref)", "kpi": p.kpi, "goal": "\(ID(.goal, p.goal))", "status": Paint.strip(status)])), 4))
        }
        lines.append("")
        lines.append(fit(t("letter.completion", ["rule": letter.ruleText]), 2))
        if !letter.adjustments.isEmpty {
            lines.append(fit(t("letter.revision", ["n": "\(letter.revision)"]), 2))
            for a in letter.adjustments {
                lines.append(fit("  " + t("letter.adjustment", ["id": "\(a.ref)", "contrib": "\(ID(.contribution, a.contrib))",
                                                               "change": YearText.boundsChange(a.oldBounds, a.newBounds),
                                                               "from": a.from.label, "who": a.approvedBy ?? "–",
                                                               "reason": a.reason]), 4))
            }
        }
        lines.append(fit(t("letter.digest", ["digest": sigs.digest]), 2))
        if showSeal {
            lines.append(fit(sealKey.map { t("letter.seal", ["key": Fingerprint.full($0), "digest": sigs.digest]) }
                             ?? t("letter.seal.none", ["digest": sigs.digest]), 2))
        }
        var block = TextTable(indent: 1)
        block.wraps(1)
        for role in SignatureRole.allCases {
            let recorded = role == .head ? letter.head : letter.supervisor
            guard let check = sigs.check(role) else {
                block.row([Signatures.roleName(role), recorded ?? "–", Paint.faint(t("letter.unsigned"))])
                continue
            }
            let sig = check.signature
            let name = sig.delegate ? t("letter.delegate", ["name": sig.name, "for": recorded ?? "–"]) : sig.name
            let verdict = check.valid ? Paint.good(t("letter.valid")) : Paint.bad(t("letter.void"))
            block.row([Signatures.roleName(role), name, Time.short(sig.time), Letter.short(sig.digest), verdict])
        }
        lines.append(block.render(width: width))
        if sigs.earlier > 0 { lines.append(fit(Paint.faint(t("letter.earlier", ["n": "\(sigs.earlier)"])), 2)) }
        lines.append(fit(nextHint(letter, sigs), 2))
        return lines.joined(separator: "\n")
    }

    /// The letter worded by a company's template (`letter DEPT --template FILE`), as plain text
    /// for the screen: control characters (in the values, and in the template's own text) are
    /// shown as their codes, so no escape sequence reaches the terminal.
    public static func render(_ letter: Letter, _ sigs: LetterSignatures, template: LetterTemplate) -> String {
        let item = LetterSet.Item(sigs, letter: letter)
        var text = ControlCharacters.visible(template.render(item), keeping: ["\n"])
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// What to type next for this letter.
    static func nextHint(_ letter: Letter, _ sigs: LetterSignatures) -> String {
        if let why = letter.notReady { return Paint.warn(why) }
        for role in SignatureRole.allCases where !(sigs.check(role)?.valid ?? false) {
            let name = (role == .head ? letter.head : letter.supervisor) ?? t("sign.name-placeholder")
            return t("letter.next.sign", ["cmd": "sign \(Shell.quote(letter.dept)) \(role.rawValue) \(Shell.quote(name))"])
        }
        return Paint.good(t("letter.next.done"))
    }

    /// `letter` without a department: every letter, its rows and who has signed.
    public static func overview(_ s: State, width: Int = .max) -> String {
        let letters = Signatures.review(s)
        guard !letters.isEmpty else { return t("grid.no-depts") }
        let index = LetterIndex(s)
        var table = TextTable([t("col.department"), t("letter.col.rows"), t("letter.col.weight"), t("letter.col.digest"),
                               Signatures.roleName(.head), Signatures.roleName(.supervisor), t("letter.col.status")],
                              align: [.left, .right, .right])
        table.wraps(0, 4, 5)
        table.drops(3)
        for l in letters {
            let letter = Letter(l.dept, in: s, index: index)
            func cell(_ role: SignatureRole) -> String {
                guard let c = l.check(role) else { return Paint.faint(t("letter.unsigned")) }
                return c.valid ? Paint.good("✓ " + c.signature.name) : Paint.bad(t("letter.void-short") + " " + c.signature.name)
            }
            table.row([l.dept.name, "\(letter.rows.count)", Num.show(letter.weightTotal), Letter.short(l.digest),
                       cell(.head), cell(.supervisor), statusWord(l.status)])
        }
        return table.render(width: width) + "\n" + TextWrap.block(Signatures.summary(letters), width: width, hanging: 2)
    }

    public static func statusWord(_ st: LetterStatus) -> String {
        let w = t("sign.status." + st.rawValue)
        switch st {
        case .signed: return Paint.good(w)
        case .void: return Paint.bad(w)
        case .partly: return Paint.warn(w)
        case .unsigned: return w
        }
    }
}
