import Foundation
import RoadNetwork

/// Shared inputs for the RoadNetwork tests, loaded once per test process.
enum TestData {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bytes of the committed Monaco extract.
    static let monacoPBF: Data = {
        let url = packageRoot.appendingPathComponent("Sources/Simulation/Resources/monaco.osm.pbf")
        do { return try Data(contentsOf: url) } catch { fatalError("cannot read \(url.path): \(error)") }
    }()

    /// Monaco decoded with every way kept.
    static let monaco: OSMData = {
        do { return try PBFReader.read(monacoPBF) } catch { fatalError("cannot decode Monaco: \(error)") }
    }()

    /// The bytes of a fixture file.
    static func fixture(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }

    /// The README's "car way" definition: highway motorway…residential, their links, living_street or service.
    static let carHighways: Set<String> = [
        "motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
        "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link",
        "living_street", "service",
    ]
}

/// A small seeded generator (SplitMix64) so random tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
