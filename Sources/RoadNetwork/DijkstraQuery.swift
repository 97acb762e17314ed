import Collections

/// Exact shortest travel times by plain Dijkstra: the baseline every faster method is checked against.
///
/// Build one per task and reuse it: scratch space is allocated once and ``reset()`` is O(1).
/// - Note: Not thread-safe to share; it is a value type, so each copy has its own scratch.
public struct DijkstraQuery: Sendable {
    /// The graph searched.
    public let graph: RoadGraph
    /// The weight of each edge, in tenths of a second (``RoadGraph/infiniteWeight`` = closed).
    public let weights: [UInt32]
    private var distance: [UInt32]
    private var parentEdge: [UInt32]
    private var reached: TimestampFlags
    private var heap = Heap<UInt64>()

    /// Creates a query over a graph with its free-flow travel times.
    public init(graph: RoadGraph) {
        self.init(graph: graph, uncheckedWeights: graph.travelTimeDeciseconds)
    }

    /// Creates a query over a graph with other edge weights (live traffic, say).
    public init(graph: RoadGraph, weights: [UInt32]) throws(RoadGraphError) {
        self.init(graph: graph, uncheckedWeights: try graph.checked(weights: weights))
    }

    private init(graph: RoadGraph, uncheckedWeights weights: [UInt32]) {
        self.graph = graph
        self.weights = weights
        distance = [UInt32](repeating: RoadGraph.infiniteWeight, count: graph.nodeCount)
        parentEdge = [UInt32](repeating: UInt32.max, count: graph.nodeCount)
        reached = TimestampFlags(count: graph.nodeCount)
    }

    /// Forgets the previous search in O(1).
    public mutating func reset() {
        reached.resetAll()
        heap = Heap()
    }

    /// The fastest route between two nodes, or nil when the target cannot be reached.
    ///
    /// The route starts at the source's canonical node and may end at a turn-restriction copy of the target
    /// (same place; see ``RoadGraph/canonicalNode``).
    public mutating func route(from source: NodeID, to target: NodeID) -> Route? {
        guard graph.contains(source), graph.contains(target) else { return nil }
        let start = graph.canonical(source)
        guard let end = run(from: start, to: target) else { return nil }
        var edges: [EdgeID] = []
        var node = end
        while node != start.index {
            let edge = parentEdge[node]
            edges.append(EdgeID(edge))
            node = Int(tail(of: edge))
        }
        return Route(source: start, edges: edges.reversed(), graph: graph, weights: weights)
    }

    /// The fastest travel time between two nodes in tenths of a second, or nil when unreachable.
    public mutating func travelTime(from source: NodeID, to target: NodeID) -> UInt32? {
        guard graph.contains(source), graph.contains(target) else { return nil }
        return run(from: graph.canonical(source), to: target).map { distance[$0] }
    }

    /// Travel times from one node to every node (``RoadGraph/infiniteWeight`` where unreachable).
    ///
    /// Each turn-restriction copy gets its own entry; the time to a place is the least over
    /// ``RoadGraph/equivalentNodes(of:)``.
    public mutating func travelTimes(from source: NodeID) -> [UInt32] {
        guard graph.contains(source) else { return [UInt32](repeating: RoadGraph.infiniteWeight, count: graph.nodeCount) }
        settle(from: [graph.canonical(source)], limit: RoadGraph.infiniteWeight - 1) { _, _ in false }
        return (0..<graph.nodeCount).map { reached.isSet($0) ? distance[$0] : RoadGraph.infiniteWeight }
    }

    /// Runs until a node equivalent to `target` is settled; returns it, or nil when none is reachable.
    private mutating func run(from source: NodeID, to target: NodeID) -> Int? {
        let canonicalNode = graph.canonicalNode
        let goal = canonicalNode[target.index]
        var found: Int?
        settle(from: [source], limit: RoadGraph.infiniteWeight - 1) { node, _ in
            if canonicalNode[node.index] == goal { found = node.index }
            return found != nil
        }
        return found
    }

    private func tail(of edge: UInt32) -> UInt32 {
        // Binary search for the node whose edge range holds `edge`.
        var low = 0, high = graph.nodeCount
        while high - low > 1 {
            let middle = (low + high) / 2
            if graph.firstOut[middle] <= edge { low = middle } else { high = middle }
        }
        return UInt32(low)
    }

    /// Runs Dijkstra from sources, calling `visit` for each settled node in time order until it returns true.
    mutating func settle(from sources: [NodeID], limit: UInt32, visit: (NodeID, UInt32) -> Bool) {
        reset()
        for source in sources where !reached.set(source.index) {
            distance[source.index] = 0
            parentEdge[source.index] = UInt32.max
            heap.insert(UInt64(source.rawValue))
        }
        let firstOut = graph.firstOut, head = graph.head
        while let top = heap.popMin() {
            let node = Int(top & 0xFFFF_FFFF)
            let nodeDistance = UInt32(top >> 32)
            if nodeDistance > distance[node] { continue }
            if visit(NodeID(node), nodeDistance) { return }
            for edge in Int(firstOut[node])..<Int(firstOut[node + 1]) {
                let weight = weights[edge]
                if weight == RoadGraph.infiniteWeight { continue }
                let (candidate, overflow) = nodeDistance.addingReportingOverflow(weight)
                if overflow || candidate > limit { continue }
                let next = Int(head[edge])
                if !reached.set(next) || candidate < distance[next] {
                    distance[next] = candidate
                    parentEdge[next] = UInt32(edge)
                    heap.insert(UInt64(candidate) << 32 | UInt64(next))
                }
            }
        }
    }
}
