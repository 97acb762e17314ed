import Foundation
import SafeCityCore
import Testing

@Suite struct JSONValueTests {
    @Test func canonicalFormSortsKeysAndDropsWhitespace() throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(#"{ "b": [1, 2.5, true, null], "a": "x\"y\n" }"#.utf8))
        #expect(String(decoding: value.canonicalBytes, as: UTF8.self) == #"{"a":"x\"y\n","b":[1,2.5,true,null]}"#)
    }

    @Test func canonicalFormRoundTrips() throws {
        let text = #"{"a":{"z":-3,"y":[{"k":"\u0001"}]},"b":1e+20}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let again = try JSONDecoder().decode(JSONValue.self, from: Data(value.canonicalBytes))
        #expect(again == value)
        #expect(again.canonicalBytes == value.canonicalBytes)
    }
}

@Suite struct JSONParserTests {
    @Test func parsesWhatJSONDecoderParses() throws {
        let documents = [
            #"{"a":[1,-2.5e3,true,false,null],"b":{"c":"\u00e9\ud83d\ude00\n\"x\""},"d":""}"#,
            "  [ ]  ", "0", "-0.0", #""plain""#, "[[[[1]]]]", #"{"":{}}"#,
        ]
        for text in documents {
            let parsed = try JSONParser.parse(Array(text.utf8))
            let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            #expect(parsed == decoded, "\(text)")
        }
    }

    @Test(arguments: [
        "", "{", "[1,]", #"{"a":1,}"#, "01", "1.", "-", "tru", "nul", #""\x""#, #""\ud800""#, "[1] 2",
        "{\"a\" 1}", "\"a\u{01}\"", "NaN", "1e999", String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ])
    func rejectsMalformedDocuments(_ text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func survivesRandomBytes() {
        var rng = SplitMix64(seed: 99)
        let alphabet = Array(#"{}[],:"\ 0123456789.eE+-truefalsnl"#.utf8)
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...40, using: &rng)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &rng)! }
            if let value = try? JSONParser.parse(bytes) {
                // Whatever parses must round-trip through the canonical form.
                #expect((try? JSONParser.parse(value.canonicalBytes)) == value)
            }
        }
    }
}
