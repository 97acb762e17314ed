import Testing
@testable import RoadNetwork

@Suite struct DijkstraQueryTests {
    @Test func tinyGraphRoutes() throws {
        let graph = RoadGraph.build(from: RoadGraphTests.tinyOSM, profile: .car)
        var query = DijkstraQuery(graph: graph)
        let three = try #require(graph.node(osmID: 3)), seven = try #require(graph.node(osmID: 7))
        let maybeRoute = query.route(from: three, to: seven)
        let route = try #require(maybeRoute)
        #expect(route.nodes.first == three && graph.canonical(route.nodes.last!) == seven)
        #expect(route.edges.count == route.nodes.count - 1)
        #expect(route.travelTimeDeciseconds == UInt64(query.travelTime(from: three, to: seven) ?? 0))
        let maybeSame = query.route(from: three, to: three)
        let same = try #require(maybeSame)
        #expect(same.nodes == [three] && same.travelTimeDeciseconds == 0)
        #expect(query.route(from: three, to: NodeID(999)) == nil)
    }

    @Test func monacoDistancesSatisfyOptimalityConditions() throws {
        let graph = RoadGraphTests.monacoCar
        var query = DijkstraQuery(graph: graph)
        var rng = SplitMix64(seed: 42)
        let tails = graph.tails()
        for _ in 0..<3 {
            let source = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let distance = query.travelTimes(from: source)
            #expect(distance[graph.canonical(source).index] == 0)
            #expect(!distance.contains(RoadGraph.infiniteWeight))
            var tight = [Bool](repeating: false, count: graph.nodeCount)
            tight[graph.canonical(source).index] = true
            for edge in 0..<graph.edgeCount {
                let u = Int(tails[edge]), v = Int(graph.head[edge])
                let through = UInt64(distance[u]) + UInt64(graph.travelTimeDeciseconds[edge])
                #expect(UInt64(distance[v]) <= through)
                if UInt64(distance[v]) == through { tight[v] = true }
            }
            #expect(!tight.contains(false))
        }
    }

    @Test func routesAreConsistentPaths() throws {
        let graph = RoadGraphTests.monacoCar
        var query = DijkstraQuery(graph: graph)
        var rng = SplitMix64(seed: 9)
        for _ in 0..<50 {
            let source = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let target = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let maybeRoute = query.route(from: source, to: target)
            let route = try #require(maybeRoute)
            #expect(route.nodes.first == graph.canonical(source))
            #expect(graph.canonical(route.nodes.last!) == graph.canonical(target))
            var time: UInt64 = 0
            for (index, edge) in route.edges.enumerated() {
                #expect(graph.edges(from: route.nodes[index]).contains(edge))
                #expect(graph.head(of: edge) == route.nodes[index + 1])
                time += UInt64(graph.travelTimeDeciseconds[edge.index])
            }
            #expect(time == route.travelTimeDeciseconds)
            #expect(query.travelTime(from: source, to: target).map(UInt64.init) == time)
        }
    }

    @Test func customWeightsAreChecked() throws {
        let graph = RoadGraphTests.monacoCar
        #expect(throws: RoadGraphError.weightCountMismatch(expected: graph.edgeCount, actual: 3)) {
            try DijkstraQuery(graph: graph, weights: [1, 2, 3])
        }
        var closed = graph.travelTimeDeciseconds
        let source = NodeID(0)
        for edge in graph.edges(from: source) { closed[edge.index] = RoadGraph.infiniteWeight }
        var query = try DijkstraQuery(graph: graph, weights: closed)
        #expect(query.travelTime(from: source, to: NodeID(1)) == nil || graph.edges(from: source).isEmpty)
    }
}

@Suite struct IsochroneTests {
    @Test func reachableMatchesOneToAll() throws {
        let graph = RoadGraphTests.monacoCar
        var query = DijkstraQuery(graph: graph)
        let source = graph.canonical(NodeID(123))
        let raw = query.travelTimes(from: source)
        // Fold turn-restriction copies into their canonical node.
        var all = [UInt32](repeating: RoadGraph.infiniteWeight, count: graph.nodeCount)
        for node in raw.indices {
            let canonical = graph.canonicalNode[node]
            all[Int(canonical)] = min(all[Int(canonical)], raw[node])
        }
        let limit: UInt32 = 1_800
        let reached = query.reachable(from: [source], withinDeciseconds: limit)
        let expected = Set(all.indices.filter { all[$0] <= limit && graph.canonicalNode[$0] == UInt32($0) })
        #expect(Set(reached.map(\.node.index)) == expected)
        #expect(reached.allSatisfy { all[$0.node.index] == $0.travelTimeDeciseconds })
        #expect(reached.map(\.travelTimeDeciseconds) == reached.map(\.travelTimeDeciseconds).sorted())
        #expect(reached.count > 1 && reached.count < graph.nodeCount)
    }

    @Test func coverageTakesNearestSource() throws {
        let graph = RoadGraphTests.monacoCar
        var query = DijkstraQuery(graph: graph)
        let sources = [NodeID(10), NodeID(5_000), NodeID(12_000)]
        let tables = sources.map { source in
            let raw = query.travelTimes(from: source)
            var folded = [UInt32](repeating: RoadGraph.infiniteWeight, count: graph.nodeCount)
            for node in raw.indices {
                let canonical = Int(graph.canonicalNode[node])
                folded[canonical] = min(folded[canonical], raw[node])
            }
            return folded
        }
        let limit: UInt32 = 1_200
        let covered = query.reachable(from: sources + [NodeID.invalid], withinDeciseconds: limit)
        for entry in covered {
            #expect(entry.travelTimeDeciseconds == tables.map { $0[entry.node.index] }.min())
        }
        let expectedCount = (0..<graph.nodeCount).filter { node in
            graph.canonicalNode[node] == UInt32(node) && tables.contains { $0[node] <= limit }
        }.count
        #expect(covered.count == expectedCount)
        #expect(query.reachable(from: [], withinDeciseconds: limit).isEmpty)
    }
}
