import Foundation
import RoadNetwork
import Simulation

/// Why a road file could not be loaded: one line for the user.
public struct RoadLoadError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

extension CityRoads {
    /// The kinds of road file SafeCity reads, told apart by their first bytes.
    public enum FileFormat: String, Sendable {
        case pbf = "OSM PBF"
        case xml = "OSM XML"
        case graph = "SafeCity road graph"

        /// The format of a file's bytes: the graph magic, XML's `<`, else PBF.
        public init(sniffing data: Data) {
            if data.starts(with: RoadGraph.fileMagic) {
                self = .graph
            } else if data.prefix(64).first(where: { !Character(UnicodeScalar($0)).isWhitespace }) == UInt8(ascii: "<") {
                self = .xml
            } else {
                self = .pbf
            }
        }
    }

    /// Monaco's roads, shipped with SafeCity.
    public static func monaco(progress: ((String, Double) -> Void)? = nil) throws -> CityRoads {
        try load(data: try BundledCity.monacoPBF(), source: "bundled Monaco", progress: progress)
    }

    /// Loads an `.osm.pbf`, `.osm` or road graph file; the OSM formats are read once for both profiles.
    public static func load(path: String, progress: ((String, Double) -> Void)? = nil) throws -> CityRoads {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RoadLoadError(description: "cannot read road file \(path)")
        }
        return try load(data: data, source: path, progress: progress)
    }

    /// Loads roads from a file's bytes; `source` names it in messages.
    public static func load(data: Data, source: String, progress: ((String, Double) -> Void)? = nil) throws -> CityRoads {
        let format = FileFormat(sniffing: data)
        do {
            switch format {
            case .graph:
                let graph = try RoadGraph(serialized: data)
                return CityRoads(carGraph: graph, emergencyGraph: nil, source: source, progress: progress)
            case .pbf, .xml:
                let osm = try readOSM(data, format: format, progress: progress)
                let car = RoadGraph.build(from: osm, profile: .car)
                let emergency = RoadGraph.build(from: osm, profile: .emergency)
                guard car.nodeCount > 0, emergency.nodeCount > 0 else {
                    throw RoadLoadError(description: "\(source) has no drivable roads")
                }
                var highways: [Int64: String] = [:]
                for way in osm.ways { highways[way.id] = way.tags["highway"] }
                return CityRoads(carGraph: car, emergencyGraph: emergency, highwayOfWay: highways, streets: StreetGazetteer(osm: osm),
                                 source: source, progress: progress)
            }
        } catch let error as OSMError {
            throw RoadLoadError(description: "\(source): \(error)")
        } catch let error as RoadGraphError {
            throw RoadLoadError(description: "\(source): \(error)")
        }
    }

    /// Reads OSM data keeping the ways either profile may use.
    public static func readOSM(_ data: Data, format: FileFormat, progress: ((String, Double) -> Void)? = nil)
        throws(OSMError) -> OSMData {
        let keep: (OSMTags) -> Bool = {
            RoadProfile.car.attributes(of: $0) != nil || RoadProfile.emergency.attributes(of: $0) != nil
        }
        if format == .xml { return try OSMXMLReader.read(data, keepWay: keep) }
        return try PBFReader.read(data, keepWay: keep, progress: { progress?("read", $0) })
    }
}
