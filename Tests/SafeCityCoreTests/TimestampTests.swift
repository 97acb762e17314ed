import Foundation
import SafeCityCore
import Testing

@Suite struct TimestampTests {
    @Test func formatsAndParsesISO8601WithMilliseconds() {
        let t = Timestamp(millisecondsSince1970: 1_795_000_000_123)
        #expect(t.description == "2026-11-18T11:06:40.123Z")
        #expect(Timestamp.parse(t.description) == t)
        #expect(Timestamp.parse("2026-11-18T12:06:40+01:00") == Timestamp(millisecondsSince1970: 1_795_000_000_000))
    }

    @Test func rejectsMalformedText() {
        #expect(Timestamp.parse("yesterday") == nil)
        #expect(Timestamp.parse("2026-13-40T00:00:00Z") == nil)
    }

    @Test func negativeTimesFormatCorrectly() {
        #expect(Timestamp(millisecondsSince1970: -1).description == "1969-12-31T23:59:59.999Z")
    }

    @Test func theFastRFC3339ParserAgreesWithTheFormatter() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<500 {
            // Formatting goes through the C library's gmtime, parsing through our own calendar arithmetic.
            let ms = Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &rng)
            let text = Timestamp(millisecondsSince1970: ms).description
            #expect(Timestamp.parseRFC3339(text)?.millisecondsSince1970 == ms, "\(text)")
        }
        #expect(Timestamp.parseRFC3339("2024-02-29T23:59:59.5-05:30") == Timestamp.parse("2024-03-01T05:29:59.500Z"))
        #expect(Timestamp.parseRFC3339("2023-02-29T00:00:00Z") == nil)
        #expect(Timestamp.parseRFC3339("2023-01-01T24:00:00Z") == nil)
        #expect(Timestamp.parseRFC3339("2023-01-01T00:00:00") == nil)
    }
}
