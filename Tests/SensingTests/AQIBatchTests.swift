import Testing
@testable import Sensing

@Suite struct AQIBatchTests {
    @Test func casesWithHeaderAndEveryPollutant() throws {
        let csv = """
        pollutant,concentration
        pm25,9.1
        pm25,9.04
        pm10,155
        o3_8h,0.08753333
        o3_1h,0.100
        co_8h,8.4
        so2_1h,75
        so2_24h,305
        no2_1h,2049

        pm25,425.4
        """
        let out = try AQIBatch.cases(csv: csv)
        #expect(out == """
        pollutant,concentration,truncated,aqi,category
        pm25,9.1,9.1,51,Moderate
        pm25,9.04,9.0,50,Good
        pm10,155,155,101,Unhealthy for Sensitive Groups
        o3_8h,0.08753333,0.087,154,Unhealthy
        o3_1h,0.100,0.100,,
        co_8h,8.4,8.4,90,Moderate
        so2_1h,75,75,100,Moderate
        so2_24h,305,305,201,Very Unhealthy
        no2_1h,2049,2049,500,Hazardous
        pm25,425.4,425.4,699,Hazardous

        """)
    }

    @Test func casesWithoutHeaderAndWithCRLF() throws {
        #expect(try AQIBatch.cases(csv: "pm25,35.5\r\nPM10,54\r\n") == "pollutant,concentration,truncated,aqi,category\npm25,35.5,35.5,101,Unhealthy for Sensitive Groups\npm10,54,54,50,Good\n")
    }

    @Test func badRowsNameTheLineAndReason() {
        #expect(throws: AQIError.badLine(line: 3, reason: AQIError.unknownPollutant("pm1").description)) {
            try AQIBatch.cases(csv: "pollutant,concentration\npm25,5\npm1,5\n")
        }
        #expect(throws: AQIError.badLine(line: 2, reason: "\"abc\" is not a number")) {
            try AQIBatch.cases(csv: "pm25,5\npm25,abc\n")
        }
        #expect(throws: AQIError.badLine(line: 1, reason: "-3 is negative; a concentration is never below zero")) {
            try AQIBatch.cases(csv: "pm10,-3\n")
        }
        #expect(throws: AQIError.badLine(line: 1, reason: "expected 2 fields (pollutant,concentration), found 3")) {
            try AQIBatch.cases(csv: "pm10,3,4\n")
        }
        // A header is only a header on the first line.
        #expect(throws: AQIError.self) { try AQIBatch.cases(csv: "pm25,5\npollutant,concentration\n") }
    }

    @Test func nowcastRows() throws {
        // Row 1: EPA's worked example, most recent first (17.4 µg/m³, AQI 66). Row 2: two of the three
        // most recent hours missing. Row 3: steady 9.1.
        let csv = """
        h1,h2,h3,h4,h5,h6,h7,h8,h9,h10,h11,h12
        13,16,10,21,74,64,53,82,90,75,80,50
        13,,,21,74,64,53,82,90,75,80,50
        9.1,9.1,9.1,9.1,9.1,9.1,9.1,9.1,9.1,9.1,9.1,9.1
        """
        #expect(try AQIBatch.nowcast(csv: csv) == """
        nowcast,nowcast_truncated,aqi
        17.414,17.4,66
        ,,
        9.100,9.1,51

        """)
    }

    @Test func nowcastBadRows() {
        #expect(throws: AQIError.badLine(line: 2, reason: "expected 12 hourly values, found 11")) {
            try AQIBatch.nowcast(csv: "1,2,3,4,5,6,7,8,9,10,11,12\n1,2,3,4,5,6,7,8,9,10,11\n")
        }
        #expect(throws: AQIError.badLine(line: 1, reason: "hour 4: -2 is negative; a concentration is never below zero")) {
            try AQIBatch.nowcast(csv: "1,2,3,-2,5,6,7,8,9,10,11,12\n")
        }
        #expect(throws: AQIError.badLine(line: 2, reason: "hour 1: \"x\" is not a number")) {
            try AQIBatch.nowcast(csv: "1,2,3,4,5,6,7,8,9,10,11,12\nx,2,3,4,5,6,7,8,9,10,11,12\n")
        }
    }
}
