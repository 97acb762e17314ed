import Geo
import Testing
@testable import RoadNetwork

@Suite struct RouteMetricTests {
    static let engine = RoutingEngine(graph: RoadGraphTests.monacoCar)

    @Test func distanceMetricEqualsDijkstraByLengthAndIsNoLongerThanTheFastestRoute() throws {
        let engine = Self.engine, graph = engine.graph
        var shortest = engine.makeQuery(metric: .distance)
        var fastest = engine.makeQuery(metric: .duration)
        var byLength = try DijkstraQuery(graph: graph, weights: graph.lengthDecimetres)
        var rng = SplitMix64(seed: 5)
        var routed = 0
        for _ in 0..<100 {
            let source = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let target = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let expected = byLength.travelTime(from: source, to: target)
            #expect(shortest.travelTime(from: source, to: target) == expected, "\(source) → \(target)")
            guard let short = shortest.route(from: source, to: target), let fast = fastest.route(from: source, to: target) else {
                #expect(expected == nil)
                continue
            }
            routed += 1
            #expect(short.lengthDecimetres == UInt64(expected ?? 0))
            #expect(short.lengthDecimetres <= fast.lengthDecimetres)
            #expect(short.travelTimeDeciseconds >= fast.travelTimeDeciseconds)
            // Durations are reported in time, not in the metric's decimetres.
            let time = short.edges.reduce(UInt64(0)) { $0 + UInt64(graph.travelTimeDeciseconds[$1.index]) }
            #expect(short.travelTimeDeciseconds == time)
        }
        #expect(routed > 50)
    }

    @Test func snappedShortestRouteReportsTimeAndLength() throws {
        let engine = Self.engine
        var shortest = engine.makeQuery(metric: .distance), fastest = engine.makeQuery()
        let from = GeoPoint(latitude: 43.7310, longitude: 7.4200), to = GeoPoint(latitude: 43.7394, longitude: 7.4280)
        let maybeShort = engine.snappedRoute(from: from, to: to, using: &shortest)
        let maybeFast = engine.snappedRoute(from: from, to: to, using: &fastest)
        let short = try #require(maybeShort), fast = try #require(maybeFast)
        #expect(short.lengthMetres <= fast.lengthMetres + 0.2) // partial edges round to decimetres
        #expect(short.travelTimeDeciseconds >= fast.travelTimeDeciseconds)
        #expect(short.travelTimeSeconds > 30 && short.travelTimeSeconds < 3_600)
    }

    @Test func closuresCloseTheDistanceMetricToo() throws {
        var engine = Self.engine
        let graph = engine.graph
        var query = engine.makeQuery(metric: .distance)
        var rng = SplitMix64(seed: 9)
        var source = NodeID(0), target = NodeID(0)
        var route: Route?
        while route == nil || route!.edges.isEmpty {
            source = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            target = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            route = query.route(from: source, to: target)
        }
        var traffic = LiveTraffic(graph: graph)
        for edge in route!.edges { try traffic.setSpeedFactor(0, edge: edge) }
        try engine.apply(traffic)
        var after = engine.makeQuery(metric: .distance)
        let detour = after.route(from: source, to: target)
        #expect(detour.map { Set($0.edges).isDisjoint(with: route!.edges) } ?? true)
        #expect(detour.map { $0.lengthDecimetres >= route!.lengthDecimetres } ?? true)
        var byLength = try DijkstraQuery(graph: graph, weights: engine.metric(for: .distance).edgeWeights)
        #expect(after.travelTime(from: source, to: target) == byLength.travelTime(from: source, to: target))

        // Slowing (not closing) keeps the shortest path but reports the slower time.
        var slow = LiveTraffic(graph: graph)
        for edge in route!.edges { try slow.setSpeedFactor(0.5, edge: edge) }
        var slowed = Self.engine
        try slowed.apply(slow)
        var slowQuery = slowed.makeQuery(metric: .distance)
        let maybeSlowRoute = slowQuery.route(from: source, to: target)
        let slowRoute = try #require(maybeSlowRoute)
        #expect(slowRoute.lengthDecimetres == route!.lengthDecimetres)
        #expect(slowRoute.travelTimeDeciseconds > route!.travelTimeDeciseconds)
    }
}
