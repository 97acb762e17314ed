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
}
