import Foundation
import SafeCityCore

/// A fitted self-exciting model: its parameters and its background on the grid.
public struct SelfExcitingFit: Sendable, Codable {
    /// The fitted θ, ω, σ and background rate.
    public var parameters: SelfExcitingParameters
    /// Expected background incidents per day in each grid cell.
    public var backgroundPerDay: [Double]
    /// The grid the background is on.
    public var grid: ForecastGrid
    /// EM rounds run.
    public var iterations: Int
    /// Whether expectation EM met its tolerance (always false for stochastic declustering).
    public var converged: Bool
    /// Incidents inside the grid that the fit used.
    public var incidentCount: Int

    public init(parameters: SelfExcitingParameters, backgroundPerDay: [Double], grid: ForecastGrid,
                iterations: Int, converged: Bool, incidentCount: Int) {
        self.parameters = parameters
        self.backgroundPerDay = backgroundPerDay
        self.grid = grid
        self.iterations = iterations
        self.converged = converged
        self.incidentCount = incidentCount
    }

    /// Expected incidents per cell of the fit's grid during [`at`, `at` + `horizonDays`), given the incidents before `at`.
    ///
    /// Background plus, for each earlier incident, θ·e^{−ω·age}·(1 − e^{−ω·horizon}) spread over
    /// cells by the Gaussian kernel (cut at 4σ); incidents whose remaining trigger is below 10⁻⁴ are skipped.
    public func intensity(history: [IncidentRecord], at: Timestamp, horizonDays: Double = 1) -> [Double] {
        let p = parameters
        var out = backgroundPerDay.map { $0 * horizonDays }
        let variance = p.sigmaMetres * p.sigmaMetres
        let spatial = grid.cellAreaSquareMetres / (2 * Double.pi * variance)
        let horizonShare = 1 - exp(-p.omegaPerDay * horizonDays)
        let maxAgeDays = log(1e4) / p.omegaPerDay
        guard p.theta > 0, variance > 0 else { return out }
        for record in history where record.time < at {
            let age = at.days(since: record.time)
            guard age <= maxAgeDays else { continue }
            let weight = p.theta * exp(-p.omegaPerDay * age) * horizonShare * spatial
            grid.forEachCell(near: grid.metres(of: record.location), radiusMetres: 4 * p.sigmaMetres) { cell, d2 in
                out[cell] += weight * exp(-d2 / (2 * variance))
            }
        }
        return out
    }
}
