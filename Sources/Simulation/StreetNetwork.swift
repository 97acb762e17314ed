import Geo

/// The streets simulated vehicles drive on: intersections and the roads between them.
public struct StreetNetwork: Sendable {
    public let coordinates: [GeoPoint]
    public let neighbours: [[Int32]]

    /// Builds a network from node coordinates and directed edges; drops nodes without edges.
    public init(coordinates: [GeoPoint], edges: [(from: Int32, to: Int32)]) {
        var neighbours = [[Int32]](repeating: [], count: coordinates.count)
        for edge in edges where edge.from != edge.to {
            neighbours[Int(edge.from)].append(edge.to)
        }
        self.coordinates = coordinates
        self.neighbours = neighbours
    }

    public var nodeCount: Int { coordinates.count }

    /// Nodes with at least one way out, where things can be placed.
    public var drivableNodes: [Int32] {
        (0..<Int32(nodeCount)).filter { !neighbours[Int($0)].isEmpty }
    }

    /// `count` drivable nodes spread over the city: each is the node farthest from those
    /// already chosen (deterministic farthest-point sampling from a seeded start).
    public func spreadNodes(_ count: Int, using generator: inout some RandomNumberGenerator) -> [Int32] {
        let candidates = drivableNodes
        guard !candidates.isEmpty, count > 0 else { return [] }
        var chosen = [candidates.randomElement(using: &generator)!]
        var nearest = candidates.map { GreatCircle.distanceMetres(coordinates[Int($0)], coordinates[Int(chosen[0])]) }
        while chosen.count < min(count, candidates.count) {
            let best = nearest.indices.max { nearest[$0] < nearest[$1] }!
            let node = candidates[best]
            chosen.append(node)
            for i in candidates.indices {
                nearest[i] = min(nearest[i], GreatCircle.distanceMetres(coordinates[Int(candidates[i])], coordinates[Int(node)]))
            }
        }
        return chosen
    }
}
