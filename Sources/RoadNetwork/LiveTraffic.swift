/// Live speed factors per edge on top of a graph's free-flow travel times.
///
/// A factor of 1 is free flow, 0.5 half speed (twice the time), 0 closed. Turn the factors into weights
/// with ``weights()`` and apply them with ``ContractionHierarchy/customize(weights:)`` or ``RoutingEngine/apply(_:)``.
public struct LiveTraffic: Hashable, Sendable {
    /// Free-flow travel time of each edge, in tenths of a second.
    public let freeFlowDeciseconds: [UInt32]
    /// The OSM way of each edge.
    public let wayID: [Int64]
    /// The current speed factor of each edge.
    public private(set) var speedFactor: [Double]
    /// The edges of each OSM way.
    private let edgesOfWay: [Int64: [UInt32]]

    /// Starts at free flow everywhere.
    public init(graph: RoadGraph) {
        freeFlowDeciseconds = graph.travelTimeDeciseconds
        wayID = graph.wayID
        speedFactor = [Double](repeating: 1, count: graph.edgeCount)
        var edgesOfWay: [Int64: [UInt32]] = [:]
        for (edge, way) in graph.wayID.enumerated() { edgesOfWay[way, default: []].append(UInt32(edge)) }
        self.edgesOfWay = edgesOfWay
    }

    /// Sets the speed factor of one edge (0 closes it).
    public mutating func setSpeedFactor(_ factor: Double, edge: EdgeID) throws(RoadGraphError) {
        guard factor.isFinite, factor >= 0 else { throw .invalidSpeedFactor(factor) }
        guard edge.index < speedFactor.count else { throw .edgeOutOfRange(edge) }
        speedFactor[edge.index] = factor
    }

    /// Sets the speed factor of every edge of an OSM way, both directions; returns how many edges changed.
    @discardableResult
    public mutating func setSpeedFactor(_ factor: Double, way: Int64) throws(RoadGraphError) -> Int {
        guard factor.isFinite, factor >= 0 else { throw .invalidSpeedFactor(factor) }
        let edges = edgesOfWay[way] ?? []
        for edge in edges { speedFactor[Int(edge)] = factor }
        return edges.count
    }

    /// Returns every edge to free flow.
    public mutating func clear() {
        for edge in speedFactor.indices { speedFactor[edge] = 1 }
    }

    /// Travel time per edge under the current factors: free flow ÷ factor, infinite when closed.
    public func weights() -> [UInt32] {
        var weights = freeFlowDeciseconds
        for edge in weights.indices where speedFactor[edge] != 1 {
            let factor = speedFactor[edge]
            if factor <= 0 {
                weights[edge] = RoadGraph.infiniteWeight
            } else {
                let scaled = (Double(freeFlowDeciseconds[edge]) / factor).rounded()
                weights[edge] = UInt32(min(max(scaled, 1), Double(RoadGraph.infiniteWeight - 1)))
            }
        }
        return weights
    }
}
