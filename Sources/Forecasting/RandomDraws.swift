import Foundation

// Random draws for the simulator and stochastic declustering, always from a caller-seeded generator.

/// A uniform draw in [0, 1).
func uniform(using generator: inout some RandomNumberGenerator) -> Double {
    Double.random(in: 0..<1, using: &generator)
}

/// An exponential draw with the given rate.
func exponential(rate: Double, using generator: inout some RandomNumberGenerator) -> Double {
    -log(1 - uniform(using: &generator)) / rate
}

/// Two independent standard normal draws (Box–Muller).
func gaussianPair(using generator: inout some RandomNumberGenerator) -> (Double, Double) {
    let u = 1 - uniform(using: &generator)
    let v = uniform(using: &generator)
    let radius = (-2 * log(u)).squareRoot()
    return (radius * cos(2 * Double.pi * v), radius * sin(2 * Double.pi * v))
}
