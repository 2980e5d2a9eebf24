/// A sentence (or several) not yet put into words: a catalog key and its arguments. Errors
/// carry one; the front end renders it through the catalog (`rendered()`, today English), so
/// that the same error can be shown in the room's language. One key is one whole message:
/// a variant (with a suggestion, say) is its own template, never fragments glued together.
///
///     throw CommandError("kpi.bad-id", ["ref": ref])
///     Message.suggesting("metric.unknown", ["name": name], nearest: "leads")
///         // key "metric.unknown.suggest", its template ending "Did you mean `leads`?"
public struct Message: Equatable, Sendable, CustomStringConvertible {
    public var key: String
    /// Plain values (names, ids, numbers as typed or formatted).
    public var args: [String: String]
    /// Arguments that are messages themselves (the reason inside "Not recorded: {why}"),
    /// rendered in the same language as the message that holds them.
    public var nested: [String: Message]

    public init(_ key: String, _ args: [String: String] = [:], nested: [String: Message] = [:]) {
        // a finished sentence passed where its key belongs would be shown as ⟨…⟩
        assert(Messages.english[key] != nil, "no message \(key) in the catalog")
        self.key = key; self.args = args; self.nested = nested
    }

    /// `key` with the nearest spelling as `{nearest}` under `key.suggest` when there is one.
    public static func suggesting(_ key: String, _ args: [String: String] = [:], nearest: String?) -> Message {
        guard let nearest else { return Message(key, args) }
        var a = args
        a["nearest"] = nearest
        return Message(key + ".suggest", a)
    }

    /// The message in words, through the catalog of `language` (nested messages in the same).
    public func rendered(in language: Language = Language.current) -> String {
        guard !nested.isEmpty else { return t(key, args, in: language) }
        var all = args
        for (name, m) in nested { all[name] = m.rendered(in: language) }
        return t(key, all, in: language)
    }

    public var description: String { rendered() }
}

/// An error that is a message for the person at the keyboard.
public protocol MessageError: Error {
    var message: Message { get }
}

extension Message {
    /// What an error says: its message when it has one, else the system's description.
    public static func of(_ error: Error) -> Message {
        if let e = error as? MessageError { return e.message }
        return Message("error.system", ["why": "\(error)"])
    }
}
