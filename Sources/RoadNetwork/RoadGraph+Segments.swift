extension RoadGraph {
    /// The edges that drive one road segment in one direction: every edge from a node equivalent to `tail` to a
    /// node equivalent to `head`, lowest id first, each with the node it leaves from.
    ///
    /// Splitting a via node turns one segment into several edges. Arrivals over a restricted `from` way end at
    /// a copy of the via node instead of the node itself, and every copy of the segment's start that may turn
    /// onto the segment leaves over an edge of its own. All of them end at the same node, since an edge's head
    /// is decided by the segment alone. So a position on a segment is reached over any of these edges, but
    /// only from the copy each one leaves from.
    /// - Note: Parallel edges between two nodes are merged when a graph is built, so the canonical endpoints
    ///   name one segment and direction.
    public func segmentEdges(from tail: NodeID, to head: NodeID) -> [(tail: NodeID, edge: EdgeID)] {
        let target = canonicalNode[head.index]
        var found: [(tail: NodeID, edge: EdgeID)] = []
        for node in isSplit(tail) ? equivalentNodes(of: tail) : [tail] {
            for edge in edges(from: node) where canonicalNode[Int(self.head[edge.index])] == target {
                found.append((node, edge))
            }
        }
        return found
    }

    /// The lowest-id edge driving a road segment in one direction (see ``segmentEdges(from:to:)``), or nil
    /// when the segment cannot be driven that way.
    public func firstSegmentEdge(from tail: NodeID, to head: NodeID) -> EdgeID? {
        guard isSplit(tail) else {
            // The common case, without allocating: one node to look at.
            let target = canonicalNode[head.index]
            return edges(from: tail).first { canonicalNode[Int(self.head[$0.index])] == target }
        }
        return segmentEdges(from: tail, to: head).first?.edge
    }
}
