import AccordCore
@testable import AccordStore
import Foundation
import Testing

/// Power cuts at every point of a scripted meeting (see `PowerLoss`); `scripts/power-loss-test`
/// runs a larger meeting through the same test (`ACCORD_POWER_LOSS_COMMANDS`).
@Suite("Power loss: every point of a meeting's disk trace")
struct PowerLossTests {
    static let commands = Int(ProcessInfo.processInfo.environment["ACCORD_POWER_LOSS_COMMANDS"] ?? "") ?? 15

    @Test func aPowerCutAtAnyPointLosesNoAcknowledgedCommandAndTheFileOpens() throws {
        let f = try PowerLoss.simulate(commands: Self.commands)
        print("power loss: \(Self.commands) commands: \(f)")
        #expect(f.acknowledged == Self.commands)
        #expect(f.lost == 0, "\(f.firstProblem ?? "")")
        #expect(f.unopenable == 0, "\(f.firstProblem ?? "")")
        #expect(f.foreign == 0, "\(f.firstProblem ?? "")")
        // the trace must reach every kind of point: journal lines, folds, closes, reopens
        #expect(f.crashPoints > Self.commands * 4)
        #expect(f.recoveryPoints > f.crashPoints, "the power must be cut during recoveries too")
        #expect(f.disks > f.crashPoints, "the cuts must leave more than one disk at some points")
    }

    /// A build with one flush left out must fail the simulation: each of these is the store
    /// without one of its flushes, and each loses acknowledged commands (or the file).
    @Test(arguments: ["journal line", "fold's temporary file", "directory after the fold's rename", "directory after creating the journal"])
    func aStoreWithoutOneFlushIsCaught(_ flush: String) throws {
        let f = try PowerLoss.simulate(commands: 9, recoveryCuts: false) { kind, path, last in
            switch flush {
            case "journal line": return kind == .file && path.hasSuffix(".journal")
            case "fold's temporary file": return kind == .file && path.hasSuffix(".tmp-fold")
            case "directory after the fold's rename":
                if kind == .directory, case .rename = last { return true }
                return false
            default:
                if kind == .directory, case let .create(name, _) = last, name.hasSuffix(".journal") { return true }
                return false
            }
        }
        print("power loss without the flush of the \(flush): \(f)")
        #expect(f.lost + f.unopenable > 0, "without the flush of the \(flush): \(f)")
    }
}
