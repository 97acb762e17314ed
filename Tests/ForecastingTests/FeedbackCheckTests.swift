import Testing
@testable import Forecasting

@Suite struct FeedbackCheckTests {
    @Test func persistentPatrolsWithRisingConcentrationWarn() {
        // 100 cells, the same 10 patrolled every period; the share of recorded incidents inside them
        // climbs 20 %, 20 %, 40 %, 60 % → ratios 2, 2, 4, 6: later half 5 vs earlier 2 (+150 %).
        let patrolled = Set(0..<10)
        let periods = [2, 2, 4, 6].map { inside in
            FeedbackCheck.Period(patrolledCells: patrolled, recordedIncidentCells: Array(repeating: 3, count: inside) + Array(repeating: 50, count: 10 - inside))
        }
        let report = FeedbackCheck().check(periods, cellCount: 100)
        #expect(zip(report.periods.compactMap(\.ratio), [2.0, 2, 4, 6]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(report.periods.map(\.areaShare) == [0.1, 0.1, 0.1, 0.1])
        #expect(report.meanOverlap == 1)
        #expect(abs(report.ratioGrowth! - 1.5) < 1e-9)
        #expect(report.warning != nil)
    }

    @Test func changingPatrolsOrSteadyRatiosDoNotWarn() {
        let steady = (0..<4).map { _ in FeedbackCheck.Period(patrolledCells: Set(0..<10), recordedIncidentCells: [1, 2, 60, 70]) }
        #expect(FeedbackCheck().check(steady, cellCount: 100).warning == nil)
        // Rising ratio but disjoint patrols each period: overlap 0.
        let moving = [1, 1, 3, 3].enumerated().map { index, inside in
            FeedbackCheck.Period(patrolledCells: Set((index * 10)..<(index * 10 + 10)),
                                 recordedIncidentCells: Array(repeating: index * 10, count: inside) + Array(repeating: 99, count: 4 - inside))
        }
        let report = FeedbackCheck().check(moving, cellCount: 100)
        #expect(report.meanOverlap == 0)
        #expect(report.warning == nil)
    }
}
