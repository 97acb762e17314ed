/// Where a unit is in its duty cycle; the allowed moves are ``UnitStatus/transitions``.
public enum UnitStatus: String, Codable, Sendable, CaseIterable, Hashable {
    case available
    case dispatched
    case enRoute = "en-route"
    case onScene = "on-scene"
    case transporting
    case atHospital = "at-hospital"
    case outOfService = "out-of-service"

    /// The one table of legal status changes: from each status, the statuses it may move to.
    ///
    /// - Note: `dispatched` is reached only by assigning the unit to an incident; moving to
    ///   `available` or `out-of-service` releases the unit from its incident.
    public static let transitions: [UnitStatus: Set<UnitStatus>] = [
        .available: [.dispatched, .outOfService],
        .dispatched: [.enRoute, .onScene, .available],
        .enRoute: [.onScene, .available],
        .onScene: [.transporting, .available],
        .transporting: [.atHospital, .available],
        .atHospital: [.available],
        .outOfService: [.available],
    ]

    /// Whether the table allows moving from this status to `next`.
    public func canMove(to next: UnitStatus) -> Bool {
        Self.transitions[self, default: []].contains(next)
    }

    /// Whether a unit in this status is committed to an incident.
    public var isCommitted: Bool {
        switch self {
        case .dispatched, .enRoute, .onScene, .transporting, .atHospital: true
        case .available, .outOfService: false
        }
    }
}
