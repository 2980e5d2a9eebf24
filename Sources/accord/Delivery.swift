import AccordCore
import AccordStore
import ArgumentParser
import Foundation

/// Writes `data` to `path` in one atomic replace (`FileIO.atomicWrite`); a failure is one
/// line on standard error and exit 74, and whatever was at `path` stays as it was.
func writeAtomically(_ data: Data, to path: String) throws {
    do { try FileIO.atomicWrite(data, to: path) } catch let e as StoreError {
        printError(e.message.rendered())
        throw ExitCode(Exit.io)
    }
}

/// What a subcommand made (`export`, `review`, `rollup`): to standard output, or with
/// `--out PATH` written there atomically.
func deliver(_ data: Data, to out: String?) throws {
    if let out { try writeAtomically(data, to: out) } else { FileHandle.standardOutput.write(data) }
}
