import Geo
import Testing
@testable import RoadNetwork

@Suite struct SnappedRouteTests {
    /// The expected time by brute force: best exit × entry with Dijkstra in between, or along the shared edge.
    static func expectedTime(_ start: SnapResult, _ end: SnapResult, graph: RoadGraph,
                             dijkstra: inout DijkstraQuery) -> UInt64? {
        let w = graph.travelTimeDeciseconds
        func part(_ edge: EdgeID, _ fraction: Double) -> UInt64 { UInt64((Double(w[edge.index]) * fraction).rounded()) }
        var best: UInt64?
        func consider(_ value: UInt64?) { if let value, value < best ?? .max { best = value } }
        var exits: [(NodeID, UInt64)] = [(start.head, part(start.edge, 1 - start.fraction))]
        if let back = start.reverseEdge { exits.append((start.tail, part(back, start.fraction))) }
        var entries: [(NodeID, UInt64)] = [(end.tail, part(end.edge, end.fraction))]
        if let back = end.reverseEdge { entries.append((end.head, part(back, 1 - end.fraction))) }
        for (exitNode, exitCost) in exits {
            for (entryNode, entryCost) in entries {
                if let middle = dijkstra.travelTime(from: exitNode, to: entryNode) {
                    consider(exitCost + UInt64(middle) + entryCost)
                }
            }
        }
        let position: Double? = end.edge == start.edge ? end.fraction : end.edge == start.reverseEdge ? 1 - end.fraction : nil
        if let position {
            if position >= start.fraction { consider(part(start.edge, position - start.fraction)) }
            if let back = start.reverseEdge, position < start.fraction { consider(part(back, start.fraction - position)) }
        }
        return best
    }

    @Test func matchesBruteForceOnMonaco() throws {
        let engine = RoutingEngine(graph: RoadGraphTests.monacoCar)
        let graph = engine.graph
        var query = engine.makeQuery()
        var dijkstra = DijkstraQuery(graph: graph)
        var rng = SplitMix64(seed: 1234)
        var found = 0
        for _ in 0..<150 {
            let a = GeoPoint(latitude: Double.random(in: 43.727...43.750, using: &rng),
                             longitude: Double.random(in: 7.410...7.440, using: &rng))
            let b = GeoPoint(latitude: Double.random(in: 43.727...43.750, using: &rng),
                             longitude: Double.random(in: 7.410...7.440, using: &rng))
            guard let start = engine.snapper.snap(a), let end = engine.snapper.snap(b) else { continue }
            let result = query.route(from: start, to: end)
            let expected = Self.expectedTime(start, end, graph: graph, dijkstra: &dijkstra)
            #expect(result?.travelTimeDeciseconds == expected)
            guard let result else { continue }
            found += 1
            #expect(result.lengthMetres >= (result.route?.lengthMetres ?? 0))
            #expect(result.coordinates(in: graph).first == start.point)
            #expect(result.coordinates(in: graph).last == end.point)
            if let route = result.route {
                #expect(route.travelTimeDeciseconds <= result.travelTimeDeciseconds)
                ContractionHierarchyTests.checkPath(route, in: graph, weights: graph.travelTimeDeciseconds,
                                                    from: route.nodes.first!, to: route.nodes.last!)
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
