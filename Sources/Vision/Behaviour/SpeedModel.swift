/// A zone's learned distribution of speeds: a fixed-bin histogram read as median and MAD.
///
/// Bins are 0.05 m/s wide up to 20 m/s, so learning costs O(1) per sample and the median and
/// median absolute deviation are exact to half a bin however long the zone has been watched.
struct SpeedModel: Sendable {
    static let binWidth = 0.05
    static let binCount = 400

    private var counts = [Int](repeating: 0, count: SpeedModel.binCount)
    private(set) var total = 0
    private(set) var firstSampleTime: Double?
    private var cachedTotal = 0
    private var cached = (median: 0.0, scale: 0.0)

    mutating func add(_ speed: Double, time: Double) {
        guard speed.isFinite, speed >= 0 else { return }
        if firstSampleTime == nil { firstSampleTime = time }
        counts[min(Int(speed / SpeedModel.binWidth), SpeedModel.binCount - 1)] += 1
        total += 1
    }

    func isWarm(at time: Double, rule: UnusualMotionRule) -> Bool {
        guard let firstSampleTime else { return false }
        return total >= rule.minimumWarmUpSamples && time - firstSampleTime >= rule.warmUpSeconds
    }

    /// Median speed and robust spread 1.4826 · MAD (at least 0.1 m/s), refreshed as the sample count grows 5 %.
    mutating func statistics() -> (median: Double, scale: Double) {
        if total > 0, cachedTotal == 0 || total >= cachedTotal + max(1, cachedTotal / 20) {
            let median = quantile(0.5)
            var deviations: [(deviation: Double, count: Int)] = []
            for (bin, count) in counts.enumerated() where count > 0 {
                deviations.append((abs((Double(bin) + 0.5) * SpeedModel.binWidth - median), count))
            }
            deviations.sort { $0.deviation < $1.deviation }
            var cumulative = 0, mad = 0.0
            for entry in deviations {
                cumulative += entry.count
                if 2 * cumulative >= total {
                    mad = entry.deviation
                    break
                }
            }
            cached = (median, max(1.4826 * mad, 0.1))
            cachedTotal = total
        }
        return cached
    }

    /// A quantile of the learned speeds, interpolated within its bin.
    func quantile(_ fraction: Double) -> Double {
        let target = fraction * Double(total)
        var cumulative = 0.0
        for (bin, count) in counts.enumerated() where count > 0 {
            if cumulative + Double(count) >= target {
                return (Double(bin) + (target - cumulative) / Double(count)) * SpeedModel.binWidth
            }
            cumulative += Double(count)
        }
        return Double(SpeedModel.binCount) * SpeedModel.binWidth
    }
}
