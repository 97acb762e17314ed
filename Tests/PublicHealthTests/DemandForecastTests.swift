import Testing
@testable import PublicHealth

@Suite struct DemandForecastTests {
    /// Counts that double each period are exactly log-linear, so the Poisson fit reproduces them
    /// and the next periods are 128 and 256.
    @Test func doublingSeriesContinues() throws {
        let f = DemandForecast(seasonPeriods: nil, trend: true)
        let points = try f.forecast([1, 2, 4, 8, 16, 32, 64], horizon: 2)
        #expect(abs(points[0].mean - 128) < 1e-6)
        #expect(abs(points[1].mean - 256) < 1e-6)
        #expect(points[0].period == 7)
    }

    /// 1, 4, 16, 4 repeating is log μ = ln 4 − ln 4·cos(πt/2): one harmonic of a 4-period season
    /// fits it exactly, so the forecast repeats it.
    @Test func seasonalPatternRepeats() throws {
        let f = DemandForecast(seasonPeriods: 4, harmonics: 1, trend: false)
        let history = [Int](repeating: 0, count: 5).flatMap { _ in [1, 4, 16, 4] }
        let points = try f.forecast(history, horizon: 4)
        for (p, expected) in zip(points, [1.0, 4, 16, 4]) { #expect(abs(p.mean - expected) < 1e-6) }
    }

    /// A constant 5 over 20 periods: mean 5, Pearson dispersion 0 so φ = 1, Var(η̂) = 1/(20·5);
    /// predictive sd = √(5 + 25/100) = √5.25, 95 % interval 5 ± 1.959964·2.291288.
    @Test func constantSeriesInterval() throws {
        let f = DemandForecast(seasonPeriods: nil, trend: false, level: 0.95)
        let p = try #require(try f.forecast([Int](repeating: 5, count: 20), horizon: 1).first)
        #expect(abs(p.mean - 5) < 1e-9)
        #expect(abs(p.upper - (5 + 1.959963985 * 5.25.squareRoot())) < 1e-6)
        #expect(abs(p.lower - (5 - 1.959963985 * 5.25.squareRoot())) < 1e-6)
    }

    @Test func tooShortHistoryIsRejected() {
        #expect(throws: HealthInputError.self) { try DemandForecast().forecast([1, 2, 3], horizon: 1) }
    }
}
