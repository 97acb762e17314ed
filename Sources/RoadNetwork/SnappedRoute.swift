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
    /// The fastest route between two snapped positions, starting and ending mid-edge; nil when unreachable.
    ///
    /// Leaves the start along its edge in either permitted direction and reaches the end from either
    /// permitted side; partial edges cost their fraction of the edge's weight.
    public mutating func route(from start: SnapResult, to end: SnapResult) -> SnappedRoute? {
        let weights = metric.edgeWeights
        func partial(_ edge: EdgeID, _ fraction: Double) -> UInt32? {
            let weight = weights[edge.index]
            guard weight != RoadGraph.infiniteWeight else { return nil }
            return UInt32((Double(weight) * min(max(fraction, 0), 1)).rounded())
        }
        func partialLength(_ edge: EdgeID, _ fraction: Double) -> Double {
            Double(graph.lengthDecimetres[edge.index]) / 10 * min(max(fraction, 0), 1)
        }
        guard graph.contains(start.tail), graph.contains(end.tail), start.edge.index < graph.edgeCount,
              end.edge.index < graph.edgeCount else { return nil }
        // Express the end on the start's edge, if they share a road segment.
        var direct: SnappedRoute?
        let endOnStartEdge: Double? = end.edge == start.edge ? end.fraction
            : end.edge == start.reverseEdge ? 1 - end.fraction : nil
        if let position = endOnStartEdge {
            if position >= start.fraction, let time = partial(start.edge, position - start.fraction) {
                direct = SnappedRoute(start: start, end: end, route: nil, travelTimeDeciseconds: UInt64(time),
                                      lengthMetres: partialLength(start.edge, position - start.fraction))
            } else if let back = start.reverseEdge, position < start.fraction,
                      let time = partial(back, start.fraction - position) {
                direct = SnappedRoute(start: start, end: end, route: nil, travelTimeDeciseconds: UInt64(time),
                                      lengthMetres: partialLength(back, start.fraction - position))
            }
        }
        // Ways to leave the start: (graph node, cost, length of the partial edge).
        var exits: [(node: NodeID, cost: UInt32, metres: Double)] = []
        if let cost = partial(start.edge, 1 - start.fraction) {
            exits.append((start.head, cost, partialLength(start.edge, 1 - start.fraction)))
        }
        if let back = start.reverseEdge, let cost = partial(back, start.fraction) {
            exits.append((start.tail, cost, partialLength(back, start.fraction)))
        }
        var entries: [(node: NodeID, cost: UInt32, metres: Double)] = []
        if let cost = partial(end.edge, end.fraction) {
            entries.append((end.tail, cost, partialLength(end.edge, end.fraction)))
        }
        if let back = end.reverseEdge, let cost = partial(back, 1 - end.fraction) {
            entries.append((end.head, cost, partialLength(back, 1 - end.fraction)))
        }
        guard !exits.isEmpty, !entries.isEmpty else { return direct }
        reset()
        let exitRanks = exits.map { sourceRank($0.node) }
        searchUp(from: exitRanks, offsets: exits.map(\.cost), forward: true)
        var entryRanks: [UInt32] = [], entryCosts: [UInt32] = []
        for entry in entries {
            for rank in targetRanks(entry.node) {
                entryRanks.append(rank)
                entryCosts.append(entry.cost)
            }
        }
        searchUp(from: entryRanks, offsets: entryCosts, forward: false)
        guard let meeting = meet(from: exitRanks) else { return direct }
        if let direct, direct.travelTimeDeciseconds <= UInt64(meeting.distance) { return direct }
        let path = unpack(meeting: meeting.node)
        let firstNode = NodeID(hierarchy.order[Int(path.first)])
        let lastNode = NodeID(hierarchy.order[Int(path.last)])
        guard let exit = exits.first(where: { sourceRank($0.node) == path.first }),
              let entry = entries.first(where: { graph.canonical($0.node) == graph.canonical(lastNode) }) else {
            return direct
        }
        let route = Route(source: firstNode, edges: path.edges, graph: graph, weights: weights)
        return SnappedRoute(start: start, end: end, route: route, travelTimeDeciseconds: UInt64(meeting.distance),
                            lengthMetres: exit.metres + route.lengthMetres + entry.metres)
    }
}
