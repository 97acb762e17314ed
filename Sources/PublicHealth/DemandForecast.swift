import Foundation
import SafeCityCore

/// Forecasts the next periods of a count series (e.g. one area's daily EMS calls or weekly
/// admissions) with a quasi-Poisson regression on a linear trend and Fourier seasonal terms.
///
/// log μ_t = β₀ + β₁·t + Σ_{j=1…harmonics} (a_j cos(2πjt/P) + b_j sin(2πjt/P)), fitted by IRLS.
/// Intervals use the normal approximation on the count scale with predictive variance
/// φ·μ + μ²·φ·xᵀ(XᵀWX)⁻¹x (overdispersion φ = max(Pearson/(n − p), 1) plus the mean's
/// uncertainty), floored at 0.
///
/// - Warning: A log-linear trend extrapolates exponentially; keep horizons short relative to the
///   history, or turn `trend` off for series without one.
public struct DemandForecast: Sendable {
    /// One forecast period.
    public struct Point: Equatable, Sendable {
        /// 0-based period index continuing the history (history.count, history.count + 1, …).
        public var period: Int
        /// Expected count.
        public var mean: Double
        /// Lower end of the prediction interval (≥ 0).
        public var lower: Double
        /// Upper end of the prediction interval.
        public var upper: Double
    }

    /// Season length in periods (7 for daily data with a weekly cycle, 52.1775 for weekly data
    /// with a yearly one); nil for no seasonal terms.
    public var seasonPeriods: Double?
    /// Number of Fourier harmonics of the season.
    public var harmonics: Int
    /// Whether to include a linear trend on the log scale.
    public var trend: Bool
    /// Coverage of the prediction interval, e.g. 0.95.
    public var level: Double

    /// Creates a forecaster.
    public init(seasonPeriods: Double? = 7, harmonics: Int = 2, trend: Bool = true, level: Double = 0.95) {
        self.seasonPeriods = seasonPeriods
        self.harmonics = harmonics
        self.trend = trend
        self.level = level
    }

    private var columns: Int { 1 + (trend ? 1 : 0) + (seasonPeriods == nil ? 0 : 2 * harmonics) }

    private func row(_ t: Int, into out: inout [Double]) {
        out.append(1)
        if trend { out.append(Double(t)) }
        if let period = seasonPeriods {
            for j in 1...max(1, harmonics) where harmonics >= 1 {
                let angle = 2 * Double.pi * Double(j) * Double(t) / period
                out.append(cos(angle))
                out.append(sin(angle))
            }
        }
    }

    /// Forecasts `horizon` periods after `history` (oldest first, counts ≥ 0).
    ///
    /// - Throws: ``HealthInputError`` for negative counts, settings out of range, a history no
    ///   longer than the model's parameter count + 1, or a model that cannot be fitted.
    public func forecast(_ history: [Int], horizon: Int) throws(HealthInputError) -> [Point] {
        guard level > 0, level < 1 else { throw .invalidControl(field: "level", reason: "\(level) is not between 0 and 1") }
        guard horizon >= 1 else { throw .invalidControl(field: "horizon", reason: "\(horizon) is below 1") }
        guard harmonics >= 0 else { throw .invalidControl(field: "harmonics", reason: "\(harmonics) is negative") }
        if let p = seasonPeriods, !(p >= 2) { throw .invalidControl(field: "seasonPeriods", reason: "\(p) is below 2") }
        if let bad = history.firstIndex(where: { $0 < 0 }) { throw .negativeCount(line: bad + 1, value: history[bad]) }
        let p = columns
        guard history.count > p + 1 else {
            throw .tooShort(method: "Demand forecast (\(p) parameters)", needed: p + 2, available: history.count, unit: "periods")
        }
        var design: [Double] = []
        design.reserveCapacity(history.count * p)
        for t in history.indices { row(t, into: &design) }
        let y = history.map(Double.init)
        guard y.contains(where: { $0 > 0 }) else {
            return (0..<horizon).map { Point(period: history.count + $0, mean: 0, lower: 0, upper: 0) }
        }
        guard let fit = PoissonRegression(design: design, columns: p, y: y) else {
            throw .invalidControl(field: "seasonPeriods/harmonics", reason: "the seasonal terms are collinear for this history; use fewer harmonics")
        }
        let z = Distributions.normalQuantile(0.5 + level / 2)
        var points: [Point] = []
        var x: [Double] = []
        for h in 0..<horizon {
            let t = history.count + h
            x.removeAll(keepingCapacity: true)
            row(t, into: &x)
            var eta = 0.0
            for a in 0..<p { eta += x[a] * fit.coefficients[a] }
            var quad = 0.0
            for a in 0..<p { for b in 0..<p { quad += x[a] * fit.covarianceUnscaled[a * p + b] * x[b] } }
            let mean = exp(eta)
            let sd = (fit.phi * mean + mean * mean * fit.phi * quad).squareRoot()
            points.append(Point(period: t, mean: mean, lower: max(0, mean - z * sd), upper: mean + z * sd))
        }
        return points
    }
}
