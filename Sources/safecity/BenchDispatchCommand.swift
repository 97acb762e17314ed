import ArgumentParser
import Foundation
import Geo
import RoadNetwork
import SafeCityCore
import SafeCityDispatch
import SafeCityServer
import Security
import Simulation
import Storage

/// `safecity bench dispatch`: recommendation latency on a busy board against one Dijkstra search per
/// candidate unit, and how many incidents an hour the simulated desk carries through their lifecycle.
struct BenchDispatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch", abstract: "Recommendation latency and desk throughput on Monaco, one JSON line per figure.")

    @Option(help: "Units on the board.") var units: Int = 500
    @Option(help: "Open incidents on the board.") var incidents: Int = 50
    @Option(help: "Passes over the open incidents.") var rounds: Int = 20
    @Option(help: "Incidents timed against the per-unit Dijkstra baseline (it takes a while).") var baselineIncidents: Int = 5
    @Option(help: "Simulated minutes of the desk throughput run (0 skips it).") var simulatedMinutes: Int = 60
    @Option(help: "Mean seconds between simulated calls in the throughput run.") var secondsBetweenCalls: Double = 60
    @Option(help: "Seed of the units, incidents and city.") var seed: UInt64 = 3

    func run() async throws {
        guard units > 0, incidents > 0, rounds > 0, baselineIncidents >= 0, simulatedMinutes >= 0, secondsBetweenCalls > 0 else {
            throw CLIError("--units, --incidents, --rounds and --seconds-between-calls must be positive; the others at least 0")
        }
        let reporter = ProgressReporter(label: "bench dispatch")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("safecity-bench-dispatch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let graph = try BundledCity.monacoRoads(profile: .emergency)
        let routing = EngineRouting(engine: RoutingEngine(graph: graph))
        let (service, log) = try await busyBoard(graph: graph, routing: routing, at: directory.appendingPathComponent("board.sqlite").path,
                                                 reporter: reporter)
        let board = try await service.board()
        let open = board.incidents.values.filter(\.isOpen).map(\.id).sorted()
        let figure = BenchFigure(bench: "dispatch", context: ["city": .string("monaco")])

        var samples: [Double] = []
        for round in 0..<rounds {
            for id in open {
                let started = ContinuousClock.now
                _ = try await service.recommend(incidentID: id)
                samples.append((ContinuousClock.now - started).seconds)
            }
            reporter.update(done: Int64(round + 1), total: Int64(rounds))
        }
        reporter.finish()
        let baseline = try perUnitDijkstra(board: board, incidents: Array(open.prefix(baselineIncidents)), routing: routing)
        figure.emitLatencies(
            "recommendation", samples: samples,
            baseline: "one Dijkstra search per available unit (what the recommendation would cost without one-to-many CH)",
            baselineSamples: baseline.isEmpty ? samples : baseline,
            extra: [
                "units": .number(Double(board.units.count)), "openIncidents": .number(Double(open.count)),
                "includes": .string("board catch-up with the log, one-to-many ETAs for every available unit, run-card filling"),
            ])
        _ = log

        if simulatedMinutes > 0 {
            try await deskThroughput(at: directory.appendingPathComponent("desk.sqlite").path, figure: figure, reporter: reporter)
        }
    }

    /// A board with `units` units at random road positions and `incidents` open incidents of random types.
    private func busyBoard(graph: RoadGraph, routing: EngineRouting, at path: String,
                           reporter: ProgressReporter) async throws -> (DispatchService, SQLiteEventLog) {
        let log = try SQLiteEventLog(database: try SQLiteDatabase(path: path), clock: SystemClock())
        let service = DispatchService(log: log, routing: routing, vault: .ephemeral(), clock: SystemClock())
        var rng = SplitMix64(seed: seed)
        let nodes = StreetNetwork(graph: graph).drivableNodes
        func randomPoint() -> GeoPoint { graph.coordinate(of: NodeID(Int(nodes[Int.random(in: 0..<nodes.count, using: &rng)]))) }
        let kinds: [(agency: String, kind: String, share: Double)] = [
            ("police", "patrol", 0.40), ("fire", "engine", 0.15), ("fire", "ladder", 0.05), ("fire", "hazmat", 0.03),
            ("ems", "als-ambulance", 0.17), ("ems", "bls-ambulance", 0.20),
        ]
        reporter.message("registering \(units) units and opening \(incidents) incidents")
        var positions: [NewEvent] = []
        for agency in ["police", "fire", "ems"] {
            try await service.registerStation(id: "\(agency)-hq", agency: agency, location: randomPoint(), actor: "bench")
        }
        for index in 0..<units {
            var pick = Double.random(in: 0..<1, using: &rng)
            let kind = kinds.first { pick -= $0.share; return pick < 0 } ?? kinds[0]
            let id = "u\(index)"
            try await service.registerUnit(id: id, agency: kind.agency, kind: kind.kind, stationID: "\(kind.agency)-hq", actor: "bench")
            positions.append(NewEvent(type: DispatchEvents.unitPosition, source: "unit:\(id)", actor: "bench", occurredAt: SystemClock().now(),
                                      location: randomPoint(), payload: try EventPayload(encoding: ["unitID": id])))
            reporter.update(done: Int64(index + 1), total: Int64(units + incidents))
        }
        _ = try await log.append(positions)
        for index in 0..<incidents {
            let type = IncidentType.all[Int.random(in: 0..<IncidentType.all.count, using: &rng)]
            let point = randomPoint()
            _ = try await service.openIncident(CallForm(typeCode: type.code, priority: 1 + index % 5, latitude: point.latitude,
                                                        longitude: point.longitude, summary: "bench incident"), actor: "bench")
            reporter.update(done: Int64(units + index + 1), total: Int64(units + incidents))
        }
        reporter.finish()
        return (service, log)
    }

    /// The same ETAs by one plain Dijkstra search from every available unit, timed per incident.
    private func perUnitDijkstra(board: DispatchState, incidents: [String], routing: EngineRouting) throws -> [Double] {
        let engine = routing.engine
        var dijkstra = try DijkstraQuery(graph: engine.graph, weights: engine.metric.edgeWeights)
        let available = board.units.values.filter { $0.status == .available }
        var samples: [Double] = []
        for id in incidents {
            guard let target = board.incidents[id].flatMap({ engine.snapper.snap($0.location, maxDistanceMetres: 500) }) else { continue }
            let started = ContinuousClock.now
            var reached = 0
            for unit in available {
                guard let start = engine.snapper.snap(unit.position, maxDistanceMetres: 500) else { continue }
                if dijkstra.travelTime(from: start.nearestNode, to: target.nearestNode) != nil { reached += 1 }
            }
            samples.append((ContinuousClock.now - started).seconds)
            guard reached > 0 else { throw CLIError("baseline reached no unit for \(id)") }
        }
        return samples
    }

    /// Runs the simulated city and desk as fast as they go and counts incidents taken from call to close.
    private func deskThroughput(at path: String, figure: BenchFigure, reporter: ProgressReporter) async throws {
        let clock = SteppedClock()
        let roads = try CityRoads.monaco()
        let platform = try await Platform(databasePath: path, clock: clock, roads: roads, fieldCipher: FieldCipher.random())
        let streets = StreetNetwork(graph: roads.car.graph)
        let plan = CityPlan.make(on: streets, seed: seed)
        var simulation = CitySimulation(streets: streets, plan: plan, seed: seed, start: clock.now())
        simulation.meanSecondsBetweenCalls = secondsBetweenCalls
        let desk = SimulatedDispatchDesk(dispatch: platform.dispatch, routing: roads.emergency, plan: plan, streets: streets, clock: clock)
        let driver = SimulationDriver(simulation: simulation, clock: clock) { events in
            _ = try await platform.append(events)
            await desk.step(after: events)
        }
        try await desk.open(city: driver, hospitals: DemoHospital.monaco)
        let seconds = simulatedMinutes * 60
        let started = ContinuousClock.now
        for second in 0..<seconds {
            clock.advance(milliseconds: 1_000)
            await driver.tick()
            reporter.update(done: Int64(second + 1), total: Int64(seconds))
        }
        let wall = (ContinuousClock.now - started).seconds
        reporter.finish()
        let board = try await platform.dispatch.board()
        let closed = board.incidents.values.filter { !$0.isOpen }.count
        let hours = Double(seconds) / 3600
        figure.emit("desk-throughput", seconds: wall, extra: [
            "simulatedMinutes": .number(Double(simulatedMinutes)), "cityUnits": .number(Double(plan.units.count)),
            "incidentsOpened": .number(Double(board.incidents.count)), "incidentsClosed": .number(Double(closed)),
            "closedPerSimulatedHour": .number(BenchFigure.round(Double(closed) / hours)),
            "lifecyclesPerWallHour": .number((Double(closed) / wall * 3600).rounded()),
            "realTimeFactor": .number(BenchFigure.round(Double(seconds) / wall)),
            "deskRefusals": .number(Double(await desk.refusals)),
        ])
        await driver.stop()
        await platform.shutdown()
    }
}

/// A wall clock the throughput run moves by hand, so a simulated hour passes as fast as the machine allows.
private final class SteppedClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current = SystemClock().now()

    func now() -> Timestamp { lock.withLock { current } }

    func advance(milliseconds: Int64) { lock.withLock { current = current.adding(milliseconds: milliseconds) } }
}
