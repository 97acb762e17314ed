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
        guard weights.count == graph.edgeCount else {
            throw .weightCountMismatch(expected: graph.edgeCount, actual: weights.count)
        }
        self.init(graph: graph, uncheckedWeights: weights)
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
    public mutating func route(from source: NodeID, to target: NodeID) -> Route? {
        guard graph.contains(source), graph.contains(target) else { return nil }
        run(from: source, stopAt: target)
        guard reached.isSet(target.index) else { return nil }
        var edges: [EdgeID] = []
        var node = target.index
        while node != source.index {
            let edge = parentEdge[node]
            edges.append(EdgeID(edge))
            node = Int(tail(of: edge))
        }
        return Route(source: source, edges: edges.reversed(), graph: graph, weights: weights)
    }

    /// The fastest travel time between two nodes in tenths of a second, or nil when unreachable.
    public mutating func travelTime(from source: NodeID, to target: NodeID) -> UInt32? {
        guard graph.contains(source), graph.contains(target) else { return nil }
        run(from: source, stopAt: target)
        return reached.isSet(target.index) ? distance[target.index] : nil
    }

    /// Travel times from one node to every node (``RoadGraph/infiniteWeight`` where unreachable).
    public mutating func travelTimes(from source: NodeID) -> [UInt32] {
        guard graph.contains(source) else { return [UInt32](repeating: RoadGraph.infiniteWeight, count: graph.nodeCount) }
        run(from: source, stopAt: nil)
        return (0..<graph.nodeCount).map { reached.isSet($0) ? distance[$0] : RoadGraph.infiniteWeight }
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

    private mutating func run(from source: NodeID, stopAt target: NodeID?) {
        reset()
        reached.set(source.index)
        distance[source.index] = 0
        heap.insert(UInt64(source.rawValue))
        let firstOut = graph.firstOut, head = graph.head
        while let top = heap.popMin() {
            let node = Int(top & 0xFFFF_FFFF)
            let nodeDistance = UInt32(top >> 32)
            if nodeDistance > distance[node] { continue }
            if node == target?.index { return }
            for edge in Int(firstOut[node])..<Int(firstOut[node + 1]) {
                let weight = weights[edge]
                if weight == RoadGraph.infiniteWeight { continue }
                let (candidate, overflow) = nodeDistance.addingReportingOverflow(weight)
                if overflow || candidate == RoadGraph.infiniteWeight { continue }
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
