import Geo

/// A graph with its contraction hierarchy and current weights: the one object a service keeps per city.
///
/// Build once (``init(graph:progress:)``), hand a ``makeQuery()`` to each task, and ``apply(_:)`` live
/// traffic as it changes; queries made afterwards see the new weights.
public struct RoutingEngine: Sendable {
    /// The road graph.
    public let graph: RoadGraph
    /// The metric-independent hierarchy.
    public let hierarchy: ContractionHierarchy
    /// The weights in force.
    public private(set) var metric: CHMetric
    /// The spatial index for snapping coordinates onto the graph.
    public let snapper: Snapper

    /// Builds the hierarchy and customizes it with free-flow travel times.
    public init(graph: RoadGraph, progress: ((String, Double) -> Void)? = nil) {
        self.graph = graph
        hierarchy = ContractionHierarchy.build(graph: graph, progress: progress)
        snapper = Snapper(graph: graph)
        do {
            metric = try hierarchy.customize(weights: graph.travelTimeDeciseconds)
        } catch {
            preconditionFailure("free-flow weights always match the graph: \(error)")
        }
    }

    /// Re-customizes with live traffic (milliseconds for a city).
    public mutating func apply(_ traffic: LiveTraffic) throws(RoadGraphError) {
        metric = try hierarchy.customize(weights: traffic.weights())
    }

    /// Re-customizes with explicit edge weights in tenths of a second.
    public mutating func apply(weights: [UInt32]) throws(RoadGraphError) {
        metric = try hierarchy.customize(weights: weights)
    }

    /// A fresh query over the current weights.
    public func makeQuery() -> RouteQuery {
        do {
            return try RouteQuery(graph: graph, hierarchy: hierarchy, metric: metric)
        } catch {
            preconditionFailure("engine parts always belong together: \(error)")
        }
    }

    /// The fastest route between two coordinates, each snapped to the nearer end of its nearest road segment.
    ///
    /// Returns nil when either point is farther than `maxSnapMetres` from any road or no route exists.
    public func route(from origin: GeoPoint, to destination: GeoPoint, maxSnapMetres: Double = 500,
                      using query: inout RouteQuery) -> Route? {
        guard let start = snapper.snap(origin, maxDistanceMetres: maxSnapMetres),
              let end = snapper.snap(destination, maxDistanceMetres: maxSnapMetres) else { return nil }
        return query.route(from: start.nearestNode, to: end.nearestNode)
    }

    /// The fastest route between two coordinates, starting and ending at their snapped points mid-edge.
    ///
    /// Returns nil when either point is farther than `maxSnapMetres` from any road or no route exists.
    public func snappedRoute(from origin: GeoPoint, to destination: GeoPoint, maxSnapMetres: Double = 500,
                             using query: inout RouteQuery) -> SnappedRoute? {
        guard let start = snapper.snap(origin, maxDistanceMetres: maxSnapMetres),
              let end = snapper.snap(destination, maxDistanceMetres: maxSnapMetres) else { return nil }
        return query.route(from: start, to: end)
    }
}
