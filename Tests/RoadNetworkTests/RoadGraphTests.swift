import Foundation
import Testing
@testable import RoadNetwork

@Suite struct RoadGraphTests {
    static let tinyOSM: OSMData = {
        do { return try OSMXMLReader.read(TestData.fixture("tiny.osm")) } catch { fatalError("\(error)") }
    }()

    static let monacoCar = RoadGraph.build(from: TestData.monaco, profile: .car)

    @Test func tinyCarGraphFollowsProfile() throws {
        let all = RoadGraph.build(from: Self.tinyOSM, profile: .car, components: .all)
        #expect(all.nodeCount == 8)
        #expect(all.edgeCount == 14)
        let strong = RoadGraph.build(from: Self.tinyOSM, profile: .car)
        #expect(strong.nodeCount == 7)
        #expect(strong.edgeCount == 13)
        #expect(strong.node(osmID: 8) == nil)
        #expect(strong.turnRestrictions.count == 1)
        try strong.validate()
        // Oneway -1 on way 105: only 6 → 3.
        let six = try #require(strong.node(osmID: 6)), three = try #require(strong.node(osmID: 3))
        #expect(strong.edges(from: six).contains { strong.head(of: $0) == three })
        #expect(!strong.edges(from: three).contains { strong.head(of: $0) == six })
    }

    @Test func tinyEmergencyGraphUsesPrivateWayAndBollard() throws {
        let plain = RoadGraph.build(from: Self.tinyOSM, profile: .emergency, turnRestrictions: .ignore)
        #expect(plain.nodeCount == 9)
        #expect(plain.edgeCount == 20)
        // no_left_turn 101 → 104 at node 5: the two arrivals over way 101 get copies of node 5.
        let graph = RoadGraph.build(from: Self.tinyOSM, profile: .emergency)
        #expect(graph.nodeCount == 11)
        #expect(graph.edgeCount == 24)
    }

    @Test func edgeTimesMatchLengthAndSpeed() throws {
        let graph = RoadGraph.build(from: Self.tinyOSM, profile: .car, components: .all)
        let one = try #require(graph.node(osmID: 1)), two = try #require(graph.node(osmID: 2))
        let edge = try #require(graph.edges(from: one).first { graph.head(of: $0) == two })
        // 0.001° of longitude at 43.73° N ≈ 80.4 m; residential 30 km/h → ≈ 9.6 s.
        #expect(abs(Double(graph.lengthDecimetres[edge.index]) - 804) <= 2)
        #expect(abs(Int(graph.travelTimeDeciseconds[edge.index]) - 96) <= 1)
        #expect(graph.wayID[edge.index] == 100)
    }

    @Test func monacoCarGraph() throws {
        let graph = Self.monacoCar
        try graph.validate()
        // README, its own rule: 15,639 nodes; largest SCC 14,278. Ours differs a little (destination allowed).
        #expect((13_500...16_366).contains(graph.nodeCount))
        #expect(graph.edgeCount > 2 * graph.nodeCount - 6_000)
        #expect(graph.stronglyConnectedComponents().count == 1)
        #expect(graph.turnRestrictions.count >= 20)
        let all = RoadGraph.build(from: TestData.monaco, profile: .car, components: .all)
        #expect(all.nodeCount > graph.nodeCount)
        #expect(all.stronglyConnectedComponents().count > 1)
        let emergency = RoadGraph.build(from: TestData.monaco, profile: .emergency)
        #expect(emergency.nodeCount > graph.nodeCount)
    }

    @Test func importFromPBFMatchesBuild() throws {
        let imported = try RoadGraph.importOSM(pbf: TestData.monacoPBF, profile: .car)
        #expect(imported == Self.monacoCar)
    }

    @Test func validateNamesBrokenInvariant() {
        #expect(throws: RoadGraphError.invariantViolated("head[0] < nodeCount")) {
            try RoadGraph(firstOut: [0, 1], head: [5], travelTimeDeciseconds: [1], lengthDecimetres: [1],
                          wayID: [1], latitude: [0], longitude: [0], osmNodeID: [1])
        }
        #expect(throws: RoadGraphError.self) {
            try RoadGraph(firstOut: [0, 1, 1], head: [1], travelTimeDeciseconds: [0], lengthDecimetres: [1],
                          wayID: [1], latitude: [0, 0], longitude: [0, 0], osmNodeID: [1, 2])
        }
        #expect(throws: RoadGraphError.self) {
            try RoadGraph(firstOut: [0, 0], head: [], travelTimeDeciseconds: [], lengthDecimetres: [],
                          wayID: [], latitude: [91], longitude: [0], osmNodeID: [1])
        }
    }
}
