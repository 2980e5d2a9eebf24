import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Work handed to the thread that owns the session. The session has one writer: the main
/// thread, which runs the command loop. Other threads (the room's HTTP server) never touch
/// the store; they `post` a job and wait for its answer. The main thread runs the jobs while
/// it waits for input (`EditLineReader` polls the terminal and `wakeFD` together; so does
/// `PlainReader`), and between typed commands, so a job never runs during one.
///
/// A job returns the lines to print above the prompt (none for a refusal).
public final class Inbox: @unchecked Sendable {
    public static let shared = Inbox()

    private let lock = NSLock()
    private var jobs: [() -> [String]] = []
    private var readFD: Int32 = -1
    private var writeFD: Int32 = -1

    public init() {}

    /// The pipe's read end, or -1 before `open` (nothing posted yet: start-up opens nothing).
    public var wakeFD: Int32 { lock.lock(); defer { lock.unlock() }; return readFD }

    /// Makes the wake pipe (once); called when the server starts.
    public func open() {
        lock.lock(); defer { lock.unlock() }
        guard readFD < 0 else { return }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]; writeFD = fds[1]
        onOpen?(readFD)
    }

    /// Told the pipe's read end when it is made (the line editor starts polling it).
    public var onOpen: ((Int32) -> Void)?

    /// Any thread: queue a job for the main thread and wake it.
    public func post(_ job: @escaping () -> [String]) {
        lock.lock()
        jobs.append(job)
        let fd = writeFD
        lock.unlock()
        var b: UInt8 = 1
        if fd >= 0 { _ = Glibc.write(fd, &b, 1) }
    }

    /// How long the main thread runs jobs before it looks at the terminal again (seconds).
    public static let slice = 0.010

    /// Main thread only: runs queued jobs, in order; returns their lines. With `within`, stops
    /// once that many seconds are spent (after one job at least) and leaves the rest queued,
    /// the wake pipe readable again: jobs can arrive faster than they run, and "until none is
    /// left" would then keep the terminal waiting for as long as the stream lasts.
    @discardableResult
    public func drain(within budget: Double? = nil) -> [String] {
        lock.lock()
        let fd = readFD
        lock.unlock()
        if fd >= 0 {
            var sink = [UInt8](repeating: 0, count: 256)
            while Glibc.read(fd, &sink, sink.count) > 0 {}
        }
        let start = DispatchTime.now().uptimeNanoseconds
        var lines: [String] = []
        while true {
            lock.lock()
            if jobs.isEmpty { lock.unlock(); break }
            let batch = jobs
            jobs.removeAll()
            lock.unlock()
            for (i, job) in batch.enumerated() {
                lines += job()
                if let budget, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 >= budget {
                    let rest = batch[(i + 1)...]
                    lock.lock()
                    jobs.insert(contentsOf: rest, at: 0)
                    let more = !jobs.isEmpty, wfd = writeFD
                    lock.unlock()
                    var b: UInt8 = 1
                    if more && wfd >= 0 { _ = Glibc.write(wfd, &b, 1) }
                    return lines
                }
            }
        }
        return lines
    }

    /// How many jobs wait (for tests).
    public var pending: Int { lock.lock(); defer { lock.unlock() }; return jobs.count }
}
