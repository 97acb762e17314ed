import SafeCityCore

/// Pearson correlation of two time series over a rolling window, after averaging each into time buckets.
///
/// Both series are averaged into `bucketSeconds`-wide buckets aligned on the Unix epoch; only buckets
/// where both series have data are paired. The window at `now` holds the buckets that start in
/// [now − windowSeconds, now). Feed values with ``addFirst(_:)`` and ``addSecond(_:)`` in any order;
/// buckets older than the window behind the newest value seen are dropped.
public struct RollingCorrelation: Sendable {
    /// Width of the rolling window.
    public let windowSeconds: Int
    /// Width of the averaging buckets.
    public let bucketSeconds: Int

    private var first: [Int64: Bucket] = [:]
    private var second: [Int64: Bucket] = [:]
    private var newestBucket: Int64?

    /// A rolling correlation; `bucketSeconds` must be positive and no wider than the window.
    public init(windowSeconds: Int, bucketSeconds: Int) throws(TrendError) {
        try Self.validate(windowSeconds: windowSeconds, bucketSeconds: bucketSeconds)
        self.windowSeconds = windowSeconds
        self.bucketSeconds = bucketSeconds
    }

    /// Adds a value of the first series.
    public mutating func addFirst(_ point: TimedValue) { add(point, toFirst: true) }

    /// Adds a value of the second series.
    public mutating func addSecond(_ point: TimedValue) { add(point, toFirst: false) }

    /// The correlation over the window ending at `now`, nil when fewer than 3 shared buckets or a constant side.
    public func result(at now: Timestamp) -> CorrelationResult? {
        Self.correlate(buckets: first, second, bucketSeconds: bucketSeconds, windowSeconds: windowSeconds, now: now)
    }

    private mutating func add(_ point: TimedValue, toFirst: Bool) {
        guard point.value.isFinite else { return }
        let index = Self.bucketIndex(point.time, bucketSeconds: bucketSeconds)
        if toFirst { first[index, default: Bucket()].add(point.value) } else { second[index, default: Bucket()].add(point.value) }
        guard index > newestBucket ?? .min else { return }
        newestBucket = index
        let oldest = index - Int64(windowSeconds / bucketSeconds) - 1
        first = first.filter { $0.key >= oldest }
        second = second.filter { $0.key >= oldest }
    }

    /// The correlation of two series over [now − windowSeconds, now), bucketed as the struct does.
    public static func correlate(_ a: [TimedValue], _ b: [TimedValue], bucketSeconds: Int, windowSeconds: Int, now: Timestamp) throws(TrendError) -> CorrelationResult? {
        try validate(windowSeconds: windowSeconds, bucketSeconds: bucketSeconds)
        return correlate(buckets: buckets(a, bucketSeconds: bucketSeconds), buckets(b, bucketSeconds: bucketSeconds),
                         bucketSeconds: bucketSeconds, windowSeconds: windowSeconds, now: now)
    }

    /// The paired bucket means of two series over [now − windowSeconds, now), in time order.
    public static func pairedBucketMeans(_ a: [TimedValue], _ b: [TimedValue], bucketSeconds: Int, windowSeconds: Int, now: Timestamp) throws(TrendError) -> [(start: Timestamp, first: Double, second: Double)] {
        try validate(windowSeconds: windowSeconds, bucketSeconds: bucketSeconds)
        return paired(buckets(a, bucketSeconds: bucketSeconds), buckets(b, bucketSeconds: bucketSeconds),
                      bucketSeconds: bucketSeconds, windowSeconds: windowSeconds, now: now)
    }

    private static func validate(windowSeconds: Int, bucketSeconds: Int) throws(TrendError) {
        guard bucketSeconds > 0 else { throw .invalidParameter(name: "bucketSeconds", reason: "must be positive, got \(bucketSeconds)") }
        guard windowSeconds >= bucketSeconds else {
            throw .invalidParameter(name: "windowSeconds", reason: "must be at least bucketSeconds (\(bucketSeconds)), got \(windowSeconds)")
        }
    }

    private static func bucketIndex(_ time: Timestamp, bucketSeconds: Int) -> Int64 {
        CalendarUTC.floorDivide(time.millisecondsSince1970, Int64(bucketSeconds) * 1_000)
    }

    private static func buckets(_ series: [TimedValue], bucketSeconds: Int) -> [Int64: Bucket] {
        var result: [Int64: Bucket] = [:]
        for point in series where point.value.isFinite {
            result[bucketIndex(point.time, bucketSeconds: bucketSeconds), default: Bucket()].add(point.value)
        }
        return result
    }

    private static func paired(_ a: [Int64: Bucket], _ b: [Int64: Bucket], bucketSeconds: Int, windowSeconds: Int, now: Timestamp) -> [(start: Timestamp, first: Double, second: Double)] {
        let bucketMilliseconds = Int64(bucketSeconds) * 1_000
        let windowStart = now.millisecondsSince1970 - Int64(windowSeconds) * 1_000
        var pairs: [(start: Timestamp, first: Double, second: Double)] = []
        for (index, bucketA) in a {
            let start = index * bucketMilliseconds
            guard start >= windowStart, start < now.millisecondsSince1970, let bucketB = b[index] else { continue }
            pairs.append((Timestamp(millisecondsSince1970: start), bucketA.mean, bucketB.mean))
        }
        return pairs.sorted { $0.start < $1.start }
    }

    private static func correlate(buckets a: [Int64: Bucket], _ b: [Int64: Bucket], bucketSeconds: Int, windowSeconds: Int, now: Timestamp) -> CorrelationResult? {
        let pairs = paired(a, b, bucketSeconds: bucketSeconds, windowSeconds: windowSeconds, now: now)
        // Lengths match by construction, so pearson cannot throw.
        return try? CorrelationResult.pearson(pairs.map(\.first), pairs.map(\.second))
    }
}

private struct Bucket: Sendable {
    var sum = 0.0
    var count = 0
    mutating func add(_ value: Double) {
        sum += value
        count += 1
    }
    var mean: Double { sum / Double(count) }
}
