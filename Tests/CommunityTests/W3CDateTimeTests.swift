import SafeCityCore
import Testing
@testable import Community

@Suite struct W3CDateTimeTests {
    /// The spec's own pair: "1994-11-05T08:15:30-05:00 corresponds to … the same instant" as 13:15:30Z.
    /// 784041330 is that instant's Unix time (Python `calendar.timegm((1994,11,5,13,15,30))`).
    @Test func offsetsNameTheSameInstantAsTheSpecSays() throws {
        let eastern = try #require(W3CDateTime.parse("1994-11-05T08:15:30-05:00"))
        let utc = try #require(W3CDateTime.parse("1994-11-05T13:15:30Z"))
        #expect(eastern == utc)
        #expect(utc.millisecondsSince1970 == 784_041_330_000)
    }

    /// The Swagger draft writes the spec example's 2010-04-14T06:37:38-08:00 as 2010-04-14T14:37:38.000Z.
    @Test func theYAMLAndTheSpecAgree() throws {
        #expect(W3CDateTime.parse("2010-04-14T06:37:38-08:00") == W3CDateTime.parse("2010-04-14T14:37:38.000Z"))
        let time = try #require(W3CDateTime.parse("2010-04-14T14:37:38.000Z"))
        #expect(W3CDateTime.format(time, utcOffsetMinutes: -480) == "2010-04-14T06:37:38-08:00")
        #expect(W3CDateTime.format(time) == "2010-04-14T14:37:38Z")
        #expect(W3CDateTime.format(time, utcOffsetMinutes: 330) == "2010-04-14T20:07:38+05:30")
    }

    @Test func minutesWithoutSecondsAreAllowed() {
        #expect(W3CDateTime.parse("2010-01-01T00:00Z") == W3CDateTime.parse("2010-01-01T00:00:00Z"))
        #expect(W3CDateTime.parse("2010-01-01T01:00+01:00") == W3CDateTime.parse("2010-01-01T00:00:00Z"))
    }

    @Test func anOffsetIsRequired() {
        #expect(W3CDateTime.parse("2010-01-01T00:00:00") == nil)
        #expect(W3CDateTime.parse("2010-01-01") == nil)
        #expect(W3CDateTime.parse("2010-01-01T00:00:00+0100") == nil)
        #expect(W3CDateTime.parse("2010-02-30T00:00:00Z") == nil)
        #expect(W3CDateTime.parse("yesterday") == nil)
    }
}
