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
    /// Leaves the start along its segment in either permitted direction and reaches the end from either
    /// permitted side; partial edges cost their fraction of the edge's weight. Turn restrictions hold on the
    /// partial edges too: the search starts at the exact node the start's edge leads to, which may be a
    /// turn-restriction copy, and ends only on edges that drive onto the end's segment.
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
        guard graph.contains(start.tail), graph.contains(start.head), graph.contains(end.tail), graph.contains(end.head),
              start.edge.index < graph.edgeCount, end.edge.index < graph.edgeCount,
              start.reverseEdge.map({ $0.index < graph.edgeCount }) ?? true,
              end.reverseEdge.map({ $0.index < graph.edgeCount }) ?? true else { return nil }
        let direct = directRoute(from: start, to: end, partial: partial)
        // Ways to leave the start: the node its edge (or reverse edge) leads to, as it is. That node may be a
        // copy that permits only some turns, so it must not be folded to the canonical node.
        var exits: [(node: NodeID, part: PartialEdge)] = []
        if let part = partial(start.edge, 1 - start.fraction) { exits.append((graph.head(of: start.edge), part)) }
        if let back = start.reverseEdge, let part = partial(back, start.fraction) {
            exits.append((graph.head(of: back), part))
        }
        // Ways to reach the end: each edge that drives onto its segment, from the node (or copy) it leaves. A copy
        // whose permitted turns exclude the segment has no such edge, so arriving there does not count.
        var entries: [(node: NodeID, part: PartialEdge)] = []
        for (tail, edge) in Self.driving(end.edge, from: end.tail, graph: graph) {
            if let part = partial(edge, end.fraction) { entries.append((tail, part)) }
        }
        if let back = end.reverseEdge {
            for (tail, edge) in Self.driving(back, from: end.head, graph: graph) {
                if let part = partial(edge, 1 - end.fraction) { entries.append((tail, part)) }
            }
        }
        guard !exits.isEmpty, !entries.isEmpty else { return direct?.route }
        reset()
        let exitRanks = exits.map { hierarchy.rank[$0.node.index] }
        searchUp(from: exitRanks, offsets: exits.map(\.part.cost), forward: true)
        searchUp(from: entries.map { hierarchy.rank[$0.node.index] }, offsets: entries.map(\.part.cost), forward: false)
        guard let meeting = meet(from: exitRanks) else { return direct?.route }
        if let direct, direct.cost <= meeting.distance { return direct.route }
        let path = unpack(meeting: meeting.node)
        let firstNode = NodeID(hierarchy.order[Int(path.first)])
        let lastNode = NodeID(hierarchy.order[Int(path.last)])
        guard let exit = exits.first(where: { $0.node == firstNode }),
              let entry = entries.first(where: { $0.node == lastNode }) else {
            return direct?.route
        }
        let route = Route(source: firstNode, edges: path.edges, graph: graph, weights: times)
        return SnappedRoute(start: start, end: end, route: route,
                            travelTimeDeciseconds: exit.part.deciseconds + route.travelTimeDeciseconds + entry.part.deciseconds,
                            lengthMetres: exit.part.metres + route.lengthMetres + entry.part.metres)
    }

    /// The route along the one segment both ends lie on, without passing a node; nil when they lie on different
    /// segments or the segment cannot be driven from start to end.
    ///
    /// No junction is crossed, so no turn restriction applies. Segments are compared by canonical endpoints,
    /// because the two ends may carry different edges (or copies) of the same segment.
    private func directRoute(from start: SnapResult, to end: SnapResult,
                             partial: (EdgeID, Double) -> PartialEdge?) -> (cost: UInt32, route: SnappedRoute)? {
        let startTail = graph.canonical(start.tail), startHead = graph.canonical(start.head)
        let endTail = graph.canonical(end.tail), endHead = graph.canonical(end.head)
        // The end's position measured from the start's tail.
        let position: Double
        if endTail == startTail, endHead == startHead {
            position = end.fraction
        } else if endTail == startHead, endHead == startTail {
            position = 1 - end.fraction
        } else {
            return nil
        }
        let along: PartialEdge? = if position >= start.fraction {
            partial(start.edge, position - start.fraction)
        } else if let back = start.reverseEdge {
            partial(back, start.fraction - position)
        } else {
            nil
        }
        return along.map {
            ($0.cost, SnappedRoute(start: start, end: end, route: nil, travelTimeDeciseconds: $0.deciseconds,
                                   lengthMetres: $0.metres))
        }
    }

    /// The edges that drive the same segment and direction as `edge`, each with the node it leaves from;
    /// `tail` is `edge`'s tail or a node equivalent to it.
    ///
    /// Just `edge` when `tail` has no turn-restriction copies, since it is then the only node the segment can be
    /// driven from; so the common case looks nothing up.
    private static func driving(_ edge: EdgeID, from tail: NodeID, graph: RoadGraph) -> [(tail: NodeID, edge: EdgeID)] {
        graph.isSplit(tail) ? graph.segmentEdges(from: tail, to: graph.head(of: edge)) : [(tail, edge)]
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
