import Foundation

/// A metric-independent contraction order by geometric nested dissection.
///
/// Each part is split at the median along the best of four directions (east, north, two diagonals);
/// a minimum vertex cover of the cut edges (König's theorem) becomes the separator, ordered after both halves.
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
            var best: (sorted: [UInt32], separator: Set<UInt32>)?
            for key in keys {
                let sorted = nodes.sorted { (key[Int($0)], $0) < (key[Int($1)], $1) }
                let half = sorted.count / 2
                for (index, node) in sorted.enumerated() { side[Int(node)] = index < half ? 0 : 1 }
                let separator = minimumCutCover(sorted.prefix(half))
                if best == nil || separator.count < best!.separator.count { best = (sorted, separator) }
            }
            let chosen = best!
            let half = chosen.sorted.count / 2
            var left: [UInt32] = [], right: [UInt32] = [], separator: [UInt32] = []
            for (index, node) in chosen.sorted.enumerated() {
                if chosen.separator.contains(node) {
                    separator.append(node)
                } else if index < half {
                    left.append(node)
                } else {
                    right.append(node)
                }
            }
            return (left, right, separator)
        }

        /// A minimum set of nodes touching every edge between side 0 (`leftNodes`) and side 1.
        ///
        /// Maximum bipartite matching by augmenting paths, then König's construction.
        private func minimumCutCover(_ leftNodes: ArraySlice<UInt32>) -> Set<UInt32> {
            var leftIndex: [UInt32: Int] = [:], rightIndex: [UInt32: Int] = [:]
            var left: [UInt32] = [], right: [UInt32] = []
            var neighbours: [[Int]] = []
            for node in leftNodes {
                var adjacent: [Int] = []
                for slot in Int(adjacencyFirst[Int(node)])..<Int(adjacencyFirst[Int(node) + 1]) {
                    let other = adjacency[slot]
                    guard mark[Int(other)] == stamp, side[Int(other)] == 1 else { continue }
                    if rightIndex[other] == nil { rightIndex[other] = right.count; right.append(other) }
                    adjacent.append(rightIndex[other]!)
                }
                guard !adjacent.isEmpty else { continue }
                leftIndex[node] = left.count
                left.append(node)
                neighbours.append(adjacent)
            }
            guard !left.isEmpty else { return [] }
            var matchOfRight = [Int](repeating: -1, count: right.count)
            var matchOfLeft = [Int](repeating: -1, count: left.count)
            for start in left.indices {
                // Breadth-first search for an augmenting path from this free left node.
                var parentRight = [Int](repeating: -2, count: right.count)
                var queue = [start]
                var head = 0
                var freeRight = -1
                search: while head < queue.count {
                    let l = queue[head]
                    head += 1
                    for r in neighbours[l] where parentRight[r] == -2 {
                        parentRight[r] = l
                        if matchOfRight[r] == -1 { freeRight = r; break search }
                        queue.append(matchOfRight[r])
                    }
                }
                var r = freeRight
                while r != -1 {
                    let l = parentRight[r]
                    let previous = matchOfLeft[l]
                    matchOfLeft[l] = r
                    matchOfRight[r] = l
                    r = previous
                }
            }
            // König: Z = nodes reachable from free left nodes by alternating paths; cover = (L \ Z) ∪ (R ∩ Z).
            var visitedLeft = [Bool](repeating: false, count: left.count)
            var visitedRight = [Bool](repeating: false, count: right.count)
            var stack = left.indices.filter { matchOfLeft[$0] == -1 }
            for l in stack { visitedLeft[l] = true }
            while let l = stack.popLast() {
                for r in neighbours[l] where !visitedRight[r] && matchOfLeft[l] != r {
                    visitedRight[r] = true
                    let next = matchOfRight[r]
                    if next != -1, !visitedLeft[next] { visitedLeft[next] = true; stack.append(next) }
                }
            }
            var cover = Set<UInt32>()
            for l in left.indices where !visitedLeft[l] { cover.insert(left[l]) }
            for r in right.indices where visitedRight[r] { cover.insert(right[r]) }
            return cover
        }
    }
}
