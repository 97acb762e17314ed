import Foundation
import Geo

extension RoadGraph {
    /// Which nodes a built graph keeps.
    public enum ComponentPolicy: Hashable, Sendable {
        /// Keep only the largest strongly connected component, so every pair of nodes has a route.
        case largestStronglyConnected
        /// Keep every node on a usable way.
        case all
    }

    /// Whether a built graph honours turn restrictions.
    public enum TurnRestrictionPolicy: Hashable, Sendable {
        /// Split via nodes so forbidden turns cannot be taken (see ``RoadGraph/canonicalNode``).
        case honour
        /// Keep one node per OSM node and allow every turn.
        case ignore
    }

    /// Builds the graph of the ways a profile may use.
    ///
    /// One node per OSM node on a usable way, one edge per way segment and permitted direction
    /// (parallel edges keep the fastest). Segments touching a node whose barrier blocks the profile, or a
    /// node missing from the data, are left out. Travel time is length ÷ speed, at least 0.1 s.
    /// Turn restrictions binding the profile are honoured by splitting their via nodes.
    /// - Parameters:
    ///   - progress: Called with a stage name and its completed fraction.
    public static func build(
        from osm: OSMData,
        profile: RoadProfile,
        components: ComponentPolicy = .largestStronglyConnected,
        turnRestrictions: TurnRestrictionPolicy = .honour,
        progress: ((String, Double) -> Void)? = nil
    ) -> RoadGraph {
        var builder = RoadGraphBuilder(profile: profile)
        builder.collectWays(osm.ways)
        progress?("ways", 1)
        builder.placeNodes(osm.nodes)
        progress?("nodes", 1)
        builder.makeEdges()
        progress?("edges", 1)
        let restrictions = osm.turnRestrictions.filter { $0.applies(to: profile) }
        if turnRestrictions == .honour { builder.splitViaNodes(restrictions) }
        let graph = builder.finish(restrictions: restrictions, components: components)
        progress?("graph", 1)
        return graph
    }

    /// Reads a PBF extract and builds the graph for a profile.
    public static func importOSM(
        pbf: Data,
        profile: RoadProfile,
        components: ComponentPolicy = .largestStronglyConnected,
        turnRestrictions: TurnRestrictionPolicy = .honour,
        progress: ((String, Double) -> Void)? = nil
    ) throws(OSMError) -> RoadGraph {
        let osm = try PBFReader.read(pbf, keepWay: { profile.attributes(of: $0) != nil },
                                     progress: { progress?("read", $0) })
        return build(from: osm, profile: profile, components: components, turnRestrictions: turnRestrictions,
                     progress: progress)
    }

    /// Reads an OSM XML document and builds the graph for a profile.
    public static func importOSM(
        xml: Data,
        profile: RoadProfile,
        components: ComponentPolicy = .largestStronglyConnected,
        turnRestrictions: TurnRestrictionPolicy = .honour
    ) throws(OSMError) -> RoadGraph {
        let osm = try OSMXMLReader.read(xml, keepWay: { profile.attributes(of: $0) != nil })
        return build(from: osm, profile: profile, components: components, turnRestrictions: turnRestrictions)
    }
}

/// The working state of ``RoadGraph/build(from:profile:components:turnRestrictions:progress:)``.
struct RoadGraphBuilder {
    struct Edge {
        var tail: UInt32, head: UInt32, time: UInt32, length: UInt32, way: Int64
    }

    let profile: RoadProfile
    var ways: [(way: OSMWay, attributes: WayAttributes)] = []
    var localIndex: [Int64: UInt32] = [:]
    var osmIDs: [Int64] = []
    var latitude: [Double] = []
    var longitude: [Double] = []
    var placed: [Bool] = []
    var blocked: [Bool] = []
    var edges: [Edge] = []
    /// The canonical node of each node; copies made by ``splitViaNodes(_:)`` point at their original.
    var canonical: [UInt32] = []

    init(profile: RoadProfile) {
        self.profile = profile
    }

    mutating func collectWays(_ input: [OSMWay]) {
        for way in input where way.nodeIDs.count >= 2 {
            guard let attributes = profile.attributes(of: way.tags) else { continue }
            ways.append((way, attributes))
            for id in way.nodeIDs where localIndex[id] == nil {
                localIndex[id] = UInt32(osmIDs.count)
                osmIDs.append(id)
            }
        }
        latitude = [Double](repeating: 0, count: osmIDs.count)
        longitude = latitude
        placed = [Bool](repeating: false, count: osmIDs.count)
        blocked = placed
        canonical = (0..<UInt32(osmIDs.count)).map { $0 }
    }

    mutating func placeNodes(_ nodes: [OSMNode]) {
        for node in nodes {
            guard let index = localIndex[node.id].map(Int.init) else { continue }
            let point = GeoPoint(latitude: node.latitude, longitude: node.longitude)
            guard point.isValid else { continue }
            latitude[index] = node.latitude
            longitude[index] = node.longitude
            placed[index] = true
            if !node.tags.isEmpty, profile.isBlocked(nodeTags: node.tags) { blocked[index] = true }
        }
    }

    mutating func makeEdges() {
        for (way, attributes) in ways {
            let metresPerDecisecond = attributes.speedKmh / 36
            for (fromID, toID) in zip(way.nodeIDs, way.nodeIDs.dropFirst()) {
                guard let from = localIndex[fromID], let to = localIndex[toID], from != to,
                      placed[Int(from)], placed[Int(to)], !blocked[Int(from)], !blocked[Int(to)] else { continue }
                let metres = GreatCircle.distanceMetres(
                    GeoPoint(latitude: latitude[Int(from)], longitude: longitude[Int(from)]),
                    GeoPoint(latitude: latitude[Int(to)], longitude: longitude[Int(to)]))
                let time = UInt32(min(max(1, (metres / metresPerDecisecond).rounded()), 1e9))
                let length = UInt32(min((metres * 10).rounded(), 4e9))
                if attributes.forward { edges.append(Edge(tail: from, head: to, time: time, length: length, way: way.id)) }
                if attributes.backward { edges.append(Edge(tail: to, head: from, time: time, length: length, way: way.id)) }
            }
        }
        edges.sort { ($0.tail, $0.head, $0.time) < ($1.tail, $1.head, $1.time) }
        var unique: [Edge] = []
        unique.reserveCapacity(edges.count)
        for edge in edges where unique.last.map({ $0.tail != edge.tail || $0.head != edge.head }) ?? true {
            unique.append(edge)
        }
        edges = unique
    }

    /// Splits each via node: an arrival over a restricted `from` way leads to a copy of the node whose
    /// outgoing edges are only the turns the restrictions permit.
    mutating func splitViaNodes(_ restrictions: [TurnRestriction]) {
        var byVia: [UInt32: [TurnRestriction]] = [:]
        for restriction in restrictions {
            guard let via = localIndex[restriction.viaNode] else { continue }
            byVia[via, default: []].append(restriction)
        }
        guard !byVia.isEmpty else { return }
        // A copy per edge arriving at a via node over one of its restricted from ways.
        var departures: [UInt32: [Int]] = [:]
        for (index, edge) in edges.enumerated() where byVia[edge.tail] != nil {
            departures[edge.tail, default: []].append(index)
        }
        var copyOfEdge = [UInt32](repeating: UInt32.max, count: edges.count)
        var arrivalsAt: [UInt32: [Int]] = [:]
        for (index, edge) in edges.enumerated() {
            guard let rules = byVia[edge.head]?.filter({ $0.fromWay == edge.way }), !rules.isEmpty else { continue }
            // Only split when the rules actually forbid one of the turns here.
            let outgoing = departures[edge.head] ?? []
            guard outgoing.contains(where: { !Self.permits(rules, incoming: edge, outgoing: edges[$0]) }) else { continue }
            copyOfEdge[index] = UInt32(osmIDs.count)
            arrivalsAt[edge.head, default: []].append(index)
            osmIDs.append(osmIDs[Int(edge.head)])
            latitude.append(latitude[Int(edge.head)])
            longitude.append(longitude[Int(edge.head)])
            placed.append(true)
            blocked.append(false)
            canonical.append(edge.head)
        }
        func headOf(_ index: Int) -> UInt32 { copyOfEdge[index] == UInt32.max ? edges[index].head : copyOfEdge[index] }
        var split: [Edge] = []
        split.reserveCapacity(edges.count + edges.count / 8)
        for (index, edge) in edges.enumerated() {
            var emitted = edge
            emitted.head = headOf(index)
            split.append(emitted)
            for arrival in arrivalsAt[edge.tail] ?? [] {
                let incoming = edges[arrival]
                let rules = byVia[edge.tail]!.filter { $0.fromWay == incoming.way }
                guard Self.permits(rules, incoming: incoming, outgoing: edge) else { continue }
                emitted.tail = copyOfEdge[arrival]
                split.append(emitted)
            }
        }
        split.sort { ($0.tail, $0.head) < ($1.tail, $1.head) }
        edges = split
    }

    /// Whether restrictions on the incoming edge's way allow continuing on the outgoing edge.
    static func permits(_ rules: [TurnRestriction], incoming: Edge, outgoing: Edge) -> Bool {
        let mandatory = rules.filter { $0.kind == .mandatory }
        if !mandatory.isEmpty, !mandatory.contains(where: { $0.toWay == outgoing.way }) { return false }
        for rule in rules where rule.kind == .prohibitive {
            if rule.toWay == rule.fromWay {
                // no_u_turn onto the same way: only turning back the way we came is forbidden.
                if outgoing.way == rule.toWay && outgoing.head == incoming.tail { return false }
            } else if outgoing.way == rule.toWay {
                return false
            }
        }
        return true
    }

    func finish(restrictions: [TurnRestriction], components: RoadGraph.ComponentPolicy) -> RoadGraph {
        // Nodes that carry at least one edge, in order of first appearance.
        var used = [Bool](repeating: false, count: osmIDs.count)
        for edge in edges {
            used[Int(edge.tail)] = true
            used[Int(edge.head)] = true
        }
        var keep = used
        if components == .largestStronglyConnected {
            let (firstOut, head) = Self.forwardStar(edges, nodeCount: osmIDs.count)
            let (labels, count) = StronglyConnectedComponents.label(nodeCount: osmIDs.count, firstOut: firstOut, head: head)
            var sizes = [Int](repeating: 0, count: count)
            for node in 0..<osmIDs.count where used[node] { sizes[Int(labels[node])] += 1 }
            let largest = sizes.indices.max { sizes[$0] < sizes[$1] }.map(UInt32.init)
            for node in 0..<osmIDs.count { keep[node] = used[node] && labels[node] == largest }
        }
        var newIndex = [UInt32](repeating: UInt32.max, count: osmIDs.count)
        var latitudes: [Double] = [], longitudes: [Double] = [], ids: [Int64] = []
        var canonicals: [UInt32] = []
        // The canonical node of a group that lost its original keeps its first surviving copy instead.
        var representative = [UInt32](repeating: UInt32.max, count: osmIDs.count)
        for node in 0..<osmIDs.count where keep[node] {
            let newNode = UInt32(ids.count)
            newIndex[node] = newNode
            let group = Int(canonical[node])
            if representative[group] == UInt32.max { representative[group] = newNode }
            canonicals.append(representative[group])
            latitudes.append(latitude[node])
            longitudes.append(longitude[node])
            ids.append(osmIDs[node])
        }
        let kept = edges.compactMap { edge -> Edge? in
            let tail = newIndex[Int(edge.tail)], head = newIndex[Int(edge.head)]
            guard tail != UInt32.max, head != UInt32.max else { return nil }
            return Edge(tail: tail, head: head, time: edge.time, length: edge.length, way: edge.way)
        }
        let (firstOut, head) = Self.forwardStar(kept, nodeCount: ids.count)
        let keptIDs = Set(ids)
        do {
            return try RoadGraph(
                firstOut: firstOut, head: head, travelTimeDeciseconds: kept.map(\.time),
                lengthDecimetres: kept.map(\.length), wayID: kept.map(\.way), latitude: latitudes,
                longitude: longitudes, osmNodeID: ids,
                turnRestrictions: restrictions.filter { keptIDs.contains($0.viaNode) }, canonicalNode: canonicals)
        } catch {
            preconditionFailure("RoadGraphBuilder produced an invalid graph: \(error)")
        }
    }

    /// Forward-star arrays of edges already sorted by tail.
    static func forwardStar(_ edges: [Edge], nodeCount: Int) -> (firstOut: [UInt32], head: [UInt32]) {
        var firstOut = [UInt32](repeating: 0, count: nodeCount + 1)
        for edge in edges { firstOut[Int(edge.tail) + 1] += 1 }
        for node in 0..<nodeCount { firstOut[node + 1] += firstOut[node] }
        return (firstOut, edges.map(\.head))
    }
}
