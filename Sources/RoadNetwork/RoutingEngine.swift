import Geo

/// A graph with its contraction hierarchy and current weights: the one object a service keeps per city.
///
/// Build once (``init(graph:progress:)``), hand a ``makeQuery(metric:)`` to each task, and ``apply(_:)`` live
/// traffic as it changes; queries made afterwards see the new weights. The engine keeps one customization per
/// ``RouteMetric`` on the same hierarchy, so fastest and shortest routes are equally cheap.
public struct RoutingEngine: Sendable {
    /// The road graph.
    public let graph: RoadGraph
    /// The metric-independent hierarchy.
    public let hierarchy: ContractionHierarchy
    /// The travel-time weights in force (the ``RouteMetric/duration`` metric).
    public private(set) var metric: CHMetric
    /// The length weights in force, with closed roads closed (the ``RouteMetric/distance`` metric).
    public private(set) var distanceMetric: CHMetric
    /// The spatial index for snapping coordinates onto the graph.
    public let snapper: Snapper

    /// Builds the hierarchy and customizes it with free-flow travel times and with lengths.
    public init(graph: RoadGraph, progress: ((String, Double) -> Void)? = nil) {
        self.graph = graph
        hierarchy = ContractionHierarchy.build(graph: graph, progress: progress)
        snapper = Snapper(graph: graph)
        do {
            metric = try hierarchy.customize(weights: graph.travelTimeDeciseconds)
            distanceMetric = try hierarchy.customize(
                weights: RouteMetric.distance.weights(graph: graph, travelTimeDeciseconds: graph.travelTimeDeciseconds),
                travelTimeDeciseconds: graph.travelTimeDeciseconds)
        } catch {
            preconditionFailure("free-flow weights always match the graph: \(error)")
        }
    }

    /// The customization routes of a kind are searched on.
    public func metric(for kind: RouteMetric) -> CHMetric {
        switch kind {
        case .duration: metric
        case .distance: distanceMetric
        }
    }

    /// Re-customizes with live traffic (milliseconds for a city).
    public mutating func apply(_ traffic: LiveTraffic) throws(RoadGraphError) {
        try apply(weights: traffic.weights())
    }

    /// Re-customizes with explicit edge travel times in tenths of a second.
    ///
    /// The distance metric is customized again only when the set of closed edges changed; otherwise it just
    /// reports the new travel times.
    public mutating func apply(weights: [UInt32]) throws(RoadGraphError) {
        let updated = try hierarchy.customize(weights: weights)
        let lengths = RouteMetric.distance.weights(graph: graph, travelTimeDeciseconds: weights)
        distanceMetric = lengths == distanceMetric.edgeWeights
            ? distanceMetric.reporting(travelTimeDeciseconds: weights)
            : try hierarchy.customize(weights: lengths, travelTimeDeciseconds: weights)
        metric = updated
    }

    /// A fresh query over the current weights of a metric (travel time unless told otherwise).
    public func makeQuery(metric kind: RouteMetric = .duration) -> RouteQuery {
        do {
            return try RouteQuery(graph: graph, hierarchy: hierarchy, metric: metric(for: kind))
        } catch {
            preconditionFailure("engine parts always belong together: \(error)")
        }
    }

    /// The best route between two coordinates under the query's metric, each snapped to the nearer end of its
    /// nearest road segment.
    ///
    /// Returns nil when either point is farther than `maxSnapMetres` from any road or no route exists.
    public func route(from origin: GeoPoint, to destination: GeoPoint, maxSnapMetres: Double = 500,
                      using query: inout RouteQuery) -> Route? {
        guard let start = snapper.snap(origin, maxDistanceMetres: maxSnapMetres),
              let end = snapper.snap(destination, maxDistanceMetres: maxSnapMetres) else { return nil }
        return query.route(from: start.nearestNode, to: end.nearestNode)
    }

    /// The best route between two coordinates under the query's metric, starting and ending at their snapped
    /// points mid-edge.
    ///
    /// Returns nil when either point is farther than `maxSnapMetres` from any road or no route exists.
    public func snappedRoute(from origin: GeoPoint, to destination: GeoPoint, maxSnapMetres: Double = 500,
                             using query: inout RouteQuery) -> SnappedRoute? {
        guard let start = snapper.snap(origin, maxDistanceMetres: maxSnapMetres),
              let end = snapper.snap(destination, maxDistanceMetres: maxSnapMetres) else { return nil }
        return query.route(from: start, to: end)
    }
}
