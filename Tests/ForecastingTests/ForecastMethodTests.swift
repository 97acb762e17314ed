import Geo
import SafeCityCore
import Testing
@testable import Forecasting

/// Hand-computed small cases on a 2 × 2 grid of 100 m cells: A (1 day old) at cell 0's centre,
/// B (5 days) at cell 3's, C (20 days) at cell 1's, D (60 days) at cell 0's.
@Suite struct ForecastMethodTests {
    let grid = TestSupport.twoByTwoGrid()
    let at = Timestamp(millisecondsSince1970: 1_470_000_000_000)

    var history: [IncidentRecord] {
        [(1, 0), (5, 3), (20, 1), (60, 0)].map { age, cell in
            IncidentRecord(time: at.adding(milliseconds: -Int64(age) * TestSupport.day), location: grid.centre(of: cell))
        } + [IncidentRecord(time: at, location: grid.centre(of: 2)),                                  // at the origin: not history
             IncidentRecord(time: at.adding(milliseconds: TestSupport.day), location: grid.centre(of: 2))] // future
    }

    @Test func naiveCountsTheLast28Days() {
        let scores = NaiveForecast().intensity(history: history, at: at, grid: grid)
        #expect(scores == [1, 1, 0, 1])
        #expect(NaiveForecast(windowDays: 90).intensity(history: history, at: at, grid: grid) == [2, 1, 0, 1])
    }

    @Test func kernelDensityMatchesHandComputation() {
        // score(c) = Σ e^{−age/10} · (100² / (2π·100²)) · e^{−d²/(2·100²)}; D (60 days) is cut by the 30-day lookback.
        // Cell 0: (e^{−0.1} + e^{−0.5}·e^{−1} + e^{−2}·e^{−0.5}) / 2π = 0.192586, and so on.
        let method = KernelDensityForecast(bandwidthMetres: 100, decayDays: 10, lookbackDays: 30)
        let scores = method.intensity(history: history, at: at, grid: grid)
        let expected = [0.192586, 0.167435, 0.153820, 0.162575]
        for (score, value) in zip(scores, expected) { #expect(abs(score - value) < 2e-5) }
    }

    @Test func prospectiveHotspotMatchesBowersWeights() {
        // 100 m cells, 400 m → up to 4 bands; all cells here are band 0 or 1 apart (a diagonal is band 1).
        // A, B: week 0; C: 20 days = week 2; D: 60 days ≥ 8 weeks, left out.
        // Cell 0: A 1 + B 1/2 + C 1/2·1/3 = 1.6667; cell 1: A 1/2 + B 1/2 + C 1/3 = 1.3333;
        // cell 2: 1/2 + 1/2 + 1/6 = 1.1667; cell 3: 1/2 + 1 + 1/6 = 1.6667.
        let scores = ProspectiveHotspot().intensity(history: history, at: at, grid: grid)
        let expected = [5.0 / 3, 4.0 / 3, 7.0 / 6, 5.0 / 3]
        for (score, value) in zip(scores, expected) { #expect(abs(score - value) < 1e-12) }
    }

    @Test func prospectiveHotspotBandsAreCountedInCells() {
        // On a 1 × 5 strip of 100 m cells with a 250 m bandwidth (2 bands), one fresh incident at cell 0
        // weighs 1, 1/2, 1/3 and nothing beyond.
        let frame = GridFrame(origin: GeoPoint(latitude: 41.8, longitude: -87.6))
        let strip = ForecastGrid(bounds: BoundingBox(enclosing: [frame.point(x: 0.01, y: 0.01), frame.point(x: 499.98, y: 99.98)])!, cellMetres: 100)
        #expect(strip.columns == 5 && strip.rows == 1)
        let incident = IncidentRecord(time: at.adding(milliseconds: -TestSupport.day), location: strip.centre(of: 0))
        let scores = ProspectiveHotspot(spaceBandwidthMetres: 250).intensity(history: [incident], at: at, grid: strip)
        #expect(scores == [1, 0.5, 1.0 / 3, 0, 0])
    }

    @Test func selfExcitingForecastMatchesTheKernelIntegral() {
        // One incident 2 days old at the centre of a large grid, no background: expected count over
        // the next day is θ·e^{−2ω}·(1 − e^{−ω}) (the Gaussian's mass is ~1 inside the grid).
        let frame = GridFrame(origin: GeoPoint(latitude: 41.8, longitude: -87.6))
        let big = ForecastGrid(bounds: BoundingBox(enclosing: [frame.point(x: -2000, y: -2000), frame.point(x: 2000, y: 2000)])!, cellMetres: 50)
        let parameters = SelfExcitingParameters(theta: 0.4, omegaPerDay: 0.3, sigmaMetres: 150, backgroundRate: 0)
        let fit = SelfExcitingFit(parameters: parameters, backgroundPerDay: [Double](repeating: 0, count: big.cellCount),
                                  grid: big, iterations: 0, converged: true, incidentCount: 1)
        let home = big.cell(of: frame.point(x: 10, y: 10))!
        let incident = IncidentRecord(time: at.adding(milliseconds: -2 * TestSupport.day), location: big.centre(of: home))
        let scores = fit.intensity(history: [incident], at: at)
        let expected = 0.4 * 0.548812 * 0.259182 // e^{−0.6} = 0.548812, 1 − e^{−0.3} = 0.259182
        #expect(abs(scores.reduce(0, +) - expected) < 0.001 * expected + 1e-6)
        #expect(scores.indices.max { scores[$0] < scores[$1] } == home)
    }
}
