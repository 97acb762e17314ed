import Foundation
import SafeCityCore

/// The Farrington family of detectors: `algo.farrington` (1996) and `farringtonFlexible`
/// (Noufaily et al. 2013), each reproducing R `surveillance` 1.20.3 behaviour.
enum Farrington {
    /// One fitted reference model and what the threshold needs from it.
    private struct Model {
        var fit: QuasiPoissonFit
        /// max(Pearson dispersion, 1): the overdispersion of the threshold.
        var phi: Double
        /// What R's `summary.glm` reports for the model it ends with. `farringtonFlexible`
        /// overwrites the model's working weights with the Anscombe weights ω, so its summary
        /// (trend p-value, standard error of the prediction) uses Σ ωᵢ rᵢ² / (n − p) with working
        /// residuals rᵢ = (yᵢ − μᵢ)/μᵢ instead of the Pearson statistic; `algo.farrington` keeps
        /// the Pearson dispersion.
        var summaryDispersion: Double
    }

    /// `algo.farrington.fitGLM.fast` / `.flexible`: fit, drop the trend if IRLS fails, then
    /// optionally refit with Anscombe-residual weights. Nil when no fit converges (flexible only).
    private static func fitModel(
        x: [Double], y: [Double], trend: Bool, reweight: Bool, weightsThreshold: Double, nilIfNotConverged: Bool,
        flexible: Bool = false
    ) -> Model? {
        let ones = [Double](repeating: 1, count: y.count)
        var useTrend = trend
        var fit = QuasiPoissonFit(x: x, y: y, priorWeights: ones, trend: useTrend)
        if !fit.converged, useTrend {
            useTrend = false
            fit = QuasiPoissonFit(x: x, y: y, priorWeights: ones, trend: false)
        }
        if !fit.converged, nilIfNotConverged { return nil }
        var phi = max(fit.dispersion, 1)
        if reweight {
            let s = fit.anscombeResiduals(y: y, phi: phi)
            var raw = s.map { $0 > weightsThreshold ? 1 / ($0 * $0) : 1 }
            let gamma = Double(raw.count) / raw.reduce(0, +)
            for i in raw.indices { raw[i] *= gamma }
            fit = QuasiPoissonFit(x: x, y: y, priorWeights: raw, trend: useTrend)
            phi = max(fit.dispersion, 1)
            if flexible {
                var ss = 0.0
                for i in raw.indices { ss += raw[i] * fit.workingResiduals[i] * fit.workingResiduals[i] }
                let df = fit.residualDF
                return Model(fit: fit, phi: phi, summaryDispersion: df > 0 ? ss / Double(df) : .nan)
            }
        }
        return Model(fit: fit, phi: phi, summaryDispersion: fit.dispersion)
    }

    /// Upper threshold on the count scale from the predicted mean and its standard error.
    private static func upperThreshold(mu0: Double, seFit: Double, phi: Double, z: Double, transform: AberrationControl.PowerTransform) -> Double {
        let tau = phi + seFit * seFit / mu0
        let se: Double, exponent: Double
        switch transform {
        case .none: se = (mu0 * tau).squareRoot(); exponent = 1
        case .half: se = (0.25 * tau).squareRoot(); exponent = 0.5
        case .twoThirds: se = (4.0 / 9.0 * pow(mu0, 1.0 / 3.0) * tau).squareRoot(); exponent = 2.0 / 3.0
        }
        return pow(pow(mu0, exponent) + z * se, 1 / exponent)
    }

    private static func enoughCases(_ series: CountSeries, k: Int, control: AberrationControl) -> Bool {
        let from = max(1, k - control.limit54Periods + 1)
        let total = series.observed[(from - 1)...(k - 1)].reduce(0, +)
        return total >= control.limit54Cases
    }

    /// R's `algo.farrington`.
    static func classic(_ series: CountSeries, control: AberrationControl, range: ClosedRange<Int>) throws(HealthInputError) -> [AberrationPoint] {
        let z = Distributions.normalQuantile(1 - control.alpha / 2)
        var points: [AberrationPoint] = []
        points.reserveCapacity(range.count)
        for k in range {
            let idx = classicReferenceIndices(series, k: k, control: control)
            guard idx.count >= 3 else {
                throw .tooShort(method: "Farrington (b = \(control.b), w = \(control.w))", needed: series.periodsPerYear * control.b + control.w,
                                available: k - 1, unit: unitName(series))
            }
            let x = idx.map(Double.init)
            let y = idx.map { Double(series.observed[$0 - 1]) }
            var model = fitModel(x: x, y: y, trend: control.trend, reweight: control.reweight,
                                 weightsThreshold: control.weightsThreshold, nilIfNotConverged: false)!
            let x0 = Double(k)
            if model.fit.slope != nil {
                let significant = model.fit.slopePValue(dispersion: model.summaryDispersion) < 0.05
                let noExtrapolation = model.fit.mean(at: x0) <= (y.max() ?? 0)
                if !(control.b >= 3 && significant && noExtrapolation) {
                    model = fitModel(x: x, y: y, trend: false, reweight: control.reweight,
                                     weightsThreshold: control.weightsThreshold, nilIfNotConverged: false)!
                }
            }
            let mu0 = model.fit.mean(at: x0)
            let seFit = model.fit.meanStandardError(at: x0, dispersion: model.phi)
            let upper = upperThreshold(mu0: mu0, seFit: seFit, phi: model.phi, z: z, transform: control.powerTransform)
            let observed = series.observed[k - 1]
            let enough = enoughCases(series, k: k, control: control)
            let score = enough ? (Double(observed) - mu0) / (upper - mu0) : 0
            // R reports 0 under limit54; a NaN bound (a degenerate fit) is reported as none.
            points.append(AberrationPoint(t: k, observed: observed, upperbound: enough ? (upper.isNaN ? nil : upper) : 0, alarm: score > 1))
        }
        return points
    }

    /// Reference periods of `algo.farrington` (1-based, only those inside the series).
    static func classicReferenceIndices(_ series: CountSeries, k: Int, control: AberrationControl) -> [Int] {
        var result: [Int] = []
        // Monthly series: the calendar and t − 12·y agree, so use the index.
        if let dates = series.dates, let step = CountSeries.dayStep(series.periodsPerYear) {
            let t0 = dates[k - 1]
            let first = dates[0].daysSinceEpoch
            for y in 1...max(1, control.b) where control.b >= 1 {
                var ref = t0.subtracting(years: y)
                if series.periodsPerYear == 52 {
                    let forward = ((t0.weekday - ref.weekday) % 7 + 7) % 7
                    let backward = ((ref.weekday - t0.weekday) % 7 + 7) % 7
                    ref = ref.adding(days: forward < backward ? forward : -backward)
                }
                for j in -control.w...control.w {
                    let day = ref.daysSinceEpoch + j * step - first
                    if day >= 0, day % step == 0, day / step < series.count { result.append(day / step + 1) }
                }
            }
            return result
        }
        for i in stride(from: control.b, through: 1, by: -1) {
            let centre = k - series.periodsPerYear * i
            for t in (centre - control.w)...(centre + control.w) where t > 0 { result.append(t) }
        }
        return result
    }

    /// R's `farringtonFlexible` with `noPeriods = 1` and the "delta" threshold.
    static func flexible(_ series: CountSeries, control: AberrationControl, range: ClosedRange<Int>) throws(HealthInputError) -> [AberrationPoint] {
        let z = Distributions.normalQuantile(1 - control.alpha)
        let pastExcluded = control.pastWeeksNotIncluded ?? control.w
        var points: [AberrationPoint] = []
        points.reserveCapacity(range.count)
        var inFit = [Bool](repeating: false, count: series.count)
        for k in range {
            guard let refs = flexibleReferencePoints(series, k: k, b: control.b) else {
                throw .tooShort(method: "Flexible Farrington (b = \(control.b), w = \(control.w))",
                                needed: series.periodsPerYear * control.b + control.w, available: k - 1, unit: unitName(series))
            }
            for i in inFit.indices { inFit[i] = false }
            for t in max(1, k - control.w)...k { inFit[t - 1] = true }
            for ref in refs.dropFirst() {
                for t in max(1, ref - control.w)...min(series.count, ref + control.w) { inFit[t - 1] = true }
            }
            for t in max(1, k - pastExcluded)...k { inFit[t - 1] = false }
            let idx = inFit.indices.filter { inFit[$0] }.map { $0 + 1 }
            guard idx.count >= 3 else {
                throw .invalidControl(field: "pastWeeksNotIncluded", reason: "leaves \(idx.count) reference periods at t = \(k)")
            }
            let x: [Double]
            let x0: Double
            if let dates = series.dates, CountSeries.dayStep(series.periodsPerYear) != nil {
                let origin = dates[idx[0] - 1].daysSinceEpoch
                let step = Double(dates.count > 1 ? dates[1].daysSinceEpoch - dates[0].daysSinceEpoch : 1)
                x = idx.map { Double(dates[$0 - 1].daysSinceEpoch - origin) / step }
                x0 = Double(dates[k - 1].daysSinceEpoch - origin) / step
            } else {
                x = idx.map(Double.init)
                x0 = Double(k)
            }
            let y = idx.map { Double(series.observed[$0 - 1]) }
            let observed = series.observed[k - 1]
            guard var model = fitModel(x: x, y: y, trend: control.trend, reweight: control.reweight,
                                       weightsThreshold: control.weightsThreshold, nilIfNotConverged: true, flexible: true) else {
                points.append(AberrationPoint(t: k, observed: observed, upperbound: nil, alarm: nil))
                continue
            }
            if model.fit.slope != nil {
                let significant = model.fit.slopePValue(dispersion: model.summaryDispersion) < control.pThresholdTrend
                let noExtrapolation = model.fit.mean(at: x0) <= (y.max() ?? 0)
                if !(control.b >= 3 && significant && noExtrapolation) {
                    guard let refit = fitModel(x: x, y: y, trend: false, reweight: control.reweight,
                                               weightsThreshold: control.weightsThreshold, nilIfNotConverged: true, flexible: true) else {
                        points.append(AberrationPoint(t: k, observed: observed, upperbound: nil, alarm: nil))
                        continue
                    }
                    model = refit
                }
            }
            let mu0 = model.fit.mean(at: x0)
            // R passes `dispersion = phi` inside `newdata`, so predict() falls back to the model's
            // own summary dispersion (not phi) for the standard error; reproduce that.
            let seFit = model.fit.meanStandardError(at: x0, dispersion: model.summaryDispersion)
            let upper = upperThreshold(mu0: mu0, seFit: seFit, phi: model.phi, z: z, transform: control.powerTransform)
            guard enoughCases(series, k: k, control: control), !upper.isNaN else {
                points.append(AberrationPoint(t: k, observed: observed, upperbound: nil, alarm: false))
                continue
            }
            let score = (Double(observed) - mu0) / (upper - mu0)
            points.append(AberrationPoint(t: k, observed: observed, upperbound: upper, alarm: score > 1 && observed != 0))
        }
        return points
    }

    /// Period indices (1-based) of t and of the same time 1…b years back, as
    /// `algo.farrington.referencetimepoints`; nil when any lies outside the series.
    static func flexibleReferencePoints(_ series: CountSeries, k: Int, b: Int) -> [Int]? {
        var result = [k]
        guard b >= 1 else { return result }
        if let dates = series.dates, let step = CountSeries.dayStep(series.periodsPerYear) {
            let t0 = dates[k - 1]
            let first = dates[0].daysSinceEpoch
            for y in 1...b {
                var ref = t0.subtracting(years: y)
                if series.periodsPerYear == 52 {
                    let a = ref.adding(days: -(ref.weekday - t0.weekday))
                    let other = a.adding(days: a > ref ? -7 : 7)
                    let da = abs(a.daysSinceEpoch - ref.daysSinceEpoch)
                    let db = abs(other.daysSinceEpoch - ref.daysSinceEpoch)
                    ref = da > db ? other : a
                }
                let day = ref.daysSinceEpoch - first
                guard day >= 0, day % step == 0, day / step < series.count else { return nil }
                result.append(day / step + 1)
            }
        } else {
            for y in 1...b {
                let t = k - series.periodsPerYear * y
                guard t >= 1 else { return nil }
                result.append(t)
            }
        }
        return result
    }

    static func unitName(_ series: CountSeries) -> String {
        switch series.periodsPerYear {
        case 365: "days"
        case 12: "months"
        default: "weeks"
        }
    }
}
