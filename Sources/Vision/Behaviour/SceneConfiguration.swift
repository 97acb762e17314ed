/// Everything one camera's ``SceneAnalyser`` watches: zones with their rules, and trip lines.
public struct SceneConfiguration: Hashable, Sendable, Codable {
    /// Zones in the order their events are reported.
    public var zones: [ZoneConfiguration]
    /// Trip lines in the order their events are reported.
    public var lines: [LineConfiguration]
    /// A track not seen for this long is forgotten and its episodes cleared, in seconds.
    public var trackTimeoutSeconds: Double
    /// Span over which a track's velocity is measured, in seconds; longer smooths detector jitter.
    public var velocityWindowSeconds: Double
    /// Below this speed a track's heading is not trusted, in m/s.
    public var minimumMovingSpeedMetresPerSecond: Double

    /// Creates a configuration.
    public init(zones: [ZoneConfiguration] = [], lines: [LineConfiguration] = [], trackTimeoutSeconds: Double = 3,
                velocityWindowSeconds: Double = 1, minimumMovingSpeedMetresPerSecond: Double = 0.3) {
        self.zones = zones
        self.lines = lines
        self.trackTimeoutSeconds = trackTimeoutSeconds
        self.velocityWindowSeconds = velocityWindowSeconds
        self.minimumMovingSpeedMetresPerSecond = minimumMovingSpeedMetresPerSecond
    }

    /// Checks names are unique and every rule's parameters make sense.
    public func validate() throws(VisionError) {
        var names = Set<String>()
        for zone in zones {
            guard names.insert(zone.zone.name).inserted else {
                throw .invalidConfiguration("the name '\(zone.zone.name)' is used by more than one zone or line")
            }
            try zone.validate()
        }
        for line in lines {
            guard names.insert(line.line.name).inserted else {
                throw .invalidConfiguration("the name '\(line.line.name)' is used by more than one zone or line")
            }
            try line.validate()
        }
        try RuleCheck.positive(trackTimeoutSeconds, "trackTimeoutSeconds", in: "scene")
        try RuleCheck.positive(velocityWindowSeconds, "velocityWindowSeconds", in: "scene")
        try RuleCheck.nonNegative(minimumMovingSpeedMetresPerSecond, "minimumMovingSpeedMetresPerSecond", in: "scene")
    }
}
