import CSched
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs two pieces of work at once: `second` on a new thread, `first` on this one, and
/// returns when both are done. One plain thread rather than Dispatch's pool: opening a
/// session runs this once. (On the 2-vCPU VMs it was measured on, the gain over running the
/// two in turn was about half a millisecond: waking the other CPU is not free.) Falls back
/// to running them in turn when no thread can be made.
///
/// Concurrency (why this is safe without `@Sendable`): the two closures run at the same time,
/// so the caller must give them disjoint mutable state (SessionFile.load does: each writes its
/// own variables and both only read a `let`). Everything `second` wrote is visible here when
/// `run` returns: `pthread_join` orders the thread's end before it. `second` cannot outlive
/// `run` (the join), which is what `withoutActuallyEscaping` asks; the box holding it is
/// retained for the thread and released by it (or here, when no thread was made).
enum Both {
    static func run(_ first: () -> Void, _ second: () -> Void) {
        withoutActuallyEscaping(second) { second in
            let box = Unmanaged.passRetained(Box(second))
            var thread = pthread_t()
            let made = pthread_create(&thread, nil, { raw in
                Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().work()
                return nil
            }, box.toOpaque())
            if made != 0 {
                box.release()
                first()
                second()
                return
            }
            first()
            pthread_join(thread, nil)
        }
    }

    private final class Box {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }
}

/// Tasks that two threads take in turn: this one, and a helper thread started for them. Each
/// task runs once, on whichever thread takes it first; `run` returns when every task has run.
///
/// Why not `Both`: on these virtual machines a new thread sometimes waits a millisecond or
/// more for its vCPU to wake. With `Both` the opening thread then waited for the whole of
/// the other's work (the median start-up was 40% above the minimum); here it does that work
/// itself and waits only for a task the helper is in the middle of. A helper that starts
/// after every task is taken finds none and ends; nothing waits for it.
///
/// Concurrency: tasks must touch disjoint state (each writes only its own results); their
/// writes are visible to `run`'s caller when it returns (every task's end is recorded
/// with a releasing store that `run` reads with an acquiring load). `@unchecked Sendable`:
/// `next` is read and written under `mutex` only; `running` is atomic.
final class SharedTasks: @unchecked Sendable {
    private let tasks: [@Sendable () -> Void]
    private var next = 0
    /// Tasks taken and not yet done: raised under `mutex` with the task taken, lowered when
    /// the task ends, and read by `run`'s wait without the mutex.
    private let running = Atomic<Int>(0)
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init(_ tasks: [@Sendable () -> Void]) {
        self.tasks = tasks
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs the tasks on this thread and a helper, and returns when all have run. Once no
    /// task is left to take, this thread waits for the helper's task by yielding, not by
    /// sleeping on a condition: a task is at most a few milliseconds, and a thread put to
    /// sleep here was woken a millisecond late on these virtual machines.
    func run() {
        if tasks.count > 1 { startHelper() }
        work()
        while running.load(ordering: .acquiring) > 0 { sched_yield() }
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    private func take() -> Int? {
        locked {
            guard next < tasks.count else { return nil }
            next += 1
            running.add(1, ordering: .relaxed)
            return next - 1
        }
    }

    private func work() {
        while let i = take() {
            tasks[i]()
            running.subtract(1, ordering: .releasing)
        }
    }

    /// A detached thread that takes tasks until none is left (none made: this thread does all).
    private func startHelper() {
        let box = Unmanaged.passRetained(self)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        // On the other CPU: left to itself the scheduler often started the helper on this
        // thread's CPU and moved it a tick later, after this thread had done all the work
        // (the median start-up was then that of one thread).
        _ = accord_attr_on_another_cpu(&attributes)
        var thread = pthread_t()
        let made = pthread_create(&thread, &attributes, { raw in
            Unmanaged<SharedTasks>.fromOpaque(raw!).takeRetainedValue().work()
            return nil
        }, box.toOpaque())
        if made != 0 { box.release() }
    }
}
