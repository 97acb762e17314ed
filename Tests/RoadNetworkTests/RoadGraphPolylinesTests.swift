import Foundation
import RoadNetwork
import Testing

@Suite struct RoadGraphPolylinesTests {
    @Test func aWayBecomesOnePolylineAndBothDirectionsAppearOnce() {
        let nodes = (1...5).map { OSMNode(id: Int64($0), latitude: 43.73 + Double($0) * 0.001, longitude: 7.42) }
            + [OSMNode(id: 6, latitude: 43.733, longitude: 7.421)]
        let osm = OSMData(nodes: nodes, ways: [
            OSMWay(id: 10, nodeIDs: [1, 2, 3, 4, 5], tags: ["highway": "primary"]),
            OSMWay(id: 20, nodeIDs: [3, 6], tags: ["highway": "residential", "oneway": "yes"]),
        ])
        let graph = RoadGraph.build(from: osm, profile: .car, components: .all)
        let lines = graph.polylines()
        #expect(lines.map(\.way) == [10, 20])
        #expect(lines[0].nodes.map { graph.osmNodeID[$0.index] } == [1, 2, 3, 4, 5])
        #expect(lines[1].nodes.map { graph.osmNodeID[$0.index] } == [3, 6])
    }

    @Test func monacoPolylinesCoverEverySegmentOnce() {
        let graph = RoadGraph.build(from: TestData.monaco, profile: .car)
        var segments = Set<[Int64]>()
        for tail in 0..<graph.nodeCount {
            let from = graph.canonical(NodeID(tail))
            for edge in graph.edges(from: NodeID(tail)) {
                let to = graph.canonical(graph.head(of: edge))
                if from != to { segments.insert([graph.wayID[edge.index], Int64(min(from, to).rawValue), Int64(max(from, to).rawValue)]) }
            }
        }
        let lines = graph.polylines()
        var drawn: [[Int64]] = []
        for line in lines {
            #expect(line.nodes.count >= 2)
            for (a, b) in zip(line.nodes, line.nodes.dropFirst()) {
                drawn.append([line.way, Int64(min(a, b).rawValue), Int64(max(a, b).rawValue)])
            }
        }
        #expect(drawn.count == segments.count)
        #expect(Set(drawn) == segments)
        #expect(lines.count < segments.count / 3, "consecutive segments are merged")
    }
}
