import Testing
@testable import Sensing

@Suite struct AQICalculatorTests {
    /// EPA TAD "Calculating the AQI" worked example (EPA-454/B-18-007 Sept 2018, kept in
    /// EPA-454/B-24-002 May 2024): 8-hour ozone 0.08753333 ppm, PM2.5 35.9 µg/m³, CO 8.4 ppm give
    /// ozone 154, PM2.5 102, CO 90, and an AQI of 154 with ozone responsible. None of these rows
    /// changed in 2024.
    @Test func tadWorkedExample() throws {
        let ozone = try AQICalculator.aqi(.o3EightHour, text: "0.08753333")
        #expect(ozone.truncated.description == "0.087")
        #expect(ozone.aqi == 154)
        let pm = try AQICalculator.aqi(.pm25, text: "35.9")
        #expect(pm.aqi == 102)
        let co = try AQICalculator.aqi(.coEightHour, text: "8.4")
        #expect(co.aqi == 90)
        let overall = try #require(AQICalculator.overall([pm, co, ozone]))
        #expect(overall.aqi == 154)
        #expect(overall.pollutant == .o3EightHour)
        #expect(overall.category == .unhealthy)
    }

    /// Every breakpoint of TAD Table 6 (May 2024): (pollutant, concentration text, expected AQI).
    static let boundaries: [(AQIPollutant, String, Int)] = [
        (.pm25, "0.0", 0), (.pm25, "9.0", 50), (.pm25, "9.1", 51), (.pm25, "35.4", 100), (.pm25, "35.5", 101),
        (.pm25, "55.4", 150), (.pm25, "55.5", 151), (.pm25, "125.4", 200), (.pm25, "125.5", 201),
        (.pm25, "225.4", 300), (.pm25, "225.5", 301), (.pm25, "325.4", 500),
        (.pm10, "0", 0), (.pm10, "54", 50), (.pm10, "55", 51), (.pm10, "154", 100), (.pm10, "155", 101),
        (.pm10, "254", 150), (.pm10, "255", 151), (.pm10, "354", 200), (.pm10, "355", 201),
        (.pm10, "424", 300), (.pm10, "425", 301), (.pm10, "604", 500),
        (.o3EightHour, "0.000", 0), (.o3EightHour, "0.054", 50), (.o3EightHour, "0.055", 51),
        (.o3EightHour, "0.070", 100), (.o3EightHour, "0.071", 101), (.o3EightHour, "0.085", 150),
        (.o3EightHour, "0.086", 151), (.o3EightHour, "0.105", 200), (.o3EightHour, "0.106", 201),
        (.o3EightHour, "0.200", 300),
        (.o3OneHour, "0.125", 101), (.o3OneHour, "0.164", 150), (.o3OneHour, "0.165", 151),
        (.o3OneHour, "0.204", 200), (.o3OneHour, "0.205", 201), (.o3OneHour, "0.404", 300),
        (.o3OneHour, "0.405", 301), (.o3OneHour, "0.604", 500),
        (.coEightHour, "0.0", 0), (.coEightHour, "4.4", 50), (.coEightHour, "4.5", 51), (.coEightHour, "9.4", 100),
        (.coEightHour, "9.5", 101), (.coEightHour, "12.4", 150), (.coEightHour, "12.5", 151),
        (.coEightHour, "15.4", 200), (.coEightHour, "15.5", 201), (.coEightHour, "30.4", 300),
        (.coEightHour, "30.5", 301), (.coEightHour, "50.4", 500),
        (.so2OneHour, "0", 0), (.so2OneHour, "35", 50), (.so2OneHour, "36", 51), (.so2OneHour, "75", 100),
        (.so2OneHour, "76", 101), (.so2OneHour, "185", 150), (.so2OneHour, "186", 151), (.so2OneHour, "304", 200),
        (.so2TwentyFourHour, "305", 201), (.so2TwentyFourHour, "604", 300), (.so2TwentyFourHour, "605", 301),
        (.so2TwentyFourHour, "1004", 500),
        (.no2OneHour, "0", 0), (.no2OneHour, "53", 50), (.no2OneHour, "54", 51), (.no2OneHour, "100", 100),
        (.no2OneHour, "101", 101), (.no2OneHour, "360", 150), (.no2OneHour, "361", 151), (.no2OneHour, "649", 200),
        (.no2OneHour, "650", 201), (.no2OneHour, "1249", 300), (.no2OneHour, "1250", 301), (.no2OneHour, "2049", 500),
    ]

    @Test(arguments: boundaries) func everyBreakpoint(_ pollutant: AQIPollutant, _ text: String, _ expected: Int) throws {
        let result = try AQICalculator.aqi(pollutant, text: text)
        #expect(result.aqi == expected, "\(pollutant) \(text)")
        #expect(!result.isBeyondIndex)
    }

    @Test func truncationHappensBeforeLookup() throws {
        // 9.04 truncates to 9.0 (AQI 50), never rounds to 9.1 (51).
        let r = try AQICalculator.aqi(.pm25, text: "9.04")
        #expect(r.truncated.description == "9.0")
        #expect(r.aqi == 50)
        #expect(try AQICalculator.aqi(.pm25, text: "9.09999").aqi == 50)
        #expect(try AQICalculator.aqi(.pm10, text: "54.9").aqi == 50)
        #expect(try AQICalculator.aqi(.o3EightHour, text: "0.0549").aqi == 50)
        #expect(try AQICalculator.aqi(.coEightHour, text: "4.49").aqi == 50)
        #expect(try AQICalculator.aqi(.no2OneHour, text: "53.99").aqi == 50)
        #expect(try AQICalculator.aqi(.so2OneHour, text: "35.7").aqi == 50)
    }

    @Test func nineOnePointOneIsFiftyOneFromTextAndFromDouble() throws {
        #expect(try AQICalculator.aqi(.pm25, text: "9.1").aqi == 51)
        // The Double 9.1 is 9.0999999999999996…; through its shortest text it is still 9.1.
        #expect(try AQICalculator.aqi(.pm25, 9.1).aqi == 51)
        #expect(try AQICalculator.aqi(.pm25, 35.5).aqi == 101)
        #expect(try AQICalculator.aqi(.o3EightHour, 0.055).aqi == 51)
        #expect(try AQICalculator.aqi(.coEightHour, 4.5).aqi == 51)
    }

    @Test func halfRoundsUp() throws {
        // PM2.5 22.1: 49/26.3 × 13.0 + 51 = 75.2205…; PM10 104.5 truncates to 104: 49/99 × 49 + 51 = 75.25…
        #expect(try AQICalculator.aqi(.pm25, text: "22.1").aqi == 75)
        // CO 4.5–9.4 maps 4.9 units onto 49 AQI: 7.0 is 51 + 25 = 76 exactly; NO2 54–100 (46 ppb onto 49):
        // 77 is 51 + 49·23/46 = 75.5, which EPA rounds half up to 76.
        #expect(try AQICalculator.aqi(.coEightHour, text: "7.0").aqi == 76)
        #expect(try AQICalculator.aqi(.no2OneHour, text: "77").aqi == 76)
    }

    @Test func beyondTheIndexExtrapolatesAboveFiveHundred() throws {
        let r = try AQICalculator.aqi(.pm25, text: "425.4")
        // Last row 225.5–325.4 → 301–500: 199/99.9 × 199.9 + 301 = 699.2…
        #expect(r.aqi == 699)
        #expect(r.isBeyondIndex)
        #expect(r.category == .hazardous)
        #expect(try AQICalculator.aqi(.pm25, text: "325.5").aqi == 500)
        #expect(try AQICalculator.aqi(.pm25, text: "325.5").isBeyondIndex)
    }

    @Test func tableGapsThrowNotDefined() {
        #expect(throws: AQIError.self) { try AQICalculator.aqi(.o3EightHour, text: "0.201") }
        #expect(throws: AQIError.self) { try AQICalculator.aqi(.o3OneHour, text: "0.124") }
        #expect(throws: AQIError.self) { try AQICalculator.aqi(.so2OneHour, text: "305") }
        #expect(throws: AQIError.self) { try AQICalculator.aqi(.so2TwentyFourHour, text: "304") }
        do {
            _ = try AQICalculator.aqi(.o3EightHour, text: "0.2019")
            Issue.record("expected notDefined")
        } catch {
            guard case let .notDefined(pollutant, truncated, _) = error else { Issue.record("\(error)"); return }
            #expect(pollutant == .o3EightHour)
            #expect(truncated.description == "0.201")
        }
    }

    @Test func ozoneUsesTheHigherOfEightHourAndOneHour() throws {
        // 8-hour 0.080 in 0.071–0.085 → 101–150: 49/14 × 9 + 101 = 132.5, rounded half up to 133.
        let both = try #require(try AQICalculator.ozone(eightHour: .init(parsing: "0.080"), oneHour: .init(parsing: "0.150")))
        // 1-hour 0.150: 49/39 × 25 + 101 = 132.41 → 132; the 8-hour value (133) is higher.
        #expect(both.aqi == 133)
        #expect(both.pollutant == .o3EightHour)
        // Above 0.200 ppm the 8-hour table stops and the 1-hour value decides.
        let high = try #require(try AQICalculator.ozone(eightHour: .init(parsing: "0.250"), oneHour: .init(parsing: "0.420")))
        #expect(high.pollutant == .o3OneHour)
        #expect(high.aqi == 316) // 199/199 × 15 + 301
        #expect(throws: AQIError.self) { try AQICalculator.ozone(eightHour: .init(parsing: "0.250"), oneHour: nil) }
        // A 1-hour value below 0.125 defines nothing; the 8-hour one stands.
        #expect(try AQICalculator.ozone(eightHour: .init(parsing: "0.040"), oneHour: .init(parsing: "0.050"))?.aqi == 37)
        #expect(try AQICalculator.ozone(eightHour: nil, oneHour: .init(parsing: "0.050")) == nil)
    }

    @Test func categoriesColoursAndMessages() {
        #expect(AQICategory(aqi: 50) == .good)
        #expect(AQICategory(aqi: 51) == .moderate)
        #expect(AQICategory(aqi: 150) == .unhealthyForSensitiveGroups)
        #expect(AQICategory(aqi: 151) == .unhealthy)
        #expect(AQICategory(aqi: 300) == .veryUnhealthy)
        #expect(AQICategory(aqi: 301) == .hazardous)
        #expect(AQICategory(aqi: 650) == .hazardous)
        // TAD Table 1 colours: green 0,228,0; yellow 255,255,0; orange 255,126,0; red 255,0,0;
        // purple 143,63,151; maroon 126,0,35.
        #expect(AQICategory.allCases.map(\.colourHex) == ["#00E400", "#FFFF00", "#FF7E00", "#FF0000", "#8F3F97", "#7E0023"])
        for c in AQICategory.allCases {
            #expect(!c.healthMessage.isEmpty && !c.healthMessageSpanish.isEmpty && c.healthMessage != c.healthMessageSpanish)
        }
        for p in AQIPollutant.allCases { #expect(!p.sensitiveGroups.isEmpty && !p.sensitiveGroupsSpanish.isEmpty) }
    }
}
