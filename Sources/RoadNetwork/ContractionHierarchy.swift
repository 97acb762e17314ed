/// The metric-independent part of a customizable contraction hierarchy (CCH) over a ``RoadGraph``.
///
/// Built once per graph from a nested-dissection order; any set of edge weights (free flow, live traffic,
/// closures) is then applied in milliseconds with ``customize(weights:)``, and queries run on the result.
/// Internally every node is identified by its rank; arcs go from lower to higher rank.
/// - Note: Routing is exact for the given weights; turn restrictions are honoured through the graph (see
///   ``RoadGraph/canonicalNode``).
public struct ContractionHierarchy: Sendable {
    /// Number of nodes (same as the graph's).
    public let nodeCount: Int
    /// Number of edges of the graph the hierarchy was built for.
    public let graphEdgeCount: Int
    /// The rank of each graph node (its position in the contraction order).
    let rank: [UInt32]
    /// The graph node at each rank.
    let order: [UInt32]
    /// Upward arcs in forward-star form, indexed by rank; heads are ranks, sorted ascending.
    let upFirstOut: [UInt32]
    let upHead: [UInt32]
    /// The lower endpoint of each arc.
    let arcTail: [UInt32]
    /// The elimination-tree parent of each rank (its lowest upward neighbour), or `UInt32.max` for roots.
    let parent: [UInt32]
    /// Lower triangles as triples of arcs (u→v, u→w, v→w) with rank u < v < w, sorted by u.
    let triangles: [UInt32]
    /// For each graph edge, the arc it lies on, with bit 31 set when it runs downward (high → low rank).
    let edgeArc: [UInt32]

    static let downwardBit: UInt32 = 1 << 31

    /// Number of arcs in the hierarchy (graph edges plus shortcuts, undirected).
    public var arcCount: Int { upHead.count }
    /// Number of lower triangles processed by each customization.
    public var triangleCount: Int { triangles.count / 3 }
    /// The height of the elimination tree, which bounds the work of one query.
    public var eliminationTreeHeight: Int {
        var depth = [Int](repeating: 1, count: nodeCount)
        var height = 0
        for node in stride(from: nodeCount - 1, through: 0, by: -1) {
            if parent[node] != UInt32.max { depth[node] = depth[Int(parent[node])] + 1 }
            height = max(height, depth[node])
        }
        return height
    }

    /// Builds the hierarchy's topology for a graph; weights are applied later by ``customize(weights:)``.
    ///
    /// - Parameter progress: Called with a stage name and its completed fraction.
    public static func build(graph: RoadGraph, progress: ((String, Double) -> Void)? = nil) -> ContractionHierarchy {
        let n = graph.nodeCount
        let tails = graph.tails()
        // Undirected simple adjacency.
        var pairs: [UInt64] = []
        pairs.reserveCapacity(graph.edgeCount * 2)
        for edge in 0..<graph.edgeCount {
            let a = UInt64(tails[edge]), b = UInt64(graph.head[edge])
            pairs.append(a << 32 | b)
            pairs.append(b << 32 | a)
        }
        pairs.sort()
        var adjacencyFirst = [UInt32](repeating: 0, count: n + 1)
        var adjacency: [UInt32] = []
        var previous = UInt64.max
        for pair in pairs where pair != previous {
            previous = pair
            adjacencyFirst[Int(pair >> 32) + 1] += 1
            adjacency.append(UInt32(truncatingIfNeeded: pair))
        }
        for node in 0..<n { adjacencyFirst[node + 1] += adjacencyFirst[node] }
        let order = NestedDissection.order(graph: graph, adjacencyFirst: adjacencyFirst, adjacency: adjacency)
        progress?("order", 1)
        var rank = [UInt32](repeating: 0, count: n)
        for (position, node) in order.enumerated() { rank[Int(node)] = UInt32(position) }

        // Chordal completion: contracting u links its upward neighbours; pass them to the lowest one.
        var up = [[UInt32]](repeating: [], count: n)
        for node in 0..<n {
            let r = Int(rank[node])
            for slot in Int(adjacencyFirst[node])..<Int(adjacencyFirst[node + 1]) {
                let other = rank[Int(adjacency[slot])]
                if other > UInt32(r) { up[r].append(other) }
            }
            up[r].sort()
        }
        var parent = [UInt32](repeating: UInt32.max, count: n)
        for r in 0..<n {
            guard let lowest = up[r].first else { continue }
            parent[r] = lowest
            if up[r].count > 1 { up[Int(lowest)] = sortedUnion(up[Int(lowest)], up[r].dropFirst()) }
            if r % 4096 == 0 { progress?("contract", Double(r) / Double(n)) }
        }
        progress?("contract", 1)
        var upFirstOut = [UInt32](repeating: 0, count: n + 1)
        for r in 0..<n { upFirstOut[r + 1] = upFirstOut[r] + UInt32(up[r].count) }
        let upHead = up.flatMap { $0 }
        var arcTail = [UInt32](repeating: 0, count: upHead.count)
        for r in 0..<n { for arc in Int(upFirstOut[r])..<Int(upFirstOut[r + 1]) { arcTail[arc] = UInt32(r) } }
        up = []

        // Lower triangles: for each u and each pair v < w of its upward neighbours, arc v→w exists.
        var triangles: [UInt32] = []
        for u in 0..<n {
            let first = Int(upFirstOut[u]), last = Int(upFirstOut[u + 1])
            for i in first..<last {
                let v = Int(upHead[i])
                var k = Int(upFirstOut[v])
                for j in (i + 1)..<last {
                    while upHead[k] != upHead[j] { k += 1 }
                    triangles.append(UInt32(i))
                    triangles.append(UInt32(j))
                    triangles.append(UInt32(k))
                }
            }
        }
        progress?("triangles", 1)

        var edgeArc = [UInt32](repeating: 0, count: graph.edgeCount)
        for edge in 0..<graph.edgeCount {
            let a = rank[Int(tails[edge])], b = rank[Int(graph.head[edge])]
            let (low, high) = a < b ? (a, b) : (b, a)
            let range = Int(upFirstOut[Int(low)])..<Int(upFirstOut[Int(low) + 1])
            let arc = UInt32(binarySearch(upHead, in: range, for: high))
            edgeArc[edge] = a < b ? arc : arc | downwardBit
        }
        return ContractionHierarchy(
            nodeCount: n, graphEdgeCount: graph.edgeCount, rank: rank, order: order,
            upFirstOut: upFirstOut, upHead: upHead, arcTail: arcTail, parent: parent,
            triangles: triangles, edgeArc: edgeArc)
    }

    private static func sortedUnion(_ a: [UInt32], _ b: ArraySlice<UInt32>) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(a.count + b.count)
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex || j < b.endIndex {
            if j == b.endIndex || (i < a.endIndex && a[i] < b[j]) {
                result.append(a[i]); i += 1
            } else if i == a.endIndex || b[j] < a[i] {
                result.append(b[j]); j += 1
            } else {
                result.append(a[i]); i += 1; j += 1
            }
        }
        return result
    }

    private static func binarySearch(_ array: [UInt32], in range: Range<Int>, for value: UInt32) -> Int {
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if array[middle] < value { low = middle + 1 } else { high = middle }
        }
        precondition(low < range.upperBound && array[low] == value, "edge missing from hierarchy")
        return low
    }
}
