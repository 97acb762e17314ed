/// Why a road query has no answer.
public enum RoadQueryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The point named by `field` is farther than `maxMetres` from any road of the profile.
    case notOnRoad(field: String, maxMetres: Double)
    /// No road leads from the start to the end.
    case unreachable

    public var description: String {
        switch self {
        case let .notOnRoad(field, maxMetres): "\(field) is more than \(Int(maxMetres)) m from any road"
        case .unreachable: "no route connects the two points"
        }
    }
}
