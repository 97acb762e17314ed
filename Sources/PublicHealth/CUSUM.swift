/// A one-sided standardised CUSUM on the EARS C2 baseline (periods t−baseline−2 … t−3).
///
/// zₜ = (yₜ − meanₜ)/max(sdₜ, minSigma); Sₜ = max(0, Sₜ₋₁ + zₜ − k); alarm when Sₜ > h, after which
/// S restarts at 0. The reported threshold is the count that would bring Sₜ exactly to h:
/// meanₜ + sdₜ·(h + k − Sₜ₋₁). With the defaults k = 0.5, h = 4 an in-control Gaussian series alarms
/// about once in 170 periods. Where sdₜ is 0 the standardised value is undefined: threshold and
/// alarm are nil and S carries over unchanged.
enum CUSUM {
    static func run(_ series: CountSeries, control: AberrationControl, range: ClosedRange<Int>) -> [AberrationPoint] {
        let obs = series.observed
        let base = control.baseline
        var s = 0.0
        var points: [AberrationPoint] = []
        points.reserveCapacity(range.count)
        for t in range {
            let (mean, rawSD) = EARS.baseline(obs, from: t - base - 2, to: t - 3)
            let sd = max(rawSD, control.minSigma)
            guard sd > 0 else {
                points.append(AberrationPoint(t: t, observed: obs[t - 1], upperbound: nil, alarm: nil))
                continue
            }
            let bound = mean + sd * (control.cusumH + control.cusumK - s)
            let zt = (Double(obs[t - 1]) - mean) / sd
            s = max(0, s + zt - control.cusumK)
            let alarm = s > control.cusumH
            if alarm { s = 0 }
            points.append(AberrationPoint(t: t, observed: obs[t - 1], upperbound: bound, alarm: alarm))
        }
        return points
    }
}
