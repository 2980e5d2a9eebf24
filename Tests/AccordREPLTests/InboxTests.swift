import AccordREPL
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The main thread runs the room's work in slices, so that a stream of votes arriving faster
/// than they are applied never keeps the terminal waiting.
@Suite("Inbox: the work the room posts to the main thread")
struct InboxTests {
    func readable(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) == 1 && p.revents & Int16(POLLIN) != 0
    }

    @Test func aSliceRunsJobsInOrderUntilItsTimeIsSpentAndLeavesTheRestWaiting() {
        let inbox = Inbox()
        inbox.open()
        for i in 0..<40 { inbox.post { usleep(2_000); return ["\(i)"] } }
        let first = inbox.drain(within: 0.010)
        #expect(!first.isEmpty && first.count < 20, "\(first.count) jobs in a 10 ms slice of 2 ms jobs")
        #expect(first == (0..<first.count).map { "\($0)" })
        #expect(inbox.pending == 40 - first.count)
        #expect(readable(inbox.wakeFD), "the rest wakes the main thread again")
        var all = first
        while inbox.pending > 0 { all += inbox.drain(within: 0.010) }
        #expect(all == (0..<40).map { "\($0)" })
    }

    @Test func aStreamThatNeverRunsDryStillEndsTheSlice() {
        let inbox = Inbox()
        inbox.open()
        // every job posts the next, as votes do when they arrive faster than they are applied
        final class Chain: @unchecked Sendable { var n = 0 }
        let chain = Chain()
        func next() { inbox.post { chain.n += 1; usleep(200); if chain.n < 1_000_000 { next() }; return [] } }
        next()
        let t0 = Date()
        _ = inbox.drain(within: 0.010)
        #expect(Date().timeIntervalSince(t0) < 0.5)
        #expect(chain.n > 0 && inbox.pending == 1)
        #expect(readable(inbox.wakeFD))
    }

    @Test func withoutATimeItRunsEverythingQueuedMeanwhileToo() {
        let inbox = Inbox()
        inbox.open()
        var seen: [Int] = []
        for i in 0..<5 { inbox.post { seen.append(i); if i == 4 { inbox.post { seen.append(5); return ["last"] } }; return [] } }
        #expect(inbox.drain() == ["last"])
        #expect(seen == [0, 1, 2, 3, 4, 5] && inbox.pending == 0)
    }
}
