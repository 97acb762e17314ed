import Foundation
import Testing
@testable import RoadNetwork

@Suite struct PBFReaderTests {
    @Test func monacoMatchesReferenceCounts() throws {
        let data = TestData.monaco
        #expect(data.nodes.count == 180_118)
        #expect(data.ways.count == 27_377)
        #expect(data.relations.count == 212)
        let carWays = data.ways.filter { TestData.carHighways.contains($0.tags["highway"] ?? "") }
        #expect(carWays.count == 1_763)
        #expect(Set(carWays.flatMap(\.nodeIDs)).count == 16_366)
        let oneway = carWays.filter {
            ["yes", "1", "true", "-1"].contains($0.tags["oneway"] ?? "") || $0.tags["junction"] == "roundabout"
        }
        #expect(oneway.count == 686)
        #expect(data.relations.filter { $0.tags["type"] == "restriction" }.count == 27)
        #expect(data.turnRestrictions.count <= 27)
        #expect(data.turnRestrictions.count >= 20)
    }

    @Test func monacoCoordinatesLieInReferenceBox() throws {
        let data = TestData.monaco
        let lats = data.nodes.map(\.latitude), lons = data.nodes.map(\.longitude)
        #expect(abs(lats.min()! - 43.7148) < 0.0001 && abs(lats.max()! - 43.7700) < 0.0001)
        #expect(abs(lons.min()! - 7.3490) < 0.0001 && abs(lons.max()! - 7.4910) < 0.0001)
        let ids = Set(data.nodes.map(\.id))
        let missing = data.ways.filter { $0.tags["highway"] != nil }.flatMap(\.nodeIDs).filter { !ids.contains($0) }
        #expect(missing.isEmpty)
    }

    @Test func wayFilterDropsWaysWhileReading() throws {
        let data = try PBFReader.read(TestData.monacoPBF, keepWay: { $0["highway"] != nil })
        #expect(data.ways.count == 2_927)
    }

    @Test func progressReachesOne() throws {
        var fractions: [Double] = []
        _ = try PBFReader.read(TestData.monacoPBF, keepWay: { _ in false }, progress: { fractions.append($0) })
        #expect(fractions.last == 1)
        #expect(fractions == fractions.sorted())
    }

    @Test(arguments: [0, 3, 4, 10, 200, 5_000, 100_000, 1_000_000, 1_759_100])
    func truncatedFileThrows(length: Int) throws {
        let cut = TestData.monacoPBF.prefix(length)
        #expect(throws: OSMError.self) { try PBFReader.read(Data(cut)) }
    }

    @Test func corruptBytesThrowInsteadOfCrashing() throws {
        var rng = SplitMix64(seed: 2026)
        let original = [UInt8](TestData.monacoPBF.prefix(200_000))
        for _ in 0..<12 {
            var bytes = original
            for _ in 0..<4 {
                let index = Int.random(in: 0..<600, using: &rng)
                bytes[index] = UInt8.random(in: 0...255, using: &rng)
            }
            _ = try? PBFReader.read(Data(bytes))
        }
        var garbage = [UInt8](repeating: 0, count: 4_096)
        for index in garbage.indices { garbage[index] = UInt8.random(in: 0...255, using: &rng) }
        #expect(throws: OSMError.self) { try PBFReader.read(Data(garbage)) }
    }

    @Test func oversizedHeaderIsRejected() {
        let bytes: [UInt8] = [0x7F, 0xFF, 0xFF, 0xFF] + [UInt8](repeating: 0, count: 16)
        #expect(throws: OSMError.tooLarge(context: "BlobHeader", bytes: 0x7FFF_FFFF)) { try PBFReader.read(Data(bytes)) }
    }

    @Test func protobufVarintsDecode() throws {
        var reader = ProtobufReader(bytes: [0x96, 0x01, 0x03, 0x04, 0xFF])
        #expect(try reader.readVarint() == 150)
        #expect(try reader.readSignedVarint() == -2)
        #expect(try reader.readSignedVarint() == 2)
        #expect(throws: OSMError.truncated(context: "varint")) { try reader.readVarint() }
    }
}
