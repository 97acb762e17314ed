import ArgumentParser
import Foundation
import Geo
import RoadNetwork
import SafeCityCore
import SafeCityServer
import Simulation

/// `safecity bench routing FILE…` (alias `bench route`): import, hierarchy build, point-to-point queries
/// against bidirectional Dijkstra, routes with snapping, one-to-many, traffic re-customization and an
/// exactness check against plain Dijkstra, one JSON line per figure.
struct BenchRoutingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routing", abstract: "Routing engine speed against Dijkstra, one JSON line per figure.",
        aliases: ["route"])

    @Argument(help: "Road files to measure (default: bundled Monaco).") var files: [String] = []
    @Option(help: "Road files to measure, repeatable (same as the arguments).") var roads: [String] = []
    @Option(help: "Random point-to-point pairs per city.") var queries: Int = 1_000
    @Option(help: "Seeded pairs checked against plain Dijkstra per city, for both metrics (0 skips).")
    var exactnessPairs: Int = 10_000
    @Option(help: "Seed of the random pairs, units and traffic.") var seed: UInt64 = 1
    @Option(help: "Vehicle profile: car or emergency.", transform: RoadOptions.vehicle) var profile: RoadProfile.Vehicle = .car
    @Option(help: "Metric of the routes with snapping: duration or distance.", transform: RoadOptions.metric)
    var metric: RouteMetric = .duration
    @Option(help: "Time routes with snapping on these coordinate pairs (a route --pairs CSV) instead of random ones.")
    var pairs: String?
    @Option(help: "Sources of each one-to-many measurement, repeatable.") var units: [Int] = [20, 500]

    func run() throws {
        guard queries > 0, exactnessPairs >= 0, units.allSatisfy({ $0 > 0 }) else {
            throw CLIError("--queries and --units must be positive, --exactness-pairs at least 0")
        }
        let fixedPairs = try pairs.map { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read pairs file \(path)") }
            return try RoutePairs.parse(String(decoding: data, as: UTF8.self), name: URL(fileURLWithPath: path).lastPathComponent)
        }
        let paths = files + roads
        if paths.isEmpty {
            try measure(city: "monaco", data: try BundledCity.monacoPBF(), fixedPairs: fixedPairs)
        }
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read road file \(path)") }
            var name = URL(fileURLWithPath: path).lastPathComponent
            if let dot = name.firstIndex(of: ".") { name = String(name[..<dot]) }
            try measure(city: name, data: data, fixedPairs: fixedPairs)
        }
    }

    private func measure(city: String, data: Data, fixedPairs: [RoutePair]?) throws {
        let reporter = ProgressReporter(label: "bench routing \(city)")
        let figure = BenchFigure(city: city, profile: profile.rawValue)

        // Import: read the extract and build the graph (a graph file is just read and checked).
        var started = ContinuousClock.now
        let graph: RoadGraph
        do {
            switch CityRoads.FileFormat(sniffing: data) {
            case .graph: graph = try RoadGraph(serialized: data)
            case let format: graph = RoadGraph.build(from: try CityRoads.readOSM(data, format: format),
                                                     profile: RoadProfile(vehicle: profile))
            }
        } catch {
            throw CLIError("\(city): \(error)")
        }
        let importSeconds = (ContinuousClock.now - started).seconds
        guard graph.nodeCount > 1 else { throw CLIError("\(city) has no roads a \(profile.rawValue) may use") }
        figure.emit("import", seconds: importSeconds, extra: [
            "bytes": .number(Double(data.count)), "nodes": .number(Double(graph.nodeCount)),
            "edges": .number(Double(graph.edgeCount)),
        ])

        // Preprocessing: hierarchy build plus both customizations, against the import it follows.
        started = ContinuousClock.now
        var engine = RoutingEngine(graph: graph)
        let buildSeconds = (ContinuousClock.now - started).seconds
        figure.emit("ch-build", seconds: buildSeconds, baseline: "import", baselineSeconds: importSeconds,
                    extra: ["arcs": .number(Double(engine.hierarchy.arcCount))])

        var random = SplitMix64(seed: seed)
        let node = { (random: inout SplitMix64) in NodeID(UInt32.random(in: 0..<UInt32(graph.nodeCount), using: &random)) }
        let pairs = (0..<queries).map { _ in (node(&random), node(&random)) }

        // Point-to-point: the same pairs through the hierarchy and through bidirectional Dijkstra.
        reporter.message("\(queries) point-to-point queries, CH then bidirectional Dijkstra")
        var query = engine.makeQuery()
        var chTimes: [Double] = [], chAnswers: [UInt32?] = []
        for (source, target) in pairs {
            let t0 = ContinuousClock.now
            let time = query.travelTime(from: source, to: target)
            chTimes.append((ContinuousClock.now - t0).seconds)
            chAnswers.append(time)
        }
        var bidirectional = BidirectionalDijkstraQuery(graph: graph)
        var baselineTimes: [Double] = [], mismatches = 0
        for (index, (source, target)) in pairs.enumerated() {
            let t0 = ContinuousClock.now
            let time = bidirectional.travelTime(from: source, to: target)
            baselineTimes.append((ContinuousClock.now - t0).seconds)
            if time != chAnswers[index] { mismatches += 1 }
            reporter.update(done: Int64(index + 1), total: Int64(pairs.count))
        }
        reporter.finish()
        figure.emitLatencies("query", samples: chTimes, baseline: "bidirectional Dijkstra, same pairs",
                             baselineSamples: baselineTimes,
                             extra: ["pairs": .number(Double(queries)), "mismatches": .number(Double(mismatches))])

        // Route including snapping and path unpacking, from given coordinates or ones next to random nodes.
        let points = fixedPairs?.map { ($0.from, $0.to) } ?? pairs.map { source, target in
            (Self.jitter(graph.coordinate(of: source), using: &random), Self.jitter(graph.coordinate(of: target), using: &random))
        }
        var snapQuery = engine.makeQuery(metric: metric)
        var snapTimes: [Double] = []
        var routed = 0
        for (from, to) in points {
            let t0 = ContinuousClock.now
            let route = engine.snappedRoute(from: from, to: to, using: &snapQuery)
            snapTimes.append((ContinuousClock.now - t0).seconds)
            if route != nil { routed += 1 }
        }
        figure.emitLatencies("route-with-snapping", samples: snapTimes, baseline: "CH travel time only", baselineSamples: chTimes,
                             extra: ["routed": .number(Double(routed)), "pairs": .number(Double(points.count)),
                                     "metric": .string(metric.rawValue),
                                     "pairsFrom": .string(fixedPairs == nil ? "random" : "file")])

        // One-to-many: N units to one incident, one CH call against N bidirectional Dijkstras.
        for count in units {
            let rounds = max(1, min(20, queries / 10))
            var chSeconds = 0.0, baselineSeconds = 0.0, disagreements = 0
            for _ in 0..<rounds {
                let target = node(&random)
                let sources = (0..<count).map { _ in node(&random) }
                var t0 = ContinuousClock.now
                let times = query.travelTimes(from: sources, to: target)
                chSeconds += (ContinuousClock.now - t0).seconds
                t0 = ContinuousClock.now
                let baseline = sources.map { bidirectional.travelTime(from: $0, to: target) }
                baselineSeconds += (ContinuousClock.now - t0).seconds
                disagreements += zip(times, baseline).filter { $0 != $1 }.count
            }
            figure.emit("one-to-many", seconds: chSeconds / Double(rounds),
                        baseline: "\(count) bidirectional Dijkstras", baselineSeconds: baselineSeconds / Double(rounds),
                        extra: ["sources": .number(Double(count)), "rounds": .number(Double(rounds)),
                                "mismatches": .number(Double(disagreements))])
        }

        // Exactness on the free-flow weights, for both metrics.
        if exactnessPairs > 0 {
            for kind in RouteMetric.allCases {
                reporter.message("exactness: \(exactnessPairs) pairs by \(kind.rawValue) against plain Dijkstra")
                let check = Self.exactness(engine: engine, metric: kind, pairs: exactnessPairs, seed: seed)
                figure.emit("exactness", seconds: check.seconds, extra: [
                    "metric": .string(kind.rawValue), "pairs": .number(Double(check.pairs)),
                    "mismatches": .number(Double(check.mismatches)), "routed": .number(Double(check.routed)),
                ])
            }
            reporter.finish()
        }

        // Live traffic: slow 1% of edges, re-customize, against building the hierarchy.
        var traffic = LiveTraffic(graph: graph)
        for _ in 0..<max(1, graph.edgeCount / 100) {
            try? traffic.setSpeedFactor(Double.random(in: 0.2...0.9, using: &random),
                                        edge: EdgeID(UInt32.random(in: 0..<UInt32(graph.edgeCount), using: &random)))
        }
        started = ContinuousClock.now
        do { try engine.apply(traffic) } catch { throw CLIError("\(city): \(error)") }
        figure.emit("traffic-customization", seconds: (ContinuousClock.now - started).seconds,
                    baseline: "ch-build", baselineSeconds: buildSeconds,
                    extra: ["edgesChanged": .number(Double(max(1, graph.edgeCount / 100)))])
    }

    /// A point up to ~20 m from `point`, as a unit's GPS fix would be.
    static func jitter(_ point: GeoPoint, using random: inout SplitMix64) -> GeoPoint {
        GeoPoint(latitude: point.latitude + Double.random(in: -0.00018...0.00018, using: &random),
                 longitude: point.longitude + Double.random(in: -0.00018...0.00018, using: &random))
    }
}
