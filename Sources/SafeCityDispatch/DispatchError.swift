import SafeCityCore

/// Why a dispatch command was refused; nothing is written when one is thrown.
public enum DispatchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input breaks a rule (the server answers 422 naming the field).
    case invalid(ValidationError)
    /// No unit, station or incident with this id (404).
    case notFound(kind: String, id: String)
    /// The command conflicts with the current state, e.g. an illegal status change (409).
    case conflict(String)
    /// The service runs without a road network, so it cannot route or recommend (503).
    case noRoads

    public var description: String {
        switch self {
        case let .invalid(error): error.description
        case let .notFound(kind, id): "no \(kind) \"\(id)\""
        case let .conflict(detail): detail
        case .noRoads: "dispatch needs a road network to route and recommend units"
        }
    }
}
