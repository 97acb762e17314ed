import SafeCityCore

/// EARS C1, C2 and C3 as R `surveillance::earsC` computes them.
enum EARS {
    /// Mean and sample standard deviation (n − 1) of `observed[from...to]` (1-based, inclusive).
    static func baseline(_ observed: [Int], from: Int, to: Int) -> (mean: Double, sd: Double) {
        let n = Double(to - from + 1)
        var sum = 0.0
        for t in from...to { sum += Double(observed[t - 1]) }
        let mean = sum / n
        var ss = 0.0
        for t in from...to {
            let d = Double(observed[t - 1]) - mean
            ss += d * d
        }
        return (mean, (ss / (n - 1)).squareRoot())
    }

    /// R's `pmax(a, b)`: NaN propagates.
    static func rMax(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        return a > b ? a : b
    }

    static func run(_ series: CountSeries, method: AberrationMethod, control: AberrationControl, range: ClosedRange<Int>) -> [AberrationPoint] {
        let z = Distributions.normalQuantile(1 - control.alpha)
        let obs = series.observed
        let base = control.baseline
        var points: [AberrationPoint] = []
        points.reserveCapacity(range.count)
        // C2 statistic at s: (y_s − mean)/sd over s−base−2 … s−3.
        func c2(_ s: Int) -> Double {
            let (m, sd) = baseline(obs, from: s - base - 2, to: s - 3)
            return (Double(obs[s - 1]) - m) / rMax(sd, control.minSigma)
        }
        for t in range {
            let y = Double(obs[t - 1])
            let bound: Double
            switch method {
            case .earsC1:
                let (m, sd) = baseline(obs, from: t - base, to: t - 1)
                bound = m + z * rMax(sd, control.minSigma)
            case .earsC2:
                let (m, sd) = baseline(obs, from: t - base - 2, to: t - 3)
                bound = m + z * rMax(sd, control.minSigma)
            default:
                // R's C3 bound leaves out the current week's own C2 term (see the fixtures README).
                let lag2 = rMax(0, c2(t - 2) - 1)
                let lag1 = rMax(0, c2(t - 1) - 1)
                let sd = rMax(baseline(obs, from: t - base - 2, to: t - 3).sd, control.minSigma)
                bound = rMax(0, y + sd * (z - (lag2 + lag1)))
            }
            if bound.isNaN {
                points.append(AberrationPoint(t: t, observed: obs[t - 1], upperbound: nil, alarm: nil))
            } else {
                points.append(AberrationPoint(t: t, observed: obs[t - 1], upperbound: bound, alarm: y > bound))
            }
        }
        return points
    }

    /// Periods of history needed before the first judged period.
    static func lag(_ method: AberrationMethod, baseline: Int) -> Int {
        switch method {
        case .earsC1: baseline
        case .earsC2, .cusum: baseline + 2
        default: baseline + 4
        }
    }
}
