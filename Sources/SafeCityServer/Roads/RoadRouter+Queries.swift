import Geo
import RoadNetwork

/// A route between two coordinates, ready to draw.
public struct RoadRoute: Sendable, Equatable {
    /// The profile it was computed for.
    public var profile: RoadProfile.Vehicle
    /// What it minimises: travel time (fastest) or length (shortest).
    public var metric: RouteMetric = .duration
    /// The polyline from the snapped start to the snapped end.
    public var coordinates: [GeoPoint]
    /// Travel time under the weights in force, in seconds.
    public var durationSeconds: Double
    /// Length along the roads, in metres.
    public var distanceMetres: Double
    /// How far the start and end coordinates were from the road they were snapped to, in metres.
    public var startSnapMetres: Double
    public var endSnapMetres: Double
}

/// One source's travel time to a target.
public struct RoadETA: Sendable, Equatable {
    /// The caller's name for the source (a unit id).
    public var id: String
    /// Travel time in seconds, or nil when the source is off the roads or cannot reach the target.
    public var seconds: Double?
}

/// The area reachable within a time budget.
public struct RoadIsochrone: Sendable, Equatable {
    /// Every reachable node's position, nearest first.
    public var points: [GeoPoint]
    /// The convex hull of ``points`` (closed ring, counter-clockwise), empty when fewer than three distinct points.
    public var hull: [GeoPoint]
}

extension RoadRouter {
    /// How far a coordinate may lie from a road and still be routed from or to.
    public static let maxSnapMetres = 500.0

    /// The fastest (or, for ``RouteMetric/distance``, shortest) route between two coordinates, each snapped
    /// mid-edge onto the nearest road.
    public func route(from origin: GeoPoint, to destination: GeoPoint,
                      metric: RouteMetric = .duration) throws(RoadQueryError) -> RoadRoute {
        let result = withQuery(metric: metric) { engine, query -> Result<RoadRoute, RoadQueryError> in
            guard let start = engine.snapper.snap(origin, maxDistanceMetres: Self.maxSnapMetres) else {
                return .failure(.notOnRoad(field: "from", maxMetres: Self.maxSnapMetres))
            }
            guard let end = engine.snapper.snap(destination, maxDistanceMetres: Self.maxSnapMetres) else {
                return .failure(.notOnRoad(field: "to", maxMetres: Self.maxSnapMetres))
            }
            guard let route = query.route(from: start, to: end) else { return .failure(.unreachable) }
            return .success(RoadRoute(
                profile: profile.vehicle, metric: metric, coordinates: route.coordinates(in: engine.graph),
                durationSeconds: route.travelTimeSeconds, distanceMetres: route.lengthMetres,
                startSnapMetres: start.distanceMetres, endSnapMetres: end.distanceMetres))
        }
        return try result.get()
    }

    /// Travel times from many sources to one target (units to an incident), in the order given.
    ///
    /// The target must be on a road; a source off the roads or cut off gets a nil time.
    public func etas(from sources: [(id: String, point: GeoPoint)], to target: GeoPoint) throws(RoadQueryError) -> [RoadETA] {
        let result = withQuery { engine, query -> Result<[RoadETA], RoadQueryError> in
            guard let end = engine.snapper.snap(target, maxDistanceMetres: Self.maxSnapMetres) else {
                return .failure(.notOnRoad(field: "to", maxMetres: Self.maxSnapMetres))
            }
            let starts = sources.map { engine.snapper.snap($0.point, maxDistanceMetres: Self.maxSnapMetres)?.nearestNode }
            let times = query.travelTimes(from: starts.map { $0 ?? .invalid }, to: end.nearestNode)
            return .success(zip(sources, zip(starts, times)).map { source, found in
                RoadETA(id: source.id, seconds: found.0 == nil ? nil : found.1.map { Double($0) / 10 })
            })
        }
        return try result.get()
    }

    /// Every road node reachable from a coordinate within `seconds`, and the hull around them.
    public func isochrone(from origin: GeoPoint, seconds: Double) throws(RoadQueryError) -> RoadIsochrone {
        let engine = currentEngine
        guard let start = engine.snapper.snap(origin, maxDistanceMetres: Self.maxSnapMetres) else {
            throw .notOnRoad(field: "from", maxMetres: Self.maxSnapMetres)
        }
        var dijkstra: DijkstraQuery
        do {
            dijkstra = try DijkstraQuery(graph: engine.graph, weights: engine.metric.edgeWeights)
        } catch {
            preconditionFailure("the engine's weights always match its graph: \(error)")
        }
        let limit = UInt32(min(max(seconds * 10, 0), Double(UInt32.max - 1)))
        let points = dijkstra.reachable(from: [start.nearestNode], withinDeciseconds: limit)
            .map { engine.graph.coordinate(of: $0.node) }
        return RoadIsochrone(points: points, hull: ConvexHull.of(points))
    }
}
