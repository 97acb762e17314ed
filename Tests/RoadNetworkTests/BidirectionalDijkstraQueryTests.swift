import Testing
@testable import RoadNetwork

@Suite struct BidirectionalDijkstraQueryTests {
    @Test func tinyGraphMatchesDijkstra() throws {
        let graph = RoadGraph.build(from: RoadGraphTests.tinyOSM, profile: .car)
        var plain = DijkstraQuery(graph: graph)
        var bidirectional = BidirectionalDijkstraQuery(graph: graph)
        for source in graph.nodes {
            for target in graph.nodes {
                #expect(bidirectional.travelTime(from: source, to: target) == plain.travelTime(from: source, to: target),
                        "\(source) → \(target)")
            }
        }
        #expect(bidirectional.travelTime(from: NodeID(0), to: NodeID(999)) == nil)
    }

    @Test func monacoSeededPairsMatchDijkstraByTimeAndLength() throws {
        let graph = RoadGraphTests.monacoCar
        for weights in [graph.travelTimeDeciseconds, graph.lengthDecimetres] {
            var plain = try DijkstraQuery(graph: graph, weights: weights)
            var bidirectional = try BidirectionalDijkstraQuery(graph: graph, weights: weights)
            var rng = SplitMix64(seed: 7)
            for _ in 0..<60 {
                let source = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
                let target = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
                let expected = plain.travelTime(from: source, to: target)
                #expect(bidirectional.travelTime(from: source, to: target) == expected, "\(source) → \(target)")
                let route = bidirectional.route(from: source, to: target)
                #expect(route.map { UInt32($0.travelTimeDeciseconds) } == expected)
                if let route {
                    #expect(route.nodes.first == graph.canonical(source))
                    #expect(graph.canonical(route.nodes.last!) == graph.canonical(target))
                    for (index, edge) in route.edges.enumerated() { #expect(graph.head(of: edge) == route.nodes[index + 1]) }
                }
            }
        }
    }

    @Test func closedEdgesAreAvoided() throws {
        let graph = RoadGraphTests.monacoCar
        var weights = graph.travelTimeDeciseconds
        var rng = SplitMix64(seed: 11)
        for _ in 0..<(graph.edgeCount / 20) { weights[Int.random(in: 0..<graph.edgeCount, using: &rng)] = RoadGraph.infiniteWeight }
        var plain = try DijkstraQuery(graph: graph, weights: weights)
        var bidirectional = try BidirectionalDijkstraQuery(graph: graph, weights: weights)
        for _ in 0..<30 {
            let source = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let target = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            #expect(bidirectional.travelTime(from: source, to: target) == plain.travelTime(from: source, to: target))
        }
        #expect(throws: RoadGraphError.self) { try BidirectionalDijkstraQuery(graph: graph, weights: [1]) }
    }
}
