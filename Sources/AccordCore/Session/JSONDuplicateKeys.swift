import Foundation

/// Finds a key that appears twice in one JSON object.
///
/// JSON parsers disagree on such a file: Python and JSONSerialization keep the last value,
/// Foundation's JSONDecoder may keep the first. A session file with `"state"` twice could then
/// show one session to `jq` or a spreadsheet macro and another to `accord verify`. A session
/// file read on the slow path (not in accord's own layout) is checked with this first, and
/// refused when a key repeats.
///
/// One pass, no recursion (a file nested 100,000 deep costs a stack of sets only as deep as
/// the objects in it), keys compared after their escapes are resolved (`"a"` and `"\u0061"` are
/// the same key). It does not validate the JSON: the parser that runs next does.
///
///     JSONDuplicateKeys.first(in: Data(#"{"a":1,"b":{"a":2},"a":3}"#.utf8))   // "a"
public enum JSONDuplicateKeys {
    public static func first(in data: Data) -> String? {
        data.withUnsafeBytes { raw -> String? in
            let p = raw.bindMemory(to: UInt8.self)
            let n = p.count
            // one entry per open container: the keys of an object, nil for an array
            var open: [Keys?] = []
            var i = 0
            var expectKey = false
            while i < n {
                let c = p[i]
                switch c {
                case UInt8(ascii: "{"):
                    open.append(Keys()); expectKey = true; i += 1
                case UInt8(ascii: "["):
                    open.append(nil); expectKey = false; i += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if !open.isEmpty { open.removeLast() }
                    expectKey = false; i += 1
                case UInt8(ascii: ","):
                    expectKey = open.last.map { $0 != nil } ?? false; i += 1
                case UInt8(ascii: "\""):
                    // the string's extent, and whether it has escapes
                    let start = i + 1
                    var j = start, escaped = false
                    while j < n, p[j] != UInt8(ascii: "\"") {
                        if p[j] == UInt8(ascii: "\\") { escaped = true; j += 2 } else { j += 1 }
                    }
                    let end = min(j, n)
                    if expectKey, let last = open.last, last != nil {
                        var key = Data(bytes: p.baseAddress! + start, count: end - start)
                        if escaped, let s = unescape(Data(bytes: p.baseAddress! + start - 1, count: min(end + 1, n) - start + 1)) {
                            key = Data(s.utf8)
                        }
                        // in place: no copy of the set per key
                        if open[open.count - 1]?.insert(key) == false {
                            return String(decoding: key, as: UTF8.self)
                        }
                    }
                    expectKey = false
                    i = end + 1
                default:
                    i += 1
                }
            }
            return nil
        }
    }

    /// The keys of one object seen so far: a short list compared in turn (an object in a
    /// session file has a handful of members; a `Set<Data>` costs its generic metadata and a
    /// conformance lookup at every start), a set once it has more than 16.
    struct Keys {
        var few: [Data] = []
        var many: Set<Data>?

        /// Adds `key`; false when the object already has it.
        mutating func insert(_ key: Data) -> Bool {
            if many != nil { return many!.insert(key).inserted }
            if few.contains(key) { return false }
            few.append(key)
            if few.count > 16 { many = Set(few); few = [] }
            return true
        }
    }

    private static func unescape(_ quoted: Data) -> String? {
        (try? JSONSerialization.jsonObject(with: quoted, options: [.fragmentsAllowed])) as? String
    }
}
