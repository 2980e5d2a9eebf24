@testable import AccordCore
import Foundation
import Testing

@Suite("TapeDecoder: the fast reader agrees with Foundation's JSONDecoder")
struct TapeDecoderTests {
    struct Sample: Codable, Equatable {
        var s: String
        var i: Int
        var d: Double
        var b: Bool
        var o: String?
        var a: [Int]
        var m: [String: Int]
        var nested: [Sample]?
        var step: Step?
    }

    func both<T: Decodable & Equatable>(_ t: T.Type, _ json: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let data = Data(json.utf8)
        let fast = try? TapeDecoder.decodeFast(t, from: data)
        let slow = try? JSONDecoder().decode(t, from: data)
        #expect(fast == slow, "\(json)", sourceLocation: sourceLocation)
    }

    @Test func sessionsDecodeTheSameBothWays() throws {
        var m = Meeting()
        try m.runAll(GoalTests.room + "\n" + GoalTests.good + """

        vote G1 Marketing agree
        vote G1 Sales object "Budget \\"first\\" — 預算優先\\\\"
        goal edit G1 --target 14,500
        dept rename Sales 業務部
        undo
        """)
        let stateLine = try SessionFile.encodeState(m.state)
        #expect(try TapeDecoder.decodeFast(State.self, from: stateLine) == m.state)
        for line in m.lines {
            let fast = try EventLine.decode(line)
            let viaFoundation = try JSONDecoder().decode(EventLine.WholeForTests.self, from: line)
            #expect(fast.seq == viaFoundation.seq && fast.command == viaFoundation.cmd && fast.ops == viaFoundation.ops)
        }
    }

    @Test func valuesAndEscapes() {
        both(Sample.self, #"{"s":"a\"b\\c\/d\n\t\r\b\f\u00e9\u4e2d\ud83d\ude00","i":-42,"d":3.5e2,"b":true,"a":[],"m":{},"o":null}"#)
        both(Sample.self, #"{"s":"行銷部","i":0,"d":-0.125,"b":false,"a":[1,2,3],"m":{"K":3,"行":4},"nested":[{"s":"","i":1,"d":1,"b":true,"a":[],"m":{}}],"step":"goals"}"#)
        both(Sample.self, "  {\n\"s\" : \"x\" ,\t\"i\":1,\"d\":1E3,\"b\":true,\"a\":[ 1 , 2 ],\"m\":{ }} \n")
    }

    @Test func invalidInputIsRefusedNeverTrapped() {
        let bad = [
            "", " ", "{", "}", "[", "]", "{\"s\"}", "{\"s\":}", "{\"s\":\"x\",}", "[1,]", "[1 2]", "{\"a\":1}}",
            "nul", "tru", "01", "1.", "1e", "-", "\"abc", "\"\\u12\"", "\"\\ud800\"", "\"\\x\"", "\"a\u{01}b\"",
            "{\"s\":\"x\" \"i\":1}", "[\"\\", "{\"a\":[1,{\"b\":}]}", "1e400",
        ]
        for text in bad {
            both(Sample.self, text)
            #expect((try? TapeDecoder.decodeFast(Sample.self, from: Data(text.utf8))) == nil, "\(text)")
        }
        // invalid UTF-8 inside a string
        let bytes = Data([0x22, 0xff, 0xfe, 0x22])
        #expect((try? TapeDecoder.decodeFast(String.self, from: bytes)) == nil)
    }

    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: (any Error).self) { _ = try TapeDecoder.decodeFast([Int].self, from: Data(deep.utf8)) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { _ = try Tape(ok.utf8.withContiguousStorageIfAvailable { $0 }!) }
    }

    @Test func numbersAndIntegers() {
        both([Int].self, "[0,-1,9007199254740993,123456789012345678]")
        both([Double].self, "[0,-1,0.1,1e-7,1.7976931348623157e308,9007199254740993]")
        both([Int].self, "[1.5]")
        both([Int].self, "[99999999999999999999]")
        both([UInt8].self, "[255,256]")
    }

    @Test func randomDocumentsAgree() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["\"x\"", "\"行\"", "1", "-2.5", "true", "null", "[1,2]", "{\"k\":1}", "\"\\n\"", "\"\\u00e9\""]
        for _ in 0..<300 {
            var text = "{"
            let keys = ["s", "i", "d", "b", "o", "a", "m", "step"].shuffled(using: &rng)
            for (n, k) in keys.prefix(Int.random(in: 0...8, using: &rng)).enumerated() {
                if n > 0 { text += "," }
                text += "\"\(k)\":" + pieces.randomElement(using: &rng)!
            }
            text += "}"
            both(Sample.self, text)
        }
    }
}
