/// The one entry point for outbreak detection on a count series.
///
/// EARS C3 follows R `surveillance::earsC`: the threshold is expressed as a count,
/// `y_t + sd_t·(z − max(0, C2_{t−1} − 1) − max(0, C2_{t−2} − 1))` floored at 0, so the current
/// week's own C2 term is not part of it; nil (R's `NA`) where a baseline sd of 0 makes C2 undefined.
/// `algo.farrington` always reports a threshold (0 under limit54) and limit54 suppresses only the
/// alarm; `farringtonFlexible` reports no threshold under limit54 and needs y > 0 to alarm. Dated
/// weekly series pick Farrington reference weeks by calendar (same date b years back moved to the
/// nearest same weekday), undated ones by t − 52·y.
public enum AberrationDetector {
    /// Judges each period of `control.range` (or the method's default range) of `series`.
    ///
    /// - Throws: ``HealthInputError`` when the series is too short for the method or the control
    ///   is out of range.
    public static func detect(_ series: CountSeries, method: AberrationMethod, control: AberrationControl) throws(HealthInputError) -> [AberrationPoint] {
        try validate(control, method: method)
        let unit = Farrington.unitName(series)
        guard let range = control.resolvedRange(method: method, seriesCount: series.count, periodsPerYear: series.periodsPerYear) else {
            throw tooShort(method, control: control, series: series, unit: unit)
        }
        guard range.lowerBound >= 1, range.upperBound <= series.count else {
            throw .invalidControl(field: "range", reason: "\(range.lowerBound)...\(range.upperBound) is outside 1...\(series.count)")
        }
        switch method {
        case .earsC1, .earsC2, .earsC3, .cusum:
            let lag = EARS.lag(method, baseline: control.baseline)
            guard range.lowerBound - lag >= 1 else {
                if series.count <= lag { throw tooShort(method, control: control, series: series, unit: unit) }
                throw .invalidControl(field: "range", reason: "starts at \(range.lowerBound) but \(name(method)) needs \(lag) \(unit) before it; start at \(lag + 1) or later")
            }
            return method == .cusum ? CUSUM.run(series, control: control, range: range)
                : EARS.run(series, method: method, control: control, range: range)
        case .farrington:
            return try Farrington.classic(series, control: control, range: range)
        case .farringtonFlexible:
            return try Farrington.flexible(series, control: control, range: range)
        }
    }

    private static func name(_ method: AberrationMethod) -> String {
        switch method {
        case .earsC1: "EARS C1"
        case .earsC2: "EARS C2"
        case .earsC3: "EARS C3"
        case .cusum: "CUSUM"
        case .farrington: "Farrington"
        case .farringtonFlexible: "Flexible Farrington"
        }
    }

    private static func tooShort(_ method: AberrationMethod, control: AberrationControl, series: CountSeries, unit: String) -> HealthInputError {
        let needed = switch method {
        case .earsC1, .earsC2, .earsC3, .cusum: EARS.lag(method, baseline: control.baseline)
        case .farrington: series.periodsPerYear * control.b - control.w - 1
        case .farringtonFlexible: series.periodsPerYear * control.b + control.w
        }
        return .tooShort(method: name(method), needed: needed, available: series.count, unit: unit)
    }

    private static func validate(_ c: AberrationControl, method: AberrationMethod) throws(HealthInputError) {
        guard c.alpha > 0, c.alpha < 1 else { throw .invalidControl(field: "alpha", reason: "\(c.alpha) is not between 0 and 1") }
        guard c.baseline >= 3 else { throw .invalidControl(field: "baseline", reason: "\(c.baseline) is below the minimum of 3") }
        guard c.minSigma >= 0 else { throw .invalidControl(field: "minSigma", reason: "\(c.minSigma) is negative") }
        guard c.b >= 1 else { throw .invalidControl(field: "b", reason: "\(c.b) years back; needs at least 1") }
        guard c.w >= 0 else { throw .invalidControl(field: "w", reason: "\(c.w) is negative") }
        guard c.limit54Cases >= 0, c.limit54Periods > 0 else {
            throw .invalidControl(field: "limit54", reason: "(\(c.limit54Cases), \(c.limit54Periods)) needs cases ≥ 0 and periods > 0")
        }
        if let p = c.pastWeeksNotIncluded, p < 0 { throw .invalidControl(field: "pastWeeksNotIncluded", reason: "\(p) is negative") }
        guard c.cusumK >= 0, c.cusumH > 0 else { throw .invalidControl(field: "cusumK/cusumH", reason: "k must be ≥ 0 and h > 0") }
        _ = method
    }
}
