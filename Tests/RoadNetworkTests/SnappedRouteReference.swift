@testable import RoadNetwork

/// Brute-force least cost between two snapped positions, to check ``RouteQuery/route(from:to:)`` against.
///
/// Plain Dijkstra over the directed graph, turn-restriction copies included. It finds a position's edges by
/// scanning every edge for the segment's canonical endpoints, so it trusts neither the snapper's choice of
/// edges nor the hierarchy (the scan is done once, into an index by canonical endpoints). Rules:
/// - the start leaves over the rest of its segment and reaches that edge's head as it is (a copy keeps its
///   restricted turns);
/// - the end is reached only over an edge onto its segment, from that edge's own tail;
/// - both on one segment, the end may be reached along it without passing a node.
struct SnappedRouteReference {
    let graph: RoadGraph
    let weights: [UInt32]
    private let tails: [UInt32]
    private let edgesByEndpoints: [SIMD2<UInt32>: [Int]]

    init(graph: RoadGraph, weights: [UInt32]) {
        self.graph = graph
        self.weights = weights
        let tails = graph.tails()
        self.tails = tails
        // Built once: the debug build scanning every edge per lookup kept both cooperative threads busy for
        // minutes, which starved every other test of the parallel suite.
        var edgesByEndpoints: [SIMD2<UInt32>: [Int]] = [:]
        for edge in 0..<graph.edgeCount {
            let key = SIMD2(graph.canonical(NodeID(tails[edge])).rawValue, graph.canonical(NodeID(graph.head[edge])).rawValue)
            edgesByEndpoints[key, default: []].append(edge)
        }
        self.edgesByEndpoints = edgesByEndpoints
    }

    /// Every edge from a node equivalent to `from` to one equivalent to `to`, in edge order.
    func segmentEdges(from: NodeID, to: NodeID) -> [Int] {
        edgesByEndpoints[SIMD2(graph.canonical(from).rawValue, graph.canonical(to).rawValue)] ?? []
    }

    /// The tail of an edge.
    func tail(_ edge: Int) -> NodeID { NodeID(tails[edge]) }

    /// A fraction of an edge's weight, rounded as the engine rounds it; nil when the edge is closed.
    func part(_ edge: Int, _ fraction: Double) -> UInt64? {
        guard weights[edge] != RoadGraph.infiniteWeight else { return nil }
        return UInt64((Double(weights[edge]) * min(max(fraction, 0), 1)).rounded())
    }

    /// The least cost from start to end, or nil when unreachable.
    func cost(from start: SnapResult, to end: SnapResult) -> UInt64? {
        var distance = [UInt64](repeating: .max, count: graph.nodeCount)
        var heap = MinHeap()
        func relax(_ node: Int, _ cost: UInt64) {
            if cost < distance[node] { distance[node] = cost; heap.push(cost, node) }
        }
        let ahead = segmentEdges(from: start.tail, to: start.head), behind = segmentEdges(from: start.head, to: start.tail)
        for edge in ahead { if let cost = part(edge, 1 - start.fraction) { relax(Int(graph.head[edge]), cost) } }
        for edge in behind { if let cost = part(edge, start.fraction) { relax(Int(graph.head[edge]), cost) } }
        while let (cost, node) = heap.pop() {
            guard cost == distance[node] else { continue }
            for edge in Int(graph.firstOut[node])..<Int(graph.firstOut[node + 1]) where weights[edge] != RoadGraph.infiniteWeight {
                relax(Int(graph.head[edge]), cost + UInt64(weights[edge]))
            }
        }
        var best: UInt64?
        func consider(_ cost: UInt64?) { if let cost, cost < best ?? .max { best = cost } }
        for edge in segmentEdges(from: end.tail, to: end.head) where distance[Int(tails[edge])] != .max {
            consider(part(edge, end.fraction).map { $0 + distance[Int(tails[edge])] })
        }
        for edge in segmentEdges(from: end.head, to: end.tail) where distance[Int(tails[edge])] != .max {
            consider(part(edge, 1 - end.fraction).map { $0 + distance[Int(tails[edge])] })
        }
        let sameWay = graph.canonical(end.tail) == graph.canonical(start.tail) && graph.canonical(end.head) == graph.canonical(start.head)
        let opposite = graph.canonical(end.tail) == graph.canonical(start.head) && graph.canonical(end.head) == graph.canonical(start.tail)
        if sameWay || opposite {
            let position = sameWay ? end.fraction : 1 - end.fraction
            if position >= start.fraction, let edge = ahead.first { consider(part(edge, position - start.fraction)) }
            if position < start.fraction, let edge = behind.first { consider(part(edge, start.fraction - position)) }
        }
        return best
    }
}

/// A binary min-heap of (cost, node), just enough for the reference Dijkstra.
private struct MinHeap {
    private var items: [(cost: UInt64, node: Int)] = []

    mutating func push(_ cost: UInt64, _ node: Int) {
        items.append((cost, node))
        var child = items.count - 1
        while child > 0, items[(child - 1) / 2].cost > items[child].cost {
            items.swapAt(child, (child - 1) / 2)
            child = (child - 1) / 2
        }
    }

    mutating func pop() -> (UInt64, Int)? {
        guard let top = items.first else { return nil }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, items[left].cost < items[smallest].cost { smallest = left }
            if right < items.count, items[right].cost < items[smallest].cost { smallest = right }
            if smallest == parent { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return (top.cost, top.node)
    }
}
