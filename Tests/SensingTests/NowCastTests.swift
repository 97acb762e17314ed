import Testing
@testable import Sensing

@Suite struct NowCastTests {
    /// EPA/AirNow "Computing the NowCast" worked example: the 12 hours 50 80 75 90 82 53 64 74 21 10
    /// 16 13 µg/m³ (oldest first); range 80, scaled rate 80/90, w = 0.11 → 0.5; NowCast 17.4 µg/m³.
    /// With the 2024 breakpoints 17.4 is AQI 51 + 49/26.3 × 8.3 = 66.46 → 66.
    @Test func epaParticulateExample() throws {
        let oldestFirst: [Double?] = [50, 80, 75, 90, 82, 53, 64, 74, 21, 10, 16, 13]
        let r = try #require(try NowCast.compute(.pm25, hourlyMostRecentFirst: oldestFirst.reversed()))
        #expect(r.weightFactor == 0.5)
        #expect(abs(r.concentration - 17.4139) < 0.001)
        #expect(r.truncated.description == "17.4")
        #expect(r.aqi?.aqi == 66)
    }

    /// AirNow-Tech "AirNow Updates to Ozone Real-time Reporting" (2016) example: hours 63 69 80 74 60
    /// (missing) 35 22 ppb, most recent first; range 58, w = 1 − 58/80 = 0.275 (no 0.5 floor for
    /// ozone); numerator 89.925. Dividing by the weights of the hours present gives 65.27 ppb, which
    /// truncates to 0.065 ppm: AQI 51 + 49/15 × 10 = 83.7 → 84.
    @Test func airNowOzoneExampleWithAMissingHour() throws {
        let ppb: [Double?] = [63, 69, 80, 74, 60, nil, 35, 22]
        let ppm: [DecimalConcentration?] = try ppb.map { try $0.map { try DecimalConcentration($0).movingDecimalPointLeft(3) } }
        let r = try #require(try NowCast.compute(.o3EightHour, hourlyMostRecentFirst: ppm))
        #expect(abs(r.weightFactor - 0.275) < 1e-12)
        #expect(abs(r.concentration * 1000 - 65.272) < 0.001)
        #expect(r.truncated.description == "0.065")
        #expect(r.aqi?.aqi == 84)
    }

    @Test func needsTwoOfTheThreeMostRecentHours() throws {
        let base: [Double?] = Array(repeating: 10, count: 12)
        var oneMissing = base
        oneMissing[0] = nil
        #expect(try NowCast.compute(.pm25, hourlyMostRecentFirst: oneMissing) != nil)
        var twoMissing = oneMissing
        twoMissing[2] = nil
        #expect(try NowCast.compute(.pm25, hourlyMostRecentFirst: twoMissing) == nil)
        // Only the 3 most recent matter for validity: many older gaps are fine.
        let sparse: [Double?] = [10, 12, nil, nil, nil, nil, nil, nil, nil, nil, nil, 8]
        #expect(try NowCast.compute(.pm25, hourlyMostRecentFirst: sparse) != nil)
    }

    @Test func steadyAirIsThePlainAverage() throws {
        // All equal: w = 1, the NowCast is the 12-hour mean, and 9.1 must not truncate to 9.0.
        let r = try #require(try NowCast.compute(.pm25, hourlyMostRecentFirst: Array(repeating: 9.1, count: 12)))
        #expect(r.weightFactor == 1)
        #expect(r.truncated.description == "9.1")
        #expect(r.aqi?.aqi == 51)
        let zero = try #require(try NowCast.compute(.pm10, hourlyMostRecentFirst: Array(repeating: 0.0, count: 12)))
        #expect(zero.aqi?.aqi == 0)
    }

    @Test func refusesOtherPollutantsAndNegativeHours() {
        #expect(throws: AQIError.unsupported(pollutant: .coEightHour, calculation: "the NowCast")) {
            try NowCast.compute(.coEightHour, hourlyMostRecentFirst: [1.0, 1.0, 1.0] as [Double?])
        }
        #expect(throws: AQIError.self) { try NowCast.compute(.pm25, hourlyMostRecentFirst: [1.0, -1.0, 1.0] as [Double?]) }
    }
}
