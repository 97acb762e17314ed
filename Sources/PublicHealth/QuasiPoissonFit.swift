import Foundation
import SafeCityCore

/// A quasi-Poisson log-linear GLM `log μ = β₀ (+ β₁·x)` fitted by iteratively reweighted least
/// squares exactly as R's `glm.fit` does it, so thresholds built on it match R to ~1e-10.
///
/// - Note: Reproduces `glm.fit`'s details that move the result at the 1e-6 level: start
///   μ = y + 0.1, convergence when |dev − dev_old| / (|dev| + 0.1) < 1e-8 (at most 25 steps), and
///   the reported working weights (used for the dispersion, covariance and hat values) being those
///   of the last weighted least-squares step, i.e. computed from the μ before the final update.
struct QuasiPoissonFit {
    /// Intercept β₀.
    var intercept: Double
    /// Trend β₁, nil for an intercept-only fit.
    var slope: Double?
    /// Whether IRLS converged within 25 iterations.
    var converged: Bool
    /// Fitted means at the data points.
    var fitted: [Double]
    /// Pearson dispersion Σ wᵢ (yᵢ − μᵢ)²/μᵢ / (n − p), R's `summary.glm(...)$dispersion`.
    var dispersion: Double
    /// Residual degrees of freedom n − p.
    var residualDF: Int
    /// Hat values (leverages) of the final weighted fit.
    var hat: [Double]
    /// Working residuals (yᵢ − μᵢ)/μᵢ.
    var workingResiduals: [Double]
    // Sufficient pieces of (XᵀWX)⁻¹ in centred form.
    private var sumWeights: Double
    private var xBar: Double
    private var sxx: Double

    /// Fits `y ~ 1 (+ x)` with prior weights.
    init(x: [Double], y: [Double], priorWeights: [Double], trend: Bool) {
        let n = y.count
        var mu = y.map { $0 + 0.1 }
        var eta = mu.map { log($0) }
        var devOld = QuasiPoissonFit.deviance(y: y, mu: mu, weights: priorWeights)
        var wt = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: n)
        var b0 = 0.0, b1 = 0.0, sw = 0.0, xb = 0.0, sxx = 0.0
        var converged = false
        for _ in 0..<25 {
            for i in 0..<n {
                let muEta = max(exp(eta[i]), Double.ulpOfOne)
                z[i] = eta[i] + (y[i] - mu[i]) / muEta
                wt[i] = priorWeights[i] * muEta * muEta / mu[i]
            }
            sw = 0
            var swx = 0.0, swz = 0.0
            for i in 0..<n {
                sw += wt[i]
                swx += wt[i] * x[i]
                swz += wt[i] * z[i]
            }
            let zBar = swz / sw
            if trend {
                xb = swx / sw
                sxx = 0
                var sxz = 0.0
                for i in 0..<n {
                    let dx = x[i] - xb
                    sxx += wt[i] * dx * dx
                    sxz += wt[i] * dx * (z[i] - zBar)
                }
                b1 = sxz / sxx
                b0 = zBar - b1 * xb
            } else {
                b1 = 0
                b0 = zBar
            }
            for i in 0..<n {
                eta[i] = b0 + b1 * x[i]
                mu[i] = exp(eta[i])
            }
            let dev = QuasiPoissonFit.deviance(y: y, mu: mu, weights: priorWeights)
            if abs(dev - devOld) / (abs(dev) + 0.1) < 1e-8 {
                converged = true
                break
            }
            devOld = dev
        }
        let p = trend ? 2 : 1
        let positive = priorWeights.filter { $0 > 0 }.count
        let df = positive - p
        var pearson = 0.0
        var residuals = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let muEta = max(exp(eta[i]), Double.ulpOfOne)
            let r = (y[i] - mu[i]) / muEta
            residuals[i] = r
            if wt[i] > 0 { pearson += wt[i] * r * r }
        }
        var hat = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let dx = x[i] - xb
            hat[i] = wt[i] * (1 / sw + (trend ? dx * dx / sxx : 0))
        }
        self.intercept = b0
        self.slope = trend ? b1 : nil
        self.converged = converged
        self.fitted = mu
        self.dispersion = df > 0 ? pearson / Double(df) : .nan
        self.residualDF = df
        self.hat = hat
        self.workingResiduals = residuals
        self.sumWeights = sw
        self.xBar = xb
        self.sxx = sxx
    }

    /// Predicted mean at `x`.
    func mean(at x: Double) -> Double { exp(intercept + (slope ?? 0) * x) }

    /// Standard error of the predicted mean at `x` (delta method, R's `predict(type = "response",
    /// se.fit = TRUE)`) for the given dispersion.
    func meanStandardError(at x: Double, dispersion: Double) -> Double {
        let dx = x - xBar
        let varEta = (1 / sumWeights + (slope != nil ? dx * dx / sxx : 0)) * dispersion
        return mean(at: x) * varEta.squareRoot()
    }

    /// Two-sided p-value of the trend coefficient (t test on `residualDF`, as `summary.glm`)
    /// for the given dispersion.
    func slopePValue(dispersion: Double) -> Double {
        guard let slope else { return .nan }
        let se = (dispersion / sxx).squareRoot()
        return Distributions.studentTTwoSidedP(slope / se, degreesOfFreedom: Double(residualDF))
    }

    /// Standardised Anscombe residuals for overdispersion `phi`.
    func anscombeResiduals(y: [Double], phi: Double) -> [Double] {
        (0..<y.count).map { i in
            let m = fitted[i]
            let raw = 1.5 * (pow(y[i], 2.0 / 3.0) * pow(m, -1.0 / 6.0) - m.squareRoot())
            return raw / (phi * (1 - hat[i])).squareRoot()
        }
    }

    static func deviance(y: [Double], mu: [Double], weights: [Double]) -> Double {
        var d = 0.0
        for i in 0..<y.count {
            let term = y[i] > 0 ? y[i] * log(y[i] / mu[i]) - (y[i] - mu[i]) : mu[i]
            d += 2 * weights[i] * term
        }
        return d
    }
}
