import Foundation
import RoadNetwork

/// The OSM import path (`safecity import-osm`, the server's road loading): the PBF reader with its
/// protobuf and zlib blob decoding, and the OSM XML reader, then the road graph built from whatever
/// they read, which must pass the graph's own invariant checks.
func fuzzOSMPBF(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let file = Data(input)
    if let osm = try? PBFReader.read(file) { build(osm) }
    // XML only for what looks like it, so that the PBF inputs are not slowed by a second parser.
    if input.first == UInt8(ascii: "<") || input.starts(with: [0xEF, 0xBB, 0xBF]), let osm = try? OSMXMLReader.read(file) { build(osm) }
    return 0
}

private func build(_ osm: OSMData) {
    _ = osm.turnRestrictions
    for policy in [RoadGraph.TurnRestrictionPolicy.honour, .ignore] {
        let graph = RoadGraph.build(from: osm, profile: .emergency, components: .all, turnRestrictions: policy)
        do { try graph.validate() } catch { fatalError("a graph built from readable OSM data is invalid: \(error)") }
    }
}
