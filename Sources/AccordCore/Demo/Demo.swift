import Foundation

/// `accord demo`: a complete worked example. The Acme 2027 meeting (the same as
/// Tests/Fixtures/scenarios/acme-2027.txt) is run command by command through the real
/// command layer, the clock advancing a minute per command from 09:00, so the session has
/// a real event log that replays like a meeting. Self-contained: the KPI sheet the meeting
/// imports is embedded, nothing is read from the current directory.
public enum Demo {
    public static let start = "2027-01-15T09:00:00Z"
    /// The name the embedded KPI sheet is imported under (`kpi import kpi-sheet-en.csv`).
    public static let sheetName = "kpi-sheet-en.csv"

    /// The departments' KPIs as they stood before the meeting.
    public static let kpiSheet = """
    department,kpi,direction,target,unit,source,cycle,weight,owner
    Marketing,Website traffic,up,150000,visits,Google Analytics,monthly,40,Dana Reyes
    Marketing,Marketing qualified leads,up,1200,leads,HubSpot,monthly,40,Dana Reyes
    Marketing,Click-through rate,up,2.8,%,Google Ads,monthly,20,Dana Reyes
    Sales,New annual revenue,up,3000000,USD,Salesforce,quarterly,60,Omar Haddad
    Sales,Discount rate,up,15,%,Salesforce,quarterly,10,Omar Haddad
    Sales,Lead conversion rate,up,12,%,Salesforce,quarterly,30,Omar Haddad
    Customer Success,Net revenue retention,up,110,%,Billing,quarterly,50,Mei Tanaka
    Customer Success,Average handle time,down,6,minutes,Zendesk,monthly,30,Mei Tanaka
    Customer Success,CSAT,up,92,%,Zendesk,monthly,20,Mei Tanaka
    Growth,Customer acquisition cost,down,400,USD,Finance sheet,quarterly,50,Lee Park
    Growth,New customers,up,300,customers,Salesforce,quarterly,30,Lee Park
    Growth,Ad spend,up,250000,USD,Finance sheet,quarterly,20,Lee Park

    """

    /// The meeting, as the facilitator types it. The first `goal adopt G1` is refused on
    /// purpose (an objection stands); the goal is revised and adopted by consent.
    public static let script = """
    title "Acme 2027 Annual Alignment"
    period 2027
    dept add Marketing --head "Dana Reyes" --supervisor "Chris Wong"
    dept add Sales --head "Omar Haddad" --supervisor "Chris Wong"
    dept add "Customer Success" --head "Mei Tanaka" --supervisor "Chris Wong"
    dept add Growth --head "Lee Park" --supervisor "Chris Wong"
    next
    kpi import kpi-sheet-en.csv
    audit
    conflict resolve C1 "Marketing and Sales agree that lead quality is judged by Sales-accepted leads"
    conflict accept C2 "Handle time stays, but CSAT is the lead indicator for Customer Success"
    audit
    next --force "remaining conflicts are carried into the goal discussion"
    goal add "Raise customer lifetime value" --metric cltv --baseline 12000 --target 15000 --unit USD --by 2027-12-31 --owner Sales
    vote G1 Marketing agree
    vote G1 Sales agree
    vote G1 "Customer Success" object "Retention work needs a support headcount decision first"
    vote G1 Growth agree
    goal adopt G1
    goal edit G1 --target 14500
    vote G1 Marketing agree
    vote G1 Sales agree
    vote G1 "Customer Success" agree
    vote G1 Growth abstain
    goal adopt G1
    goal add "Lower blended acquisition cost" --metric cac --baseline 450 --target 380 --unit USD --by 2027-12-31 --owner Growth
    vote G2 Marketing agree
    vote G2 Sales agree
    vote G2 "Customer Success" abstain
    vote G2 Growth agree
    goal adopt G2
    next
    map G1 retention revenue referral
    map G2 acquisition activation
    contrib add G1 Sales --stage revenue --kpi "Expansion revenue" --metric revenue --target 1200000 --challenge 1500000 --floor 900000 --unit USD --weight 60 --source Salesforce --cycle quarterly
    contrib add G1 "Customer Success" --stage retention --kpi "Net revenue retention" --target 110 --challenge 115 --floor 104 --unit % --weight 70 --source Billing --cycle quarterly
    contrib add G1 "Customer Success" --stage referral --kpi "Referred customers" --metric referrals --target 40 --challenge 60 --floor 25 --unit customers --weight 30 --source Salesforce --cycle quarterly
    contrib add G1 Marketing --stage referral --kpi "Referral program signups" --metric referrals --target 300 --challenge 400 --floor 200 --unit signups --weight 30 --source HubSpot --cycle monthly
    contrib add G2 Growth --stage acquisition --kpi "Customer acquisition cost" --metric cac --target 380 --challenge 350 --floor 420 --unit USD --weight 60 --source "Finance sheet" --cycle quarterly
    contrib add G2 Growth --stage activation --kpi "Trial to paid conversion" --metric conversion_rate --target 18 --challenge 22 --floor 15 --unit % --weight 40 --source Salesforce --cycle monthly
    contrib add G2 Marketing --stage acquisition --kpi "Sales-accepted leads" --metric leads --target 900 --challenge 1100 --floor 700 --unit leads --weight 70 --source Salesforce --cycle monthly
    contrib add G2 Sales --stage activation --kpi "Lead conversion rate" --target 14 --challenge 16 --floor 11 --unit % --weight 40 --source Salesforce --cycle quarterly
    next
    sign Marketing head "Dana Reyes"
    sign Marketing supervisor "Chris Wong"
    sign Sales head "Omar Haddad"
    sign Sales supervisor "Chris Wong"
    sign "Customer Success" head "Mei Tanaka"
    sign "Customer Success" supervisor "Chris Wong"
    sign Growth head "Lee Park"
    sign Growth supervisor "Chris Wong"
    """

    /// One worked meeting: the language it is held in, the KPI sheet it imports (under
    /// `sheetName`) and the commands, as the facilitator types them.
    public struct Script: Sendable {
        public var language: Language
        public var sheetName: String
        public var kpiSheet: String
        public var commands: String
        /// The department `demo.tour` suggests a letter of.
        public var tourDept: String

        /// The Acme 2027 meeting, in English.
        public static let en = Script(language: .en, sheetName: Demo.sheetName, kpiSheet: Demo.kpiSheet,
                                      commands: Demo.script, tourDept: "Marketing")

        /// The meeting held in `language`: Acme in English, 晨光科技 (Taiwan) in zh-Hant,
        /// 启明科技 (the mainland) in zh-Hans.
        public static func of(_ language: Language) -> Script {
            switch language {
            case .en: return .en
            case .zhHant: return .zhHant
            case .zhHans: return .zhHans
            }
        }
    }

    /// Where `accord demo` writes the meeting held in `language` when no file is named:
    /// `accord-demo.json` for English, `accord-demo.zh-Hant.json`, `accord-demo.zh-Hans.json`.
    public static func defaultFileName(for language: Language) -> String {
        language == .en ? "accord-demo.json" : "accord-demo.\(language.rawValue).json"
    }

    /// The built session: its state and canonical event lines.
    public struct Session: Sendable {
        public var state: State
        public var events: [Event]
        public var lines: [Data]
        /// Commands the session refused on purpose (the English demo's first `goal adopt G1`,
        /// refused while an objection stands); they took a minute and left no event.
        public var refused: [String] = []

        /// The session file's bytes, sealed by `sealer` when one is given (docs/seal.md):
        /// each signature event, and the head.
        public func fileBytes(sealedBy sealer: Sealer? = nil) throws -> Data {
            let stateLine = try SessionFile.encodeState(state)
            var book = SealBook()
            if let sealer {
                for (e, line) in zip(events, lines) where e.isSignatureEvent {
                    book.seals.append(sealer.seal(.event, seq: e.seq, digest: Digest.sha256(line)))
                }
                book = sealer.sealFold(book, head: SessionFile.head(stateLine: stateLine, lines: lines), lines: lines, adopting: nil)
            }
            return SessionFile.encode(stateLine: stateLine, lines: lines, seal: book)
        }
    }

    /// Runs the script through the command layer (`Engine.run`), one event per command that
    /// changes the session, as the REPL would record them. `fileName` is what `status` calls it.
    /// A command that fails stops the build (`demo.failed`).
    public static func build(_ meeting: Script = .en, fileName: String = "accord-demo.json") throws -> Session {
        var state = State()
        var events: [Event] = []
        var lines: [Data] = []
        var minute = 0
        var refused: [String] = []
        let sheet = Data(meeting.kpiSheet.utf8)
        let sheetName = meeting.sheetName
        for raw in meeting.commands.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let now = time(start, plusMinutes: minute)
            minute += 1
            let ctx = Context(now: now, interactive: false, confirmed: true, fileName: fileName, saved: true,
                              log: MemoryLog(events), readFile: { path in
                                  guard path == sheetName else { throw CommandError("import.cannot-read", ["path": path, "why": "not in the demo"]) }
                                  return sheet
                              })
            let step = state.meta.step
            let outcome: Outcome
            do { outcome = try Engine.run(line, state: &state, ctx: ctx) } catch {
                throw CommandError(Message("demo.failed", ["cmd": line], nested: ["why": .of(error)]))
            }
            if outcome.failed { refused.append(line) }
            guard let change = outcome.change, !outcome.failed else { continue }
            let prev = lines.last.map { Digest.sha256($0) } ?? Event.genesis
            let e = change.event(seq: events.count + 1, prev: prev, time: now, step: step, command: line)
            state.record(e)
            events.append(e)
            lines.append(try EventLine.encode(e))
        }
        return Session(state: state, events: events, lines: lines, refused: refused)
    }

    /// `2027-01-15T09:00:00Z` plus minutes, in the same form.
    public static func time(_ iso: String, plusMinutes m: Int) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        guard let d = f.date(from: iso) else { return iso }
        return f.string(from: d.addingTimeInterval(Double(m) * 60))
    }
}
