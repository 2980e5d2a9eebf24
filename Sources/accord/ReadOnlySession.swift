import AccordCore
import AccordREPL
import AccordStore
import ArgumentParser

/// A session file opened read-only for a subcommand that only reads it (`export`, `review`,
/// `replay`):
/// a missing file or one that cannot be opened is one line and its exit code; what the open
/// recovered is said on standard error; the session's language is spoken from then on.
func openReadOnly(_ file: String) throws -> SessionStore {
    guard FileIO.exists(file) else {
        printError(t("replay.no-file", ["file": file]))
        throw ExitCode(Exit.io)
    }
    let store: SessionStore
    do { store = try SessionStore(path: file, readOnly: true) } catch let e as StoreError {
        printError(e.message.rendered())
        throw ExitCode(Exit.code(for: e))
    }
    for note in store.recoveryNotes { printError(note) }
    speak(store.state)
    return store
}
