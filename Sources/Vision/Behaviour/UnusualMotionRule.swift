/// Settings for unusual motion, judged against what the zone normally sees.
///
/// Speeds are learned per zone as a histogram (0.05 m/s bins) from which a median and a median
/// absolute deviation (MAD) are read; headings as a 10° histogram. Nothing fires until the warm-up
/// is over; afterwards the model keeps learning from samples it does not flag.
public struct UnusualMotionRule: Hashable, Sendable, Codable {
    /// Classes learned and checked.
    public var objectClasses: Set<ObjectClass>
    /// Learning time before any event, in seconds from the zone's first sample.
    public var warmUpSeconds: Double
    /// Learning samples needed before any event.
    public var minimumWarmUpSamples: Int
    /// Robust z-score, (speed − median) / (1.4826 · MAD), above which a speed is unusual.
    public var speedZScore: Double
    /// A speed is never unusual below this, in m/s (a brisk walk should not fire in a quiet zone).
    public var minimumUnusualSpeedMetresPerSecond: Double
    /// A heading is unusual when the zone has seen less than this fraction of moving samples
    /// within ±15° of it; nil to switch heading checks off.
    public var rareHeadingFraction: Double?
    /// How long a track must stay unusual before the event fires, in seconds.
    public var minimumDurationSeconds: Double
    /// Tracks that must speed up away from a common centre for a scattering event; nil to switch it off.
    public var scatteringMinimumTracks: Int?
    /// Gain in speed over ``accelerationWindowSeconds`` that makes a track a scattering candidate, in m/s.
    public var scatteringSpeedGainMetresPerSecond: Double
    /// The span over which the speed gain is measured, in seconds.
    public var accelerationWindowSeconds: Double

    /// Creates a rule.
    public init(warmUpSeconds: Double = 120, minimumWarmUpSamples: Int = 200, speedZScore: Double = 4,
                minimumUnusualSpeedMetresPerSecond: Double = 2.5, rareHeadingFraction: Double? = nil,
                minimumDurationSeconds: Double = 1, scatteringMinimumTracks: Int? = 4,
                scatteringSpeedGainMetresPerSecond: Double = 1, accelerationWindowSeconds: Double = 2,
                objectClasses: Set<ObjectClass> = [.person]) {
        self.objectClasses = objectClasses
        self.warmUpSeconds = warmUpSeconds
        self.minimumWarmUpSamples = minimumWarmUpSamples
        self.speedZScore = speedZScore
        self.minimumUnusualSpeedMetresPerSecond = minimumUnusualSpeedMetresPerSecond
        self.rareHeadingFraction = rareHeadingFraction
        self.minimumDurationSeconds = minimumDurationSeconds
        self.scatteringMinimumTracks = scatteringMinimumTracks
        self.scatteringSpeedGainMetresPerSecond = scatteringSpeedGainMetresPerSecond
        self.accelerationWindowSeconds = accelerationWindowSeconds
    }

    func validate(in place: String) throws(VisionError) {
        try RuleCheck.classes(objectClasses, in: place)
        try RuleCheck.nonNegative(warmUpSeconds, "unusualMotion.warmUpSeconds", in: place)
        guard minimumWarmUpSamples >= 1 else {
            throw .invalidConfiguration("\(place): unusualMotion.minimumWarmUpSamples must be at least 1")
        }
        try RuleCheck.positive(speedZScore, "unusualMotion.speedZScore", in: place)
        try RuleCheck.nonNegative(minimumUnusualSpeedMetresPerSecond, "unusualMotion.minimumUnusualSpeedMetresPerSecond", in: place)
        if let rareHeadingFraction {
            guard rareHeadingFraction.isFinite, rareHeadingFraction > 0, rareHeadingFraction < 1 else {
                throw .invalidConfiguration("\(place): unusualMotion.rareHeadingFraction must be in (0, 1), got \(rareHeadingFraction)")
            }
        }
        try RuleCheck.nonNegative(minimumDurationSeconds, "unusualMotion.minimumDurationSeconds", in: place)
        if let scatteringMinimumTracks, scatteringMinimumTracks < 2 {
            throw .invalidConfiguration("\(place): unusualMotion.scatteringMinimumTracks must be at least 2")
        }
        try RuleCheck.positive(scatteringSpeedGainMetresPerSecond, "unusualMotion.scatteringSpeedGainMetresPerSecond", in: place)
        try RuleCheck.positive(accelerationWindowSeconds, "unusualMotion.accelerationWindowSeconds", in: place)
    }
}
