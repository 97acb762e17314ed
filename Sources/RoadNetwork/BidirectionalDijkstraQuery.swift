import Collections

/// Exact least-cost routes by bidirectional Dijkstra: a forward search from the source and a backward search
/// from the target until their frontiers prove the best meeting: the fair baseline for hierarchy speed-ups.
///
/// Build one per task and reuse it: the reverse graph and scratch space are made once and ``reset()`` is O(1).
/// - Note: A value type: copies have their own scratch, so give each task its own.
public struct BidirectionalDijkstraQuery: Sendable {
    /// The graph searched.
    public let graph: RoadGraph
    /// The weight of each edge (``RoadGraph/infiniteWeight`` = closed).
    public let weights: [UInt32]
    /// The node each edge starts from.
    private let tails: [UInt32]
    /// Incoming edges in forward-star form: the edges into node `v` are `reverseEdge[reverseFirstOut[v]..<…[v + 1]]`.
    private let reverseFirstOut: [UInt32]
    private let reverseEdge: [UInt32]
    private var forward: Side
    private var backward: Side

    /// Creates a query over a graph with its free-flow travel times.
    public init(graph: RoadGraph) {
        self.init(graph: graph, uncheckedWeights: graph.travelTimeDeciseconds)
    }

    /// Creates a query over a graph with other edge weights (live traffic, or lengths in decimetres).
    public init(graph: RoadGraph, weights: [UInt32]) throws(RoadGraphError) {
        self.init(graph: graph, uncheckedWeights: try graph.checked(weights: weights))
    }

    private init(graph: RoadGraph, uncheckedWeights weights: [UInt32]) {
        self.graph = graph
        self.weights = weights
        tails = graph.tails()
        var firstIn = [UInt32](repeating: 0, count: graph.nodeCount + 1)
        for head in graph.head { firstIn[Int(head) + 1] += 1 }
        for node in 0..<graph.nodeCount { firstIn[node + 1] += firstIn[node] }
        var slot = firstIn
        var incoming = [UInt32](repeating: 0, count: graph.edgeCount)
        for (edge, head) in graph.head.enumerated() {
            incoming[Int(slot[Int(head)])] = UInt32(edge)
            slot[Int(head)] += 1
        }
        reverseFirstOut = firstIn
        reverseEdge = incoming
        forward = Side(nodeCount: graph.nodeCount)
        backward = Side(nodeCount: graph.nodeCount)
    }

    /// Forgets the previous search in O(1).
    public mutating func reset() {
        forward.reset()
        backward.reset()
    }

    /// The least cost between two nodes (tenths of a second for travel times), or nil when unreachable.
    public mutating func travelTime(from source: NodeID, to target: NodeID) -> UInt32? {
        guard graph.contains(source), graph.contains(target) else { return nil }
        return run(from: source, to: target)?.cost
    }

    /// The least-cost route between two nodes, or nil when the target cannot be reached.
    ///
    /// Like ``DijkstraQuery/route(from:to:)``, it starts at the source's canonical node and may end at a
    /// turn-restriction copy of the target.
    public mutating func route(from source: NodeID, to target: NodeID) -> Route? {
        guard graph.contains(source), graph.contains(target), let meeting = run(from: source, to: target) else { return nil }
        var edges: [EdgeID] = []
        var node = meeting.node
        while forward.parentEdge[node] != UInt32.max {
            let edge = forward.parentEdge[node]
            edges.append(EdgeID(edge))
            node = Int(tails[Int(edge)])
        }
        edges.reverse()
        node = meeting.node
        while backward.parentEdge[node] != UInt32.max {
            let edge = backward.parentEdge[node]
            edges.append(EdgeID(edge))
            node = Int(graph.head[Int(edge)])
        }
        return Route(source: graph.canonical(source), edges: edges, graph: graph, weights: weights)
    }

    /// Searches both ways, always advancing the side with the smaller frontier key, until the two keys
    /// together reach the best meeting found: then no better path can remain.
    private mutating func run(from source: NodeID, to target: NodeID) -> (node: Int, cost: UInt32)? {
        reset()
        let start = graph.canonical(source).index
        forward.reach(start, distance: 0, parentEdge: UInt32.max)
        for node in graph.equivalentNodes(of: target) { backward.reach(node.index, distance: 0, parentEdge: UInt32.max) }
        var best: (node: Int, cost: UInt32)? = backward.reached.isSet(start) ? (start, 0) : nil
        while true {
            // An exhausted side has reached everything it can: every meeting has been recorded.
            guard let forwardKey = forward.minimumKey, let backwardKey = backward.minimumKey else { break }
            if let best, forwardKey + backwardKey >= UInt64(best.cost) { break }
            advance(forwardSide: forwardKey <= backwardKey, best: &best)
        }
        return best
    }

    /// Settles the next node of one side, relaxing its edges and recording any better meeting.
    private mutating func advance(forwardSide: Bool, best: inout (node: Int, cost: UInt32)?) {
        // Move the side out while it is mutated, so its arrays are never copied.
        var side = Side(nodeCount: 0)
        if forwardSide { swap(&side, &forward) } else { swap(&side, &backward) }
        defer { if forwardSide { swap(&side, &forward) } else { swap(&side, &backward) } }
        let other = forwardSide ? backward : forward
        guard let top = side.heap.popMin() else { return }
        let node = Int(top & 0xFFFF_FFFF), distance = UInt32(top >> 32)
        guard distance <= side.distance[node] else { return }
        let range = forwardSide ? Int(graph.firstOut[node])..<Int(graph.firstOut[node + 1])
            : Int(reverseFirstOut[node])..<Int(reverseFirstOut[node + 1])
        for slot in range {
            let edge = forwardSide ? slot : Int(reverseEdge[slot])
            let weight = weights[edge]
            if weight == RoadGraph.infiniteWeight { continue }
            let (candidate, overflow) = distance.addingReportingOverflow(weight)
            if overflow || candidate == RoadGraph.infiniteWeight { continue }
            let next = Int(forwardSide ? graph.head[edge] : tails[edge])
            guard side.improve(next, distance: candidate, parentEdge: UInt32(edge)) else { continue }
            if other.reached.isSet(next) {
                let (total, overflow) = candidate.addingReportingOverflow(other.distance[next])
                if !overflow, total < best?.cost ?? RoadGraph.infiniteWeight { best = (next, total) }
            }
        }
    }
}

/// One direction's search state: tentative distances, the edge each node was reached by, and the frontier.
private struct Side: Sendable {
    var distance: [UInt32]
    var parentEdge: [UInt32]
    var reached: TimestampFlags
    var heap = Heap<UInt64>()

    init(nodeCount: Int) {
        distance = [UInt32](repeating: RoadGraph.infiniteWeight, count: nodeCount)
        parentEdge = [UInt32](repeating: UInt32.max, count: nodeCount)
        reached = TimestampFlags(count: nodeCount)
    }

    /// The smallest key on the frontier (a lower bound on every unsettled distance), or nil when exhausted.
    var minimumKey: UInt64? { heap.min.map { $0 >> 32 } }

    mutating func reset() {
        reached.resetAll()
        heap = Heap()
    }

    /// Reaches a node at a distance.
    mutating func reach(_ node: Int, distance: UInt32, parentEdge: UInt32) {
        reached.set(node)
        self.distance[node] = distance
        self.parentEdge[node] = parentEdge
        heap.insert(UInt64(distance) << 32 | UInt64(node))
    }

    /// Reaches a node if it is new or the distance is shorter; returns whether it did.
    mutating func improve(_ node: Int, distance: UInt32, parentEdge: UInt32) -> Bool {
        guard !reached.isSet(node) || distance < self.distance[node] else { return false }
        reach(node, distance: distance, parentEdge: parentEdge)
        return true
    }
}
