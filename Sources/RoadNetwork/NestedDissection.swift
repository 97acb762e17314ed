import Foundation

/// A metric-independent contraction order by geometric nested dissection.
///
/// Each part is split at the median along the best of four directions (east, north, two diagonals);
/// the smaller boundary of the cut becomes the separator, which is ordered after both halves.
enum NestedDissection {
    /// Parts this small are ordered as they are.
    static let leafSize = 4

    /// Returns the nodes in contraction order (first contracted first).
    static func order(graph: RoadGraph, adjacencyFirst: [UInt32], adjacency: [UInt32]) -> [UInt32] {
        var state = State(graph: graph, adjacencyFirst: adjacencyFirst, adjacency: adjacency)
        var pending: [(nodes: [UInt32], separatorAfter: [UInt32]?)] = []
        // Iterative post-order: left half, right half, then separator.
        var output: [UInt32] = []
        output.reserveCapacity(graph.nodeCount)
        pending.append((Array(0..<UInt32(graph.nodeCount)), nil))
        while let item = pending.popLast() {
            if let separator = item.separatorAfter {
                output.append(contentsOf: separator)
                continue
            }
            if item.nodes.count <= leafSize {
                output.append(contentsOf: item.nodes)
                continue
            }
            let (left, right, separator) = state.split(item.nodes)
            pending.append(([], separator))
            pending.append((right, nil))
            pending.append((left, nil))
        }
        return output
    }

    private struct State {
        let adjacencyFirst: [UInt32]
        let adjacency: [UInt32]
        let keys: [[Double]]
        var mark: [UInt32]
        var side: [UInt8]
        var stamp: UInt32 = 0

        init(graph: RoadGraph, adjacencyFirst: [UInt32], adjacency: [UInt32]) {
            self.adjacencyFirst = adjacencyFirst
            self.adjacency = adjacency
            let meanLatitude = graph.latitude.reduce(0, +) / Double(max(graph.nodeCount, 1))
            let kx = cos(meanLatitude * .pi / 180)
            let x = graph.longitude.map { $0 * kx }, y = graph.latitude
            keys = [x, y, zip(x, y).map { $0 + $1 }, zip(x, y).map { $0 - $1 }]
            mark = [UInt32](repeating: 0, count: graph.nodeCount)
            side = [UInt8](repeating: 0, count: graph.nodeCount)
        }

        mutating func split(_ nodes: [UInt32]) -> (left: [UInt32], right: [UInt32], separator: [UInt32]) {
            stamp += 1
            for node in nodes { mark[Int(node)] = stamp }
            var best: (sorted: [UInt32], separatorSide: UInt8, size: Int)?
            for key in keys {
                let sorted = nodes.sorted { (key[Int($0)], $0) < (key[Int($1)], $1) }
                let half = sorted.count / 2
                for (index, node) in sorted.enumerated() { side[Int(node)] = index < half ? 0 : 1 }
                var boundary = [0, 0]
                for node in sorted where hasNeighbourAcross(node) { boundary[Int(side[Int(node)])] += 1 }
                let separatorSide: UInt8 = boundary[0] <= boundary[1] ? 0 : 1
                let size = boundary[Int(separatorSide)]
                if best == nil || size < best!.size { best = (sorted, separatorSide, size) }
            }
            let chosen = best!
            let half = chosen.sorted.count / 2
            for (index, node) in chosen.sorted.enumerated() { side[Int(node)] = index < half ? 0 : 1 }
            var left: [UInt32] = [], right: [UInt32] = [], separator: [UInt32] = []
            for node in chosen.sorted {
                let nodeSide = side[Int(node)]
                if nodeSide == chosen.separatorSide && hasNeighbourAcross(node) {
                    separator.append(node)
                } else if nodeSide == 0 {
                    left.append(node)
                } else {
                    right.append(node)
                }
            }
            return (left, right, separator)
        }

        private func hasNeighbourAcross(_ node: UInt32) -> Bool {
            let mySide = side[Int(node)]
            for slot in Int(adjacencyFirst[Int(node)])..<Int(adjacencyFirst[Int(node) + 1]) {
                let other = Int(adjacency[slot])
                if mark[other] == stamp && side[other] != mySide { return true }
            }
            return false
        }
    }
}
