/// Exact fastest routes over a customized contraction hierarchy; reusable, one per task.
///
/// Searches walk the elimination tree upward from source and target, so a query touches only the
/// ancestors of its two nodes. Scratch space is allocated once; ``reset()`` is O(1).
/// - Note: A value type: copies have their own scratch, so give each task its own.
public struct RouteQuery: Sendable {
    /// The graph routes are expressed in.
    public let graph: RoadGraph
    /// The hierarchy searched.
    public let hierarchy: ContractionHierarchy
    /// The weights in force.
    public private(set) var metric: CHMetric
    private var forwardDistance: [UInt32]
    private var backwardDistance: [UInt32]
    private var forwardArc: [UInt32]
    private var backwardArc: [UInt32]
    private var forwardReached: TimestampFlags
    private var backwardReached: TimestampFlags
    private var path: [UInt32] = []
    /// Every node's distance to one target, for many-to-one queries with many sources.
    private var sweep: [UInt32] = []

    /// Creates a query; the hierarchy must have been built for `graph` and the metric customized from it.
    public init(graph: RoadGraph, hierarchy: ContractionHierarchy, metric: CHMetric) throws(RoadGraphError) {
        guard hierarchy.nodeCount == graph.nodeCount, hierarchy.graphEdgeCount == graph.edgeCount,
              metric.upward.count == hierarchy.arcCount else {
            throw .invariantViolated("graph, hierarchy and metric belong together")
        }
        self.graph = graph
        self.hierarchy = hierarchy
        self.metric = metric
        let n = graph.nodeCount
        forwardDistance = [UInt32](repeating: RoadGraph.infiniteWeight, count: n)
        backwardDistance = forwardDistance
        forwardArc = [UInt32](repeating: UInt32.max, count: n)
        backwardArc = forwardArc
        forwardReached = TimestampFlags(count: n)
        backwardReached = TimestampFlags(count: n)
    }

    /// Switches to new weights (after live traffic changed), keeping the scratch space.
    public mutating func update(metric: CHMetric) throws(RoadGraphError) {
        guard metric.upward.count == hierarchy.arcCount else {
            throw .invariantViolated("metric belongs to this hierarchy")
        }
        self.metric = metric
        reset()
    }

    /// Forgets the previous search in O(1).
    public mutating func reset() {
        forwardReached.resetAll()
        backwardReached.resetAll()
    }

    /// The least cost between two nodes under the query's metric, or nil when unreachable: the fastest travel
    /// time in tenths of a second, or for a distance metric the shortest length in decimetres.
    public mutating func travelTime(from source: NodeID, to target: NodeID) -> UInt32? {
        guard graph.contains(source), graph.contains(target) else { return nil }
        reset()
        let start = sourceRank(source)
        searchUp(from: [start], forward: true)
        searchUp(from: targetRanks(target), forward: false)
        return meet(from: [start])?.distance
    }

    /// The best route between two nodes under the query's metric (fastest, or shortest), or nil when unreachable.
    ///
    /// The route starts at the source's canonical node and may end at a turn-restriction copy of the target
    /// (same place; see ``RoadGraph/canonicalNode``).
    public mutating func route(from source: NodeID, to target: NodeID) -> Route? {
        guard graph.contains(source), graph.contains(target) else { return nil }
        reset()
        let start = sourceRank(source)
        searchUp(from: [start], forward: true)
        searchUp(from: targetRanks(target), forward: false)
        guard let meeting = meet(from: [start]) else { return nil }
        let path = unpack(meeting: meeting.node)
        return Route(source: graph.canonical(source), edges: path.edges, graph: graph, weights: metric.travelTimeDeciseconds)
    }

    /// The graph edges of the best path through `meeting`, and the ranks where it starts and ends.
    func unpack(meeting: UInt32) -> (edges: [EdgeID], first: UInt32, last: UInt32) {
        var upArcs: [UInt32] = []
        var node = meeting
        while forwardArc[Int(node)] != UInt32.max {
            let arc = forwardArc[Int(node)]
            upArcs.append(arc)
            node = hierarchy.arcTail[Int(arc)]
        }
        let first = node
        var edges: [EdgeID] = []
        for arc in upArcs.reversed() { hierarchy.unpack(arc: Int(arc), upward: true, metric: metric, into: &edges) }
        node = meeting
        while backwardArc[Int(node)] != UInt32.max {
            let arc = backwardArc[Int(node)]
            hierarchy.unpack(arc: Int(arc), upward: false, metric: metric, into: &edges)
            node = hierarchy.arcTail[Int(arc)]
        }
        return (edges, first, node)
    }

    /// Travel times from many sources to one target (dispatch ETAs), nil where unreachable.
    ///
    /// One upward search from the target, then either one upward search per source (few sources) or one
    /// sweep over the whole hierarchy that gives every node's distance (many sources), whichever is cheaper.
    public mutating func travelTimes(from sources: [NodeID], to target: NodeID) -> [UInt32?] {
        guard graph.contains(target) else { return sources.map { _ in nil } }
        reset()
        searchUp(from: targetRanks(target), forward: false)
        if sources.count >= Self.sweepThreshold(nodes: hierarchy.upFirstOut.count - 1) {
            return sweptTravelTimes(from: sources)
        }
        return sources.map { source in
            guard graph.contains(source) else { return nil }
            forwardReached.resetAll()
            let start = sourceRank(source)
            searchUp(from: [start], forward: true)
            return meet(from: [start])?.distance
        }
    }

    /// From how many sources one sweep beats a search per source (a search costs about 1/256 of a sweep here).
    static func sweepThreshold(nodes: Int) -> Int { max(16, nodes / 256) }

    /// Every node's distance to the target, nodes in falling rank order each taking the best of its own
    /// backward-search distance and its upward arcs into nodes already done (PHAST, Delling et al. 2011,
    /// run towards one target); then each source is a look-up.
    private mutating func sweptTravelTimes(from sources: [NodeID]) -> [UInt32?] {
        let infinity = RoadGraph.infiniteWeight
        let count = hierarchy.upFirstOut.count - 1
        if sweep.count != count { sweep = [UInt32](repeating: infinity, count: count) }
        hierarchy.upFirstOut.withUnsafeBufferPointer { firstOut in
            hierarchy.upHead.withUnsafeBufferPointer { head in
                metric.upward.withUnsafeBufferPointer { weight in
                    sweep.withUnsafeMutableBufferPointer { distance in
                        for x in stride(from: count - 1, through: 0, by: -1) {
                            var best = backwardReached.isSet(x) ? backwardDistance[x] : infinity
                            for arc in Int(firstOut[x])..<Int(firstOut[x + 1]) {
                                let via = saturatingSum(weight[arc], distance[Int(head[arc])])
                                if via < best { best = via }
                            }
                            distance[x] = best
                        }
                    }
                }
            }
        }
        return sources.map { source in
            guard graph.contains(source) else { return nil }
            let distance = sweep[Int(sourceRank(source))]
            return distance == infinity ? nil : distance
        }
    }

    /// Travel times from one source to many targets, nil where unreachable.
    public mutating func travelTimes(from source: NodeID, to targets: [NodeID]) -> [UInt32?] {
        guard graph.contains(source) else { return targets.map { _ in nil } }
        reset()
        let start = sourceRank(source)
        searchUp(from: [start], forward: true)
        return targets.map { target in
            guard graph.contains(target) else { return nil }
            backwardReached.resetAll()
            searchUp(from: targetRanks(target), forward: false)
            return meet(from: [start])?.distance
        }
    }

    /// The rank a search from `source` starts at: its canonical node's.
    func sourceRank(_ source: NodeID) -> UInt32 {
        hierarchy.rank[Int(graph.canonicalNode[source.index])]
    }

    /// The ranks a search towards `target` starts from: the target and all its turn-restriction copies.
    func targetRanks(_ target: NodeID) -> [UInt32] {
        graph.isSplit(target) ? graph.equivalentNodes(of: target).map { hierarchy.rank[$0.index] }
            : [hierarchy.rank[target.index]]
    }

    /// Relaxes upward arcs over the union of the elimination-tree paths from `starts` to the root, in rank order.
    mutating func searchUp(from starts: [UInt32], offsets: [UInt32]? = nil, forward: Bool) {
        let infinity = RoadGraph.infiniteWeight
        path.removeAll(keepingCapacity: true)
        for start in starts {
            var node = start
            while node != UInt32.max {
                let x = Int(node)
                let fresh = forward ? !forwardReached.set(x) : !backwardReached.set(x)
                guard fresh else { break } // The rest of this path was collected from an earlier start.
                if forward {
                    forwardDistance[x] = infinity
                    forwardArc[x] = UInt32.max
                } else {
                    backwardDistance[x] = infinity
                    backwardArc[x] = UInt32.max
                }
                path.append(node)
                node = hierarchy.parent[x]
            }
        }
        for (index, start) in starts.enumerated() {
            let offset = offsets?[index] ?? 0
            if forward {
                forwardDistance[Int(start)] = min(forwardDistance[Int(start)], offset)
            } else {
                backwardDistance[Int(start)] = min(backwardDistance[Int(start)], offset)
            }
        }
        if starts.count > 1 { path.sort() }
        for node in path {
            let x = Int(node)
            let distance = forward ? forwardDistance[x] : backwardDistance[x]
            guard distance != infinity else { continue }
            for arc in Int(hierarchy.upFirstOut[x])..<Int(hierarchy.upFirstOut[x + 1]) {
                let y = Int(hierarchy.upHead[arc])
                if forward {
                    let candidate = saturatingSum(distance, metric.upward[arc])
                    if candidate < forwardDistance[y] { forwardDistance[y] = candidate; forwardArc[y] = UInt32(arc) }
                } else {
                    let candidate = saturatingSum(distance, metric.downward[arc])
                    if candidate < backwardDistance[y] { backwardDistance[y] = candidate; backwardArc[y] = UInt32(arc) }
                }
            }
        }
    }

    /// The best meeting node on the sources' ancestor paths, or nil when no finite path exists.
    func meet(from starts: [UInt32]) -> (node: UInt32, distance: UInt32)? {
        var best: (node: UInt32, distance: UInt32)?
        for start in starts {
            var node = start
            while node != UInt32.max {
                let x = Int(node)
                if forwardReached.isSet(x), backwardReached.isSet(x) {
                    let total = saturatingSum(forwardDistance[x], backwardDistance[x])
                    if total != RoadGraph.infiniteWeight, total < best?.distance ?? RoadGraph.infiniteWeight {
                        best = (node, total)
                    }
                }
                node = hierarchy.parent[x]
            }
        }
        return best
    }
}
