import ArgumentParser
import Foundation
import SafeCityCore
import Simulation
import Storage

/// `safecity bench cluster`: append throughput and latency over HTTP with one and two nodes on PostgreSQL,
/// next to one node on SQLite measured in the same run, and each node's CPU per 1,000 events.
struct BenchClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster", abstract: "Events/s and p99 append latency with 1 and 2 nodes on PostgreSQL, against 1 node on SQLite.")

    @Option(help: "A PostgreSQL server to make bench databases on, e.g. postgres://postgres@127.0.0.1:5432/postgres (SAFECITY_TEST_POSTGRES).")
    var postgres: String?
    @Option(help: "Seconds of load per configuration.") var seconds: Double = 10
    @Option(help: "Events per request.") var batch: Int = 50
    @Option(help: "Concurrent producers (keep-alive connections), spread over the nodes.") var connections: Int = 8
    @Option(help: "Events generated ahead (the load stops early if they run out).") var events: Int = 400_000
    @Option(help: "Seed of the synthetic events.") var seed: UInt64 = 7

    func run() async throws {
        guard seconds > 0, (1...1_000).contains(batch), (1...256).contains(connections), events >= batch else {
            throw CLIError("--seconds must be positive, --batch 1…1000, --connections 1…256, --events at least one batch")
        }
        guard let server = postgres ?? ProcessInfo.processInfo.environment["SAFECITY_TEST_POSTGRES"] else {
            throw CLIError("give --postgres postgres://user@host:port/db (scripts/postgres start DIR starts a throwaway server)")
        }
        let serverLocation = try cliFailure { try PostgresLocation(url: server) }
        let progress = ProgressReporter(label: "bench cluster")
        progress.message("generating \(events) events")
        var generator = SyntheticEvents(seed: seed)
        let bodies = EventBodies.json(generator.next(events), count: events, batch: batch)
        let environment = NodeProcess.benchEnvironment
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("safecity-bench-cluster-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: scratch) }

        var baseline: Double?
        var onePostgresNode: Double?
        for (kind, nodeCount) in [("sqlite", 1), ("postgres", 1), ("postgres", 2)] {
            progress.message("\(kind), \(nodeCount) node(s): \(seconds) s of load")
            let database: String
            if kind == "sqlite" {
                database = scratch.appendingPathComponent("bench.sqlite").path
            } else {
                database = try await PostgresDatabase.createFreshDatabase(prefix: "bench", on: serverLocation).description
            }
            let token = try NodeProcess.createKey(database: database, role: "sensor", environment: environment)
            var nodes: [NodeProcess] = []
            defer { for node in nodes { node.stop() } }
            for _ in 0..<nodeCount { nodes.append(try NodeProcess(database: database, environment: environment)) }
            let cpuBefore = nodes.map(\.cpuSeconds)
            let load = HTTPLoad(ports: nodes.map(\.port), token: token, connections: connections)
            let outcome = try await load.run(bodies, batch: batch, seconds: seconds)
            let cpu = zip(nodes.map(\.cpuSeconds), cpuBefore).map { $0 - $1 }
            for node in nodes { node.stop() }
            nodes.removeAll()
            guard outcome.failures == 0 else { throw CLIError("\(outcome.failures) of \(outcome.requests) appends failed on \(kind)") }
            let rate = Double(outcome.events) / outcome.seconds
            var line: [String: JSONValue] = [
                "bench": .string("cluster"), "database": .string(kind), "nodes": .number(Double(nodeCount)),
                "events": .number(Double(outcome.events)), "seconds": .number(BenchFigure.round(outcome.seconds)),
                "eventsPerSecond": .number(rate.rounded()), "batch": .number(Double(batch)), "connections": .number(Double(connections)),
                "p50AppendMilliseconds": .number(BenchFigure.round(BenchFigure.percentile(outcome.latenciesSeconds, 0.5) * 1000)),
                "p99AppendMilliseconds": .number(BenchFigure.round(BenchFigure.percentile(outcome.latenciesSeconds, 0.99) * 1000)),
                "cpuMillisecondsPer1000EventsPerNode": .array(cpu.map { .number(BenchFigure.round($0 * 1000 / Double(outcome.events) * 1000)) }),
            ]
            if let baseline {
                line["baseline"] = .string("one node on SQLite, same load")
                line["baselineEventsPerSecond"] = .number(baseline.rounded())
                line["ratio"] = .number(BenchFigure.round(rate / baseline))
            } else {
                baseline = rate
            }
            if kind == "postgres" {
                if let onePostgresNode { line["ratioToOnePostgresNode"] = .number(BenchFigure.round(rate / onePostgresNode)) } else { onePostgresNode = rate }
            }
            printNow(String(decoding: JSONValue.object(line).canonicalBytes, as: UTF8.self))
        }
        progress.finish()
    }
}

