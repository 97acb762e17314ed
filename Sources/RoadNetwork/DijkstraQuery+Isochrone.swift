extension DijkstraQuery {
    /// Every node reachable within a time budget from the nearest of several sources, with its travel time.
    ///
    /// With one source this is an isochrone; with all stations of an agency it is their coverage area.
    /// Nodes come back in order of increasing travel time, as canonical nodes (turn-restriction copies folded in).
    /// - Parameter limitDeciseconds: The budget in tenths of a second (inclusive).
    public mutating func reachable(from sources: [NodeID], withinDeciseconds limitDeciseconds: UInt32)
        -> [(node: NodeID, travelTimeDeciseconds: UInt32)] {
        var result: [(node: NodeID, travelTimeDeciseconds: UInt32)] = []
        var seen = Set<UInt32>()
        let graph = self.graph
        let starts = sources.filter(graph.contains).map(graph.canonical)
        settle(from: starts, limit: limitDeciseconds) { node, time in
            let canonical = graph.canonical(node)
            if seen.insert(canonical.rawValue).inserted { result.append((canonical, time)) }
            return false
        }
        return result
    }
}
