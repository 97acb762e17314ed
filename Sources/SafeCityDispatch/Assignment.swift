/// A unit sent to an incident: its route and why it was chosen.
public struct Assignment: Codable, Sendable, Equatable {
    public var unitID: String
    public var incidentID: String
    public var etaSeconds: Double?
    public var reason: String
    /// The road route from the unit's position to the incident, when one exists.
    public var route: DispatchRoute?
}
