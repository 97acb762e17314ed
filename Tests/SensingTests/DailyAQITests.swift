import Testing
@testable import Sensing

@Suite struct DailyAQITests {
    private func decimals(_ values: [String?]) throws -> [DecimalConcentration?] {
        try values.map { try $0.map { try DecimalConcentration(parsing: $0) } }
    }

    @Test func particulateNeedsEighteenOfTwentyFourHours() throws {
        var hours: [String?] = Array(repeating: "10.0", count: 24)
        for i in 0..<6 { hours[i] = nil }
        let day = try #require(try DailyAQI.twentyFourHourAverage(.pm25, hourly: decimals(hours)))
        #expect(day.validCount == 18)
        #expect(day.aqi?.aqi == 53) // 10.0: 49/26.3 × 0.9 + 51 = 52.68
        hours[6] = nil
        #expect(try DailyAQI.twentyFourHourAverage(.pm25, hourly: decimals(hours)) == nil)
    }

    @Test func theMeanIsExactThenTruncated() throws {
        // 12 hours of 9.0 and 12 of 9.2 average to exactly 9.1 (AQI 51), which floating point sums
        // can land just under; 23 × 9.0 + 11.3 averages 9.0958… → 9.0 (AQI 50).
        let even: [String?] = Array(repeating: "9.0", count: 12) + Array(repeating: "9.2", count: 12)
        let a = try #require(try DailyAQI.twentyFourHourAverage(.pm25, hourly: decimals(even)))
        #expect(a.truncated.description == "9.1")
        #expect(a.aqi?.aqi == 51)
        let odd: [String?] = Array(repeating: "9.0", count: 23) + ["11.3"]
        #expect(try DailyAQI.twentyFourHourAverage(.pm25, hourly: decimals(odd))?.aqi?.aqi == 50)
        let pm10: [String?] = Array(repeating: "54", count: 23) + ["77"] // 54.958… → 54 → AQI 50
        #expect(try DailyAQI.twentyFourHourAverage(.pm10, hourly: decimals(pm10))?.aqi?.aqi == 50)
        #expect(throws: AQIError.wrongHourCount(expected: "24", found: 23)) {
            try DailyAQI.twentyFourHourAverage(.pm25, hourly: Array(repeating: nil, count: 23))
        }
    }

    @Test func dailyMaximumEightHourOzone() throws {
        // 0.040 ppm all day except 0.080 at 12:00–19:00: the 12:00 window averages 0.080 → AQI 133.
        var hours: [String?] = Array(repeating: "0.040", count: 31)
        for h in 12..<20 { hours[h] = "0.080" }
        let day = try #require(try DailyAQI.maximumEightHourOzone(hourly: decimals(hours)))
        #expect(day.truncated.description == "0.080")
        #expect(day.aqi?.aqi == 133)
        #expect(day.validCount == 17)
        // A window with 6 of 8 hours counts; with 5 it does not.
        hours[12] = nil; hours[13] = nil
        #expect(try DailyAQI.maximumEightHourOzone(hourly: decimals(hours))?.truncated.description == "0.080")
        hours[14] = nil
        // Now the windows starting 07:00–12:00 have only 5 hours each: 11 of 17 valid, no daily value.
        #expect(try DailyAQI.maximumEightHourOzone(hourly: decimals(hours)) == nil)
    }

    @Test func ozoneNeedsThirteenOfSeventeenWindows() throws {
        var hours: [String?] = Array(repeating: "0.030", count: 31)
        // Hours from 22:00 to 06:00 next day missing.
        for h in 22..<31 { hours[h] = nil }
        // Windows starting at h need ≥ 6 present among h…h+7 (present up to 21): valid for h ≤ 16 → 10 windows.
        #expect(try DailyAQI.maximumEightHourOzone(hourly: decimals(hours)) == nil)
        for h in 22..<25 { hours[h] = "0.030" }
        // Present up to 24: valid for h ≤ 19 → 13 windows.
        #expect(try DailyAQI.maximumEightHourOzone(hourly: decimals(hours))?.validCount == 13)
    }
}
