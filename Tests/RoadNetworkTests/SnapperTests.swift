import Foundation
import Geo
import Testing
@testable import RoadNetwork

@Suite struct SnapperTests {
    static let snapper = Snapper(graph: RoadGraphTests.monacoCar)

    /// The nearest segment by brute force over every edge, as a great-circle distance in metres.
    func bruteForceDistance(_ point: GeoPoint, graph: RoadGraph, tails: [UInt32]) -> Double {
        let kx = cos(point.latitude * .pi / 180)
        var best = Double.infinity
        for edge in 0..<graph.edgeCount {
            let a = graph.coordinate(of: NodeID(tails[edge])), b = graph.coordinate(of: NodeID(graph.head[edge]))
            let dx = (b.longitude - a.longitude) * kx, dy = b.latitude - a.latitude
            let px = (point.longitude - a.longitude) * kx, py = point.latitude - a.latitude
            let lengthSquared = dx * dx + dy * dy
            let t = lengthSquared > 0 ? min(max((px * dx + py * dy) / lengthSquared, 0), 1) : 0
            let snapped = GeoPoint(latitude: a.latitude + t * (b.latitude - a.latitude),
                                   longitude: a.longitude + t * (b.longitude - a.longitude))
            best = min(best, GreatCircle.distanceMetres(point, snapped))
        }
        return best
    }

    @Test func matchesBruteForceOnMonaco() throws {
        let graph = RoadGraphTests.monacoCar
        let tails = graph.tails()
        var rng = SplitMix64(seed: 11)
        for _ in 0..<150 {
            let point = GeoPoint(latitude: Double.random(in: 43.725...43.755, using: &rng),
                                 longitude: Double.random(in: 7.40...7.44, using: &rng))
            let expected = bruteForceDistance(point, graph: graph, tails: tails)
            let result = Self.snapper.snap(point, maxDistanceMetres: 5_000)
            let snapped = try #require(result)
            #expect(abs(snapped.distanceMetres - expected) < 0.05 + expected * 1e-4)
            #expect((0...1).contains(snapped.fraction))
            #expect(snapped.tail == NodeID(tails[snapped.edge.index]))
            #expect(snapped.head == graph.head(of: snapped.edge))
            if let back = snapped.reverseEdge {
                // The reverse edge may end at a turn-restriction copy of the tail.
                #expect(graph.canonical(graph.head(of: back)) == graph.canonical(snapped.tail))
            }
        }
    }

    @Test func nodeSnapsToItself() throws {
        let graph = RoadGraphTests.monacoCar
        for index in stride(from: 0, to: graph.nodeCount, by: 997) {
            let result = Self.snapper.snap(graph.coordinate(of: NodeID(index)))
            let snapped = try #require(result)
            #expect(snapped.distanceMetres < 0.01)
        }
    }

    @Test func farPointsAndBadInputGiveNil() {
        #expect(Self.snapper.snap(GeoPoint(latitude: 48.85, longitude: 2.35)) == nil)
        #expect(Self.snapper.snap(GeoPoint(latitude: 48.85, longitude: 2.35), maxDistanceMetres: .infinity) != nil)
        #expect(Self.snapper.snap(GeoPoint(latitude: 91, longitude: 0)) == nil)
        #expect(Self.snapper.snap(GeoPoint(latitude: .nan, longitude: 0)) == nil)
        #expect(Self.snapper.snap(GeoPoint(latitude: 43.74, longitude: 7.42), maxDistanceMetres: -1) == nil)
    }
}

extension SnapperTests {
    @Test func hugeAreaGetsCoarserCells() throws {
        let graph = try RoadGraph(
            firstOut: [0, 1, 2], head: [1, 0], travelTimeDeciseconds: [10, 10], lengthDecimetres: [10, 10],
            wayID: [1, 1], latitude: [-60, 60], longitude: [-170, 170], osmNodeID: [1, 2])
        let snapper = Snapper(graph: graph, cellSizeMetres: 10)
        #expect(snapper.cellSizeMetres > 10)
        let result = snapper.snap(GeoPoint(latitude: 0, longitude: 0), maxDistanceMetres: .infinity)
        #expect(result != nil)
        #expect(result?.reverseEdge != nil)
    }
}

extension SnapperTests {
    /// Every segment that can be driven both ways snaps with both directions, even next to a split via node,
    /// where arrivals end at a copy of the node (docs/routing-vs-osrm.md, defect A).
    @Test func segmentsAtSplitNodesKeepBothDirections() throws {
        let graph = RoadGraphTests.monacoCar
        let tails = graph.tails()
        var checked = 0
        for edge in 0..<graph.edgeCount {
            let tail = NodeID(tails[edge]), head = graph.head(of: EdgeID(edge))
            guard graph.isSplit(tail) || graph.isSplit(head) else { continue }
            let a = graph.coordinate(of: tail), b = graph.coordinate(of: head)
            let middle = GeoPoint(latitude: (a.latitude + b.latitude) / 2, longitude: (a.longitude + b.longitude) / 2)
            let snapped = try #require(Self.snapper.snap(middle))
            guard snapped.distanceMetres < 0.01,
                  Set([graph.canonical(snapped.tail), graph.canonical(snapped.head)]) == Set([graph.canonical(tail), graph.canonical(head)])
            else { continue } // Another segment runs through the same point.
            let twoWay = graph.equivalentNodes(of: head).contains { node in
                graph.edges(from: node).contains { graph.canonical(graph.head(of: $0)) == graph.canonical(tail) }
            }
            #expect((snapped.reverseEdge != nil) == twoWay, "edge \(edge)")
            #expect(graph.segmentEdges(from: snapped.tail, to: snapped.head).first?.edge == snapped.edge,
                    "a segment is indexed by its lowest-id edge")
            checked += 1
        }
        #expect(checked > 40)
    }

    @Test(arguments: ["y-first", "v-first"]) func segmentBeforeViaNodeSnapsBothWays(order: String) throws {
        let graph = try RoadGraph.importOSM(xml: TestData.fixture("restricted-junction-\(order).osm"), profile: .car)
        let snapped = try #require(Snapper(graph: graph).snap(GeoPoint(latitude: 43.72995, longitude: 7.4190)))
        let v = try #require(graph.node(osmID: 1)), y = try #require(graph.node(osmID: 2))
        #expect(Set([graph.canonical(snapped.tail), graph.canonical(snapped.head)]) == Set([v, y]))
        let back = try #require(snapped.reverseEdge, "both directions of Y–V are drivable")
        #expect(graph.canonical(graph.head(of: back)) == graph.canonical(snapped.tail))
        // Whichever direction was snapped, the one towards V ends at V's copy, so V's restriction applies.
        let towardsV = graph.canonical(snapped.head) == v ? snapped.edge : back
        #expect(graph.head(of: towardsV) != v && graph.canonical(graph.head(of: towardsV)) == v)
    }
}
