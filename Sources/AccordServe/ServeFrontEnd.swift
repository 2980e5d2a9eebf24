import AccordCore
import AccordREPL
import Foundation

/// `serve start|stop|status|links|revoke` at the REPL: owns the server and its links, and
/// connects the session (main thread) with the server's threads through `Inbox`.
public final class ServeFrontEnd {
    let runner: SessionRunner
    let desk: VoteDesk
    var server: RoomServer?
    let inbox: Inbox

    public init(runner: SessionRunner, inbox: Inbox = .shared) {
        self.runner = runner; self.inbox = inbox
        desk = VoteDesk(runner: runner)
    }

    /// Sets the runner up to hand `serve` commands here. Creates nothing until `serve start`.
    public static func install(on runner: SessionRunner) {
        var front: ServeFrontEnd?
        runner.serveHandler = { req in
            if front == nil { front = ServeFrontEnd(runner: runner) }
            return front!.handle(req)
        }
    }

    func view() -> RoomView { RoomView(state: runner.store.state, events: runner.store.count, now: runner.clock()) }

    public func handle(_ req: ServeRequest) -> SessionRunner.Result {
        switch req.action {
        case .start: return start(host: req.bind ?? "127.0.0.1", port: req.port ?? 8080)
        case .stop:
            guard let s = server, s.running else { return .failed(t("serve.not-running")) }
            s.stop(); server = nil
            runner.onChange = nil
            return .ok(t("serve.stopped"))
        case .status:
            guard let s = server, s.running else { return .ok(t("serve.status-off")) }
            return .ok(t("serve.status-on", ["url": base(s), "n": "\(s.room.linkCount)"]))
        case .links:
            guard let s = server, s.running else { return .failed(t("serve.not-running")) }
            return .ok(links(s))
        case .revoke:
            guard let s = server, s.running else { return .failed(t("serve.not-running")) }
            let n = s.room.revoke(dept: req.dept ?? -1, role: req.role)
            let name = runner.store.state.depts[req.dept ?? -1]?.name ?? ""
            return .ok(t("serve.revoked", ["n": "\(n)", "dept": name]))
        }
    }

    func base(_ s: RoomServer) -> String {
        let h = s.host.contains(":") ? "[\(s.host)]" : s.host
        return "http://\(h):\(s.port)"
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    func start(host: String, port: Int) -> SessionRunner.Result {
        if let s = server, s.running { return .failed(t("serve.already", ["url": base(s)])) }
        inbox.open()
        let desk = self.desk, inbox = self.inbox
        let deskBox = UncheckedSendable(desk)
        let room = Room(view: view(), lang: Language.current) { vote, p in
            await withCheckedContinuation { (c: CheckedContinuation<Answer, Never>) in
                inbox.post {
                    let (answer, line) = deskBox.value.apply(vote, from: p)
                    c.resume(returning: answer)
                    return line.map { [$0] } ?? []
                }
            }
        }
        room.submitSign = { sign, p in
            await withCheckedContinuation { (c: CheckedContinuation<Answer, Never>) in
                inbox.post {
                    let (answer, line) = deskBox.value.sign(sign, from: p)
                    c.resume(returning: answer)
                    return line.map { [$0] } ?? []
                }
            }
        }
        _ = desk
        let s = RoomServer(room: room)
        do { try s.start(host: host, port: port) } catch {
            return .failed(t("serve.no-start", ["why": "\(error)"]))
        }
        server = s
        runner.onChange = { [weak self] in
            guard let self, let s = self.server else { return }
            s.room.publish(self.view(), lang: Language.current)
        }
        // every participant gets a link now
        for d in runner.store.state.departments { for r in SignatureRole.allCases { _ = room.link(for: Participant(dept: d.id, role: r)) } }
        var text = t("serve.started", ["url": base(s), "room": base(s) + "/room"])
        if !ServeFrontEnd.isLoopback(host) { text = Paint.warn(t("serve.exposed", ["host": host])) + "\n" + text }
        return .ok(text)
    }

    /// Every participant's link as text and as a QR code drawn in the terminal.
    func links(_ s: RoomServer) -> String {
        var out: [String] = []
        let st = runner.store.state
        if st.departments.isEmpty { return t("serve.no-links") }
        for d in st.departments {
            for r in SignatureRole.allCases {
                let url = base(s) + "/p/" + s.room.link(for: Participant(dept: d.id, role: r))
                let who = (r == .head ? d.head : d.supervisor).map { " (\($0))" } ?? ""
                out.append("\(d.name) · \(r.label)\(who): \(url)")
                out.append(TerminalQR.draw(url))
            }
        }
        return out.joined(separator: "\n")
    }
}

struct UncheckedSendable<T>: @unchecked Sendable { let value: T; init(_ v: T) { value = v } }

/// A QR code in the terminal with half blocks, two rows of modules per line, light modules
/// drawn (as `qrencode -t UTF8` does), with a quiet zone of two modules.
public enum TerminalQR {
    public static func draw(_ text: String) -> String {
        guard let (w, dark) = QRCode.modules(text) else { return "" }
        let q = 2, n = w + 2 * q
        func isDark(_ x: Int, _ y: Int) -> Bool {
            let mx = x - q, my = y - q
            guard mx >= 0, my >= 0, mx < w, my < w else { return false }
            return dark[my * w + mx]
        }
        var lines: [String] = []
        var y = 0
        while y < n {
            var line = ""
            for x in 0..<n {
                let top = !isDark(x, y), bottom = y + 1 < n ? !isDark(x, y + 1) : false
                line += top && bottom ? "█" : top ? "▀" : bottom ? "▄" : " "
            }
            lines.append(line)
            y += 2
        }
        return lines.joined(separator: "\n")
    }
}
