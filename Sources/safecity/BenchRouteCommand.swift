import ArgumentParser
import Foundation
import Geo
import RoadNetwork
import SafeCityCore
import SafeCityServer
import Simulation

/// `safecity bench route`: import, hierarchy build, traffic customization, point-to-point and one-to-many
/// queries, each against a baseline measured in the same run (plain Dijkstra for queries).
struct BenchRouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route", abstract: "Routing engine speed against plain Dijkstra, one JSON line per figure.")

    @Option(help: "Random point-to-point pairs per city.") var queries: Int = 1_000
    @Option(help: "Seed of the random pairs, units and traffic.") var seed: UInt64 = 1
    @Option(help: "Vehicle profile: car or emergency.", transform: RoadOptions.vehicle) var profile: RoadProfile.Vehicle = .car
    @Option(help: "Road files to measure, repeatable (default: bundled Monaco).") var roads: [String] = []
    @Option(help: "Sources of each one-to-many measurement, repeatable.") var units: [Int] = [20, 500]

    func run() throws {
        guard queries > 0, units.allSatisfy({ $0 > 0 }) else { throw CLIError("--queries and --units must be positive") }
        if roads.isEmpty {
            try measure(city: "monaco", data: try BundledCity.monacoPBF())
        }
        for path in roads {
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read road file \(path)") }
            var name = URL(fileURLWithPath: path).lastPathComponent
            if let dot = name.firstIndex(of: ".") { name = String(name[..<dot]) }
            try measure(city: name, data: data)
        }
    }

    private func measure(city: String, data: Data) throws {
        let reporter = ProgressReporter(label: "bench route \(city)")
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

        // Hierarchy build, against the import it follows.
        started = ContinuousClock.now
        var engine = RoutingEngine(graph: graph)
        let buildSeconds = (ContinuousClock.now - started).seconds
        figure.emit("ch-build", seconds: buildSeconds, baseline: "import", baselineSeconds: importSeconds,
                    extra: ["arcs": .number(Double(engine.hierarchy.arcCount))])

        var random = SplitMix64(seed: seed)
        let node = { (random: inout SplitMix64) in NodeID(UInt32.random(in: 0..<UInt32(graph.nodeCount), using: &random)) }
        let pairs = (0..<queries).map { _ in (node(&random), node(&random)) }

        // Point-to-point: the same pairs through the hierarchy and through plain Dijkstra; answers must agree.
        reporter.message("\(queries) point-to-point queries, CH then Dijkstra")
        var query = engine.makeQuery()
        var chTimes: [Double] = [], chChecksum: UInt64 = 0
        for (source, target) in pairs {
            let t0 = ContinuousClock.now
            let time = query.travelTime(from: source, to: target)
            chTimes.append((ContinuousClock.now - t0).seconds)
            chChecksum &+= UInt64(time ?? UInt32.max)
        }
        var dijkstra = DijkstraQuery(graph: graph)
        var dijkstraTimes: [Double] = [], dijkstraChecksum: UInt64 = 0
        for (index, (source, target)) in pairs.enumerated() {
            let t0 = ContinuousClock.now
            let time = dijkstra.travelTime(from: source, to: target)
            dijkstraTimes.append((ContinuousClock.now - t0).seconds)
            dijkstraChecksum &+= UInt64(time ?? UInt32.max)
            reporter.update(done: Int64(index + 1), total: Int64(pairs.count))
        }
        reporter.finish()
        guard chChecksum == dijkstraChecksum else {
            throw CLIError("\(city): CH and Dijkstra disagree (checksums \(chChecksum) vs \(dijkstraChecksum))")
        }
        figure.emitLatencies("query", samples: chTimes, baseline: "plain Dijkstra, same pairs", baselineSamples: dijkstraTimes,
                             extra: ["pairs": .number(Double(queries)), "checksum": .number(Double(chChecksum)),
                                     "checksumsEqual": .bool(true)])

        // Route including snapping and path unpacking, from coordinates next to random nodes.
        var snapTimes: [Double] = []
        var routed = 0
        for (source, target) in pairs {
            let from = Self.jitter(graph.coordinate(of: source), using: &random)
            let to = Self.jitter(graph.coordinate(of: target), using: &random)
            let t0 = ContinuousClock.now
            let route = engine.snappedRoute(from: from, to: to, using: &query)
            snapTimes.append((ContinuousClock.now - t0).seconds)
            if route != nil { routed += 1 }
        }
        figure.emitLatencies("route-with-snapping", samples: snapTimes, baseline: "CH travel time only", baselineSamples: chTimes,
                             extra: ["routed": .number(Double(routed))])

        // One-to-many: N units to one incident, one CH call against N Dijkstras.
        for count in units {
            let rounds = max(1, min(20, queries / 10))
            var chSeconds = 0.0, baselineSeconds = 0.0, chSum: UInt64 = 0, baselineSum: UInt64 = 0
            for _ in 0..<rounds {
                let target = node(&random)
                let sources = (0..<count).map { _ in node(&random) }
                var t0 = ContinuousClock.now
                let times = query.travelTimes(from: sources, to: target)
                chSeconds += (ContinuousClock.now - t0).seconds
                chSum = times.reduce(chSum) { $0 &+ UInt64($1 ?? UInt32.max) }
                t0 = ContinuousClock.now
                for source in sources { baselineSum &+= UInt64(dijkstra.travelTime(from: source, to: target) ?? UInt32.max) }
                baselineSeconds += (ContinuousClock.now - t0).seconds
            }
            guard chSum == baselineSum else { throw CLIError("\(city): one-to-many disagrees with Dijkstra") }
            figure.emit("one-to-many", seconds: chSeconds / Double(rounds),
                        baseline: "\(count) plain Dijkstras", baselineSeconds: baselineSeconds / Double(rounds),
                        extra: ["sources": .number(Double(count)), "rounds": .number(Double(rounds)), "checksumsEqual": .bool(true)])
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

/// Prints one benchmark figure per line as JSON.
struct BenchFigure {
    let city: String
    let profile: String

    /// A timed figure, with its ratio to a baseline when there is one.
    func emit(_ name: String, seconds: Double, baseline: String? = nil, baselineSeconds: Double? = nil,
              extra: [String: JSONValue] = [:]) {
        var line = extra
        line["bench"] = .string("route")
        line["figure"] = .string(name)
        line["city"] = .string(city)
        line["profile"] = .string(profile)
        line["milliseconds"] = .number(Self.round(seconds * 1000))
        if let baseline, let baselineSeconds {
            line["baseline"] = .string(baseline)
            line["baselineMilliseconds"] = .number(Self.round(baselineSeconds * 1000))
            line["ratio"] = .number(Self.round(seconds / baselineSeconds))
            line["speedup"] = .number(Self.round(baselineSeconds / seconds))
        }
        print(String(decoding: JSONValue.object(line).canonicalBytes, as: UTF8.self))
    }

    /// A latency figure: p50/p99 in microseconds, and the speed-up over the baseline's median.
    func emitLatencies(_ name: String, samples: [Double], baseline: String, baselineSamples: [Double],
                       extra: [String: JSONValue] = [:]) {
        var line = extra
        line["bench"] = .string("route")
        line["figure"] = .string(name)
        line["city"] = .string(city)
        line["profile"] = .string(profile)
        line["p50Microseconds"] = .number(Self.round(Self.percentile(samples, 0.5) * 1e6))
        line["p99Microseconds"] = .number(Self.round(Self.percentile(samples, 0.99) * 1e6))
        line["meanMicroseconds"] = .number(Self.round(samples.reduce(0, +) / Double(samples.count) * 1e6))
        line["baseline"] = .string(baseline)
        line["baselineP50Microseconds"] = .number(Self.round(Self.percentile(baselineSamples, 0.5) * 1e6))
        line["ratio"] = .number(Self.round(Self.percentile(samples, 0.5) / Self.percentile(baselineSamples, 0.5)))
        line["speedup"] = .number(Self.round(Self.percentile(baselineSamples, 0.5) / Self.percentile(samples, 0.5)))
        print(String(decoding: JSONValue.object(line).canonicalBytes, as: UTF8.self))
    }

    static func percentile(_ samples: [Double], _ fraction: Double) -> Double {
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    /// Four significant decimals are plenty for a benchmark figure.
    static func round(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
