import ArgumentParser
import Foundation
import SafeCityCore
import Simulation
import Storage

/// `safecity bench soak`: a steady load on one node for many minutes, with the node's memory, CPU and the
/// append latency sampled every window, and the trend of each worked out at the end; JSON lines, and a
/// JSON file and an SVG plot in `--output`.
struct BenchSoakCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak", abstract: "A steady load for minutes: memory and latency sampled every 10 s, with their trends and a plot.")

    @Option(help: "Minutes of load.") var minutes: Double = 10
    @Option(help: "Events per second, paced.") var rate: Double = 5_000
    @Option(help: "Seconds per sample.") var window: Double = 10
    @Option(help: "Events per request.") var batch: Int = 50
    @Option(help: "Concurrent producers.") var connections: Int = 4
    @Option(help: "Database: a postgres:// URL of a server to make a fresh database on, else a fresh SQLite file.") var postgres: String?
    @Option(help: "Folder for soak.json and soak.svg.") var output: String = "soak"
    @Option(help: "Seed of the synthetic events.") var seed: UInt64 = 11

    func run() async throws {
        guard minutes > 0, rate > 0, window >= 1, (1...1_000).contains(batch), (1...64).contains(connections) else {
            throw CLIError("--minutes and --rate must be positive, --window at least 1, --batch 1…1000, --connections 1…64")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("safecity-soak-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let database: String
        if let postgres {
            let server = try cliFailure { try PostgresLocation(url: postgres) }
            database = try await PostgresDatabase.createFreshDatabase(prefix: "soak", on: server).description
        } else {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            database = scratch.appendingPathComponent("soak.sqlite").path
        }
        let environment = NodeProcess.benchEnvironment
        let token = try NodeProcess.createKey(database: database, role: "sensor", environment: environment)
        let node = try NodeProcess(database: database, environment: environment)
        defer { node.stop() }
        var generator = SyntheticEvents(seed: seed)
        // A minute of distinct bodies, sent round and round; the server gives each event its own id.
        let poolEvents = Int(min(rate * 60, 300_000)) / batch * batch
        let bodies = EventBodies.json(generator.next(poolEvents), count: poolEvents, batch: batch, ids: false)
        let load = HTTPLoad(ports: [node.port], token: token, connections: connections)
        let windows = Int((minutes * 60 / window).rounded(.up))
        let progress = ProgressReporter(label: "bench soak")
        var samples: [SoakSample] = []
        let start = ContinuousClock.now
        for index in 0..<windows {
            let cpuBefore = node.cpuSeconds
            let outcome = try await load.run(bodies, batch: batch, seconds: window, ratePerSecond: rate, cycle: true)
            let sample = SoakSample(
                seconds: (ContinuousClock.now - start).seconds, events: outcome.events, failures: outcome.failures,
                eventsPerSecond: Double(outcome.events) / outcome.seconds, residentMebibytes: node.residentMebibytes,
                cpuShare: (node.cpuSeconds - cpuBefore) / outcome.seconds,
                p50Milliseconds: BenchFigure.percentile(outcome.latenciesSeconds, 0.5) * 1000,
                p99Milliseconds: BenchFigure.percentile(outcome.latenciesSeconds, 0.99) * 1000)
            samples.append(sample)
            printNow(String(decoding: JSONValue.object(sample.json(bench: "soak")).canonicalBytes, as: UTF8.self))
            progress.update(done: Int64(index + 1), total: Int64(windows))
        }
        progress.finish()
        let summary = SoakSummary(samples: samples, rate: rate, database: postgres == nil ? "sqlite" : "postgres")
        printNow(String(decoding: JSONValue.object(summary.json).canonicalBytes, as: UTF8.self))
        let folder = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let document = JSONValue.object(["summary": .object(summary.json), "samples": .array(samples.map { .object($0.json(bench: "soak")) })])
        try Data(document.canonicalBytes).write(to: folder.appendingPathComponent("soak.json"))
        try Data(SoakPlot.svg(samples: samples, summary: summary).utf8).write(to: folder.appendingPathComponent("soak.svg"))
        FileHandle.standardError.write(Data("soak: wrote \(folder.path)/soak.json and soak.svg\n".utf8))
    }
}

/// One window of the soak test.
struct SoakSample {
    var seconds: Double
    var events: Int
    var failures: Int
    var eventsPerSecond: Double
    var residentMebibytes: Double
    /// CPU seconds the node used per second of the window (1 = one core).
    var cpuShare: Double
    var p50Milliseconds: Double
    var p99Milliseconds: Double

    func json(bench: String) -> [String: JSONValue] {
        ["bench": .string(bench), "seconds": .number(BenchFigure.round(seconds)), "events": .number(Double(events)),
         "failures": .number(Double(failures)), "eventsPerSecond": .number(eventsPerSecond.rounded()),
         "residentMebibytes": .number(BenchFigure.round(residentMebibytes)), "cpuShare": .number(BenchFigure.round(cpuShare)),
         "p50Milliseconds": .number(BenchFigure.round(p50Milliseconds)), "p99Milliseconds": .number(BenchFigure.round(p99Milliseconds))]
    }
}

/// The trends of a soak: least-squares slopes over the second half (after warm-up), and the first and last thirds' p99.
struct SoakSummary {
    var memorySlopeMebibytesPerMinute: Double
    var p99SlopeMillisecondsPerMinute: Double
    var p99FirstThird: Double
    var p99LastThird: Double
    var meanEventsPerSecond: Double
    var failures: Int
    var rate: Double
    var database: String

    init(samples: [SoakSample], rate: Double, database: String) {
        let settled = Array(samples.suffix(max(2, samples.count / 2)))
        memorySlopeMebibytesPerMinute = Self.slope(settled.map { ($0.seconds / 60, $0.residentMebibytes) })
        p99SlopeMillisecondsPerMinute = Self.slope(settled.map { ($0.seconds / 60, $0.p99Milliseconds) })
        let third = max(1, samples.count / 3)
        p99FirstThird = Self.median(samples.prefix(third).map(\.p99Milliseconds))
        p99LastThird = Self.median(samples.suffix(third).map(\.p99Milliseconds))
        meanEventsPerSecond = samples.map(\.eventsPerSecond).reduce(0, +) / Double(max(1, samples.count))
        failures = samples.map(\.failures).reduce(0, +)
        self.rate = rate
        self.database = database
    }

    var json: [String: JSONValue] {
        ["bench": .string("soak"), "figure": .string("summary"), "database": .string(database), "targetEventsPerSecond": .number(rate),
         "meanEventsPerSecond": .number(meanEventsPerSecond.rounded()), "failures": .number(Double(failures)),
         "memorySlopeMebibytesPerMinute": .number(BenchFigure.round(memorySlopeMebibytesPerMinute)),
         "p99SlopeMillisecondsPerMinute": .number(BenchFigure.round(p99SlopeMillisecondsPerMinute)),
         "p99FirstThirdMilliseconds": .number(BenchFigure.round(p99FirstThird)), "p99LastThirdMilliseconds": .number(BenchFigure.round(p99LastThird)),
         "baseline": .string("the soak's own first third"), "p99Ratio": .number(BenchFigure.round(p99LastThird / max(p99FirstThird, 1e-9)))]
    }

    static func slope(_ points: [(Double, Double)]) -> Double {
        guard points.count >= 2 else { return 0 }
        let n = Double(points.count)
        let meanX = points.map(\.0).reduce(0, +) / n, meanY = points.map(\.1).reduce(0, +) / n
        let sxx = points.map { ($0.0 - meanX) * ($0.0 - meanX) }.reduce(0, +)
        guard sxx > 0 else { return 0 }
        return points.map { ($0.0 - meanX) * ($0.1 - meanY) }.reduce(0, +) / sxx
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
