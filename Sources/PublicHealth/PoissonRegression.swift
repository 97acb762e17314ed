import Foundation

/// A quasi-Poisson log-linear regression on a small dense design, fitted by IRLS with a Cholesky
/// solve of the weighted normal equations (used by ``DemandForecast``).
struct PoissonRegression {
    /// Coefficients, one per design column.
    var coefficients: [Double]
    /// (XᵀWX)⁻¹ at the fit, row-major p × p.
    var covarianceUnscaled: [Double]
    /// max(Pearson dispersion, 1).
    var phi: Double
    /// Whether IRLS converged.
    var converged: Bool

    /// Fits `log μ = Xβ`; `design` is row-major n × p. Nil when XᵀWX is singular.
    init?(design: [Double], columns p: Int, y: [Double], maxIterations: Int = 50) {
        let n = y.count
        var mu = y.map { $0 + 0.1 }
        var eta = mu.map { log($0) }
        var beta = [Double](repeating: 0, count: p)
        var devOld = QuasiPoissonFit.deviance(y: y, mu: mu, weights: [Double](repeating: 1, count: n))
        var xtwx = [Double](repeating: 0, count: p * p)
        var converged = false
        for _ in 0..<maxIterations {
            var xtwz = [Double](repeating: 0, count: p)
            for i in xtwx.indices { xtwx[i] = 0 }
            for i in 0..<n {
                let w = mu[i]
                let z = eta[i] + (y[i] - mu[i]) / mu[i]
                for a in 0..<p {
                    let xa = design[i * p + a] * w
                    xtwz[a] += xa * z
                    for b in 0...a { xtwx[a * p + b] += xa * design[i * p + b] }
                }
            }
            for a in 0..<p { for b in 0..<a { xtwx[b * p + a] = xtwx[a * p + b] } }
            guard let solved = PoissonRegression.choleskySolve(xtwx, xtwz, p) else { return nil }
            beta = solved
            for i in 0..<n {
                var e = 0.0
                for a in 0..<p { e += design[i * p + a] * beta[a] }
                eta[i] = e
                mu[i] = max(exp(e), 1e-300)
            }
            let dev = QuasiPoissonFit.deviance(y: y, mu: mu, weights: [Double](repeating: 1, count: n))
            if abs(dev - devOld) / (abs(dev) + 0.1) < 1e-10 {
                converged = true
                break
            }
            devOld = dev
        }
        // Covariance from the weights at the final μ.
        for i in xtwx.indices { xtwx[i] = 0 }
        var pearson = 0.0
        for i in 0..<n {
            for a in 0..<p {
                let xa = design[i * p + a] * mu[i]
                for b in 0..<p { xtwx[a * p + b] += xa * design[i * p + b] }
            }
            pearson += (y[i] - mu[i]) * (y[i] - mu[i]) / mu[i]
        }
        var inverse = [Double](repeating: 0, count: p * p)
        for col in 0..<p {
            var e = [Double](repeating: 0, count: p)
            e[col] = 1
            guard let x = PoissonRegression.choleskySolve(xtwx, e, p) else { return nil }
            for row in 0..<p { inverse[row * p + col] = x[row] }
        }
        coefficients = beta
        covarianceUnscaled = inverse
        phi = n > p ? max(pearson / Double(n - p), 1) : 1
        self.converged = converged
    }

    /// Solves A x = b for symmetric positive-definite A (p × p, row-major); nil when not SPD.
    static func choleskySolve(_ a: [Double], _ b: [Double], _ p: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0...i {
                var s = a[i * p + j]
                for k in 0..<j { s -= l[i * p + k] * l[j * p + k] }
                if i == j {
                    guard s > 1e-12 * max(1, abs(a[i * p + i])) else { return nil }
                    l[i * p + i] = s.squareRoot()
                } else {
                    l[i * p + j] = s / l[j * p + j]
                }
            }
        }
        var y = b
        for i in 0..<p {
            for k in 0..<i { y[i] -= l[i * p + k] * y[k] }
            y[i] /= l[i * p + i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            for k in (i + 1)..<p { y[i] -= l[k * p + i] * y[k] }
            y[i] /= l[i * p + i]
        }
        return y
    }
}
