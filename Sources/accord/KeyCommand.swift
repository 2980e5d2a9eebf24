import AccordCore
import AccordStore
import ArgumentParser
import Foundation

/// `accord key show`: the installation's signing key (docs/seal.md), created on first use.
struct KeySubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "The installation's signing key, which seals every session saved here.",
        subcommands: [Show.self],
        defaultSubcommand: Show.self
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the signing key's fingerprint (creating the key on first use).",
            discussion: """
            The key lives in $XDG_CONFIG_HOME/accord/signing-key (or ~/.config/accord/signing-key), \
            readable only by you. Hand the fingerprint to whoever checks the letters: \
            `accord verify FILE --key FINGERPRINT` checks that this installation sealed FILE.
            """
        )

        func run() throws {
            let loaded: (sealer: Sealer, created: Bool)
            do { loaded = try InstallationKey.loadOrCreate() } catch let e as StoreError {
                printError(e.message.rendered())
                throw ExitCode(Exit.code(for: e))
            }
            let id = loaded.sealer.fingerprint
            var lines = [t("key.show"), "  " + t("key.fingerprint", ["key": Fingerprint.full(id)]),
                         "  " + t("key.short", ["key": Fingerprint.short(id)])]
            if let path = InstallationKey.path() { lines.append("  " + t("key.file", ["path": path])) }
            if loaded.created { lines.append(t("key.created")) }
            lines.append(t("key.hint", ["key": Fingerprint.full(id)]))
            print(screen(lines.joined(separator: "\n"), colour: false))
        }
    }
}
