import RoadNetwork
import SafeCityCore

extension BenchRoutingCommand {
    /// The outcome of comparing hierarchy answers with plain Dijkstra's.
    struct ExactnessCheck {
        /// Pairs compared.
        var pairs: Int
        /// Pairs where the two disagree (on the cost, or on whether a route exists).
        var mismatches: Int
        /// Pairs with a route.
        var routed: Int
        /// Time the whole check took.
        var seconds: Double
    }

    /// Compares the hierarchy's least cost with plain Dijkstra's for about `pairs` seeded node pairs.
    ///
    /// Runs ⌈√pairs⌉ one-to-all Dijkstra searches and checks every source against as many random targets,
    /// so that 10,000 pairs cost a hundred full searches rather than ten thousand.
    static func exactness(engine: RoutingEngine, metric: RouteMetric, pairs: Int, seed: UInt64) -> ExactnessCheck {
        let started = ContinuousClock.now
        let graph = engine.graph
        let sourceCount = Int(Double(pairs).squareRoot().rounded(.up))
        var random = SplitMix64(seed: seed ^ 0xE4AC_7E55)
        var query = engine.makeQuery(metric: metric)
        var dijkstra: DijkstraQuery
        do {
            dijkstra = try DijkstraQuery(graph: graph, weights: engine.metric(for: metric).edgeWeights)
        } catch {
            preconditionFailure("the engine's weights always match its graph: \(error)")
        }
        var check = ExactnessCheck(pairs: 0, mismatches: 0, routed: 0, seconds: 0)
        for round in 0..<sourceCount {
            let targetCount = min(sourceCount, pairs - round * sourceCount)
            guard targetCount > 0 else { break }
            let source = NodeID(UInt32.random(in: 0..<UInt32(graph.nodeCount), using: &random))
            let all = dijkstra.travelTimes(from: source)
            for _ in 0..<targetCount {
                let target = NodeID(UInt32.random(in: 0..<UInt32(graph.nodeCount), using: &random))
                let expected = graph.equivalentNodes(of: target).map { all[$0.index] }.min() ?? RoadGraph.infiniteWeight
                let answer = query.travelTime(from: source, to: target) ?? RoadGraph.infiniteWeight
                check.pairs += 1
                if answer != expected { check.mismatches += 1 }
                if expected != RoadGraph.infiniteWeight { check.routed += 1 }
            }
        }
        check.seconds = (ContinuousClock.now - started).seconds
        return check
    }
}
