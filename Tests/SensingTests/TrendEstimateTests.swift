import Foundation
import Testing
import SafeCityCore
@testable import Sensing

/// Expected figures come from `python3 scripts/trend-reference.py` (scipy 1.17.1 `theilslopes` and
/// `kendalltau`, pymannkendall 1.4.3 `original_test`) on the same monthly means.
@Suite struct TrendEstimateTests {
    @Test func no2MonthlyTrendMatchesScipyAndPymannkendall() throws {
        let months = try LondonAirFixture.monthlyMeans().filter { $0.no2 != nil }
        #expect(months.count == 86)
        let trend = try #require(try TrendEstimate.estimate(decimalYears: months.map(\.decimalYear), values: months.map { $0.no2! }))
        #expect(trend.n == 86)
        // scipy.stats.theilslopes(y, x): slope, intercept, low, high (Sen's 95 % interval).
        #expect(close(trend.theilSen.slopePerYear, 1.0072325656047143))
        #expect(close(trend.theilSen.intercept, -1967.6299093026878))
        #expect(close(trend.theilSen.lowerSlopePerYear, 0.38772474432172044))
        #expect(close(trend.theilSen.upperSlopePerYear, 1.6381839761296118))
        // pymannkendall.original_test: S, var_s, z, p; scipy.stats.kendalltau: tau-b.
        #expect(trend.mannKendall.s == 795)
        #expect(close(trend.mannKendall.variance, 71881.66666666667))
        #expect(close(trend.mannKendall.z, 2.9614979293243913))
        #expect(close(trend.mannKendall.pValue, 0.0030614655207681363, relative: 1e-7))
        #expect(close(trend.mannKendall.tau, 0.21751025991792067))
    }

    @Test func o3MonthlyTrendMatchesScipyAndPymannkendall() throws {
        let months = try LondonAirFixture.monthlyMeans().filter { $0.o3 != nil }
        let trend = try #require(try TrendEstimate.estimate(decimalYears: months.map(\.decimalYear), values: months.map { $0.o3! }))
        #expect(trend.n == 86)
        #expect(close(trend.theilSen.slopePerYear, 0.3216376864472566))
        #expect(close(trend.theilSen.intercept, -636.6811316314387))
        #expect(close(trend.theilSen.lowerSlopePerYear, -0.005610408873595799))
        #expect(close(trend.theilSen.upperSlopePerYear, 0.6589915442541646))
        #expect(trend.mannKendall.s == 519)
        #expect(close(trend.mannKendall.z, 1.9320603619521848))
        #expect(close(trend.mannKendall.pValue, 0.053352056002815784, relative: 1e-7))
        #expect(close(trend.mannKendall.tau, 0.1419972640218878))
    }

    @Test func tiesCorrectionMatchesPymannkendall() throws {
        let y: [Double] = [1, 2, 2, 3, 3, 3, 5, 4, 6, 6]
        let x = y.indices.map { 2000 + Double($0) / 12 }
        let trend = try #require(try TrendEstimate.estimate(decimalYears: x, values: y))
        #expect(trend.mannKendall.s == 38)
        #expect(close(trend.mannKendall.variance, 119.33333333333333))
        #expect(close(trend.mannKendall.z, 3.387043997220312))
        #expect(close(trend.mannKendall.pValue, 0.0007065005675843672, relative: 1e-7))
        #expect(close(trend.mannKendall.tau, 0.8956685895029601))
        #expect(close(trend.theilSen.slopePerYear, 6.000000000005457, relative: 1e-9))
        #expect(close(trend.theilSen.lowerSlopePerYear, 4.0, relative: 1e-9))
        #expect(close(trend.theilSen.upperSlopePerYear, 8.0, relative: 1e-9))
    }

    @Test func monthlyMeansOfHourlyDataMatchThePythonMonthlyMeans() throws {
        let hours = try LondonAirFixture.hourly2004Q1()
        let series = hours.compactMap { hour in hour.no2.map { TimedValue(time: hour.time, value: $0) } }
        let means = try TrendEstimate.periodMeans(series, period: .month, expectedIntervalSeconds: 3_600)
        let reference = try LondonAirFixture.monthlyMeans().filter { $0.year == 2004 && $0.month <= 3 }
        #expect(means.count == 3)
        for (mean, expected) in zip(means, reference) {
            #expect(close(mean.mean, expected.no2!, relative: 1e-12))
            #expect(close(mean.decimalYear, expected.decimalYear, relative: 1e-12))
        }
        #expect(means.first?.start == Timestamp.parse("2004-01-01T00:00:00Z"))
        // February 2004 has 29 days, 696 hours.
        #expect(close(means[1].coverage, Double(means[1].count) / 696, relative: 1e-12))
    }

    @Test func coverageRuleDropsThinPeriods() throws {
        // Four readings a day at a one-hour interval is 4/24 coverage: kept at 0.1, dropped at 0.75.
        let start = try #require(Timestamp.parse("2024-02-28T00:00:00Z"))
        let series = (0..<12).map { TimedValue(time: start.adding(milliseconds: Int64($0) * 6 * 3_600_000), value: Double($0)) }
        #expect(try TrendEstimate.periodMeans(series, period: .day, expectedIntervalSeconds: 3_600).isEmpty)
        let days = try TrendEstimate.periodMeans(series, period: .day, expectedIntervalSeconds: 3_600, minimumCoverage: 0.1)
        #expect(days.map(\.mean) == [1.5, 5.5, 9.5])
        // 2024 is a leap year: 28 Feb is day 59 (0-based 58), then 29 Feb, then 1 Mar.
        let expectedYears: [Double] = [58, 59, 60].map { 2024 + $0 / 366 }
        #expect(days.map(\.decimalYear) == expectedYears)
    }

    @Test func refusesBadInput() {
        #expect(throws: TrendError.invalidParameter(name: "values", reason: "has 2 entries but decimalYears has 3")) {
            try TrendEstimate.estimate(decimalYears: [1, 2, 3], values: [1, 2])
        }
        #expect(throws: TrendError.invalidParameter(name: "values", reason: "entry 1 is not a finite number")) {
            try TrendEstimate.estimate(decimalYears: [1, 2, 3], values: [1, .nan, 2])
        }
        #expect(throws: TrendError.self) {
            try TrendEstimate.periodMeans([], period: .month, expectedIntervalSeconds: 0)
        }
        #expect(throws: TrendError.self) {
            try TrendEstimate.periodMeans([], period: .month, expectedIntervalSeconds: 3_600, minimumCoverage: 75)
        }
        #expect(try! TrendEstimate.estimate(decimalYears: [1, 2], values: [1, 2]) == nil)
    }
}
