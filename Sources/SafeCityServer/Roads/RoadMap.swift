import Foundation
import Geo
import RoadNetwork

/// The compact drawing of a city's roads for the dashboard map.
///
/// Shape (stable): `{"bbox":[minLon,minLat,maxLon,maxLat],"roads":[{"highway":"primary","way":123,
/// "coordinates":[[lon,lat],…]},…]}`, coordinates rounded to 6 decimals (about 10 cm).
struct RoadMap {
    let graph: RoadGraph
    let highwayOfWay: [Int64: String]

    /// The drawing as JSON bytes.
    func json() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(graph.nodeCount * 24)
        out.append(contentsOf: #"{"bbox":["#.utf8)
        if let box = graph.boundingBox {
            let corners = [box.minLongitude, box.minLatitude, box.maxLongitude, box.maxLatitude]
            out.append(contentsOf: corners.map(Self.rounded).joined(separator: ",").utf8)
        }
        out.append(contentsOf: #"],"roads":["#.utf8)
        for (index, line) in graph.polylines().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"highway":""#.utf8)
            out.append(contentsOf: highway(of: line).utf8)
            out.append(contentsOf: #"","way":\#(line.way),"coordinates":["#.utf8)
            for (position, node) in line.nodes.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                let point = graph.coordinate(of: node)
                out.append(contentsOf: "[\(Self.rounded(point.longitude)),\(Self.rounded(point.latitude))]".utf8)
            }
            out.append(contentsOf: "]}".utf8)
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    /// The way's OSM class, or one guessed from its speed when the source had no tags.
    private func highway(of line: RoadGraph.Polyline) -> String {
        if let tagged = highwayOfWay[line.way], tagged.allSatisfy({ $0.isLetter || $0 == "_" }) { return tagged }
        let from = line.nodes[0], to = line.nodes[1]
        guard let edge = graph.edges(from: from).first(where: { graph.canonical(graph.head(of: $0)) == to })
            ?? graph.edges(from: to).first(where: { graph.canonical(graph.head(of: $0)) == from }) else { return "road" }
        let seconds = Double(graph.travelTimeDeciseconds[edge.index]) / 10
        let kmh = seconds > 0 ? Double(graph.lengthDecimetres[edge.index]) / 10 / seconds * 3.6 : 0
        return switch kmh {
        case 80...: "motorway"
        case 60..<80: "primary"
        case 45..<60: "secondary"
        case 35..<45: "tertiary"
        case 20..<35: "residential"
        default: "service"
        }
    }

    /// A coordinate rounded to 6 decimals, printed in its shortest form.
    static func rounded(_ value: Double) -> String {
        "\((value * 1_000_000).rounded() / 1_000_000)"
    }
}
