import AccordCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The installation's signing key (docs/seal.md): an Ed25519 private key in the user's config
/// directory, `$XDG_CONFIG_HOME/accord/signing-key` (or `~/.config/accord/signing-key`),
/// created on first use. The directory is made 0700 and the key file 0600; a key file that is
/// a symbolic link, not a regular file, not the user's, or readable by others is refused.
///
///     accord-signing-key/1 ed25519 <base64 of the 32-byte private key>
public enum InstallationKey {
    public static let fileName = "signing-key"
    static let header = "accord-signing-key/1 ed25519 "

    /// `$XDG_CONFIG_HOME/accord`, else `$HOME/.config/accord`; nil when neither is set.
    public static func directory() -> String? {
        if let x = Environment.value("XDG_CONFIG_HOME"), x.hasPrefix("/") { return x + "/accord" }
        if let h = Environment.value("HOME"), !h.isEmpty { return h + "/.config/accord" }
        return nil
    }

    public static func path() -> String? { directory().map { $0 + "/" + fileName } }

    /// The key, created when there is none yet (`created` says so).
    public static func loadOrCreate() throws -> (sealer: Sealer, created: Bool) {
        guard let dir = directory() else { throw StoreError(.io, "key.no-home") }
        let file = dir + "/" + fileName
        if let existing = try load(file) { return (existing, false) }
        try makeDirectory(dir)
        // written whole under a temporary name, then linked into place: link(2) never
        // replaces a file and never follows a link, so two accords starting at once agree
        let raw = Sealer.generate()
        let tmp = dir + "/.\(fileName).tmp-\(getpid())"
        unlink(tmp)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.io(.create, tmp) }
        do {
            _ = fchmod(fd, 0o600)
            try FileIO.writeAll(fd, Data((header + raw.base64EncodedString() + "\n").utf8), path: tmp)
            guard fsync(fd) == 0 else { throw StoreError.io(.flush, tmp) }
        } catch {
            close(fd); unlink(tmp)
            throw error
        }
        close(fd)
        let linked = link(tmp, file) == 0
        let e = errno
        unlink(tmp)
        if !linked && e != EEXIST { throw StoreError.io(.create, file, errno: e) }
        try? FileIO.syncDirectory(dir)
        guard let key = try load(file) else { throw StoreError(.unreadable, "key.unreadable", ["path": file]) }
        return (key, linked)
    }

    /// The key at `file`; nil when there is no file there.
    static func load(_ file: String) throws -> Sealer? {
        let fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            if errno == ELOOP { throw StoreError(.unreadable, "key.symlink", ["path": file]) }
            throw StoreError.io(.open, file)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError.io(.stat, file) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw StoreError(.unreadable, "key.not-a-file", ["path": file]) }
        guard st.st_uid == getuid() else {
            throw StoreError(.unreadable, "key.not-yours", ["path": file, "uid": "\(st.st_uid)"])
        }
        guard st.st_mode & 0o077 == 0 else {
            throw StoreError(.unreadable, "key.too-open", ["path": file, "mode": String(st.st_mode & 0o777, radix: 8)])
        }
        var bytes = [UInt8](repeating: 0, count: 256)
        let n = read(fd, &bytes, bytes.count)
        guard n > 0 else { throw StoreError(.unreadable, "key.unreadable", ["path": file]) }
        // trimmed with the standard library: Foundation's trimmingCharacters costs ~0.1 ms of
        // every start (its CharacterSet and type lookups), and this runs on every writable open
        // decoded from a buffer pointer: from an ArraySlice it is the generic slow path, whose
        // run-time casts scan every conformance in the binary
        var text = Substring(bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[0..<n]), as: UTF8.self) })
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        guard text.hasPrefix(header), let raw = Data(base64Encoded: String(text.dropFirst(header.count))),
              let sealer = try? Sealer(privateKey: raw)
        else { throw StoreError(.unreadable, "key.unreadable", ["path": file]) }
        return sealer
    }

    /// Makes the directory (and missing parents), 0700 for accord's own.
    static func makeDirectory(_ dir: String) throws {
        var st = stat()
        if lstat(dir, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw StoreError(.io, "key.dir-not-a-dir", ["path": dir]) }
            return
        }
        let parent = FileIO.directory(of: dir)
        if parent != dir, !FileIO.exists(parent) { try makeDirectory(parent) }
        guard mkdir(dir, 0o700) == 0 || errno == EEXIST else { throw StoreError.io(.create, dir) }
        _ = chmod(dir, 0o700)
    }
}
