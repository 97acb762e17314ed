/// Edge weights applied to a ``ContractionHierarchy``: the arc weights a ``RouteQuery`` searches.
///
/// Make one with ``ContractionHierarchy/customize(weights:)``; re-customize whenever weights change.
public struct CHMetric: Sendable {
    /// The graph edge weights this metric minimises: tenths of a second for travel time, decimetres for length.
    public let edgeWeights: [UInt32]
    /// The travel time of each graph edge in tenths of a second, used to report a route's duration
    /// (the same array as ``edgeWeights`` for a travel-time metric).
    public let travelTimeDeciseconds: [UInt32]
    /// Weight of each arc upward (low rank → high rank).
    let upward: [UInt32]
    /// Weight of each arc downward (high rank → low rank).
    let downward: [UInt32]
    /// How each arc direction unpacks: a graph edge id, or a triangle index with ``viaTriangleBit`` set.
    let upwardVia: [UInt32]
    let downwardVia: [UInt32]

    static let viaTriangleBit: UInt32 = 1 << 31
    static let none = UInt32.max

    /// The same customization reporting other travel times (live traffic that closed nothing new).
    func reporting(travelTimeDeciseconds: [UInt32]) -> CHMetric {
        CHMetric(edgeWeights: edgeWeights, travelTimeDeciseconds: travelTimeDeciseconds, upward: upward,
                 downward: downward, upwardVia: upwardVia, downwardVia: downwardVia)
    }
}

extension ContractionHierarchy {
    /// Applies edge weights (``RoadGraph/infiniteWeight`` closes an edge).
    ///
    /// Cost is one pass over the hierarchy's triangles: milliseconds for a city.
    /// - Parameters:
    ///   - weights: What routes minimise, per graph edge: travel time in tenths of a second, or any other
    ///     additive cost such as length in decimetres.
    ///   - travelTimeDeciseconds: Edge travel times for reporting durations; nil when `weights` are travel times.
    public func customize(weights: [UInt32], travelTimeDeciseconds: [UInt32]? = nil) throws(RoadGraphError) -> CHMetric {
        guard weights.count == graphEdgeCount else {
            throw .weightCountMismatch(expected: graphEdgeCount, actual: weights.count)
        }
        if let times = travelTimeDeciseconds, times.count != graphEdgeCount {
            throw .weightCountMismatch(expected: graphEdgeCount, actual: times.count)
        }
        let infinity = RoadGraph.infiniteWeight
        var upward = [UInt32](repeating: infinity, count: arcCount)
        var downward = upward
        var upwardVia = [UInt32](repeating: CHMetric.none, count: arcCount)
        var downwardVia = upwardVia
        for edge in 0..<graphEdgeCount {
            let weight = weights[edge]
            guard weight != infinity else { continue }
            let packed = edgeArc[edge]
            let arc = Int(packed & ~ContractionHierarchy.downwardBit)
            if packed & ContractionHierarchy.downwardBit == 0 {
                if weight < upward[arc] { upward[arc] = weight; upwardVia[arc] = UInt32(edge) }
            } else {
                if weight < downward[arc] { downward[arc] = weight; downwardVia[arc] = UInt32(edge) }
            }
        }
        triangles.withUnsafeBufferPointer { triangles in
            var index = 0
            var triangle: UInt32 = 0
            while index < triangles.count {
                let uv = Int(triangles[index]), uw = Int(triangles[index + 1]), vw = Int(triangles[index + 2])
                // v → u → w improves v → w (upward on vw); w → u → v improves w → v (downward on vw).
                let up = saturatingSum(downward[uv], upward[uw])
                if up < upward[vw] { upward[vw] = up; upwardVia[vw] = triangle | CHMetric.viaTriangleBit }
                let down = saturatingSum(downward[uw], upward[uv])
                if down < downward[vw] { downward[vw] = down; downwardVia[vw] = triangle | CHMetric.viaTriangleBit }
                index += 3
                triangle += 1
            }
        }
        return CHMetric(edgeWeights: weights, travelTimeDeciseconds: travelTimeDeciseconds ?? weights, upward: upward, downward: downward,
                        upwardVia: upwardVia, downwardVia: downwardVia)
    }

    /// Appends the graph edges an arc stands for, in travel order.
    func unpack(arc: Int, upward: Bool, metric: CHMetric, into edges: inout [EdgeID]) {
        var stack: [(arc: Int, upward: Bool)] = [(arc, upward)]
        while let (arc, isUpward) = stack.popLast() {
            let via = isUpward ? metric.upwardVia[arc] : metric.downwardVia[arc]
            precondition(via != CHMetric.none, "unpacking an arc without a path")
            if via & CHMetric.viaTriangleBit == 0 {
                edges.append(EdgeID(via))
                continue
            }
            let triangle = Int(via & ~CHMetric.viaTriangleBit) * 3
            let uv = Int(triangles[triangle]), uw = Int(triangles[triangle + 1])
            // Push in reverse travel order.
            if isUpward {
                stack.append((uw, true))   // then u → w
                stack.append((uv, false))  // first v → u
            } else {
                stack.append((uv, true))   // then u → v
                stack.append((uw, false))  // first w → u
            }
        }
    }
}

/// `a + b`, or ``RoadGraph/infiniteWeight`` when either is infinite or the sum overflows.
@inline(__always)
func saturatingSum(_ a: UInt32, _ b: UInt32) -> UInt32 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow || sum == RoadGraph.infiniteWeight ? RoadGraph.infiniteWeight : sum
}
