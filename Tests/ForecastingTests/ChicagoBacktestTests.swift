import Foundation
import Geo
import SafeCityCore
import Testing
@testable import Forecasting

/// The Chicago sample end to end: import, grid, and a backtest over its last three months.
@Suite struct ChicagoBacktestTests {
    @Test func lastThreeMonthsBacktestRunsForEveryMethod() throws {
        var format = IncidentCSVFormat.chicago
        format.typeFilter = nil
        let records = try IncidentCSVImport.parse(try TestSupport.fixture("chicago_sample.csv"), format: format).records
        let grid = try #require(ForecastGrid(records: records, cellMetres: 150))
        let methods: [any ForecastMethod] = [NaiveForecast(), KernelDensityForecast(), ProspectiveHotspot(), ETASForecast()]
        // 2016-10-01 00:00 to 2017-01-01 00:00 Chicago time, weekly steps (13 origins, the last 2 days short of a week).
        let from = TestSupport.utc("2016-10-01T05:00:00Z"), to = TestSupport.utc("2017-01-01T06:00:00Z")
        var progress: [Int] = []
        let result = Backtest.run(records: records, grid: grid, methods: methods, testFrom: from, testTo: to,
                                  stepSeconds: 7 * 86_400, progress: { done, total in
                                      progress.append(done)
                                      #expect(total == 14)
                                  })
        #expect(progress == Array(1...14))
        #expect(result.stepCount == 14 && result.steps.count == 14)
        #expect(result.rows.count == 12)
        #expect(result.methods == ["naive", "kde", "prospective", "etas"])
        let testIncidents = records.filter { $0.time >= from && $0.time < to.adding(milliseconds: 6 * 86_400_000) }.count
        for row in result.rows {
            #expect(row.incidents == testIncidents)
            #expect(row.flaggedCells == Backtest.flaggedCellCount(coverage: row.coverage, cellCount: grid.cellCount))
            #expect(row.meanHitRate >= 0 && row.meanHitRate <= 1 && row.meanPEI >= 0 && row.meanPEI <= 1 + 1e-12)
        }
        for method in ["kde", "prospective", "etas"] {
            let row = try #require(result.row(method: method, coverage: 0.10))
            // A uniformly random ranking of cells hits 10 % of incidents on average.
            #expect(Double(row.hits) / Double(row.incidents) > row.randomHitRate, "\(method): \(row.hits) of \(row.incidents)")
            #expect(row.randomHitRate < 0.101)
        }
        #expect(result.svg().contains("etas"))
    }
}
