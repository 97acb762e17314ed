import Foundation
import Geo
import RoadNetwork

extension StreetNetwork {
    /// The streets of an imported road graph.
    public init(graph: RoadGraph) {
        let coordinates = (0..<graph.nodeCount).map { graph.coordinate(of: NodeID($0)) }
        var edges: [(from: Int32, to: Int32)] = []
        edges.reserveCapacity(graph.edgeCount)
        for node in 0..<graph.nodeCount {
            for edge in graph.edges(from: NodeID(node)) {
                edges.append((Int32(node), Int32(graph.head(of: edge).index)))
            }
        }
        self.init(coordinates: coordinates, edges: edges)
    }
}

/// The bundled city: Monaco's roads from OpenStreetMap (© OpenStreetMap contributors, ODbL 1.0).
public enum BundledCity {
    /// The Monaco extract shipped with SafeCity, as OSM PBF bytes.
    public static func monacoPBF() throws -> Data {
        guard let url = Bundle.module.url(forResource: "monaco.osm", withExtension: "pbf") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "monaco.osm.pbf is missing from the Simulation bundle"])
        }
        return try Data(contentsOf: url)
    }

    /// Monaco's drivable roads for a profile (the largest strongly connected part).
    public static func monacoRoads(profile: RoadProfile = .car) throws -> RoadGraph {
        try RoadGraph.importOSM(pbf: try monacoPBF(), profile: profile)
    }
}
