import Testing
@testable import Community

@Suite struct PoissonTailTests {
    /// P(X ≥ k) for X ~ Poisson(mean), printed by SciPy 1.17.1 as `scipy.stats.poisson.sf(k - 1, mean)`
    /// (and agreeing to 15+ digits with mpmath 1.3.0's `gammainc(k, 0, mean, regularized=True)` at 50 digits).
    static let scipy: [(k: Int, mean: Double, tail: Double)] = [
        (1, 1e-9, 9.999999995000006e-10),
        (3, 5.0 / 60, 9.061882299244246e-05),
        (3, 0.5, 0.014387677966970684),
        (6, 0.5, 1.4164937322342495e-05),
        (10, 2.5, 0.0002773520946208362),
        (50, 10.0, 1.8547268838698457e-19),
        (200, 10.0, 6.057917351915032e-180),
        (5, 20.0, 0.9999830552560699),
        (1000, 900.0, 0.0005499022657117818),
        (100_000, 99_000.0, 0.0007574199211747684),
        (1, 1.0, 0.6321205588285577),
    ]

    @Test(arguments: scipy.indices)
    func matchesSciPy(_ row: Int) {
        let (k, mean, expected) = Self.scipy[row]
        let tail = PoissonTail.probability(atLeast: k, mean: mean)
        #expect(abs(tail - expected) <= 1e-12 * expected, "k=\(k) mean=\(mean): \(tail) vs \(expected)")
    }

    @Test func edges() {
        #expect(PoissonTail.probability(atLeast: 0, mean: 3) == 1)
        #expect(PoissonTail.probability(atLeast: -2, mean: 0) == 1)
        #expect(PoissonTail.probability(atLeast: 1, mean: 0) == 0)
        // e^-2 (1 + 2 + 2) = 5e^-2 is P(X ≤ 2), by hand.
        #expect(abs(PoissonTail.probability(atLeast: 3, mean: 2) - (1 - 5 * 0.1353352832366127)) < 1e-15)
    }

    @Test func decreasesInKAndIncreasesInMean() {
        var previous = 1.0
        for k in 1...60 {
            let tail = PoissonTail.probability(atLeast: k, mean: 7.3)
            #expect(tail <= previous)
            previous = tail
        }
        #expect(PoissonTail.probability(atLeast: 8, mean: 7.3) < PoissonTail.probability(atLeast: 8, mean: 7.4))
    }
}
