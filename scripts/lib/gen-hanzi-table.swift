// Writes Sources/AccordCore/Catalog/HanziTable.swift (see scripts/gen-hanzi-table): ICU's
// Traditional-Simplified and Simplified-Traditional transforms as tables. Foundation's
// applyingTransform is ICU's transliterator (on Linux, the ICU swift-foundation carries as
// _FoundationICU). Both transforms are phrase tables: rules `乾坤 > 乾坤;` `計畫 > 计划;` before
// the characters' own `乾 > 干;`; at each position ICU applies the first rule, in rule order,
// that matches there. The table keeps that: each character's own mapping (ICU's result for the
// character alone) and the phrases, in rule order, that ICU would try before it.
import Foundation

/// Every scalar NameKey and DocumentLanguage treat as CJK (NameKey.isCJK, DocumentLanguage's
/// .han script): the only text the old code handed to ICU.
let ranges: [ClosedRange<UInt32>] = [
    0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0x20000...0x2FFFD,
]

func fail(_ message: String) -> Never {
    FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
    exit(1)
}

func characters(_ transform: StringTransform) -> [(UInt32, UInt32)] {
    var out: [(UInt32, UInt32)] = []
    for range in ranges {
        for v in range {
            guard let u = Unicode.Scalar(v) else { continue }
            let s = String(Character(u))
            guard let t = s.applyingTransform(transform, reverse: false), t != s else { continue }
            let us = Array(t.unicodeScalars)
            guard us.count == 1 else { fail("U+\(String(v, radix: 16)) becomes \(us.count) characters: not one to one") }
            out.append((v, us[0].value))
        }
    }
    return out.sorted { $0.0 < $1.0 }
}

/// The transform's rules as ICU writes them (utrans_toRules), through the C entry points of
/// the ICU that Foundation has loaded (swift-foundation names them swift_utrans_*).
func rules(_ id: String) -> String {
    typealias Open = @convention(c) (UnsafePointer<UInt16>, Int32, Int32, UnsafePointer<UInt16>?, Int32, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int32>) -> OpaquePointer?
    typealias ToRules = @convention(c) (OpaquePointer?, Int8, UnsafeMutablePointer<UInt16>, Int32, UnsafeMutablePointer<Int32>) -> Int32
    _ = "x".applyingTransform(StringTransform(id), reverse: false)  // loads ICU
    guard let o = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "swift_utrans_openU") ?? dlsym(UnsafeMutableRawPointer(bitPattern: 0), "utrans_openU"),
          let r = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "swift_utrans_toRules") ?? dlsym(UnsafeMutableRawPointer(bitPattern: 0), "utrans_toRules")
    else { fail("ICU's utrans_openU/utrans_toRules are not reachable") }
    let open = unsafeBitCast(o, to: Open.self), toRules = unsafeBitCast(r, to: ToRules.self)
    var status: Int32 = 0
    let name = Array(id.utf16)
    guard let tr = open(name, Int32(name.count), 0, nil, 0, nil, &status), status <= 0 else { fail("utrans_openU(\(id)): \(status)") }
    var buf = [UInt16](repeating: 0, count: 1 << 22)
    let n = toRules(tr, 0, &buf, Int32(buf.count), &status)
    guard status <= 0 else { fail("utrans_toRules(\(id)): \(status)") }
    return String(decoding: buf.prefix(Int(n)), as: UTF16.self)
}

/// The phrase rules (more than one character on the left) that ICU can apply, in rule order:
/// a phrase after a rule whose left side is its prefix (the character's own rule) never
/// applies. Rules with a context (`[一二三]{斗} > 斗`) are returned apart: the table leaves them out.
func phrases(_ id: String) -> (phrases: [(String, String)], context: [String]) {
    var seen: [[Unicode.Scalar]] = []
    var out: [(String, String)] = [], context: [String] = []
    for raw in rules(id).split(separator: ";") {
        let rule = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if rule.isEmpty { continue }
        let sides = rule.components(separatedBy: " > ")
        guard sides.count == 2, !rule.contains(where: { "[]{}|$:".contains($0) }) else { context.append(rule); continue }
        let left = Array(sides[0].unicodeScalars)
        defer { seen.append(left) }
        guard left.count > 1 else { continue }
        guard sides[1].unicodeScalars.count == left.count else { fail("\(id): \(rule) changes the length") }
        if seen.contains(where: { $0.count <= left.count && Array(left.prefix($0.count)) == $0 }) { continue }
        // the old code handed ICU one run of CJK characters at a time: a phrase with another
        // character could never match
        guard left.allSatisfy({ u in ranges.contains { $0.contains(u.value) } }) else { context.append(rule); continue }
        out.append((sides[0], sides[1]))
    }
    // grouped by first character; within one, rule order (a stable sort)
    let sorted = out.enumerated().sorted { ($0.element.0.unicodeScalars.first!.value, $0.offset) < ($1.element.0.unicodeScalars.first!.value, $1.offset) }
    return (sorted.map(\.element), context)
}

func hex(_ v: UInt32) -> String { "0x" + String(v, radix: 16, uppercase: true) }
func char(_ v: UInt32) -> String { String(Character(Unicode.Scalar(v)!)) }

let forward = characters(StringTransform("Traditional-Simplified"))
let reverse = characters(StringTransform("Simplified-Traditional"))
let (forwardPhrases, forwardContext) = phrases("Traditional-Simplified")
let (reversePhrases, reverseContext) = phrases("Simplified-Traditional")
guard forwardContext.isEmpty else { fail("Traditional-Simplified has rules with a context: \(forwardContext)") }

func phraseArrays(_ name: String, _ list: [(String, String)]) -> String {
    var s = "    static let \(name)First: [UInt32] = [\n"
    for i in stride(from: 0, to: list.count, by: 12) {
        s += "        " + list[i..<min(i + 12, list.count)].map { hex($0.0.unicodeScalars.first!.value) + "," }.joined(separator: " ") + "\n"
    }
    s += "    ]\n    static let \(name): [(String, String)] = [\n"
    for i in stride(from: 0, to: list.count, by: 6) {
        s += "        " + list[i..<min(i + 6, list.count)].map { "(\"\($0.0)\", \"\($0.1)\")," }.joined(separator: " ") + "\n"
    }
    return s + "    ]\n"
}

var s = """
// Generated by scripts/gen-hanzi-table from ICU's transforms (Foundation's applyingTransform
// and the transforms' own rules): do not edit. HanziTableTests checks it against ICU.

/// ICU's Traditional → Simplified Chinese transform, and its Simplified → Traditional one, as
/// tables: creating ICU's transliterator costs ~5 ms a process, these cost nothing to load.
/// ICU's transforms are phrase tables: at each position the first rule in ICU's order that
/// matches applies (`計畫 > 计划` before `畫 > 画`, `乾坤 > 乾坤` before `乾 > 干`), else the
/// character's own mapping. `Simplify` and `Traditionalize` read them that way.
enum HanziTable {
    /// Traditional → Simplified, a character alone: pairs (Traditional, Simplified) one after
    /// the other, sorted by the Traditional scalar; a character not listed stays. \(forward.count) pairs.
    static let toSimplified: [UInt32] = [

"""
for i in stride(from: 0, to: forward.count, by: 8) {
    let line = forward[i..<min(i + 8, forward.count)]
    s += "        " + line.map { "\(hex($0.0)), \(hex($0.1))," }.joined(separator: " ")
    s += "  // " + line.map { "\(char($0.0))\(char($0.1))" }.joined(separator: " ") + "\n"
}
s += """
    ]

    /// Traditional → Simplified phrases, grouped by first character (`simplifiedPhrasesFirst`,
    /// sorted) and in ICU's order within one: \(forwardPhrases.count) phrases.

"""
s += phraseArrays("simplifiedPhrases", forwardPhrases)
s += """

    /// The characters ICU's Simplified → Traditional changes when alone (a character only
    /// Simplified Chinese writes), sorted. \(reverse.count) characters.
    static let simplifiedOnly: [UInt32] = [

"""
for i in stride(from: 0, to: reverse.count, by: 12) {
    let line = reverse[i..<min(i + 12, reverse.count)]
    s += "        " + line.map { "\(hex($0.0))," }.joined(separator: " ")
    s += "  // " + line.map { char($0.0) }.joined() + "\n"
}
s += """
    ]

    /// Simplified → Traditional phrases, as `simplifiedPhrases` (\(reversePhrases.count) phrases). Left out: ICU's
    /// \(reverseContext.count) rules with a context (a numeral before, or a following character):
    /// \(reverseContext.map { "`\($0)`" }.joined(separator: "\n    /// "))

"""
s += phraseArrays("traditionalPhrases", reversePhrases)
s += "}\n"
print(s, terminator: "")
