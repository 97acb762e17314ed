import SafeCityCore

/// One sensor's recent history of one quantity, as bucket means at two resolutions: minutes for the
/// last hours (correlations, charts) and hours for the last weeks (NowCast, baselines, trends).
///
/// - Note: Memory is bounded: at most ``minuteBuckets`` minute buckets and ``hourBuckets`` hour buckets.
public struct SeriesHistory: Sendable {
    public static let minuteBuckets = 360
    public static let hourBuckets = 35 * 24

    struct Bucket: Sendable {
        var start: Int64
        var sum: Double
        var count: Int
        var mean: Double { sum / Double(count) }
    }

    private var minutes: [Bucket] = []
    private var hours: [Bucket] = []

    public init() {}

    /// Adds a reading; late readings fall into their own (older) bucket.
    public mutating func add(_ value: Double, at time: Timestamp) {
        Self.add(value, at: time, width: 60_000, limit: Self.minuteBuckets, to: &minutes)
        Self.add(value, at: time, width: 3_600_000, limit: Self.hourBuckets, to: &hours)
    }

    private static func add(_ value: Double, at time: Timestamp, width: Int64, limit: Int, to buckets: inout [Bucket]) {
        let start = time.millisecondsSince1970 - ((time.millisecondsSince1970 % width) + width) % width
        if let last = buckets.last, last.start == start {
            buckets[buckets.count - 1].sum += value
            buckets[buckets.count - 1].count += 1
            return
        }
        if buckets.last.map({ $0.start < start }) ?? true {
            buckets.append(Bucket(start: start, sum: value, count: 1))
            if buckets.count > limit { buckets.removeFirst(buckets.count - limit) }
            return
        }
        // Out of order: find its place among the kept buckets (it may be older than all of them).
        var index = buckets.count - 1
        while index >= 0, buckets[index].start > start { index -= 1 }
        if index >= 0, buckets[index].start == start {
            buckets[index].sum += value
            buckets[index].count += 1
        } else if buckets.count < limit || index >= 0 {
            buckets.insert(Bucket(start: start, sum: value, count: 1), at: index + 1)
            if buckets.count > limit { buckets.removeFirst(buckets.count - limit) }
        }
    }

    /// Minute means, oldest first, stamped with the start of their minute.
    public var minuteMeans: [TimedValue] { minutes.map { TimedValue(time: Timestamp(millisecondsSince1970: $0.start), value: $0.mean) } }

    /// Hour means, oldest first, stamped with the start of their hour.
    public var hourMeans: [TimedValue] { hours.map { TimedValue(time: Timestamp(millisecondsSince1970: $0.start), value: $0.mean) } }

    /// The means of the `count` hours up to the one holding `now`, most recent first; nil for an hour without data.
    public func hourlyMostRecentFirst(count: Int, endingAt now: Timestamp) -> [Double?] {
        let width: Int64 = 3_600_000
        let current = now.millisecondsSince1970 - ((now.millisecondsSince1970 % width) + width) % width
        var byStart: [Int64: Double] = [:]
        for bucket in hours.suffix(count + 1) { byStart[bucket.start] = bucket.mean }
        return (0..<count).map { byStart[current - Int64($0) * width] }
    }
}
