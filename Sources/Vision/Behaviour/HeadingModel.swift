/// A zone's learned distribution of movement headings, in 10° bins.
struct HeadingModel: Sendable {
    private var counts = [Int](repeating: 0, count: 36)
    private(set) var total = 0
    private(set) var firstSampleTime: Double?

    mutating func add(headingDegrees: Double, time: Double) {
        if firstSampleTime == nil { firstSampleTime = time }
        counts[HeadingModel.bin(headingDegrees)] += 1
        total += 1
    }

    func isWarm(at time: Double, rule: UnusualMotionRule) -> Bool {
        guard let firstSampleTime else { return false }
        return total >= rule.minimumWarmUpSamples && time - firstSampleTime >= rule.warmUpSeconds
    }

    /// Share of learned samples in the heading's bin and its two neighbours (about ±15°).
    func share(near headingDegrees: Double) -> Double {
        guard total > 0 else { return 0 }
        let bin = HeadingModel.bin(headingDegrees)
        let near = counts[(bin + 35) % 36] + counts[bin] + counts[(bin + 1) % 36]
        return Double(near) / Double(total)
    }

    private static func bin(_ headingDegrees: Double) -> Int {
        var degrees = headingDegrees.truncatingRemainder(dividingBy: 360)
        if degrees < 0 { degrees += 360 }
        return min(Int(degrees / 10), 35)
    }
}
