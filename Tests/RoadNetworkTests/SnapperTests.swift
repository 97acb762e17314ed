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
                #expect(graph.head(of: back) == snapped.tail)
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
