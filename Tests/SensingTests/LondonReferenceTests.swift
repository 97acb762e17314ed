import Foundation
import SafeCityTesting
import Testing
@testable import Sensing

/// Checks the daily AQI and the PM2.5 NowCast on eight years of real hourly data against an
/// independent implementation: `scripts/aqi-reference.py`, written from EPA's text in Python with
/// `decimal.Decimal`, produced `Fixtures/london_daily_aqi.csv` and `Fixtures/london_nowcast_pm25.csv`.
/// Two implementations agreeing on every day is the check; neither is copied from the other.
///
/// Data: openair `mydata` (davidcarslaw/openair, GPL ≥ 2), London Air Quality Archive, Marylebone
/// Road 1998–2005; see `Fixtures/README.md`.
@Suite struct LondonReferenceTests {
    struct Hour { var pm25: DecimalConcentration?; var pm10: DecimalConcentration?; var o3ppm: DecimalConcentration? }

    static func fixture(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    }

    /// Hourly values keyed by hours since 1970, read by `gzip -dc`.
    static func hourly() async throws -> [Int: Hour] {
        let gzip = try await ChildProcess.run("/usr/bin/env", ["gzip", "-dc", try fixture("london_hourly.csv.gz").path])
        #expect(gzip.status == 0)
        var hours: [Int: Hour] = [:]
        for line in gzip.stdout.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let key = try hourKey(f[0].replacingOccurrences(of: "\"", with: ""))
            func value(_ i: Int) throws -> DecimalConcentration? { f[i].isEmpty || f[i] == "NA" ? nil : try DecimalConcentration(parsing: f[i]) }
            hours[key] = Hour(pm25: try value(9), pm10: try value(6), o3ppm: try value(5)?.movingDecimalPointLeft(3))
        }
        return hours
    }

    /// Hours since 1970-01-01T00Z of `YYYY-MM-DDTHH:…` or days × 24 of `YYYY-MM-DD`.
    static func hourKey(_ s: String) throws -> Int {
        let p = s.prefix(13).split(whereSeparator: { $0 == "-" || $0 == "T" }).compactMap { Int($0) }
        let (y, m, d) = (p[0], p[1], p[2])
        // Days from civil (Howard Hinnant's algorithm).
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 24 + (p.count > 3 ? p[3] : 0)
    }

    static func referenceRows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: try fixture(name), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func dailyAQIMatchesTheIndependentReferenceOnEveryDay() async throws {
        let hours = try await Self.hourly()
        let rows = try Self.referenceRows("london_daily_aqi.csv")
        #expect(rows.count > 2_500)
        var checkedPM25 = 0, checkedO3 = 0, mismatches: [String] = []
        for row in rows {
            let start = try Self.hourKey(row[0])
            let pm25 = try DailyAQI.twentyFourHourAverage(.pm25, hourly: (0..<24).map { hours[start + $0]?.pm25 })
            let pm10 = try DailyAQI.twentyFourHourAverage(.pm10, hourly: (0..<24).map { hours[start + $0]?.pm10 })
            let o3 = try DailyAQI.maximumEightHourOzone(hourly: (0..<31).map { hours[start + $0]?.o3ppm })
            let overall = AQICalculator.overall([pm25?.aqi, pm10?.aqi, o3?.aqi].compactMap { $0 })
            let mine = [
                pm25?.truncated.description ?? "", pm25?.aqi.map { String($0.aqi) } ?? "",
                pm10?.truncated.description ?? "", pm10?.aqi.map { String($0.aqi) } ?? "",
                o3?.truncated.description ?? "", o3?.aqi.map { String($0.aqi) } ?? "",
                overall.map { String($0.aqi) } ?? "", overall?.pollutant.rawValue ?? "",
            ]
            if mine != Array(row.dropFirst()) { mismatches.append("\(row[0]): swift \(mine) python \(Array(row.dropFirst()))") }
            if pm25 != nil { checkedPM25 += 1 }
            if o3 != nil { checkedO3 += 1 }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) days differ, first: \(mismatches.prefix(3))")
        #expect(checkedPM25 > 2_000)
        #expect(checkedO3 > 2_000)
    }

    @Test func pm25NowCastMatchesTheIndependentReference() async throws {
        let hours = try await Self.hourly()
        let rows = try Self.referenceRows("london_nowcast_pm25.csv")
        #expect(rows.count > 1_000)
        var mismatches: [String] = []
        for row in rows {
            let now = try Self.hourKey(row[0])
            let r = try #require(try NowCast.compute(.pm25, hourlyMostRecentFirst: (0..<12).map { hours[now - $0]?.pm25 }), "\(row[0])")
            let reference = try #require(Double(row[1]))
            if abs(r.concentration - reference) > 1e-5 || r.truncated.description != row[2] || r.aqi.map({ String($0.aqi) }) != row[3] {
                mismatches.append("\(row[0]): swift \(r.concentration) \(r.truncated) \(r.aqi?.aqi ?? -1) python \(row[1...])")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) hours differ, first: \(mismatches.prefix(3))")
    }
}
