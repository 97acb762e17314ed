import Testing
import SafeCityCore
@testable import Sensing

/// Expected profile figures come from `python3 scripts/trend-reference.py` (numpy mean and median by
/// `datetime.hour` and `datetime.weekday()`) on the same hourly excerpt.
@Suite struct SeasonalBaselineTests {
    @Test func hourOfDayAndDayOfWeekProfilesMatchNumpy() throws {
        let series = try LondonAirFixture.hourly2004Q1().compactMap { h in h.no2.map { TimedValue(time: h.time, value: $0) } }
        let daily = SeasonalBaseline(series, profile: .hourOfDay)
        #expect(daily.slots.count == 24)
        let expectedHours: [(Int, Int, Double, Double)] = [(0, 91, 46.13186813186813, 46), (8, 91, 67.03296703296704, 59), (17, 91, 64.71428571428571, 62)]
        for (hour, count, mean, median) in expectedHours {
            let slot = try #require(daily.slots.first { $0.index == hour })
            #expect(slot.count == count)
            #expect(close(slot.mean, mean, relative: 1e-12))
            #expect(slot.median == median)
        }
        let weekly = SeasonalBaseline(series, profile: .dayOfWeek)
        let monday = try #require(weekly.slots.first { $0.index == 0 })
        #expect(monday.count == 312)
        #expect(close(monday.mean, 52.669871794871796, relative: 1e-12))
        #expect(monday.median == 47)
        let sunday = try #require(weekly.slots.first { $0.index == 6 })
        #expect(close(sunday.mean, 39.27884615384615, relative: 1e-12))
        #expect(sunday.median == 36.5)
    }

    @Test func slotIndicesFollowTheCalendar() throws {
        // 5 January 2004 was a Monday; 4 January a Sunday.
        #expect(SeasonalBaseline.slotIndex(of: Timestamp.parse("2004-01-05T13:20:00Z")!, profile: .hourOfWeek) == 13)
        #expect(SeasonalBaseline.slotIndex(of: Timestamp.parse("2004-01-04T23:59:59Z")!, profile: .hourOfWeek) == 167)
        #expect(SeasonalBaseline.slotIndex(of: Timestamp.parse("2004-01-04T23:30:00Z")!, profile: .hourOfWeek, utcOffsetSeconds: 3_600) == 0)
        #expect(SeasonalBaseline.slotIndex(of: Timestamp.parse("1969-12-31T23:00:00Z")!, profile: .dayOfWeek) == 2)
    }

    @Test func latestValueIsSetAgainstTheHistoryBeforeIt() throws {
        let start = try #require(Timestamp.parse("2026-11-02T00:00:00Z"))
        // Three weeks of hourly values equal to the hour of day, then 30 at 05:00.
        var series = (0..<(21 * 24)).map { TimedValue(time: start.adding(milliseconds: Int64($0) * 3_600_000), value: Double($0 % 24)) }
        series.append(TimedValue(time: start.adding(milliseconds: Int64(21 * 24 + 5) * 3_600_000), value: 30))
        let deviation = try #require(SeasonalBaseline.latestDeviation(in: series, profile: .hourOfWeek))
        #expect(deviation.slot.index == 5)
        #expect(deviation.slot.count == 3)
        #expect(deviation.fromMean == 25)
        #expect(deviation.fromMedian == 25)
        #expect(SeasonalBaseline([], profile: .hourOfDay).deviation(of: series[0]) == nil)
    }
}
