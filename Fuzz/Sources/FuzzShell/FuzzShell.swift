// libFuzzer target: the command-line splitter (Text/Shell.swift).
//
// The oracle, on arbitrary bytes read as UTF-8 (invalid sequences repaired, as the line
// editor's input is):
//   - `Shell.split` returns words or throws its `SplitError`; it never crashes or traps;
//   - quoting each word with `Shell.quote` and joining them with a space splits again to the
//     same words;
//   - a word that `quote` leaves bare splits to itself alone.
import CFuzzDriver
import Foundation
@testable import AccordCore

private func fail(_ what: String, _ line: String) -> Never {
    FileHandle.standardError.write(Data("SHELL ORACLE: \(what)\n  input: \(line.debugDescription)\n".utf8))
    fatalError(what)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShell(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes else { return 0 }
    let line = String(decoding: UnsafeBufferPointer(start: bytes, count: size), as: UTF8.self)
    let words: [String]
    do { words = try Shell.split(line) } catch is Shell.SplitError { return 0 } catch { fail("unexpected error \(error)", line) }
    let joined = words.map(Shell.quote).joined(separator: " ")
    let again: [String]
    do { again = try Shell.split(joined) } catch { fail("quoted words do not split: \(error) in \(joined.debugDescription)", line) }
    if again != words { fail("round trip \(words.debugDescription) → \(joined.debugDescription) → \(again.debugDescription)", line) }
    for w in words where Shell.quote(w) == w {
        if (try? Shell.split(w)) != [w] { fail("bare word \(w.debugDescription) does not split to itself", line) }
    }
    return 0
}

/// SwiftPM names this executable's entry point `FuzzShell_main`; it runs libFuzzer's driver.
@_cdecl("FuzzShell_main")
public func fuzzShellMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc, argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzShell)
}
