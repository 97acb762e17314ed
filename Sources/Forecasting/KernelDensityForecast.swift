import Foundation
import SafeCityCore

/// Retrospective space-time kernel density: recent incidents nearby count most.
///
/// Score of cell c = Σᵢ exp(−Δtᵢ / `decayDays`) · φ(dᵢ), where Δtᵢ is the age of incident i in days,
/// dᵢ its distance to the cell centre and φ the isotropic Gaussian density with standard deviation
/// `bandwidthMetres` (per square metre), times the cell area — so the score is an expected count
/// in the cell per unit of time-weight. The kernel is cut at `cutoffBandwidths` standard deviations.
public struct KernelDensityForecast: ForecastMethod {
    /// Gaussian spatial bandwidth (standard deviation) in metres (default 200).
    public var bandwidthMetres: Double
    /// E-folding time of the exponential decay in days (default 30).
    public var decayDays: Double
    /// Incidents older than this many days are ignored (default 365).
    public var lookbackDays: Double
    /// Distance, in bandwidths, beyond which the kernel is treated as zero (default 4).
    public var cutoffBandwidths: Double
    /// Name in backtest output (default `kde`).
    public var name: String

    public init(bandwidthMetres: Double = 200, decayDays: Double = 30, lookbackDays: Double = 365,
                cutoffBandwidths: Double = 4, name: String = "kde") {
        self.bandwidthMetres = bandwidthMetres
        self.decayDays = decayDays
        self.lookbackDays = lookbackDays
        self.cutoffBandwidths = cutoffBandwidths
        self.name = name
    }

    public func intensity(history: [IncidentRecord], at: Timestamp, grid: ForecastGrid) -> [Double] {
        var scores = [Double](repeating: 0, count: grid.cellCount)
        let twoVariance = 2 * bandwidthMetres * bandwidthMetres
        let normaliser = grid.cellAreaSquareMetres / (Double.pi * twoVariance)
        let radius = cutoffBandwidths * bandwidthMetres
        for record in history where record.time < at {
            let ageDays = at.days(since: record.time)
            guard ageDays <= lookbackDays else { continue }
            let weight = exp(-ageDays / decayDays) * normaliser
            let p = grid.metres(of: record.location)
            grid.forEachCell(near: p, radiusMetres: radius) { cell, squaredDistance in
                scores[cell] += weight * exp(-squaredDistance / twoVariance)
            }
        }
        return scores
    }
}
