/// The modified z-score of Iglewicz & Hoaglin: how far a value lies from a sample's median, in robust units.
public struct RobustScore: Sendable, Hashable {
    /// The sample's median.
    public var median: Double
    /// The spread used: MAD, or 1.253314 × mean absolute deviation ÷ 0.6745 when MAD is zero.
    public var spread: Double
    /// 0.6745 · (x − median) / spread.
    public var z: Double

    /// The score of `value` against `sample`, nil when the sample is empty or has no spread at all.
    ///
    /// When more than half the sample is identical MAD is zero; the mean absolute deviation stands in,
    /// scaled (1.253314) so that both estimate the same standard deviation for normal data.
    public static func modifiedZ(_ value: Double, against sample: [Double]) -> RobustScore? {
        guard !sample.isEmpty else { return nil }
        let centre = median(sample)
        var spread = median(sample.map { abs($0 - centre) })
        if spread == 0 {
            let meanAbsolute = sample.reduce(0) { $0 + abs($1 - centre) } / Double(sample.count)
            spread = 1.253314 * meanAbsolute / 0.6745
        }
        guard spread > 0 else { return nil }
        return RobustScore(median: centre, spread: spread, z: 0.6745 * (value - centre) / spread)
    }

    /// Buffers for ``modifiedZ(_:scratch:)``, kept by a caller that scores on every reading.
    struct Scratch: Sendable {
        /// The sample to score against; the caller fills it.
        var sample: [Double] = []
        var sorted: [Double] = []
    }

    /// ``modifiedZ(_:against:)`` against `scratch.sample`, without allocating once the buffers have grown.
    static func modifiedZ(_ value: Double, scratch: inout Scratch) -> RobustScore? {
        let count = scratch.sample.count
        guard count > 0 else { return nil }
        scratch.sorted.removeAll(keepingCapacity: true)
        scratch.sorted.append(contentsOf: scratch.sample)
        insertionSort(&scratch.sorted)
        let centre = sortedMedian(scratch.sorted)
        for i in 0..<count { scratch.sorted[i] = abs(scratch.sample[i] - centre) }
        insertionSort(&scratch.sorted)
        var spread = sortedMedian(scratch.sorted)
        if spread == 0 {
            var total = 0.0
            for x in scratch.sample { total += abs(x - centre) }
            spread = 1.253314 * (total / Double(count)) / 0.6745
        }
        guard spread > 0 else { return nil }
        return RobustScore(median: centre, spread: spread, z: 0.6745 * (value - centre) / spread)
    }

    /// Sorts a handful of finite values (a sensor's neighbours) faster than the general sort does.
    private static func insertionSort(_ values: inout [Double]) {
        values.withUnsafeMutableBufferPointer { a in
            guard a.count > 1 else { return }
            for i in 1..<a.count {
                let x = a[i]
                var j = i
                while j > 0 && a[j - 1] > x {
                    a[j] = a[j - 1]
                    j -= 1
                }
                a[j] = x
            }
        }
    }

    private static func sortedMedian(_ sorted: [Double]) -> Double {
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The median of a non-empty sample (mean of the middle two for an even count).
    public static func median(_ sample: [Double]) -> Double {
        let sorted = sample.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
