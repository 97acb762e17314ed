import Foundation

/// Draws from a Poisson distribution, for simulations and synthetic test data.
public enum PoissonSample {
    /// One draw with the given mean (0 for a mean of 0 or less).
    ///
    /// Knuth's multiplication method is exact but underflows `exp(-mean)` for large means, so a
    /// large mean is drawn as a sum of draws with means of at most 30 (a sum of Poissons is Poisson).
    public static func draw(mean: Double, using generator: inout some RandomNumberGenerator) -> Int {
        guard mean > 0 else { return 0 }
        var remaining = mean
        var total = 0
        while remaining > 0 {
            let part = min(remaining, 30)
            remaining -= part
            total += knuth(mean: part, using: &generator)
        }
        return total
    }

    private static func knuth(mean: Double, using generator: inout some RandomNumberGenerator) -> Int {
        let limit = exp(-mean)
        var count = 0
        var product = Double.random(in: 0..<1, using: &generator)
        while product > limit {
            count += 1
            product *= Double.random(in: 0..<1, using: &generator)
        }
        return count
    }
}
