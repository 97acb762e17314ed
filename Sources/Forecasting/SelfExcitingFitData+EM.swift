import Foundation

extension FitData {
    /// Runs EM and returns the fitted model.
    mutating func run(using generator: inout some RandomNumberGenerator) -> SelfExcitingFit {
        var theta = model.initial.theta
        var omega = model.initial.omegaPerDay
        var variance = model.initial.sigmaMetres * model.initial.sigmaMetres
        guard count > 1 else {
            let background = spread([Double](repeating: 1, count: count)).map { $0 / durationDays }
            let parameters = SelfExcitingParameters(theta: 0, omegaPerDay: omega, sigmaMetres: variance.squareRoot(),
                                                    backgroundRate: Double(count) / durationDays)
            return SelfExcitingFit(parameters: parameters, backgroundPerDay: background, grid: grid,
                                   iterations: 0, converged: false, incidentCount: count)
        }
        let stochastic = model.declustering == .stochastic
        let window = model.timeWindowDays
        let halfRadiusSquared = model.triggerRadiusMetres * model.triggerRadiusMetres / 2
        let cellArea = grid.cellAreaSquareMetres
        var backgroundShare = [Double](repeating: 0.5, count: count)
        var pairShare = [Double](repeating: 0, count: pairParent.count)
        var background = spread(backgroundShare)
        var iterations = 0
        var converged = false
        var sums = (theta: 0.0, omega: 0.0, variance: 0.0, rate: 0.0, rounds: 0)
        var backgroundSum = [Double](repeating: 0, count: grid.cellCount)

        while iterations < model.maxIterations {
            iterations += 1
            // E-step: who is whose child, given the current parameters.
            let floorCount = 0.01 * backgroundShare.reduce(0, +) / Double(grid.cellCount)
            let triggerScale = theta * omega / (2 * Double.pi * variance)
            for j in 0..<count {
                let own = background[cell[j]] - backgroundShare[j] * kernelSelf[j]
                let backgroundDensity = max(own, floorCount) / (durationDays * cellArea)
                var total = backgroundDensity
                for k in childStart[j]..<childStart[j + 1] {
                    let g = triggerScale * exp(-omega * pairDelayDays[k] - pairHalfSquaredDistance[k] / variance)
                    pairShare[k] = g
                    total += g
                }
                if stochastic {
                    var pick = uniform(using: &generator) * total - backgroundDensity
                    backgroundShare[j] = pick < 0 ? 1 : 0
                    for k in childStart[j]..<childStart[j + 1] {
                        let hit = pick >= 0 && pick < pairShare[k]
                        pick -= pairShare[k]
                        pairShare[k] = hit ? 1 : 0
                    }
                    if backgroundShare[j] == 0 && !pairShare[childStart[j]..<childStart[j + 1]].contains(1) {
                        backgroundShare[j] = 1 // rounding left the draw past the last parent
                    }
                } else {
                    backgroundShare[j] = backgroundDensity / total
                    for k in childStart[j]..<childStart[j + 1] { pairShare[k] /= total }
                }
            }
            // M-step.
            var triggered = 0.0, delaySum = 0.0, halfSquaredSum = 0.0
            for k in 0..<pairParent.count where pairShare[k] > 0 {
                triggered += pairShare[k]
                delaySum += pairShare[k] * pairDelayDays[k]
                halfSquaredSum += pairShare[k] * pairHalfSquaredDistance[k]
            }
            let old = (theta, omega, variance)
            if triggered > 0 {
                omega = truncatedExponentialRate(mean: delaySum / triggered, cutoff: window, start: omega)
                variance = 1 / truncatedExponentialRate(mean: halfSquaredSum / triggered, cutoff: halfRadiusSquared, start: 1 / variance)
                let spaceCaptured = 1 - exp(-halfRadiusSquared / variance)
                var exposure = 0.0
                for i in 0..<count { exposure += 1 - exp(-omega * min(window, durationDays - t[i])) }
                theta = min(0.99, triggered / (exposure * spaceCaptured))
            } else {
                theta = 0
            }
            background = spread(backgroundShare)

            if stochastic {
                if iterations > model.maxIterations / 2 {
                    sums.theta += theta
                    sums.omega += omega
                    sums.variance += variance
                    sums.rate += backgroundShare.reduce(0, +) / durationDays
                    sums.rounds += 1
                    for c in 0..<grid.cellCount { backgroundSum[c] += background[c] }
                }
            } else {
                let change = max(relativeChange(old.0, theta), relativeChange(old.1, omega), relativeChange(old.2, variance))
                if change < model.tolerance {
                    converged = true
                    break
                }
            }
        }

        let parameters: SelfExcitingParameters
        let backgroundPerDay: [Double]
        if stochastic && sums.rounds > 0 {
            let n = Double(sums.rounds)
            parameters = SelfExcitingParameters(theta: sums.theta / n, omegaPerDay: sums.omega / n,
                                                sigmaMetres: (sums.variance / n).squareRoot(), backgroundRate: sums.rate / n)
            backgroundPerDay = backgroundSum.map { $0 / (n * durationDays) }
        } else {
            parameters = SelfExcitingParameters(theta: theta, omegaPerDay: omega, sigmaMetres: variance.squareRoot(),
                                                backgroundRate: backgroundShare.reduce(0, +) / durationDays)
            backgroundPerDay = background.map { $0 / durationDays }
        }
        return SelfExcitingFit(parameters: parameters, backgroundPerDay: backgroundPerDay, grid: grid,
                               iterations: iterations, converged: converged, incidentCount: count)
    }
}

private func relativeChange(_ old: Double, _ new: Double) -> Double {
    abs(new - old) / max(abs(old), 1e-12)
}

/// The rate λ of an exponential distribution truncated at `cutoff` whose mean is `mean`
/// (mean = 1/λ − c/(e^{λc} − 1)), by fixed-point iteration; tends to 0 as the mean nears c/2.
func truncatedExponentialRate(mean: Double, cutoff: Double, start: Double) -> Double {
    guard mean > 0 else { return start }
    var rate = max(start, 1e-9)
    for _ in 0..<50 {
        let z = rate * cutoff
        let correction = z > 700 ? 0 : cutoff / (exp(z) - 1)
        let next = 1 / (mean + correction)
        if abs(next - rate) <= 1e-12 * rate { return next }
        rate = next
    }
    return max(rate, 1e-9)
}
