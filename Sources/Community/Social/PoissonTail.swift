import Foundation

/// The upper tail of the Poisson distribution, P(X ≥ k) for X ~ Poisson(mean).
///
/// Computed as the regularised lower incomplete gamma function P(k, mean), which equals
/// P(X ≥ k): by its power series when mean < k + 1 (the small tails a burst test needs, summed
/// in log space so that values down to 1e-300 keep full relative precision), and otherwise as
/// 1 − Q(k, mean) with Q from its continued fraction (modified Lentz), where the result is
/// near or above one half and cannot lose precision by cancellation.
public enum PoissonTail {
    /// P(X ≥ `atLeast`) for X ~ Poisson(`mean`); 1 when `atLeast` ≤ 0.
    public static func probability(atLeast count: Int, mean: Double) -> Double {
        precondition(mean >= 0 && mean.isFinite, "a Poisson mean must be finite and non-negative")
        if count <= 0 { return 1 }
        if mean == 0 { return 0 }
        let a = Double(count)
        if mean < a + 1 { return lowerSeries(a: a, x: mean) }
        return max(0, 1 - upperContinuedFraction(a: a, x: mean))
    }

    /// log(x^a e^−x / Γ(a)), the common factor of both expansions.
    ///
    /// For large a the direct form subtracts numbers near a·log a and loses digits, so it is
    /// rewritten with Stirling's formula as a·(log(1+d) − d) + ½·log(a/2π) − μ(a), d = (x − a)/a,
    /// where μ is Stirling's series remainder (as Temme and Boost do).
    private static func logFactor(a: Double, x: Double) -> Double {
        guard a >= 10 else { return a * log(x) - x - lgamma(a) }
        let inverse = 1 / a, inverse2 = inverse * inverse
        let stirling = inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 * (1.0 / 1680 - inverse2 / 1188))))
        return a * logOnePlusMinus((x - a) / a) + 0.5 * log(a / (2 * .pi)) - stirling
    }

    /// log(1 + d) − d, by its series where the subtraction would cancel.
    private static func logOnePlusMinus(_ d: Double) -> Double {
        guard abs(d) < 0.5 else { return log1p(d) - d }
        var power = d * d
        var sum = 0.0
        var n = 2.0
        while true {
            let term = power / n
            sum += term
            if abs(term) <= abs(sum) * 1e-17 { break }
            power *= -d
            n += 1
        }
        return -sum
    }

    /// P(a, x) = x^a e^−x / Γ(a+1) · Σₙ xⁿ / ((a+1)…(a+n)).
    private static func lowerSeries(a: Double, x: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        var denominator = a
        for _ in 0..<100_000 {
            denominator += 1
            term *= x / denominator
            sum += term
            if term < sum * 1e-17 { break }
        }
        return exp(logFactor(a: a, x: x) - log(a) + log(sum))
    }

    /// Q(a, x) = x^a e^−x / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …))).
    private static func upperContinuedFraction(a: Double, x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var fraction = d
        for i in 1..<100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(logFactor(a: a, x: x)) * fraction
    }
}
