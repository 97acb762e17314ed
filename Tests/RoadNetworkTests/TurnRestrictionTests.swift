import Testing
@testable import RoadNetwork

@Suite struct TurnRestrictionTests {
    /// Whether a route takes a turn some restriction of the graph forbids.
    static func violates(_ route: Route, in graph: RoadGraph, tails: [UInt32]) -> Bool {
        var rulesAt: [Int64: [TurnRestriction]] = [:]
        for rule in graph.turnRestrictions { rulesAt[rule.viaNode, default: []].append(rule) }
        for (first, second) in zip(route.edges, route.edges.dropFirst()) {
            let via = graph.osmNodeID[Int(graph.head[first.index])]
            let from = graph.wayID[first.index], to = graph.wayID[second.index]
            let rules = (rulesAt[via] ?? []).filter { $0.fromWay == from }
            let mandatory = rules.filter { $0.kind == .mandatory }
            if !mandatory.isEmpty, !mandatory.contains(where: { $0.toWay == to }) { return true }
            for rule in rules where rule.kind == .prohibitive && rule.toWay == to {
                if rule.toWay != rule.fromWay { return true }
                let cameFrom = graph.osmNodeID[Int(tails[first.index])]
                if graph.osmNodeID[Int(graph.head[second.index])] == cameFrom { return true }
            }
        }
        return false
    }

    @Test func parsesExceptions() throws {
        let relation = OSMRelation(id: 1, members: [
            OSMMember(type: .way, ref: 10, role: "from"), OSMMember(type: .node, ref: 20, role: "via"),
            OSMMember(type: .way, ref: 30, role: "to"),
        ], tags: ["type": "restriction", "restriction": "only_straight_on", "except": "psv; bicycle"])
        let rule = try #require(TurnRestriction(relation: relation))
        #expect(rule.kind == .mandatory && rule.exceptions == ["psv", "bicycle"])
        #expect(rule.applies(to: .car) && !rule.applies(to: .emergency))
        var viaWay = relation
        viaWay.members[1] = OSMMember(type: .way, ref: 20, role: "via")
        #expect(TurnRestriction(relation: viaWay) == nil)
        var notRestriction = relation
        notRestriction.tags["type"] = "route"
        #expect(TurnRestriction(relation: notRestriction) == nil)
    }

    @Test func tinyGraphCopiesOnlyPermitTheAllowedTurns() throws {
        let graph = RoadGraph.build(from: RoadGraphTests.tinyOSM, profile: .emergency)
        let five = try #require(graph.node(osmID: 5))
        let copies = graph.equivalentNodes(of: five).dropFirst()
        #expect(copies.count == 2)
        #expect(graph.edges(from: five).contains { graph.wayID[$0.index] == 104 })
        for copy in copies {
            #expect(graph.canonical(copy) == five)
            #expect(graph.coordinate(of: copy) == graph.coordinate(of: five))
            #expect(!graph.edges(from: copy).contains { graph.wayID[$0.index] == 104 })
            #expect(graph.edges(from: copy).count == 2)
        }
        // Every edge into a copy comes over way 101; edges into the canonical node never do.
        let tails = graph.tails()
        for edge in 0..<graph.edgeCount where graph.canonical(graph.head(of: EdgeID(edge))) == five {
            #expect((graph.head[edge] == five.rawValue) == (graph.wayID[edge] != 101), "edge from \(tails[edge])")
        }
    }

    @Test func monacoRoutesNeverTakeForbiddenTurns() throws {
        let graph = RoadGraphTests.monacoCar
        let copies = (0..<graph.nodeCount).filter { graph.canonicalNode[$0] != UInt32($0) }.count
        #expect(copies > 0)
        let tails = graph.tails()
        var query = try ContractionHierarchyTests.query()
        var dijkstra = DijkstraQuery(graph: graph)
        var rng = SplitMix64(seed: 404)
        for _ in 0..<300 {
            let source = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let target = NodeID(Int.random(in: 0..<graph.nodeCount, using: &rng))
            let route = query.route(from: source, to: target)
            #expect(route.map { Self.violates($0, in: graph, tails: tails) } == false)
            let baseline = dijkstra.route(from: source, to: target)
            #expect(baseline.map { Self.violates($0, in: graph, tails: tails) } == false)
        }
    }

    @Test func restrictionsLengthenSomeTurns() throws {
        let honoured = RoadGraphTests.monacoCar
        let ignored = RoadGraph.build(from: TestData.monaco, profile: .car, turnRestrictions: .ignore)
        #expect(ignored.canonicalNode.enumerated().allSatisfy { UInt32($0.offset) == $0.element })
        var honouredQuery = DijkstraQuery(graph: honoured)
        var ignoredQuery = DijkstraQuery(graph: ignored)
        let ignoredTails = ignored.tails()
        var lengthened = 0
        for rule in honoured.turnRestrictions where rule.kind == .prohibitive && rule.fromWay != rule.toWay {
            guard let via = ignored.node(osmID: rule.viaNode) else { continue }
            let arrivals = (0..<ignored.edgeCount).filter {
                ignored.head[$0] == via.rawValue && ignored.wayID[$0] == rule.fromWay
            }
            let departures = ignored.edges(from: via).filter { ignored.wayID[$0.index] == rule.toWay }
            for arrival in arrivals {
                for departure in departures {
                    let from = ignored.osmNodeID[Int(ignoredTails[arrival])]
                    let to = ignored.osmNodeID[Int(ignored.head[departure.index])]
                    guard from != to, let a = ignored.node(osmID: from), let b = ignored.node(osmID: to),
                          let c = honoured.node(osmID: from), let d = honoured.node(osmID: to) else { continue }
                    let free = ignoredQuery.travelTime(from: a, to: b)
                    let restricted = honouredQuery.travelTime(from: c, to: d)
                    #expect(free != nil)
                    if let free, let restricted { #expect(restricted >= free) }
                    if let free, let restricted, restricted > free { lengthened += 1 }
                }
            }
        }
        #expect(lengthened > 0)
    }
}
