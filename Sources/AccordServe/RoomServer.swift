import AccordCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// What the HTTP side shares between its threads: the links, the rate limits, the latest
/// view of the room, and the pages listening for changes. Every member behind one lock.
public final class Room: @unchecked Sendable {
    private let lock = NSLock()
    private var tokens = TokenTable()
    /// Votes and signatures: at most 5 a second per link; page loads and their event streams
    /// (a reload opens both): at most 20.
    private var limiter = RateLimiter(limit: 5)
    private var pageLimiter = RateLimiter(limit: 20)
    private var view: RoomView
    private var lang: Language
    private var listeners: [UUID: AsyncStream<String>.Continuation] = [:]
    /// Applies a vote on the thread that owns the session; the answer comes once it is durable.
    public let submit: @Sendable (DeviceVote, Participant) async -> Answer
    /// Signs a participant's letter with their device's key, on the thread that owns the session.
    public var submitSign: (@Sendable (DeviceSign, Participant) async -> Answer)?
    /// The largest request body read (a vote is a few hundred bytes).
    public static let bodyLimit = 8 << 10
    /// The clock for the rate limit (seconds).
    public var now: @Sendable () -> Double = { Date().timeIntervalSince1970 }

    public init(view: RoomView, lang: Language, submit: @escaping @Sendable (DeviceVote, Participant) async -> Answer) {
        self.view = view; self.lang = lang; self.submit = submit
    }

    func locked<T>(_ body: () -> T) -> T { lock.lock(); defer { lock.unlock() }; return body() }

    /// Renders the room page's fragment for the listeners, off the main thread, one at a time.
    private let renderer = DispatchQueue(label: "accord-room-render", qos: .utility)
    /// How many views were published (the renderer skips all but the newest).
    private var published = 0

    /// Main thread, after every event: the pages' new view. It is `current` at once; the
    /// fragment every listener is sent is rendered on `renderer`, not on the main thread
    /// (which applies the votes and reads the keyboard), and only for the newest view when
    /// several came in meanwhile (a listener keeps only the newest fragment anyway).
    public func publish(_ v: RoomView, lang: Language) {
        let generation: Int = locked { view = v; self.lang = lang; published += 1; return published }
        renderer.async { [weak self] in
            guard let self else { return }
            let newest: (RoomView, Language, [AsyncStream<String>.Continuation])? = self.locked {
                generation == self.published ? (self.view, self.lang, Array(self.listeners.values)) : nil
            }
            guard let (view, lang, targets) = newest, !targets.isEmpty else { return }
            let fragment = Pages.roomFragment(view, lang: lang)
            for c in targets { c.yield(fragment) }
        }
    }

    public var current: (RoomView, Language) { locked { (view, lang) } }

    public func link(for p: Participant) -> String { locked { tokens.token(for: p) } }
    public func participant(_ token: String) -> Participant? { locked { tokens.participant(token) } }
    public func revoke(dept: Int, role: SignatureRole?) -> Int { locked { tokens.revoke(dept: dept, role: role) } }
    public func endLinks() { locked { tokens.removeAll() } }
    public var linkCount: Int { locked { tokens.byToken.count } }
    func allow(_ token: String, post: Bool) -> Bool {
        let t = now()
        return locked { post ? limiter.allow(token, now: t) : pageLimiter.allow(token, now: t) }
    }

    func listen() -> (UUID, AsyncStream<String>) {
        let id = UUID()
        let (stream, c) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1))
        locked { listeners[id] = c }
        c.onTermination = { [weak self] _ in self?.locked { self?.listeners[id] = nil } }
        return (id, stream)
    }

    /// Ends every live page's stream (the server stops).
    func hangUp() { for c in locked({ Array(listeners.values) }) { c.finish() } }
}

/// The routes. Every answer is one of: 200 page or vote recorded; 400 a malformed form;
/// 401 an unknown or revoked link; 403 another department or role; 404 no such goal or page;
/// 409 a stale revision or a goal no longer open; 413 a body over `Room.bodyLimit`;
/// 422 refused by the vote command's own rules (a reason missing); 429 too many requests.
public enum Routes {
    static let headers: HTTPFields = [
        .contentType: "text/html; charset=utf-8",
        .cacheControl: "no-store",
        HTTPField.Name("Content-Security-Policy")!: "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
    ]

    static func html(_ status: Int, _ text: String) -> Response {
        Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A refusal page: `status` and the catalog's sentence `key` in the room's language, with
    /// a way back to `back` when there is one.
    static func refusalPage(_ status: Int, _ key: String, lang: Language, back: String?) -> Response {
        html(status, Pages.answer(Answer(status, Language.$scoped.withValue(lang) { t(key) }), lang: lang, back: back))
    }

    static func stream(_ room: Room, first: String?, transform: @escaping @Sendable (String) -> String) -> Response {
        var h = headers
        h[.contentType] = "text/event-stream; charset=utf-8"
        let (_, events) = room.listen()
        return Response(status: .ok, headers: h, body: ResponseBody { writer in
            if let first { try await writer.write(ByteBuffer(string: sse(transform(first)))) }
            for await fragment in events { try await writer.write(ByteBuffer(string: sse(transform(fragment)))) }
            try await writer.finish(nil)
        })
    }

    /// One server-sent event: each line of the data on its own `data:` line.
    static func sse(_ data: String) -> String {
        data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: " + $0 }.joined(separator: "\n") + "\n\n"
    }

    /// `application/x-www-form-urlencoded` fields (the first of each name).
    public static func form(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func dec(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            let k = dec(kv[0])
            if out[k] == nil { out[k] = kv.count > 1 ? dec(kv[1]) : "" }
        }
        return out
    }

    public static func router(_ room: Room) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/") { _, _ in html(404, "") }
        router.get("/room") { _, _ in
            let (v, lang) = room.current
            return html(200, Pages.room(v, lang: lang))
        }
        router.get("/room/events") { _, _ in
            let (v, lang) = room.current
            return stream(room, first: Pages.roomFragment(v, lang: lang)) { $0 }
        }
        /// The link's participant, or the refusal to send.
        @Sendable func who(_ ctx: BasicRequestContext, post: Bool = false) -> (String, Participant?, Response?) {
            let token = ctx.parameters.get("token") ?? ""
            let lang = room.current.1
            guard let p = room.participant(token) else {
                return (token, nil, refusalPage(401, "serve.page.unknown", lang: lang, back: nil))
            }
            guard room.allow(token, post: post) else {
                return (token, nil, refusalPage(429, "serve.page.slow-down", lang: lang, back: nil))
            }
            return (token, p, nil)
        }
        router.get("/p/:token") { _, ctx in
            let (token, p, refusal) = who(ctx)
            guard let p else { return refusal! }
            let (v, lang) = room.current
            return html(200, Pages.participant(v, p, token: token, lang: lang))
        }
        router.get("/p/:token/events") { _, ctx in
            let (_, p, refusal) = who(ctx)
            guard p != nil else { return refusal! }
            return stream(room, first: nil) { _ in "changed" }
        }
        /// The request a participant posted, read from its form up to the body limit, or the
        /// refusal to send: 413 over the limit, 400 when `parse` finds no request in the form.
        @Sendable func posted<T>(_ request: Request, token: String, _ parse: ([String: String]) -> T?) async -> (T?, Response?) {
            let lang = room.current.1
            var request = request
            let bytes: ByteBuffer
            do { bytes = try await request.collectBody(upTo: Room.bodyLimit) } catch {
                return (nil, refusalPage(413, "serve.page.too-large", lang: lang, back: nil))
            }
            guard let value = parse(form(String(buffer: bytes))) else {
                return (nil, refusalPage(400, "serve.page.bad-form", lang: lang, back: "/p/\(token)"))
            }
            return (value, nil)
        }
        router.post("/p/:token/vote") { request, ctx in
            let (token, p, refusal) = who(ctx, post: true)
            guard let p else { return refusal! }
            let (vote, bad) = await posted(request, token: token) { DeviceVote(form: $0) }
            guard let vote else { return bad! }
            let answer = await room.submit(vote, p)
            let (v, lang2) = room.current
            if answer.status == 200 { return html(200, Pages.participant(v, p, token: token, lang: lang2, notice: answer)) }
            return html(answer.status, Pages.answer(answer, lang: lang2, back: "/p/\(token)"))
        }
        router.post("/p/:token/sign") { request, ctx in
            let (token, p, refusal) = who(ctx, post: true)
            guard let p else { return refusal! }
            // a room that takes no signatures finds no signing request in any form
            let (request, bad) = await posted(request, token: token) { form in
                room.submitSign.flatMap { submit in DeviceSign(form: form).map { (sign: $0, submit: submit) } }
            }
            guard let (sign, submit) = request else { return bad! }
            let answer = await submit(sign, p)
            return html(answer.status, Pages.answer(answer, lang: room.current.1, back: "/p/\(token)"))
        }
        return router
    }
}

/// The server: Hummingbird in a task of its own, on its own threads (SwiftNIO's); it reads
/// `Room` and hands votes to the main thread. Nothing of it exists before `serve start`.
public final class RoomServer: @unchecked Sendable {
    public let room: Room
    public private(set) var host = ""
    public private(set) var port = 0
    private var task: Task<Void, Never>?
    private let done = DispatchSemaphore(value: 0)

    public init(room: Room) { self.room = room }

    public var running: Bool { task != nil }

    /// Binds and starts serving; returns once it listens (or throws why it cannot).
    public func start(host: String, port: Int) throws {
        let ready = DispatchSemaphore(value: 0)
        let bound = LockedBox<Result<Int, Error>?>(nil)
        var logger = Logger(label: "accord-serve", factory: { _ in SwiftLogNoOpLogHandler() })
        logger.logLevel = .critical
        let app = Application(
            router: Routes.router(room),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                bound.set(.success(channel.localAddress?.port ?? port)); ready.signal()
            },
            logger: logger)
        let done = self.done
        task = Task.detached {
            do { try await app.run() } catch {
                if bound.get() == nil { bound.set(.failure(error)); ready.signal() }
            }
            done.signal()
        }
        _ = ready.wait(timeout: .now() + 10)
        switch bound.get() {
        case .success(let p)?: self.host = host; self.port = p
        case .failure(let e)?: task = nil; throw e
        case nil: task?.cancel(); task = nil; throw CommandError("serve.no-start", ["why": "timeout"])
        }
    }

    /// Stops serving and ends every link.
    public func stop() {
        guard let task else { return }
        room.hangUp()
        task.cancel()
        _ = done.wait(timeout: .now() + 5)
        self.task = nil
        room.endLinks()
    }
}

final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T
    init(_ v: T) { value = v }
    func get() -> T { lock.lock(); defer { lock.unlock() }; return value }
    func set(_ v: T) { lock.lock(); value = v; lock.unlock() }
}
