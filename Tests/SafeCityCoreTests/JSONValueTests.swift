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
