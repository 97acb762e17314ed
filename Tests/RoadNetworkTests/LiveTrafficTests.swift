import Testing
@testable import RoadNetwork

@Suite struct LiveTrafficTests {
    @Test func closedWayIsAvoided() throws {
        let graph = RoadGraphTests.monacoCar
        var engine = RoutingEngine(graph: graph)
        var rng = SplitMix64(seed: 31)
        var checked = 0
        while checked < 20 {
            let source = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let target = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            var query = engine.makeQuery()
            guard let before = query.route(from: source, to: target), before.edges.count > 4 else { continue }
            let way = graph.wayID[before.edges[before.edges.count / 2].index]
            var traffic = LiveTraffic(graph: graph)
            #expect(try traffic.setSpeedFactor(0, way: way) > 0)
            try engine.apply(traffic)
            var after = engine.makeQuery()
            var dijkstra = try DijkstraQuery(graph: graph, weights: traffic.weights())
            let expected = dijkstra.travelTime(from: source, to: target)
            let route = after.route(from: source, to: target)
            #expect(route.map { UInt32($0.travelTimeDeciseconds) } == expected)
            if let route {
                #expect(!route.edges.contains { graph.wayID[$0.index] == way })
                #expect(route.travelTimeDeciseconds >= before.travelTimeDeciseconds)
                ContractionHierarchyTests.checkPath(route, in: graph, weights: traffic.weights(), from: source, to: target)
            }
            try engine.apply(LiveTraffic(graph: graph))
            checked += 1
        }
    }

    @Test func slowRoadIsSlowerOrAvoided() throws {
        let graph = RoadGraphTests.monacoCar
        var engine = RoutingEngine(graph: graph)
        var rng = SplitMix64(seed: 8)
        var traffic = LiveTraffic(graph: graph)
        for _ in 0..<300 {
            try traffic.setSpeedFactor(Double.random(in: 0.05...1.5, using: &rng),
                                       edge: EdgeID(Int.random(in: 0..<graph.edgeCount, using: &rng)))
        }
        try engine.apply(traffic)
        var query = engine.makeQuery()
        var dijkstra = try DijkstraQuery(graph: graph, weights: traffic.weights())
        for _ in 0..<100 {
            let source = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let target = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            #expect(query.travelTime(from: source, to: target) == dijkstra.travelTime(from: source, to: target))
        }
    }

    @Test func weightsScaleWithFactor() throws {
        let graph = RoadGraphTests.monacoCar
        var traffic = LiveTraffic(graph: graph)
        try traffic.setSpeedFactor(0.5, edge: EdgeID(0))
        try traffic.setSpeedFactor(0, edge: EdgeID(1))
        let weights = traffic.weights()
        #expect(weights[0] == graph.travelTimeDeciseconds[0] * 2)
        #expect(weights[1] == RoadGraph.infiniteWeight)
        #expect(weights[2] == graph.travelTimeDeciseconds[2])
        #expect(throws: RoadGraphError.invalidSpeedFactor(-1)) { try traffic.setSpeedFactor(-1, edge: EdgeID(0)) }
        #expect(throws: RoadGraphError.edgeOutOfRange(EdgeID.invalid)) { try traffic.setSpeedFactor(1, edge: .invalid) }
        traffic.clear()
        #expect(traffic.weights() == graph.travelTimeDeciseconds)
    }
}

