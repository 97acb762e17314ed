/// Settings of an ``AberrationMethod``; ``defaults(for:)`` gives R `surveillance`'s defaults.
///
/// - Note: `range` is 1-based and inclusive, as R's `control$range`. When nil the method's R
///   default applies (see ``resolvedRange(method:seriesCount:periodsPerYear:)``).
public struct AberrationControl: Equatable, Sendable {
    /// Power transformation of the Farrington threshold.
    public enum PowerTransform: String, Sendable, Equatable {
        /// No transformation (`"none"`).
        case none
        /// Square root (`"1/2"`).
        case half = "1/2"
        /// Two-thirds power, Farrington's choice (`"2/3"`).
        case twoThirds = "2/3"
    }

    /// Significance level: EARS uses z = Φ⁻¹(1−α); `algo.farrington` Φ⁻¹(1−α/2) (two-sided);
    /// `farringtonFlexible` Φ⁻¹(1−α).
    public var alpha: Double
    /// Farrington: how many years back the reference weeks go.
    public var b: Int
    /// Farrington: half-width of the window around each reference week.
    public var w: Int
    /// 1-based periods to judge; nil for the method's default.
    public var range: ClosedRange<Int>?
    /// EARS and CUSUM: number of baseline periods (R's `baseline`, default 7).
    public var baseline: Int
    /// EARS and CUSUM: lower bound on the baseline standard deviation (R's `minSigma`, default 0).
    public var minSigma: Double
    /// Farrington: down-weight past outbreaks by Anscombe residuals.
    public var reweight: Bool
    /// Farrington: residual above which a reference week is down-weighted (1 in 1996, 2.58 flexible).
    public var weightsThreshold: Double
    /// Farrington: allow a linear time trend when significant and not extrapolating.
    public var trend: Bool
    /// Farrington: p-value below which the trend counts as significant.
    public var pThresholdTrend: Double
    /// Farrington: fewer than `limit54Cases` cases in the last `limit54Periods` periods (current
    /// included) suppress the alarm (1996) or threshold and alarm (flexible).
    public var limit54Cases: Int
    /// See ``limit54Cases``.
    public var limit54Periods: Int
    /// Farrington: power transformation for the threshold.
    public var powerTransform: PowerTransform
    /// Flexible Farrington: most recent periods left out of the fit; nil means `w`.
    public var pastWeeksNotIncluded: Int?
    /// CUSUM: reference value k in standard deviations subtracted each period.
    public var cusumK: Double
    /// CUSUM: decision interval h in standard deviations.
    public var cusumH: Double

    /// Creates a control; every argument defaults to R's `farringtonFlexible`/`earsC` default.
    public init(
        alpha: Double, b: Int = 5, w: Int = 3, range: ClosedRange<Int>? = nil, baseline: Int = 7,
        minSigma: Double = 0, reweight: Bool = true, weightsThreshold: Double = 2.58, trend: Bool = true,
        pThresholdTrend: Double = 0.05, limit54Cases: Int = 5, limit54Periods: Int = 4,
        powerTransform: PowerTransform = .twoThirds, pastWeeksNotIncluded: Int? = nil,
        cusumK: Double = 0.5, cusumH: Double = 4
    ) {
        self.alpha = alpha
        self.b = b
        self.w = w
        self.range = range
        self.baseline = baseline
        self.minSigma = minSigma
        self.reweight = reweight
        self.weightsThreshold = weightsThreshold
        self.trend = trend
        self.pThresholdTrend = pThresholdTrend
        self.limit54Cases = limit54Cases
        self.limit54Periods = limit54Periods
        self.powerTransform = powerTransform
        self.pastWeeksNotIncluded = pastWeeksNotIncluded
        self.cusumK = cusumK
        self.cusumH = cusumH
    }

    /// R's default control for `method`: EARS C1/C2 α 0.001, C3 α 0.025, baseline 7, minSigma 0;
    /// both Farringtons b 5, w 3, α 0.05, reweight, trend (p < 0.05), limit54 (5, 4), power 2/3,
    /// with weightsThreshold 1 for `algo.farrington` and 2.58 for `farringtonFlexible`; CUSUM
    /// k 0.5, h 4 on a 7-period baseline. `range` is nil (method default).
    public static func defaults(for method: AberrationMethod) -> AberrationControl {
        switch method {
        case .earsC1, .earsC2: AberrationControl(alpha: 0.001)
        case .earsC3: AberrationControl(alpha: 0.025)
        case .farrington: AberrationControl(alpha: 0.05, weightsThreshold: 1)
        case .farringtonFlexible: AberrationControl(alpha: 0.05)
        case .cusum: AberrationControl(alpha: 0.001)
        }
    }

    /// The range R uses when none is given: EARS from `baseline + 1` (C1), `+ 3` (C2, CUSUM),
    /// `+ 5` (C3); `algo.farrington` from `periodsPerYear·b − w`; `farringtonFlexible` from
    /// `periodsPerYear·b + w + 1`; all to the end of the series.
    public func resolvedRange(method: AberrationMethod, seriesCount: Int, periodsPerYear: Int) -> ClosedRange<Int>? {
        if let range { return range }
        let start = switch method {
        case .earsC1: baseline + 1
        case .earsC2, .cusum: baseline + 3
        case .earsC3: baseline + 5
        case .farrington: periodsPerYear * b - w
        case .farringtonFlexible: periodsPerYear * b + w + 1
        }
        return start <= seriesCount ? start...seriesCount : nil
    }
}
