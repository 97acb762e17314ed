import Synchronization
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import SafeCityCore
import SafeCityServer
import Simulation
import Storage

/// `safecity bench ingest`: durable append throughput in-process and over HTTP, against a
/// plain SQLite INSERT loop measured in the same run; or, with `--crash-test`, the
/// kill-and-reopen durability test.
struct BenchIngestCommand: AsyncParsableCommand {

    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Event-log append throughput, or the SIGKILL durability test.")

    @Option(help: "Events per measurement with batches of 100 and 1000.") var events: Int = 200_000
    @Option(help: "Events per measurement with batches of 1 (each is its own fsync'd commit).") var singleEvents: Int = 2_000
    @Option(help: "Seed of the synthetic events.") var seed: UInt64 = 7
    @Flag(help: "Run the crash test instead: append from a child, SIGKILL it, check what was acknowledged.")
    var crashTest = false
    @Option(help: "Crash-test rounds.") var rounds: Int = 20
    @Option(help: "Concurrent producers (keep-alive connections) in the HTTP measurements; two keep both cores busy.") var connections: Int = 2
    @Flag(help: "Skip the HTTP measurements.") var noHttp = false

    func run() async throws {
        guard events > 0, singleEvents > 0, rounds > 0, (1...64).contains(connections) else {
            throw CLIError("--events, --single-events and --rounds must be positive, --connections within 1…64")
        }
        if crashTest {
            try await CrashTest(rounds: rounds, seed: seed).run()
            return
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("safecity-bench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let progress = ProgressReporter(label: "bench ingest")

        var generator = SyntheticEvents(seed: seed)
        let sample = generator.next(events)

        progress.message("baseline: plain INSERT loop of \(events) events in one transaction")
        let baselineDB = try SQLiteDatabase(path: scratch.appendingPathComponent("baseline.sqlite").path)
        let baselineStart = ContinuousClock.now
        _ = try SQLitePlainInsertBaseline.insert(sample, into: baselineDB)
        let baselineRate = Double(events) / (ContinuousClock.now - baselineStart).seconds

        for batch in [1, 100, 1000] {
            let count = batch == 1 ? singleEvents : events
            progress.message("in-process, batches of \(batch)")
            let log = try SQLiteEventLog(database: try SQLiteDatabase(path: scratch.appendingPathComponent("inproc-\(batch).sqlite").path))
            let start = ContinuousClock.now
            var offset = 0
            while offset < count {
                let end = min(count, offset + batch)
                _ = try await log.append(Array(sample[offset..<end]))
                offset = end
                progress.update(done: Int64(offset), total: Int64(count))
            }
            progress.finish()
            report(mode: "in-process", batch: batch, count: count, seconds: (ContinuousClock.now - start).seconds, baseline: baselineRate)
        }

        guard !noHttp else { return }
        for batch in [1, 100, 1000] {
            let count = batch == 1 ? singleEvents : events
            progress.message("HTTP on 127.0.0.1, batches of \(batch)")
            let seconds = try await measureHTTP(batch: batch, count: count, sample: sample,
                                                path: scratch.appendingPathComponent("http-\(batch).sqlite").path, progress: progress)
            report(mode: "http", batch: batch, count: count, seconds: seconds, baseline: baselineRate,
                   extra: ["connections": .number(Double(connections))])
        }
    }

    private func measureHTTP(batch: Int, count: Int, sample: [NewEvent], path: String, progress: ProgressReporter) async throws -> Double {
        // The server's own ceiling with one key: no per-credential budget (see RateLimits.loopbackBench).
        let platform = try await Platform(databasePath: path, rateLimits: .loopbackBench)
        let key = try await platform.keys.create(name: "bench", role: .sensor, createdBy: "cli:bench")
        let bodies = EventBodies.json(sample, count: count, batch: batch)
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let app = SafeCityApp.buildApplication(platform: platform, host: "127.0.0.1", port: 0, logger: logger) { port in
            portContinuation.yield(port)
        }
        return try await withThrowingTaskGroup(of: Double?.self) { group in
            group.addTask {
                try await app.run()
                return nil
            }
            var ports = portStream.makeAsyncIterator()
            guard let port = await ports.next() else { throw CLIError("the server did not start") }
            // Several producers at once, as a city's sensors are: one request's parsing overlaps another's commit.
            var clients: [LoopbackHTTPClient] = []
            for _ in 0..<connections { clients.append(try await LoopbackHTTPClient.connect(host: "127.0.0.1", port: port)) }
            let headers = [("Authorization", "Bearer \(key.token)"), ("Content-Type", "application/json")]
            let sent = SharedCounter()
            let start = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { senders in
                for (index, client) in clients.enumerated() {
                    let share = stride(from: index, to: bodies.count, by: clients.count).map { bodies[$0] }
                    senders.addTask {
                        for body in share {
                            let response = try await client.send(method: .POST, path: "/v1/events", headers: headers, body: body)
                            guard response.status == 201 else {
                                throw CLIError("append failed with HTTP \(response.status): \(String(buffer: response.body))")
                            }
                            progress.update(done: Int64(min(sent.add(batch), count)), total: Int64(count))
                        }
                    }
                }
                try await senders.waitForAll()
            }
            let seconds = (ContinuousClock.now - start).seconds
            progress.finish()
            for client in clients { await client.close() }
            group.cancelAll()
            await platform.shutdown()
            return seconds
        }!
    }

    private func report(mode: String, batch: Int, count: Int, seconds: Double, baseline: Double, extra: [String: JSONValue] = [:]) {
        let rate = Double(count) / seconds
        let line = JSONValue.object(extra.merging([
            "bench": .string("ingest"), "mode": .string(mode), "batch": .number(Double(batch)),
            "events": .number(Double(count)), "seconds": .number((seconds * 1000).rounded() / 1000),
            "eventsPerSecond": .number(rate.rounded()),
            "baseline": .string("sqlite plain INSERT loop, one transaction, no hashing"),
            "baselineEventsPerSecond": .number(baseline.rounded()),
            "ratio": .number((rate / baseline * 1000).rounded() / 1000),
        ]) { _, own in own })
        printNow(String(decoding: line.canonicalBytes, as: UTF8.self))
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}

/// A count shared by the HTTP producers, for the progress bar.
private final class SharedCounter: Sendable {
    private let value = Mutex(0)

    /// Adds `amount` and returns the new total.
    func add(_ amount: Int) -> Int { value.withLock { $0 += amount; return $0 } }
}
