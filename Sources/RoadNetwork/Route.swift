import Geo

/// A path through a ``RoadGraph`` with its travel time and length.
public struct Route: Hashable, Sendable {
    /// The nodes visited, source first, target last.
    public var nodes: [NodeID]
    /// The edges taken; one fewer than the nodes.
    public var edges: [EdgeID]
    /// Total travel time under the weights the route was computed with, in tenths of a second.
    public var travelTimeDeciseconds: UInt64
    /// Total length in decimetres.
    public var lengthDecimetres: UInt64

    /// Creates a route from its parts.
    public init(nodes: [NodeID], edges: [EdgeID], travelTimeDeciseconds: UInt64, lengthDecimetres: UInt64) {
        self.nodes = nodes
        self.edges = edges
        self.travelTimeDeciseconds = travelTimeDeciseconds
        self.lengthDecimetres = lengthDecimetres
    }

    /// Builds a route from its source and consecutive edges, summing `weights` and the graph's lengths.
    init(source: NodeID, edges: [EdgeID], graph: RoadGraph, weights: [UInt32]) {
        var nodes = [source]
        nodes.reserveCapacity(edges.count + 1)
        var time: UInt64 = 0, length: UInt64 = 0
        for edge in edges {
            nodes.append(graph.head(of: edge))
            time += UInt64(weights[edge.index])
            length += UInt64(graph.lengthDecimetres[edge.index])
        }
        self.init(nodes: nodes, edges: edges, travelTimeDeciseconds: time, lengthDecimetres: length)
    }

    /// Travel time in seconds.
    public var travelTimeSeconds: Double { Double(travelTimeDeciseconds) / 10 }
    /// Length in metres.
    public var lengthMetres: Double { Double(lengthDecimetres) / 10 }

    /// The positions of the route's nodes, in order.
    public func coordinates(in graph: RoadGraph) -> [GeoPoint] {
        nodes.map(graph.coordinate(of:))
    }
}
