/// Settings for crowding: density above a level, or people arriving faster than a rate.
public struct CrowdingRule: Hashable, Sendable, Codable {
    /// Classes counted.
    public var objectClasses: Set<ObjectClass>
    /// People per square metre that trigger a density event; nil to switch it off.
    public var densityPerSquareMetre: Double?
    /// Growth in people per minute that triggers a growth event; nil to switch it off.
    public var growthPerMinute: Double?
    /// The span over which growth is measured, in seconds.
    public var growthWindowSeconds: Double
    /// How long a condition must hold before the event fires, and be gone before it clears, in seconds.
    public var minimumDurationSeconds: Double
    /// An episode clears only once the figure falls below this fraction of its level (hysteresis).
    public var clearFraction: Double

    /// Creates a rule.
    public init(densityPerSquareMetre: Double? = 2, growthPerMinute: Double? = nil, growthWindowSeconds: Double = 60,
                minimumDurationSeconds: Double = 5, clearFraction: Double = 0.8,
                objectClasses: Set<ObjectClass> = [.person]) {
        self.objectClasses = objectClasses
        self.densityPerSquareMetre = densityPerSquareMetre
        self.growthPerMinute = growthPerMinute
        self.growthWindowSeconds = growthWindowSeconds
        self.minimumDurationSeconds = minimumDurationSeconds
        self.clearFraction = clearFraction
    }

    func validate(in place: String) throws(VisionError) {
        try RuleCheck.classes(objectClasses, in: place)
        if let densityPerSquareMetre { try RuleCheck.positive(densityPerSquareMetre, "crowding.densityPerSquareMetre", in: place) }
        if let growthPerMinute { try RuleCheck.positive(growthPerMinute, "crowding.growthPerMinute", in: place) }
        try RuleCheck.positive(growthWindowSeconds, "crowding.growthWindowSeconds", in: place)
        try RuleCheck.nonNegative(minimumDurationSeconds, "crowding.minimumDurationSeconds", in: place)
        guard clearFraction.isFinite, clearFraction > 0, clearFraction <= 1 else {
            throw .invalidConfiguration("\(place): crowding.clearFraction must be in (0, 1], got \(clearFraction)")
        }
    }
}
