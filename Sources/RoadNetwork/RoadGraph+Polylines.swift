extension RoadGraph {
    /// One drawable stretch of road: consecutive segments of one OSM way.
    public struct Polyline: Hashable, Sendable {
        /// The OSM way the stretch belongs to.
        public var way: Int64
        /// The canonical nodes along the stretch, at least two.
        public var nodes: [NodeID]
    }

    /// The roads as polylines for drawing: each way's segments chained end to end.
    ///
    /// Both directions of a two-way segment appear once, turn-restriction copies are folded into their
    /// canonical node, and a way breaks into several polylines only where it branches or has gaps.
    /// Ways come in order of their first edge, so the output is deterministic.
    public func polylines() -> [Polyline] {
        var segments: [Int64: [(UInt32, UInt32)]] = [:]
        var wayOrder: [Int64] = []
        var seen = Set<SegmentKey>()
        for tail in 0..<nodeCount {
            let from = canonicalNode[tail]
            for edge in edges(from: NodeID(tail)) {
                let to = canonicalNode[Int(head[edge.index])]
                guard from != to else { continue }
                let way = wayID[edge.index]
                guard seen.insert(SegmentKey(way: way, low: min(from, to), high: max(from, to))).inserted else { continue }
                if segments[way] == nil { wayOrder.append(way) }
                segments[way, default: []].append((from, to))
            }
        }
        return wayOrder.flatMap { way in
            Self.chain(segments[way] ?? []).map { Polyline(way: way, nodes: $0.map(NodeID.init)) }
        }
    }

    private struct SegmentKey: Hashable {
        var way: Int64, low: UInt32, high: UInt32
    }

    /// Joins undirected segments into maximal paths that break only at nodes not of degree two.
    private static func chain(_ segments: [(UInt32, UInt32)]) -> [[UInt32]] {
        var incident: [UInt32: [Int]] = [:]
        var nodeOrder: [UInt32] = []
        for (index, (a, b)) in segments.enumerated() {
            for node in [a, b] {
                if incident[node] == nil { nodeOrder.append(node) }
                incident[node, default: []].append(index)
            }
        }
        var used = [Bool](repeating: false, count: segments.count)
        var paths: [[UInt32]] = []
        func walk(from start: UInt32) {
            for first in incident[start] ?? [] where !used[first] {
                var path = [start]
                var node = start
                var next: Int? = first
                while let segment = next {
                    used[segment] = true
                    let (a, b) = segments[segment]
                    node = a == node ? b : a
                    path.append(node)
                    let around = incident[node] ?? []
                    next = around.count == 2 ? around.first { !used[$0] } : nil
                }
                paths.append(path)
            }
        }
        for node in nodeOrder where incident[node]?.count != 2 { walk(from: node) }
        for node in nodeOrder { walk(from: node) }
        return paths
    }
}
