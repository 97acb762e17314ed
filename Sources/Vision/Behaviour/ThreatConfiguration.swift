/// Weights for ``ThreatAssessment``.
public struct ThreatConfiguration: Hashable, Sendable, Codable {
    /// Points for each behaviour in a normal zone by day, before other terms.
    public var baseWeights: [BehaviourKind: Double]
    /// Multiplier on the base for each zone sensitivity.
    public var sensitivityFactors: [ZoneSensitivity: Double]
    /// Local hour (0 ..< 24) at which night starts.
    public var nightStartHour: Double
    /// Local hour at which night ends.
    public var nightEndHour: Double
    /// Multiplier on base × sensitivity at night.
    public var nightFactor: Double
    /// Events within this distance count as concurrent, in metres.
    public var concurrencyRadiusMetres: Double
    /// Events within this time before count as concurrent, in seconds.
    public var concurrencyWindowSeconds: Double
    /// Points per concurrent nearby event.
    public var pointsPerConcurrentEvent: Double
    /// Most points concurrency can add.
    public var maximumConcurrencyPoints: Double
    /// Kinds that never count as concurrent (ordinary line crossings would otherwise inflate every score).
    public var concurrencyIgnores: Set<BehaviourKind>
    /// Score at or above which an event suggests opening an incident.
    public var incidentLevel: Double

    /// Creates a configuration; the defaults rank a scattering crowd and an abandoned bag highest.
    public init(baseWeights: [BehaviourKind: Double] = ThreatConfiguration.defaultBaseWeights,
                sensitivityFactors: [ZoneSensitivity: Double] = [.low: 0.5, .normal: 1, .high: 1.5, .critical: 2],
                nightStartHour: Double = 22, nightEndHour: Double = 6, nightFactor: Double = 1.3,
                concurrencyRadiusMetres: Double = 30, concurrencyWindowSeconds: Double = 120,
                pointsPerConcurrentEvent: Double = 10, maximumConcurrencyPoints: Double = 30,
                concurrencyIgnores: Set<BehaviourKind> = [.lineCrossing], incidentLevel: Double = 60) {
        self.baseWeights = baseWeights
        self.sensitivityFactors = sensitivityFactors
        self.nightStartHour = nightStartHour
        self.nightEndHour = nightEndHour
        self.nightFactor = nightFactor
        self.concurrencyRadiusMetres = concurrencyRadiusMetres
        self.concurrencyWindowSeconds = concurrencyWindowSeconds
        self.pointsPerConcurrentEvent = pointsPerConcurrentEvent
        self.maximumConcurrencyPoints = maximumConcurrencyPoints
        self.concurrencyIgnores = concurrencyIgnores
        self.incidentLevel = incidentLevel
    }

    /// Default base points per behaviour.
    public static let defaultBaseWeights: [BehaviourKind: Double] = [
        .loitering: 20, .abandonedObject: 50, .lineCrossing: 2, .wrongWay: 25, .crowdDensity: 35,
        .crowdGrowth: 30, .unusualSpeed: 30, .unusualHeading: 15, .crowdScattering: 70, .stoppedVehicle: 25,
    ]

    /// Checks every weight is finite and non-negative and the hours are in range.
    public func validate() throws(VisionError) {
        for (kind, weight) in baseWeights {
            try RuleCheck.nonNegative(weight, "baseWeights.\(kind.rawValue)", in: "threat assessment")
        }
        for (sensitivity, factor) in sensitivityFactors {
            try RuleCheck.nonNegative(factor, "sensitivityFactors.\(sensitivity.rawValue)", in: "threat assessment")
        }
        for (name, hour) in [("nightStartHour", nightStartHour), ("nightEndHour", nightEndHour)] {
            guard hour.isFinite, hour >= 0, hour < 24 else {
                throw .invalidConfiguration("threat assessment: \(name) must be in 0 ..< 24, got \(hour)")
            }
        }
        try RuleCheck.nonNegative(nightFactor, "nightFactor", in: "threat assessment")
        try RuleCheck.nonNegative(concurrencyRadiusMetres, "concurrencyRadiusMetres", in: "threat assessment")
        try RuleCheck.nonNegative(concurrencyWindowSeconds, "concurrencyWindowSeconds", in: "threat assessment")
        try RuleCheck.nonNegative(pointsPerConcurrentEvent, "pointsPerConcurrentEvent", in: "threat assessment")
        try RuleCheck.nonNegative(maximumConcurrencyPoints, "maximumConcurrencyPoints", in: "threat assessment")
        try RuleCheck.nonNegative(incidentLevel, "incidentLevel", in: "threat assessment")
    }
}
