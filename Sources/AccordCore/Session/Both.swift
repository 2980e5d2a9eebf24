import Foundation
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
