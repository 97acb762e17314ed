import Geo

/// A route between two snapped positions on roads, including the partial edges at both ends.
public struct SnappedRoute: Hashable, Sendable {
    /// Where the route starts.
    public var start: SnapResult
    /// Where the route ends.
    public var end: SnapResult
    /// The whole edges between the two partial ends (possibly a single node, or empty when start and end
    /// lie on the same edge with nothing in between).
    public var route: Route?
    /// Total travel time including the partial edges, in tenths of a second.
    public var travelTimeDeciseconds: UInt64
    /// Total length including the partial edges, in metres.
    public var lengthMetres: Double

    /// Creates a snapped route from its parts.
    public init(start: SnapResult, end: SnapResult, route: Route?, travelTimeDeciseconds: UInt64, lengthMetres: Double) {
        self.start = start
        self.end = end
        self.route = route
        self.travelTimeDeciseconds = travelTimeDeciseconds
        self.lengthMetres = lengthMetres
    }

    /// Total travel time in seconds.
    public var travelTimeSeconds: Double { Double(travelTimeDeciseconds) / 10 }

    /// The polyline: the start point, the route's nodes, the end point.
    public func coordinates(in graph: RoadGraph) -> [GeoPoint] {
        [start.point] + (route?.coordinates(in: graph) ?? []) + [end.point]
    }
}

extension RouteQuery {
    /// The best route (fastest, or shortest for a distance metric) between two snapped positions, starting and
    /// ending mid-edge; nil when unreachable.
    ///
    /// Leaves the start along its edge in either permitted direction and reaches the end from either
    /// permitted side; partial edges cost their fraction of the edge's weight.
    public mutating func route(from start: SnapResult, to end: SnapResult) -> SnappedRoute? {
        let weights = metric.edgeWeights, times = metric.travelTimeDeciseconds
        /// The cost, travel time and length of a fraction of an edge, or nil when the edge is closed.
        func partial(_ edge: EdgeID, _ fraction: Double) -> PartialEdge? {
            guard weights[edge.index] != RoadGraph.infiniteWeight else { return nil }
            let share = min(max(fraction, 0), 1)
            return PartialEdge(cost: UInt32((Double(weights[edge.index]) * share).rounded()),
                               deciseconds: UInt64((Double(times[edge.index]) * share).rounded()),
                               metres: Double(graph.lengthDecimetres[edge.index]) / 10 * share)
        }
        guard graph.contains(start.tail), graph.contains(end.tail), start.edge.index < graph.edgeCount,
              end.edge.index < graph.edgeCount else { return nil }
        // Express the end on the start's edge, if they share a road segment.
        var direct: (cost: UInt32, route: SnappedRoute)?
        let endOnStartEdge: Double? = end.edge == start.edge ? end.fraction
            : end.edge == start.reverseEdge ? 1 - end.fraction : nil
        if let position = endOnStartEdge {
            let along: PartialEdge? = if position >= start.fraction {
                partial(start.edge, position - start.fraction)
            } else if let back = start.reverseEdge {
                partial(back, start.fraction - position)
            } else {
                nil
            }
            if let along {
                direct = (along.cost, SnappedRoute(start: start, end: end, route: nil,
                                                   travelTimeDeciseconds: along.deciseconds, lengthMetres: along.metres))
            }
        }
        // Ways to leave the start and to reach the end: a graph node and the partial edge to or from it.
        var exits: [(node: NodeID, part: PartialEdge)] = []
        if let part = partial(start.edge, 1 - start.fraction) { exits.append((start.head, part)) }
        if let back = start.reverseEdge, let part = partial(back, start.fraction) { exits.append((start.tail, part)) }
        var entries: [(node: NodeID, part: PartialEdge)] = []
        if let part = partial(end.edge, end.fraction) { entries.append((end.tail, part)) }
        if let back = end.reverseEdge, let part = partial(back, 1 - end.fraction) { entries.append((end.head, part)) }
        guard !exits.isEmpty, !entries.isEmpty else { return direct?.route }
        reset()
        let exitRanks = exits.map { sourceRank($0.node) }
        searchUp(from: exitRanks, offsets: exits.map(\.part.cost), forward: true)
        var entryRanks: [UInt32] = [], entryCosts: [UInt32] = []
        for entry in entries {
            for rank in targetRanks(entry.node) {
                entryRanks.append(rank)
                entryCosts.append(entry.part.cost)
            }
        }
        searchUp(from: entryRanks, offsets: entryCosts, forward: false)
        guard let meeting = meet(from: exitRanks) else { return direct?.route }
        if let direct, direct.cost <= meeting.distance { return direct.route }
        let path = unpack(meeting: meeting.node)
        let firstNode = NodeID(hierarchy.order[Int(path.first)])
        let lastNode = NodeID(hierarchy.order[Int(path.last)])
        guard let exit = exits.first(where: { sourceRank($0.node) == path.first }),
              let entry = entries.first(where: { graph.canonical($0.node) == graph.canonical(lastNode) }) else {
            return direct?.route
        }
        let route = Route(source: firstNode, edges: path.edges, graph: graph, weights: times)
        return SnappedRoute(start: start, end: end, route: route,
                            travelTimeDeciseconds: exit.part.deciseconds + route.travelTimeDeciseconds + entry.part.deciseconds,
                            lengthMetres: exit.part.metres + route.lengthMetres + entry.part.metres)
    }
}

/// A fraction of an edge at either end of a snapped route.
private struct PartialEdge {
    /// Its share of the edge's weight under the metric routed by.
    var cost: UInt32
    /// Its share of the edge's travel time.
    var deciseconds: UInt64
    /// Its share of the edge's length.
    var metres: Double
}
