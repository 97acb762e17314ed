import Geo

/// A directed road graph in flat arrays (forward star / CSR), ready for routing.
///
/// The outgoing edges of node `u` are `firstOut[u] ..< firstOut[u + 1]`; edge `e` goes to `head[e]`.
/// - Note: Invariants (checked by ``validate()``): `firstOut` has `nodeCount + 1` non-decreasing entries from 0
///   to `edgeCount`; every head is a node; every edge array has `edgeCount` entries; travel times are
///   in 1…``RoadGraph/infiniteWeight``−1; coordinates are valid WGS 84.
public struct RoadGraph: Hashable, Sendable {
    /// The weight sentinel meaning "not traversable".
    public static let infiniteWeight = UInt32.max

    /// Offsets of each node's outgoing edges; `nodeCount + 1` entries.
    public private(set) var firstOut: [UInt32]
    /// The node each edge leads to.
    public private(set) var head: [UInt32]
    /// Free-flow travel time of each edge in tenths of a second.
    public private(set) var travelTimeDeciseconds: [UInt32]
    /// Length of each edge in decimetres.
    public private(set) var lengthDecimetres: [UInt32]
    /// The OSM way each edge came from.
    public private(set) var wayID: [Int64]
    /// Latitude of each node in degrees.
    public private(set) var latitude: [Double]
    /// Longitude of each node in degrees.
    public private(set) var longitude: [Double]
    /// The OSM node id of each node.
    public private(set) var osmNodeID: [Int64]
    /// Turn restrictions that bind this graph's profile and whose via node is in the graph.
    public private(set) var turnRestrictions: [TurnRestriction]
    /// For each node, the node it stands for: itself, or for a copy made to honour turn restrictions,
    /// the canonical node at the same place.
    ///
    /// A via node of a turn restriction is split: arrivals over a restricted `from` way lead to a copy whose
    /// outgoing edges are only the permitted turns. Queries start from the canonical node and accept arrival at
    /// any copy of the target, so callers can ignore copies.
    public private(set) var canonicalNode: [UInt32]
    /// The copies of each canonical node that has any (derived from ``canonicalNode``).
    private var copies: [UInt32: [UInt32]]

    /// Creates a graph from its arrays, checking every invariant.
    public init(firstOut: [UInt32], head: [UInt32], travelTimeDeciseconds: [UInt32], lengthDecimetres: [UInt32],
                wayID: [Int64], latitude: [Double], longitude: [Double], osmNodeID: [Int64],
                turnRestrictions: [TurnRestriction] = [], canonicalNode: [UInt32]? = nil) throws(RoadGraphError) {
        self.firstOut = firstOut
        self.head = head
        self.travelTimeDeciseconds = travelTimeDeciseconds
        self.lengthDecimetres = lengthDecimetres
        self.wayID = wayID
        self.latitude = latitude
        self.longitude = longitude
        self.osmNodeID = osmNodeID
        self.turnRestrictions = turnRestrictions
        self.canonicalNode = canonicalNode ?? (0..<UInt32(latitude.count)).map { $0 }
        var copies: [UInt32: [UInt32]] = [:]
        for (node, canonical) in self.canonicalNode.enumerated() where canonical != UInt32(node) {
            copies[canonical, default: []].append(UInt32(node))
        }
        self.copies = copies
        try validate()
    }

    /// Number of nodes.
    public var nodeCount: Int { latitude.count }
    /// Number of directed edges.
    public var edgeCount: Int { head.count }

    /// All node ids.
    public var nodes: some RandomAccessCollection<NodeID> { (0..<UInt32(nodeCount)).lazy.map(NodeID.init) }

    /// The smallest box holding every node, or nil for an empty graph.
    public var boundingBox: BoundingBox? {
        guard let minLatitude = latitude.min(), let maxLatitude = latitude.max(),
              let minLongitude = longitude.min(), let maxLongitude = longitude.max() else { return nil }
        return BoundingBox(minLatitude: minLatitude, minLongitude: minLongitude,
                           maxLatitude: maxLatitude, maxLongitude: maxLongitude)
    }

    /// The position of a node.
    public func coordinate(of node: NodeID) -> GeoPoint {
        GeoPoint(latitude: latitude[node.index], longitude: longitude[node.index])
    }

    /// The outgoing edges of a node.
    public func edges(from node: NodeID) -> some RandomAccessCollection<EdgeID> {
        (firstOut[node.index]..<firstOut[node.index + 1]).lazy.map(EdgeID.init)
    }

    /// The node an edge leads to.
    public func head(of edge: EdgeID) -> NodeID { NodeID(head[edge.index]) }

    /// The node each edge starts from (computed, O(edges)).
    public func tails() -> [UInt32] {
        var tails = [UInt32](repeating: 0, count: edgeCount)
        for node in 0..<nodeCount {
            for edge in Int(firstOut[node])..<Int(firstOut[node + 1]) { tails[edge] = UInt32(node) }
        }
        return tails
    }

    /// The canonical node a node stands for (itself unless it is a turn-restriction copy).
    public func canonical(_ node: NodeID) -> NodeID { NodeID(canonicalNode[node.index]) }

    /// A node's canonical node followed by all its copies; arriving at any of them is arriving at the node.
    public func equivalentNodes(of node: NodeID) -> [NodeID] {
        let canonical = canonicalNode[node.index]
        return [NodeID(canonical)] + (copies[canonical] ?? []).map(NodeID.init)
    }

    /// Whether a node has turn-restriction copies (or is one).
    public func isSplit(_ node: NodeID) -> Bool {
        canonicalNode[node.index] != node.rawValue || copies[node.rawValue] != nil
    }

    /// Whether a node id lies inside the graph.
    public func contains(_ node: NodeID) -> Bool { node.index < nodeCount }

    /// The node with an OSM id, found by linear search; build a dictionary for repeated lookups.
    public func node(osmID: Int64) -> NodeID? {
        osmNodeID.firstIndex(of: osmID).map { NodeID($0) }
    }

    /// Checks every structural invariant, throwing the first that fails.
    public func validate() throws(RoadGraphError) {
        let n = latitude.count, m = head.count
        guard n < Int(UInt32.max), m < Int(UInt32.max) else { throw .invariantViolated("graph too large for 32-bit ids") }
        guard firstOut.count == n + 1 else { throw .invariantViolated("firstOut.count == nodeCount + 1") }
        guard longitude.count == n, osmNodeID.count == n else {
            throw .invariantViolated("node arrays have nodeCount entries")
        }
        guard travelTimeDeciseconds.count == m, lengthDecimetres.count == m, wayID.count == m else {
            throw .invariantViolated("edge arrays have edgeCount entries")
        }
        guard firstOut.first == 0, firstOut.last == UInt32(m) else {
            throw .invariantViolated("firstOut runs from 0 to edgeCount")
        }
        for index in 0..<n where firstOut[index] > firstOut[index + 1] {
            throw .invariantViolated("firstOut is non-decreasing (node \(index))")
        }
        for edge in 0..<m {
            guard head[edge] < UInt32(n) else { throw .invariantViolated("head[\(edge)] < nodeCount") }
            let time = travelTimeDeciseconds[edge]
            guard time > 0, time != Self.infiniteWeight else {
                throw .invariantViolated("travelTimeDeciseconds[\(edge)] in 1..<infiniteWeight")
            }
        }
        guard canonicalNode.count == n else { throw .invariantViolated("canonicalNode has nodeCount entries") }
        for index in 0..<n {
            let canonical = canonicalNode[index]
            guard canonical < UInt32(n), canonicalNode[Int(canonical)] == canonical else {
                throw .invariantViolated("canonicalNode[\(index)] is a canonical node")
            }
        }
        for index in 0..<n where !coordinate(of: NodeID(index)).isValid {
            throw .invariantViolated("coordinate of node \(index) is valid WGS 84")
        }
    }
}
