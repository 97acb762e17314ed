import Foundation
import SafeCityCore

/// Pearson's correlation coefficient with its sample size, significance and 95 % interval.
public struct CorrelationResult: Sendable, Hashable, Codable {
    /// Pearson's r.
    public var r: Double
    /// Number of paired values (shared buckets) it rests on.
    public var n: Int
    /// Two-sided p-value of r = 0, from Student's t with n − 2 degrees of freedom.
    public var pValue: Double
    /// Lower end of the 95 % interval by Fisher's z; nil when n < 4.
    public var confidenceLow: Double?
    /// Upper end of the 95 % interval by Fisher's z; nil when n < 4.
    public var confidenceHigh: Double?

    public init(r: Double, n: Int, pValue: Double, confidenceLow: Double?, confidenceHigh: Double?) {
        self.r = r
        self.n = n
        self.pValue = pValue
        self.confidenceLow = confidenceLow
        self.confidenceHigh = confidenceHigh
    }

    /// Pearson's r of paired values, nil when fewer than 3 pairs or either side is constant.
    public static func pearson(_ x: [Double], _ y: [Double]) throws(TrendError) -> CorrelationResult? {
        guard x.count == y.count else {
            throw .invalidParameter(name: "y", reason: "has \(y.count) values but x has \(x.count); correlation needs pairs")
        }
        let n = x.count
        guard n >= 3 else { return nil }
        let meanX = x.reduce(0, +) / Double(n)
        let meanY = y.reduce(0, +) / Double(n)
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for i in 0..<n {
            let dx = x[i] - meanX, dy = y[i] - meanY
            sxx += dx * dx
            syy += dy * dy
            sxy += dx * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        let r = max(-1, min(1, sxy / (sxx * syy).squareRoot()))
        let degreesOfFreedom = Double(n - 2)
        let p: Double = abs(r) == 1 ? 0 : Distributions.studentTTwoSidedP(r * (degreesOfFreedom / (1 - r * r)).squareRoot(), degreesOfFreedom: degreesOfFreedom)
        var low: Double?, high: Double?
        if n > 3, abs(r) < 1 {
            let z = atanh(r)
            let halfWidth = 1.959963984540054 / Double(n - 3).squareRoot()
            low = tanh(z - halfWidth)
            high = tanh(z + halfWidth)
        } else if n > 3 {
            (low, high) = (r, r)
        }
        return CorrelationResult(r: r, n: n, pValue: p, confidenceLow: low, confidenceHigh: high)
    }
}
