import SafeCityCore
/// One unit proposed for an incident, with the reason it was chosen.
public struct Recommendation: Codable, Sendable, Equatable {
    public var unitID: String
    public var agency: String
    public var kind: String
    public var stationID: String
    /// The run-card role it fills.
    public var role: String
    /// Live road travel time to the incident, in seconds.
    public var etaSeconds: Double
    /// Why this unit: its ETA and the runner-up it beat.
    public var reason: String
}

/// A filled run card: the units proposed and the roles no available unit could fill.
public struct RecommendationResult: Codable, Sendable, Equatable {
    public var typeCode: String
    public var units: [Recommendation]
    /// Roles left unfilled, e.g. `ladder: no available unit can reach the incident`.
    public var shortfalls: [String]
}

/// A unit committed to an incident and, while it is on its way, its live road ETA.
public struct Responder: Codable, Sendable, Equatable {
    public var unitID: String
    public var kind: String
    public var status: UnitStatus
    public var etaSeconds: Double?
    /// When its position was last reported.
    public var positionAt: Timestamp?
}
