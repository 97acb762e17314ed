import Foundation
import Testing
@testable import RoadNetwork

@Suite struct RoadGraphFileTests {
    @Test func roundTripsThroughBytesAndFile() throws {
        let graph = RoadGraphTests.monacoCar
        let bytes = graph.serialized()
        #expect(try RoadGraph(serialized: bytes) == graph)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roadgraph-\(UUID().uuidString).scrg")
        defer { try? FileManager.default.removeItem(at: url) }
        try graph.write(to: url)
        #expect(try RoadGraph.read(from: url) == graph)
    }

    @Test func rejectsCorruptFiles() throws {
        let bytes = [UInt8](RoadGraphTests.monacoCar.serialized())
        #expect(throws: RoadGraphError.notAGraphFile) { try RoadGraph(serialized: Data("hello world!".utf8)) }
        #expect(throws: RoadGraphError.truncated) { try RoadGraph(serialized: Data(bytes.prefix(6))) }
        var version = bytes
        version[4] = 9
        #expect(throws: RoadGraphError.unsupportedVersion(9)) { try RoadGraph(serialized: Data(version)) }
        #expect(throws: RoadGraphError.self) { try RoadGraph(serialized: Data(bytes.prefix(bytes.count / 2))) }
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20 {
            var flipped = bytes
            let index = Int.random(in: 8..<flipped.count, using: &rng)
            flipped[index] ^= UInt8.random(in: 1...255, using: &rng)
            #expect(throws: RoadGraphError.self) { try RoadGraph(serialized: Data(flipped)) }
        }
        #expect(throws: RoadGraphError.self) { try RoadGraph.read(from: URL(fileURLWithPath: "/nonexistent/x.scrg")) }
    }
}
