/// What a route minimises: travel time or length.
///
/// Both are metrics customized on the same ``ContractionHierarchy``; a ``RoutingEngine`` keeps one of each.
public enum RouteMetric: String, CaseIterable, Hashable, Sendable {
    /// The fastest route: edge travel times in tenths of a second (with live traffic).
    case duration
    /// The shortest route: edge lengths in decimetres (closed roads stay closed).
    case distance

    /// The edge weights this metric minimises, given the travel times in force.
    ///
    /// For ``distance``, an edge closed in `travelTimeDeciseconds` (``RoadGraph/infiniteWeight``) stays closed.
    public func weights(graph: RoadGraph, travelTimeDeciseconds: [UInt32]) -> [UInt32] {
        switch self {
        case .duration:
            return travelTimeDeciseconds
        case .distance:
            var lengths = graph.lengthDecimetres
            for edge in lengths.indices where travelTimeDeciseconds[edge] == RoadGraph.infiniteWeight {
                lengths[edge] = RoadGraph.infiniteWeight
            }
            return lengths
        }
    }
}
