import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs two pieces of work at once: `second` on a new thread, `first` on this one, and
/// returns when both are done. One plain thread rather than Dispatch's pool: opening a
/// session runs this once. (On the 2-vCPU VMs it was measured on, the gain over running the
/// two in turn was about half a millisecond: waking the other CPU is not free.) Falls back
/// to running them in turn when no thread can be made.
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
