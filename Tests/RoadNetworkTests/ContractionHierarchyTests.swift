import Testing
@testable import RoadNetwork

@Suite struct ContractionHierarchyTests {
    static let hierarchy = ContractionHierarchy.build(graph: RoadGraphTests.monacoCar)

    static func query(_ graph: RoadGraph = RoadGraphTests.monacoCar) throws -> RouteQuery {
        let hierarchy = graph == RoadGraphTests.monacoCar ? Self.hierarchy : ContractionHierarchy.build(graph: graph)
        return try RouteQuery(graph: graph, hierarchy: hierarchy,
                              metric: hierarchy.customize(weights: graph.travelTimeDeciseconds))
    }

    /// Checks that a route is a real path from source to target summing to its travel time.
    static func checkPath(_ route: Route, in graph: RoadGraph, weights: [UInt32], from source: NodeID, to target: NodeID) {
        #expect(route.nodes.first == graph.canonical(source))
        #expect(graph.canonical(route.nodes.last!) == graph.canonical(target))
        #expect(route.edges.count + 1 == route.nodes.count)
        var time: UInt64 = 0
        for (index, edge) in route.edges.enumerated() {
            #expect(graph.edges(from: route.nodes[index]).contains(edge))
            time += UInt64(weights[edge.index])
        }
        #expect(time == route.travelTimeDeciseconds)
    }

    @Test func orderIsAPermutation() {
        let hierarchy = Self.hierarchy
        #expect(Set(hierarchy.order).count == hierarchy.nodeCount)
        for (position, node) in hierarchy.order.enumerated() { #expect(hierarchy.rank[Int(node)] == UInt32(position)) }
        #expect(hierarchy.eliminationTreeHeight < 1_000)
    }

    @Test func structureIsConsistent() {
        let h = Self.hierarchy
        let graph = RoadGraphTests.monacoCar
        for t in 0..<h.triangleCount {
            let uv = Int(h.triangles[3 * t]), uw = Int(h.triangles[3 * t + 1]), vw = Int(h.triangles[3 * t + 2])
            #expect(h.arcTail[uv] == h.arcTail[uw] && h.upHead[uv] == h.arcTail[vw] && h.upHead[uw] == h.upHead[vw])
        }
        let tails = graph.tails()
        for edge in 0..<graph.edgeCount {
            let packed = h.edgeArc[edge]
            let arc = Int(packed & ~ContractionHierarchy.downwardBit)
            let a = h.rank[Int(tails[edge])], b = h.rank[Int(graph.head[edge])]
            let downward = packed & ContractionHierarchy.downwardBit != 0
            #expect(downward ? (h.arcTail[arc] == b && h.upHead[arc] == a) : (h.arcTail[arc] == a && h.upHead[arc] == b))
        }
        for r in 0..<h.nodeCount where h.parent[r] != UInt32.max {
            #expect(h.parent[r] == h.upHead[Int(h.upFirstOut[r])])
        }
    }

    @Test func everyArcUnpacksToItsWeight() throws {
        let h = Self.hierarchy
        let graph = RoadGraphTests.monacoCar
        let metric = try h.customize(weights: graph.travelTimeDeciseconds)
        let tails = graph.tails()
        var bad = 0
        for arc in 0..<h.arcCount {
            for upward in [true, false] {
                let weight = upward ? metric.upward[arc] : metric.downward[arc]
                if weight == RoadGraph.infiniteWeight { continue }
                var edges: [EdgeID] = []
                h.unpack(arc: arc, upward: upward, metric: metric, into: &edges)
                let sum = edges.reduce(UInt32(0)) { $0 + graph.travelTimeDeciseconds[$1.index] }
                let from = upward ? h.arcTail[arc] : h.upHead[arc], to = upward ? h.upHead[arc] : h.arcTail[arc]
                if sum != weight || h.rank[Int(tails[edges.first!.index])] != from
                    || h.rank[Int(graph.head[edges.last!.index])] != to { bad += 1 }
            }
        }
        #expect(bad == 0)
    }

    @Test func matchesDijkstraOnMonaco() throws {
        let graph = RoadGraphTests.monacoCar
        var query = try Self.query()
        var dijkstra = DijkstraQuery(graph: graph)
        var rng = SplitMix64(seed: 2024)
        var mismatches = 0
        for _ in 0..<600 {
            let source = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let target = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let expected = dijkstra.travelTime(from: source, to: target)
            #expect(expected != nil)
            if query.travelTime(from: source, to: target) != expected { mismatches += 1 }
            let route = query.route(from: source, to: target)
            #expect(route.map { UInt32($0.travelTimeDeciseconds) } == expected)
            if let route {
                Self.checkPath(route, in: graph, weights: graph.travelTimeDeciseconds, from: source, to: target)
            }
        }
        #expect(mismatches == 0)
    }

    @Test func emergencyGraphMatchesDijkstraWithoutComponentFilter() throws {
        // Unreachable pairs must be nil in both.
        let graph = RoadGraph.build(from: TestData.monaco, profile: .emergency, components: .all)
        var query = try Self.query(graph)
        var dijkstra = DijkstraQuery(graph: graph)
        var rng = SplitMix64(seed: 5)
        var unreachable = 0
        for _ in 0..<200 {
            let source = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let target = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let expected = dijkstra.travelTime(from: source, to: target)
            if expected == nil { unreachable += 1 }
            #expect(query.travelTime(from: source, to: target) == expected)
        }
        #expect(unreachable > 0)
    }

    @Test func oneToManyMatchesSingleQueries() throws {
        let graph = RoadGraphTests.monacoCar
        var query = try Self.query()
        var dijkstra = DijkstraQuery(graph: graph)
        var rng = SplitMix64(seed: 77)
        let sources = (0..<40).map { _ in NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng)) }
        for _ in 0..<5 {
            let target = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let etas = query.travelTimes(from: sources, to: target)
            #expect(etas == sources.map { dijkstra.travelTime(from: $0, to: target) })
            let outward = query.travelTimes(from: target, to: sources)
            #expect(outward == sources.map { dijkstra.travelTime(from: target, to: $0) })
        }
        #expect(query.travelTimes(from: [NodeID(0), NodeID.invalid], to: NodeID(1)).last! == nil)
    }

    @Test func manySourcesTakeTheSweepAndStillMatchDijkstra() throws {
        let graph = RoadGraphTests.monacoCar
        var query = try Self.query()
        var dijkstra = DijkstraQuery(graph: graph)
        var rng = SplitMix64(seed: 78)
        // Enough sources for the whole-hierarchy sweep, with restriction copies and an invalid node among them.
        var sources = (0..<400).map { _ in NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng)) }
        sources += (0..<graph.nodeCount).lazy.map(NodeID.init).filter { graph.isSplit($0) }.prefix(20)
        sources.append(.invalid)
        #expect(sources.count >= RouteQuery.sweepThreshold(nodes: graph.nodeCount))
        for _ in 0..<4 {
            let target = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let expected = sources.map { $0 == .invalid ? nil : dijkstra.travelTime(from: $0, to: target) }
            #expect(query.travelTimes(from: sources, to: target) == expected)
            // The same answer source by source (the per-source searches).
            #expect(sources.prefix(10).map { query.travelTimes(from: [$0], to: target)[0] } == Array(expected.prefix(10)))
        }
    }

    @Test func tinyGraphRoutesAndBadInput() throws {
        let graph = RoadGraph.build(from: RoadGraphTests.tinyOSM, profile: .car)
        var query = try Self.query(graph)
        var dijkstra = DijkstraQuery(graph: graph)
        for source in graph.nodes {
            for target in graph.nodes {
                #expect(query.travelTime(from: source, to: target) == dijkstra.travelTime(from: source, to: target))
            }
        }
        #expect(query.route(from: NodeID(0), to: NodeID.invalid) == nil)
        #expect(query.route(from: NodeID(2), to: NodeID(2))?.nodes == [graph.canonical(NodeID(2))])
        #expect(throws: RoadGraphError.self) {
            try ContractionHierarchyTests.hierarchy.customize(weights: [1, 2])
        }
    }
}
