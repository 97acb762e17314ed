import Foundation
import Geo
import RoadNetwork

/// Lends a routing engine and a query over its current weights (live traffic included).
public protocol RoutingProvider: Sendable {
    /// Runs `body` with the engine and a query over the weights in force.
    func withRoutingQuery<T>(_ body: (RoutingEngine, inout RouteQuery) throws -> T) rethrows -> T
}

/// A route a unit is sent along.
public struct DispatchRoute: Codable, Sendable, Equatable {
    public var durationSeconds: Double
    public var distanceMetres: Double
    public var coordinates: [GeoPoint]
}

extension RoutingProvider {
    /// How far a location may lie from a road and still be dispatched to.
    public static var maxSnapMetres: Double { 500 }

    /// The nearest point on a road, or nil when the location is off the map.
    public func snap(_ point: GeoPoint) -> GeoPoint? {
        withRoutingQuery { engine, _ in engine.snapper.snap(point, maxDistanceMetres: Self.maxSnapMetres)?.point }
    }

    /// Travel times in seconds from many positions to one target in one one-to-many query; nil where off road or cut off.
    public func travelTimes(from sources: [GeoPoint], to target: GeoPoint) -> [Double?]? {
        travelTimes(fromNodes: sources.map(nearestNode), to: target)
    }

    /// The road node a position snaps to, or nil when it is off the map; it depends on geometry only, so callers may keep it.
    public func nearestNode(_ point: GeoPoint) -> NodeID? {
        withRoutingQuery { engine, _ in engine.snapper.snap(point, maxDistanceMetres: Self.maxSnapMetres)?.nearestNode }
    }

    /// Travel times in seconds from already snapped nodes (nil: off the map) to one target, on today's weights.
    public func travelTimes(fromNodes starts: [NodeID?], to target: GeoPoint) -> [Double?]? {
        withRoutingQuery { engine, query -> [Double?]? in
            guard let end = engine.snapper.snap(target, maxDistanceMetres: Self.maxSnapMetres) else { return nil }
            let times = query.travelTimes(from: starts.map { $0 ?? .invalid }, to: end.nearestNode)
            return zip(starts, times).map { start, time in start == nil ? nil : time.map { Double($0) / 10 } }
        }
    }

    /// Travel times in seconds from one position to many in one one-to-many query; nil where off road or cut off.
    public func travelTimes(from origin: GeoPoint, to targets: [GeoPoint]) -> [Double?]? {
        withRoutingQuery { engine, query -> [Double?]? in
            guard let start = engine.snapper.snap(origin, maxDistanceMetres: Self.maxSnapMetres) else { return nil }
            let ends = targets.map { engine.snapper.snap($0, maxDistanceMetres: Self.maxSnapMetres)?.nearestNode }
            let times = query.travelTimes(from: start.nearestNode, to: ends.map { $0 ?? .invalid })
            return zip(ends, times).map { end, time in end == nil ? nil : time.map { Double($0) / 10 } }
        }
    }

    /// The road nodes that the nearest of `sources` reaches within `seconds` on today's weights, and every
    /// node of the network (both as canonical node numbers).
    public func coverage(from sources: [GeoPoint], withinSeconds seconds: Double) -> (covered: Set<UInt32>, all: Set<UInt32>) {
        withRoutingQuery { engine, _ in
            let graph = engine.graph
            let all = Set((0..<graph.nodeCount).map { graph.canonical(NodeID($0)).rawValue })
            let starts = sources.compactMap { engine.snapper.snap($0, maxDistanceMetres: Self.maxSnapMetres)?.nearestNode }
            guard !starts.isEmpty, var dijkstra = try? DijkstraQuery(graph: graph, weights: engine.metric.edgeWeights) else { return ([], all) }
            let reached = dijkstra.reachable(from: starts, withinDeciseconds: UInt32(max(0, seconds * 10)))
            return (Set(reached.map(\.node.rawValue)), all)
        }
    }

    /// The coordinates of a canonical road node.
    public func coordinate(ofNode node: UInt32) -> GeoPoint {
        withRoutingQuery { engine, _ in engine.graph.coordinate(of: NodeID(node)) }
    }

    /// The fastest route between two positions, or nil when either is off the map or no road connects them.
    public func route(from origin: GeoPoint, to destination: GeoPoint) -> DispatchRoute? {
        withRoutingQuery { engine, query -> DispatchRoute? in
            guard let route = engine.snappedRoute(from: origin, to: destination, maxSnapMetres: Self.maxSnapMetres, using: &query)
            else { return nil }
            return DispatchRoute(durationSeconds: route.travelTimeSeconds, distanceMetres: route.lengthMetres,
                                 coordinates: route.coordinates(in: engine.graph))
        }
    }
}

/// A ``RoutingProvider`` over one engine, for tools and tests (the server uses its live-traffic routers).
public final class EngineRouting: RoutingProvider, @unchecked Sendable {
    /// The engine every query runs on.
    public let engine: RoutingEngine
    private let lock = NSLock()
    private var query: RouteQuery

    public init(engine: RoutingEngine) {
        self.engine = engine
        query = engine.makeQuery()
    }

    public func withRoutingQuery<T>(_ body: (RoutingEngine, inout RouteQuery) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(engine, &query)
    }
}
