import SafeCityCore

/// A monotonic trend: the Theil–Sen slope with Sen's interval and the Mann–Kendall test, as openair's `TheilSen` does.
///
/// Series are first averaged into daily or monthly means (``periodMeans(_:period:expectedIntervalSeconds:minimumCoverage:)``),
/// each placed at its decimal year (a month at year + (month − 1) / 12, a day at year + (day of year − 1) / days in year),
/// so slopes come out in units per year.
public struct TrendEstimate: Sendable, Hashable, Codable {
    /// How many period means the estimate rests on.
    public var n: Int
    public var theilSen: TheilSen
    public var mannKendall: MannKendall

    /// The median of pairwise slopes, in value units per year.
    public struct TheilSen: Sendable, Hashable, Codable {
        public var slopePerYear: Double
        /// median(y) − slope × median(x), x in decimal years.
        public var intercept: Double
        /// Lower end of Sen's 95 % interval for the slope.
        public var lowerSlopePerYear: Double
        /// Upper end of Sen's 95 % interval for the slope.
        public var upperSlopePerYear: Double
    }

    /// The Mann–Kendall test of a monotonic trend, ties corrected, with continuity correction.
    public struct MannKendall: Sendable, Hashable, Codable {
        /// Σ sign(y_j − y_i) over i < j in time order.
        public var s: Int
        /// Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over groups of t tied values.
        public var variance: Double
        /// (S − sign S) / √Var(S).
        public var z: Double
        /// Two-sided p-value of Z under the normal.
        public var pValue: Double
        /// Kendall's tau-b between time and value.
        public var tau: Double
    }

    /// Averaging period for the means the trend is fitted to.
    public enum Period: String, Sendable, Hashable, Codable {
        case day
        case month
    }

    /// The mean of one period.
    public struct PeriodMean: Sendable, Hashable, Codable {
        /// Start of the period (UTC).
        public var start: Timestamp
        /// Where the period sits on the x axis, in years.
        public var decimalYear: Double
        public var mean: Double
        public var count: Int
        /// count ÷ readings expected in the period.
        public var coverage: Double
    }

    /// Mean per day or calendar month (UTC), keeping periods with at least `minimumCoverage` of the readings expected.
    ///
    /// A period expects (period length ÷ `expectedIntervalSeconds`) readings; openair's `data.thresh` is the same rule in percent.
    public static func periodMeans(_ series: [TimedValue], period: Period, expectedIntervalSeconds: Int, minimumCoverage: Double = 0.75) throws(TrendError) -> [PeriodMean] {
        guard expectedIntervalSeconds > 0 else {
            throw .invalidParameter(name: "expectedIntervalSeconds", reason: "must be positive, got \(expectedIntervalSeconds)")
        }
        guard (0...1).contains(minimumCoverage) else {
            throw .invalidParameter(name: "minimumCoverage", reason: "must be a fraction in 0...1, got \(minimumCoverage)")
        }
        var sums: [Int: (sum: Double, count: Int)] = [:]
        for point in series where point.value.isFinite {
            let fields = CalendarUTC(point.time)
            let key = period == .day ? fields.daysSinceEpoch : fields.year * 12 + fields.month - 1
            sums[key, default: (0, 0)].sum += point.value
            sums[key, default: (0, 0)].count += 1
        }
        return sums.keys.sorted().compactMap { key in
            let (sum, count) = sums[key]!
            let startDay: Int, days: Int, decimalYear: Double
            switch period {
            case .day:
                let year = CalendarUTC.civil(fromDays: key).0
                startDay = key
                days = 1
                let yearStart = CalendarUTC.days(year: year, month: 1, day: 1)
                decimalYear = Double(year) + Double(key - yearStart) / Double(CalendarUTC.isLeap(year) ? 366 : 365)
            case .month:
                let year = key / 12, month = key % 12 + 1
                startDay = CalendarUTC.days(year: year, month: month, day: 1)
                days = CalendarUTC.daysIn(year: year, month: month)
                decimalYear = Double(year) + Double(month - 1) / 12
            }
            let expected = Double(days * 86_400) / Double(expectedIntervalSeconds)
            let coverage = Double(count) / expected
            guard coverage >= minimumCoverage else { return nil }
            return PeriodMean(start: Timestamp(millisecondsSince1970: Int64(startDay) * 86_400_000), decimalYear: decimalYear,
                              mean: sum / Double(count), count: count, coverage: coverage)
        }
    }

    /// The trend of a raw series: period means, then Theil–Sen and Mann–Kendall on them.
    public static func estimate(_ series: [TimedValue], period: Period, expectedIntervalSeconds: Int, minimumCoverage: Double = 0.75) throws(TrendError) -> TrendEstimate? {
        let means = try periodMeans(series, period: period, expectedIntervalSeconds: expectedIntervalSeconds, minimumCoverage: minimumCoverage)
        return try estimate(decimalYears: means.map(\.decimalYear), values: means.map(\.mean))
    }

    /// The trend of values at decimal years (sorted here by year); nil with fewer than 3 points.
    public static func estimate(decimalYears x: [Double], values y: [Double]) throws(TrendError) -> TrendEstimate? {
        guard x.count == y.count else {
            throw .invalidParameter(name: "values", reason: "has \(y.count) entries but decimalYears has \(x.count)")
        }
        if let bad = x.indices.first(where: { !x[$0].isFinite || !y[$0].isFinite }) {
            throw .invalidParameter(name: "values", reason: "entry \(bad) is not a finite number")
        }
        let order = x.indices.sorted { x[$0] < x[$1] }
        let xs = order.map { x[$0] }, ys = order.map { y[$0] }
        guard xs.count >= 3, let sen = theilSen(x: xs, y: ys) else { return nil }
        return TrendEstimate(n: xs.count, theilSen: sen, mannKendall: mannKendall(x: xs, y: ys))
    }

    /// Theil–Sen: the median of slopes over all pairs with distinct x, Sen's 95 % interval from Var(S).
    static func theilSen(x: [Double], y: [Double]) -> TheilSen? {
        var slopes: [Double] = []
        slopes.reserveCapacity(x.count * (x.count - 1) / 2)
        for i in x.indices {
            for j in (i + 1)..<x.count where x[j] != x[i] {
                slopes.append((y[j] - y[i]) / (x[j] - x[i]))
            }
        }
        guard !slopes.isEmpty else { return nil }
        slopes.sort()
        let slope = RobustScore.median(slopes)
        let intercept = RobustScore.median(y) - slope * RobustScore.median(x)
        // Sen (1968): the slopes ranked (N ∓ z·σ_S)/2 bound the interval, σ_S with ties in x and in y removed.
        let n = Double(x.count)
        let variance = (n * (n - 1) * (2 * n + 5) - tieTerm(x) - tieTerm(y)) / 18
        let c = 1.959963984540054 * variance.squareRoot()
        let count = Double(slopes.count)
        let lowerRank = max(Int(((count - c) / 2).rounded(.toNearestOrEven)) - 1, 0)
        let upperRank = min(Int(((count + c) / 2).rounded(.toNearestOrEven)), slopes.count - 1)
        return TheilSen(slopePerYear: slope, intercept: intercept, lowerSlopePerYear: slopes[lowerRank], upperSlopePerYear: slopes[upperRank])
    }

    /// Mann–Kendall on values in x order; tau-b takes ties in both x and y into account.
    static func mannKendall(x: [Double], y: [Double]) -> MannKendall {
        var s = 0
        for i in y.indices {
            for j in (i + 1)..<y.count where x[j] != x[i] {
                s += y[j] > y[i] ? 1 : (y[j] < y[i] ? -1 : 0)
            }
        }
        let n = Double(y.count)
        let variance = (n * (n - 1) * (2 * n + 5) - tieTerm(y)) / 18
        let sigma = variance.squareRoot()
        let z: Double = s > 0 ? Double(s - 1) / sigma : (s < 0 ? Double(s + 1) / sigma : 0)
        let pairs = n * (n - 1) / 2
        let tau = Double(s) / ((pairs - tiedPairs(x)) * (pairs - tiedPairs(y))).squareRoot()
        return MannKendall(s: s, variance: variance, z: z, pValue: Distributions.normalTwoSidedP(z), tau: tau)
    }

    /// Σ t(t−1)(2t+5) over groups of t equal values.
    private static func tieTerm(_ values: [Double]) -> Double {
        tieGroups(values).reduce(0) { $0 + $1 * ($1 - 1) * (2 * $1 + 5) }
    }

    /// Σ t(t−1)/2 over groups of t equal values: the pairs that are ties.
    private static func tiedPairs(_ values: [Double]) -> Double {
        tieGroups(values).reduce(0) { $0 + $1 * ($1 - 1) / 2 }
    }

    private static func tieGroups(_ values: [Double]) -> [Double] {
        var counts: [Double: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.values.filter { $0 > 1 }.map(Double.init)
    }
}
