import Geo
import SafeCityCore
import Testing
@testable import Forecasting

/// EM must recover the parameters a process was simulated with (Mohler et al. 2011 check their
/// estimator the same way). Truth: θ = 0.5, ω = 0.2 / day, σ = 100 m, 5 background incidents a day
/// for a year over a 5 × 5 km area with three hotspots.
@Suite struct SelfExcitingModelTests {
    static let truth = SelfExcitingParameters(theta: 0.5, omegaPerDay: 0.2, sigmaMetres: 100, backgroundRate: 5)
    static let bounds = BoundingBox(minLatitude: 41.80, minLongitude: -87.66, maxLatitude: 41.845, maxLongitude: -87.60)

    static func simulate(seed: UInt64, days: Double = 365) -> SelfExcitingSimulation {
        let simulator = SelfExcitingSimulator(
            parameters: truth, bounds: bounds,
            hotspots: [.init(centre: GeoPoint(latitude: 41.815, longitude: -87.645), spreadMetres: 300, weight: 2),
                       .init(centre: GeoPoint(latitude: 41.83, longitude: -87.62), spreadMetres: 400, weight: 1),
                       .init(centre: GeoPoint(latitude: 41.81, longitude: -87.615), spreadMetres: 250, weight: 1)],
            uniformShare: 0.2, start: Timestamp(millisecondsSince1970: 1_700_000_000_000), durationDays: days)
        var generator = SplitMix64(seed: seed)
        return simulator.simulate(using: &generator)
    }

    static func expectRecovered(_ p: SelfExcitingParameters) {
        #expect(abs(p.theta - truth.theta) <= 0.1, "θ = \(p.theta)")
        #expect(abs(p.omegaPerDay / truth.omegaPerDay - 1) <= 0.3, "ω = \(p.omegaPerDay)")
        #expect(abs(p.sigmaMetres / truth.sigmaMetres - 1) <= 0.25, "σ = \(p.sigmaMetres)")
        #expect(abs(p.backgroundRate / truth.backgroundRate - 1) <= 0.25, "μ = \(p.backgroundRate)")
    }

    @Test func simulatorFollowsItsParameters() {
        let simulation = Self.simulate(seed: 7)
        // Background count ~ Poisson(5 × 365 = 1825): within 4 standard deviations (±171).
        #expect(abs(simulation.backgroundCount - 1825) < 171)
        #expect(simulation.parents.filter { $0 == nil }.count == simulation.backgroundCount)
        // Each incident triggers θ = 0.5 on average (a few lost past the end and the edges).
        let share = Double(simulation.records.count - simulation.backgroundCount) / Double(simulation.records.count)
        #expect(share > 0.44 && share < 0.54, "triggered share \(share)")
        #expect(zip(simulation.records, simulation.records.dropFirst()).allSatisfy { $0.time <= $1.time })
        for (child, parent) in simulation.parents.enumerated() {
            guard let parent else { continue }
            #expect(parent < child)
        }
        #expect(simulation.records.allSatisfy { Self.bounds.contains($0.location) })
    }

    @Test(arguments: [11, 12] as [UInt64])
    func expectationEMRecoversSimulatedParameters(seed: UInt64) {
        let simulation = Self.simulate(seed: seed)
        let grid = ForecastGrid(bounds: Self.bounds, cellMetres: 100)
        let fit = SelfExcitingModel().fit(history: simulation.records, grid: grid)
        #expect(fit.converged)
        #expect(fit.incidentCount == simulation.records.count)
        Self.expectRecovered(fit.parameters)
        #expect(abs(fit.backgroundPerDay.reduce(0, +) - fit.parameters.backgroundRate) < 1e-6 * fit.parameters.backgroundRate)
    }

    @Test func stochasticDeclusteringRecoversSimulatedParameters() {
        let simulation = Self.simulate(seed: 13)
        let grid = ForecastGrid(bounds: Self.bounds, cellMetres: 100)
        var generator = SplitMix64(seed: 99)
        let model = SelfExcitingModel(declustering: .stochastic, maxIterations: 120)
        let fit = model.fit(history: simulation.records, grid: grid, using: &generator)
        Self.expectRecovered(fit.parameters)
        var again = SplitMix64(seed: 99)
        #expect(model.fit(history: simulation.records, grid: grid, using: &again).parameters == fit.parameters)
    }

    @Test func aProcessWithoutTriggeringFitsASmallBranchingRatio() {
        let flat = SelfExcitingSimulator(parameters: SelfExcitingParameters(theta: 0, omegaPerDay: 0.2, sigmaMetres: 100, backgroundRate: 8),
                                         bounds: Self.bounds, start: Timestamp(millisecondsSince1970: 0), durationDays: 200)
        var generator = SplitMix64(seed: 5)
        let records = flat.simulate(using: &generator).records
        let fit = SelfExcitingModel().fit(history: records, grid: ForecastGrid(bounds: Self.bounds, cellMetres: 100))
        #expect(fit.parameters.theta < 0.1, "θ = \(fit.parameters.theta)")
    }

    @Test func etasForecastLiftsARecentBurst() {
        let simulation = Self.simulate(seed: 21, days: 200)
        let grid = ForecastGrid(bounds: Self.bounds, cellMetres: 100)
        let at = simulation.records.last!.time.adding(milliseconds: 3_600_000)
        // A burst of eight incidents in the last hours at one spot must put its cell in the top 1 %.
        let spot = grid.frame.point(x: grid.originX + 2_500, y: grid.originY + 1_000)
        let cell = grid.cell(of: spot)!
        let burst = (0..<8).map { IncidentRecord(time: at.adding(milliseconds: -Int64($0 + 1) * 1_800_000), location: spot) }
        let before = ETASForecast().intensity(history: simulation.records, at: at, grid: grid)
        let after = ETASForecast().intensity(history: simulation.records + burst, at: at, grid: grid)
        #expect(after.count == grid.cellCount)
        #expect(after[cell] > 5 * before[cell])
        #expect(after.filter { $0 > after[cell] }.count < grid.cellCount / 100)
        // Refitting per forecast is the same as fitting up to the origin and forecasting from that fit.
        let fit = SelfExcitingModel().fit(history: simulation.records + burst, grid: grid, end: at)
        #expect(FittedSelfExcitingForecast(fit: fit).intensity(history: simulation.records + burst, at: at, grid: grid) == after)
    }
}
