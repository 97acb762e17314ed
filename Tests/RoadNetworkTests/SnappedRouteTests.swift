import Geo
import Testing
@testable import RoadNetwork

@Suite struct SnappedRouteTests {
    @Test func matchesBruteForceOnMonaco() throws {
        let engine = RoutingEngine(graph: RoadGraphTests.monacoCar)
        let graph = engine.graph
        var query = engine.makeQuery()
        let reference = SnappedRouteReference(graph: graph, weights: graph.travelTimeDeciseconds)
        var rng = SplitMix64(seed: 1234)
        var found = 0
        for _ in 0..<150 {
            let a = GeoPoint(latitude: Double.random(in: 43.727...43.750, using: &rng),
                             longitude: Double.random(in: 7.410...7.440, using: &rng))
            let b = GeoPoint(latitude: Double.random(in: 43.727...43.750, using: &rng),
                             longitude: Double.random(in: 7.410...7.440, using: &rng))
            guard let start = engine.snapper.snap(a), let end = engine.snapper.snap(b) else { continue }
            let result = query.route(from: start, to: end)
            let expected = reference.cost(from: start, to: end)
            #expect(result?.travelTimeDeciseconds == expected)
            guard let result else { continue }
            found += 1
            #expect(result.lengthMetres >= (result.route?.lengthMetres ?? 0))
            #expect(result.coordinates(in: graph).first == start.point)
            #expect(result.coordinates(in: graph).last == end.point)
            if let route = result.route {
                #expect(route.travelTimeDeciseconds <= result.travelTimeDeciseconds)
                // The route may start at a turn-restriction copy, so check it edge by edge rather than node to node.
                Self.checkLegal(result, graph: graph, reference: reference)
            }
        }
        #expect(found > 100)
    }

    @Test func sameEdgeAheadIsDirect() throws {
        let engine = RoutingEngine(graph: RoadGraphTests.monacoCar)
        var query = engine.makeQuery()
        let graph = engine.graph
        let edge = EdgeID(100)
        let tail = graph.tails()[edge.index]
        let point = { (fraction: Double) -> SnapResult in
            let a = graph.coordinate(of: NodeID(tail)), b = graph.coordinate(of: graph.head(of: edge))
            let p = GeoPoint(latitude: a.latitude + (b.latitude - a.latitude) * fraction,
                             longitude: a.longitude + (b.longitude - a.longitude) * fraction)
            return SnapResult(edge: edge, reverseEdge: nil, tail: NodeID(tail), head: graph.head(of: edge),
                              fraction: fraction, point: p, distanceMetres: 0)
        }
        let maybeResult = query.route(from: point(0.25), to: point(0.75))
        let result = try #require(maybeResult)
        #expect(result.route == nil)
        let expected = UInt64((Double(graph.travelTimeDeciseconds[edge.index]) * 0.5).rounded())
        #expect(result.travelTimeDeciseconds == expected)
        #expect(abs(result.lengthMetres - Double(graph.lengthDecimetres[edge.index]) / 20) < 1e-9)
    }

    @Test func engineSnapsCoordinates() throws {
        let engine = RoutingEngine(graph: RoadGraphTests.monacoCar)
        var query = engine.makeQuery()
        let result = engine.snappedRoute(from: GeoPoint(latitude: 43.7310, longitude: 7.4200),
                                         to: GeoPoint(latitude: 43.7394, longitude: 7.4280), using: &query)
        #expect(result != nil)
        #expect(engine.snappedRoute(from: GeoPoint(latitude: 0, longitude: 0),
                                    to: GeoPoint(latitude: 43.74, longitude: 7.42), using: &query) == nil)
    }
}
