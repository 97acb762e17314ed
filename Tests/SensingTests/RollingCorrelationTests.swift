import Foundation
import Testing
import SafeCityCore
@testable import Sensing

/// Expected figures come from `python3 scripts/trend-reference.py` (scipy 1.17.1 `pearsonr` with its
/// Fisher-z `confidence_interval`, cross-checked with `numpy.corrcoef`) on the same hourly excerpt.
@Suite struct RollingCorrelationTests {
    static func series() throws -> (nox: [TimedValue], no2: [TimedValue]) {
        let hours = try LondonAirFixture.hourly2004Q1()
        return (hours.compactMap { h in h.nox.map { TimedValue(time: h.time, value: $0) } },
                hours.compactMap { h in h.no2.map { TimedValue(time: h.time, value: $0) } })
    }

    static let endOfQuarter = Timestamp.parse("2004-04-01T00:00:00Z")!

    @Test func hourlyBucketsOverTheQuarterMatchScipy() throws {
        let (nox, no2) = try Self.series()
        let result = try #require(try RollingCorrelation.correlate(nox, no2, bucketSeconds: 3_600, windowSeconds: 91 * 86_400, now: Self.endOfQuarter))
        #expect(result.n == 2184)
        #expect(close(result.r, 0.9741098419943383))
        #expect(close(result.confidenceLow, 0.9718747864064118))
        #expect(close(result.confidenceHigh, 0.9761694286212659))
        #expect(result.pValue < 1e-300)
    }

    @Test func dailyBucketsOverTheQuarterMatchScipy() throws {
        let (nox, no2) = try Self.series()
        let result = try #require(try RollingCorrelation.correlate(nox, no2, bucketSeconds: 86_400, windowSeconds: 91 * 86_400, now: Self.endOfQuarter))
        #expect(result.n == 91)
        #expect(close(result.r, 0.9849692311008285))
        #expect(close(result.pValue, 1.1433055337838963e-69, relative: 1e-6))
        #expect(close(result.confidenceLow, 0.9772611637919006))
        #expect(close(result.confidenceHigh, 0.990077510877741))
    }

    @Test func incrementalWindowOfTheLastFortnightMatchesScipy() throws {
        let (nox, no2) = try Self.series()
        var rolling = try RollingCorrelation(windowSeconds: 14 * 86_400, bucketSeconds: 86_400)
        // Interleaved as a live feed would deliver them.
        for (a, b) in zip(nox, no2) {
            rolling.addFirst(a)
            rolling.addSecond(b)
        }
        for a in nox.dropFirst(no2.count) { rolling.addFirst(a) }
        for b in no2.dropFirst(nox.count) { rolling.addSecond(b) }
        let result = try #require(rolling.result(at: Self.endOfQuarter))
        #expect(result.n == 14)
        #expect(close(result.r, 0.9627993307352024))
        #expect(close(result.pValue, 3.531191691343621e-08, relative: 1e-6))
        #expect(close(result.confidenceLow, 0.8835988900867804))
        #expect(close(result.confidenceHigh, 0.9884417024328709))
        let direct = try RollingCorrelation.correlate(nox, no2, bucketSeconds: 86_400, windowSeconds: 14 * 86_400, now: Self.endOfQuarter)
        #expect(direct == result)
    }

    @Test func onlyBucketsWithBothSeriesArePaired() throws {
        let t0 = Timestamp(millisecondsSince1970: 0)
        func at(_ minutes: Int64, _ value: Double) -> TimedValue { TimedValue(time: t0.adding(milliseconds: minutes * 60_000), value: value) }
        // Hour 0: a = mean(1, 3) = 2, b = 10. Hour 1: only a. Hours 2, 3: both.
        let a = [at(0, 1), at(30, 3), at(60, 100), at(120, 4), at(180, 7)]
        let b = [at(10, 10), at(130, 20), at(190, 31)]
        let pairs = try RollingCorrelation.pairedBucketMeans(a, b, bucketSeconds: 3_600, windowSeconds: 4 * 3_600, now: t0.adding(milliseconds: 4 * 3_600_000))
        #expect(pairs.map(\.first) == [2, 4, 7])
        #expect(pairs.map(\.second) == [10, 20, 31])
        // Points (2,10), (4,20), (7,31): Pearson r by hand = 0.99934...
        let result = try #require(try RollingCorrelation.correlate(a, b, bucketSeconds: 3_600, windowSeconds: 4 * 3_600, now: t0.adding(milliseconds: 4 * 3_600_000)))
        let sxy = (2.0 - 13.0 / 3) * (10 - 61.0 / 3) + (4.0 - 13.0 / 3) * (20 - 61.0 / 3) + (7.0 - 13.0 / 3) * (31 - 61.0 / 3)
        let sxx = pow(2.0 - 13.0 / 3, 2) + pow(4.0 - 13.0 / 3, 2) + pow(7.0 - 13.0 / 3, 2)
        let syy = pow(10.0 - 61.0 / 3, 2) + pow(20.0 - 61.0 / 3, 2) + pow(31.0 - 61.0 / 3, 2)
        #expect(close(result.r, sxy / (sxx * syy).squareRoot(), relative: 1e-12))
        #expect(result.n == 3)
        #expect(result.confidenceLow == nil)
    }

    @Test func refusesBadParameters() {
        #expect(throws: TrendError.invalidParameter(name: "bucketSeconds", reason: "must be positive, got 0")) {
            try RollingCorrelation(windowSeconds: 60, bucketSeconds: 0)
        }
        #expect(throws: TrendError.self) { try RollingCorrelation(windowSeconds: 60, bucketSeconds: 3_600) }
        #expect(throws: TrendError.self) { try CorrelationResult.pearson([1, 2, 3], [1, 2]) }
        #expect(try! CorrelationResult.pearson([1, 2, 3], [5, 5, 5]) == nil)
    }
}
