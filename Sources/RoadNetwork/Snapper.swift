import Foundation
import Geo

/// Where a coordinate meets the road network: the nearest point on the nearest edge.
///
/// - Note: `tail` and `head` are the ends of `edge`, so either may be a turn-restriction copy (see
///   ``RoadGraph/canonicalNode``). Keep them as they are: a copy carries the turns permitted on leaving the
///   segment. Node queries from ``nearestNode`` accept copies too.
public struct SnapResult: Hashable, Sendable {
    /// The directed edge snapped onto.
    public var edge: EdgeID
    /// An edge driving the same segment in the opposite direction, when the road is two-way.
    ///
    /// It runs from `head`'s place to `tail`'s place, but either of its ends may be a different turn-restriction
    /// copy than `head` and `tail` (see ``RoadGraph/segmentEdges(from:to:)``).
    public var reverseEdge: EdgeID?
    /// The edge's start node.
    public var tail: NodeID
    /// The edge's end node.
    public var head: NodeID
    /// Position along the edge from tail (0) to head (1).
    public var fraction: Double
    /// The snapped point on the road.
    public var point: GeoPoint
    /// Great-circle distance from the query point to the snapped point, in metres.
    public var distanceMetres: Double

    /// Creates a snap result from its parts.
    public init(edge: EdgeID, reverseEdge: EdgeID?, tail: NodeID, head: NodeID, fraction: Double, point: GeoPoint,
                distanceMetres: Double) {
        self.edge = edge
        self.reverseEdge = reverseEdge
        self.tail = tail
        self.head = head
        self.fraction = fraction
        self.point = point
        self.distanceMetres = distanceMetres
    }

    /// The edge endpoint nearer to the snapped point.
    public var nearestNode: NodeID { fraction <= 0.5 ? tail : head }
}

/// Finds the nearest road segment to any coordinate, through a uniform grid over the graph.
///
/// - Note: Distances are computed in a local equirectangular projection (accurate to well under 1 % within a
///   city) and reported as great-circle metres.
public struct Snapper: Sendable {
    /// The graph snapped onto.
    public let graph: RoadGraph
    /// Grid cell edge length in metres.
    public let cellSizeMetres: Double
    private let tails: [UInt32]
    private let reverse: [UInt32]
    private let x: [Double], y: [Double]
    private let originX: Double, originY: Double
    private let metresPerDegreeLongitude: Double
    private let columns: Int, rows: Int
    private let cellFirst: [UInt32]
    private let cellEdges: [UInt32]

    private static let metresPerDegree = GreatCircle.earthRadiusMetres * .pi / 180

    /// The most grid cells an index allocates; larger areas get coarser cells.
    public static let maxCells = 4_000_000

    /// Indexes every road segment of a graph (each two-way road once).
    ///
    /// - Parameter cellSizeMetres: The requested cell size; raised if the graph's area would need more than
    ///   ``maxCells`` cells.
    public init(graph: RoadGraph, cellSizeMetres: Double = 100) {
        self.graph = graph
        tails = graph.tails()
        let referenceLatitude = graph.nodeCount == 0 ? 0 : (graph.latitude.min()! + graph.latitude.max()!) / 2
        metresPerDegreeLongitude = Self.metresPerDegree * cos(referenceLatitude * .pi / 180)
        x = graph.longitude.map { [metresPerDegreeLongitude] in $0 * metresPerDegreeLongitude }
        y = graph.latitude.map { $0 * Self.metresPerDegree }
        originX = x.min() ?? 0
        originY = y.min() ?? 0
        let area = ((x.max() ?? 0) - originX + 1) * ((y.max() ?? 0) - originY + 1)
        let requested = cellSizeMetres.isFinite ? max(cellSizeMetres, 1) : 100
        self.cellSizeMetres = max(requested, (area / Double(Self.maxCells)).squareRoot())
        columns = Int(((x.max() ?? 0) - originX) / self.cellSizeMetres) + 1
        rows = Int(((y.max() ?? 0) - originY) / self.cellSizeMetres) + 1
        // One edge stands for each segment and direction: the lowest-id one of the segment's edges. Turn-restriction
        // copies drive the same segments again, and an arrival towards a split via node ends at a copy, so
        // both the representative and its reverse are matched by canonical endpoints, not by node ids.
        var reverse = [UInt32](repeating: UInt32.max, count: graph.edgeCount)
        var represents = [Bool](repeating: false, count: graph.edgeCount)
        for edge in 0..<graph.edgeCount {
            let tail = NodeID(tails[edge])
            let head = graph.head(of: EdgeID(edge))
            guard graph.firstSegmentEdge(from: tail, to: head) == EdgeID(edge) else { continue }
            represents[edge] = true
            if let back = graph.firstSegmentEdge(from: head, to: tail) { reverse[edge] = back.rawValue }
        }
        self.reverse = reverse
        // Bucket each segment into every cell its bounding box covers (two passes: count, then fill).
        var cells: [(cell: Int, edge: UInt32)] = []
        for edge in 0..<graph.edgeCount
        where represents[edge] && (reverse[edge] == UInt32.max || reverse[edge] > UInt32(edge)) {
            let a = Int(tails[edge]), b = Int(graph.head[edge])
            let c0 = Int((min(x[a], x[b]) - originX) / self.cellSizeMetres)
            let c1 = Int((max(x[a], x[b]) - originX) / self.cellSizeMetres)
            let r0 = Int((min(y[a], y[b]) - originY) / self.cellSizeMetres)
            let r1 = Int((max(y[a], y[b]) - originY) / self.cellSizeMetres)
            for row in r0...r1 { for column in c0...c1 { cells.append((row * columns + column, UInt32(edge))) } }
        }
        cells.sort { ($0.cell, $0.edge) < ($1.cell, $1.edge) }
        var cellFirst = [UInt32](repeating: 0, count: columns * rows + 1)
        for entry in cells { cellFirst[entry.cell + 1] += 1 }
        for cell in 0..<(columns * rows) { cellFirst[cell + 1] += cellFirst[cell] }
        self.cellFirst = cellFirst
        cellEdges = cells.map(\.edge)
    }

    /// The nearest point on any road within `maxDistanceMetres`, or nil when there is none.
    public func snap(_ point: GeoPoint, maxDistanceMetres: Double = 1_000) -> SnapResult? {
        guard point.isValid, graph.nodeCount > 0 else { return nil }
        let px = point.longitude * metresPerDegreeLongitude, py = point.latitude * Self.metresPerDegree
        let column = Int(((px - originX) / cellSizeMetres).rounded(.down))
        let row = Int(((py - originY) / cellSizeMetres).rounded(.down))
        var best: (edge: Int, fraction: Double, squared: Double)?
        guard maxDistanceMetres >= 0, !maxDistanceMetres.isNaN else { return nil }
        // Rings before `firstRing` miss the grid; rings after `lastRing` are beyond reach or past the grid.
        let firstRing = max(0, -column, column - (columns - 1), -row, row - (rows - 1))
        let gridRing = max(abs(column), abs(column - columns), abs(row), abs(row - rows)) + 1
        let reachRing = Int(min(maxDistanceMetres, 1e8) / cellSizeMetres) + 2
        let lastRing = min(gridRing, reachRing)
        guard firstRing <= lastRing else { return nil }
        for ring in firstRing...lastRing {
            // Every cell of ring `ring + 1` is at least `ring` cells away, so stop once best is within that.
            if let best, best.squared.squareRoot() <= Double(ring - 1) * cellSizeMetres { break }
            let lowRow = row - ring, highRow = row + ring, lowColumn = column - ring, highColumn = column + ring
            for r in max(lowRow, 0)...min(highRow, rows - 1) {
                let fullRow = r == lowRow || r == highRow
                var c = max(lowColumn, 0)
                while c <= min(highColumn, columns - 1) {
                    let cell = r * columns + c
                    for slot in Int(cellFirst[cell])..<Int(cellFirst[cell + 1]) {
                        let edge = Int(cellEdges[slot])
                        let (fraction, squared) = project(px, py, edge: edge)
                        if best == nil || squared < best!.squared || (squared == best!.squared && edge < best!.edge) {
                            best = (edge, fraction, squared)
                        }
                    }
                    c += (fullRow || c == highColumn) ? 1 : max(1, highColumn - c)
                }
            }
        }
        guard let best else { return nil }
        let a = Int(tails[best.edge]), b = Int(graph.head[best.edge])
        let snapped = GeoPoint(
            latitude: graph.latitude[a] + (graph.latitude[b] - graph.latitude[a]) * best.fraction,
            longitude: graph.longitude[a] + (graph.longitude[b] - graph.longitude[a]) * best.fraction)
        let distance = GreatCircle.distanceMetres(point, snapped)
        guard distance <= maxDistanceMetres else { return nil }
        let back = reverse[best.edge]
        return SnapResult(edge: EdgeID(best.edge), reverseEdge: back == UInt32.max ? nil : EdgeID(back),
                          tail: NodeID(a), head: NodeID(b), fraction: best.fraction, point: snapped,
                          distanceMetres: distance)
    }

    private func project(_ px: Double, _ py: Double, edge: Int) -> (fraction: Double, squared: Double) {
        let a = Int(tails[edge]), b = Int(graph.head[edge])
        let dx = x[b] - x[a], dy = y[b] - y[a]
        let lengthSquared = dx * dx + dy * dy
        var t = lengthSquared > 0 ? ((px - x[a]) * dx + (py - y[a]) * dy) / lengthSquared : 0
        t = min(max(t, 0), 1)
        let ex = x[a] + t * dx - px, ey = y[a] + t * dy - py
        return (t, ex * ex + ey * ey)
    }
}
