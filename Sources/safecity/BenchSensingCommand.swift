import ArgumentParser
import Foundation
import Logging
import NIOCore
import SafeCityCore
import SafeCityServer
import Sensing
import Storage

/// `safecity bench sensing`: observations through intake, 50 stream rules and the durable log, in
/// process against a plain SQLite INSERT loop; then the latency from sending an observation over HTTP
/// to its rule signal arriving on `/v1/stream`, under a steady load.
struct BenchSensingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensing", abstract: "Sensor ingest + rules throughput, and observation-to-signal latency on the live stream.")

    @Option(help: "Registered sensors.") var sensors: Int = 1_000
    @Option(help: "Observations in the throughput run.") var observations: Int = 200_000
    @Option(help: "Observations per intake batch in the throughput run.") var batch: Int = 1_000
    @Option(help: "Observations per second in the latency run.") var rate: Int = 20_000
    @Option(help: "Seconds of the latency run.") var seconds: Int = 10
    @Option(help: "Seed of the readings.") var seed: UInt64 = 11
    @Flag(help: "Skip the latency run.") var noLatency = false

    func run() async throws {
        guard sensors >= 10, observations > 0, batch > 0, rate >= 100, seconds > 0 else {
            throw CLIError("--sensors must be at least 10, --rate at least 100, the others positive")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("safecity-bench-sensing-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let progress = ProgressReporter(label: "bench sensing")
        let city = SensingBenchCity(sensorCount: sensors)
        let rules = try SensingBenchCity.rules(triggerAbove: 500)
        let now = Timestamp(Date())
        let readings = city.readings(count: observations, start: now.adding(milliseconds: -Int64(observations / sensors + 10) * 1_000),
                                     stepMilliseconds: 1_000, seed: seed)

        progress.message("baseline: plain INSERT loop of \(observations) events in one transaction")
        let baselineEvents = readings.map { reading in
            NewEvent(type: SensingEvents.observation, source: "sensor:\(reading.sensorID)", actor: "bench", occurredAt: reading.time,
                     payload: EventPayload(.object(["sensorID": .string(reading.sensorID), "quantity": .string(reading.quantity.name),
                                                    "value": .number(reading.value), "unit": .string(reading.unit)])))
        }
        let baselineStart = ContinuousClock.now
        _ = try SQLitePlainInsertBaseline.insert(baselineEvents, into: try SQLiteDatabase(path: scratch.appendingPathComponent("baseline.sqlite").path))
        let baselineRate = Double(observations) / (ContinuousClock.now - baselineStart).seconds

        progress.message("in-process: \(sensors) sensors, \(rules.rules.count) rules, batches of \(batch)")
        // The readings are a replay: the platform's clock follows them, so absence and staleness are judged
        // against the replay's time, not against a wall clock minutes ahead of it.
        let replay = ReplayClock(readings.first?.time ?? now)
        let platform = try await Platform(databasePath: scratch.appendingPathComponent("inproc.sqlite").path, clock: replay, sensorRules: rules)
        for sensor in city.sensors { try await platform.sensing.register(sensor, actor: "bench") }
        let start = ContinuousClock.now
        var last: Int64 = 0
        var offset = 0
        while offset < readings.count {
            let end = min(readings.count, offset + batch)
            replay.set(readings[end - 1].time)
            let report = try await platform.sensing.ingest(ObservationBatch(items: readings[offset..<end].map { .success($0) }), actor: "bench")
            guard report.rejected.isEmpty else { throw CLIError("the bench's own readings were refused: \(report.rejected[0].error)") }
            last = report.lastSequence ?? last
            offset = end
            progress.update(done: Int64(offset), total: Int64(readings.count))
        }
        let ingested = ContinuousClock.now
        await platform.sensingDetector.caughtUp(to: last, timeout: .seconds(600))
        let elapsed = (ContinuousClock.now - start).seconds
        progress.finish()
        let signals = await platform.sensingDetector.signalsRaised
        let seen = await platform.sensingDetector.observationsSeen
        let bySource = try await Self.signalsBySource(platform.log)
        await platform.shutdown()
        emit([
            "figure": .string("throughput"), "mode": .string("in-process"), "sensors": .number(Double(sensors)),
            "rules": .number(Double(rules.rules.count)), "observations": .number(Double(observations)), "batch": .number(Double(batch)),
            "seconds": .number(BenchFigure.round(elapsed)), "intakeSeconds": .number(BenchFigure.round((ingested - start).seconds)),
            "observationsPerSecond": .number((Double(observations) / elapsed).rounded()),
            "observationsJudged": .number(Double(seen)), "signalsRaised": .number(Double(signals)),
            "signalsByRuleOrProblem": .object(bySource.mapValues { .number(Double($0)) }),
            "baseline": .string("sqlite plain INSERT loop, one transaction, no checks, no rules"),
            "baselineObservationsPerSecond": .number(baselineRate.rounded()),
            "ratio": .number(BenchFigure.round(Double(observations) / elapsed / baselineRate)),
        ])
        guard !noLatency else { return }
        try await measureLatency(city: city, rules: rules, path: scratch.appendingPathComponent("latency.sqlite").path, progress: progress)
    }

    /// Sends `rate` observations a second over HTTP; every tenth request carries one reading above the
    /// `trigger` rule, and the time until its signal arrives on `/v1/stream` is one sample.
    private func measureLatency(city: SensingBenchCity, rules: RuleSet, path: String, progress: ProgressReporter) async throws {
        progress.message("latency: \(rate) observations/s over HTTP for \(seconds) s, signals read from /v1/stream")
        // The server's own latency with one key: no per-credential budget (see RateLimits.loopbackBench).
        let platform = try await Platform(databasePath: path, sensorRules: rules, rateLimits: .loopbackBench)
        for sensor in city.sensors { try await platform.sensing.register(sensor, actor: "bench") }
        let key = try await platform.keys.create(name: "bench", role: .admin, createdBy: "cli:bench")
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let app = SafeCityApp.buildApplication(platform: platform, host: "127.0.0.1", port: 0, logger: logger) { portContinuation.yield($0) }
        let sent = SampleBook()
        let (samples, missed, achievedRate) = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var ports = portStream.makeAsyncIterator()
            guard let port = await ports.next() else { throw CLIError("the server did not start") }
            let auth = [("Authorization", "Bearer \(key.token)")]
            let streamClient = try await LoopbackHTTPClient.connect(host: "127.0.0.1", port: port)
            let stream = try await streamClient.stream(path: "/v1/stream?types=\(SensingEvents.ruleSignal.name)", headers: auth)
            group.addTask { try await Self.readSignals(stream, into: sent) }

            let producer = try await LoopbackHTTPClient.connect(host: "127.0.0.1", port: port)
            let perRequest = max(1, rate / 100)
            let pmSensors = city.sensors.filter { $0.quantities == [.pm25] }
            var cursor = 0, request = 0, total = 0
            let begin = ContinuousClock.now
            let end = begin + .seconds(seconds)
            while ContinuousClock.now < end {
                let due = begin + .milliseconds(request * 10)
                if due > ContinuousClock.now { try await Task.sleep(until: due) }
                let time = Timestamp(Date())
                var readings: [ObservationInput] = []
                for _ in 0..<perRequest {
                    let sensor = city.sensors[cursor % city.sensors.count]
                    let kind = SensingBenchCity.quantities[(cursor % city.sensors.count) % SensingBenchCity.quantities.count]
                    readings.append(ObservationInput(sensorID: sensor.id, time: time, quantity: kind.quantity, value: kind.base, unit: kind.unit))
                    cursor += 1
                }
                if request % 10 == 0, let sensor = pmSensors.randomElement(), let index = readings.firstIndex(where: { $0.sensorID == sensor.id }) ?? readings.indices.first {
                    readings[index] = ObservationInput(sensorID: sensor.id, time: time, quantity: .pm25, value: 600, unit: "µg/m³")
                    sent.sent(subject: sensor.id, time: time, at: ContinuousClock.now)
                }
                let response = try await producer.send(method: .POST, path: "/v1/observations", headers: auth + [("Content-Type", "application/json")],
                                                       body: ByteBuffer(bytes: SensingBenchCity.body(readings[...])))
                guard response.status == 200 else { throw CLIError("ingest answered HTTP \(response.status): \(String(buffer: response.body))") }
                total += readings.count
                request += 1
                progress.update(done: Int64((ContinuousClock.now - begin).seconds * 1000), total: Int64(seconds * 1000))
            }
            let achieved = Double(total) / (ContinuousClock.now - begin).seconds
            try await Task.sleep(for: .seconds(2))
            progress.finish()
            await producer.close()
            await streamClient.close()
            group.cancelAll()
            return (sent.samples(), sent.missed(), achieved)
        }
        await platform.shutdown()
        guard !samples.isEmpty else { throw CLIError("no rule signal arrived on /v1/stream") }
        emit([
            "figure": .string("observation-to-signal latency"), "mode": .string("http + /v1/stream"), "targetObservationsPerSecond": .number(Double(rate)),
            "achievedObservationsPerSecond": .number(achievedRate.rounded()), "samples": .number(Double(samples.count)), "missed": .number(Double(missed)),
            "p50Milliseconds": .number(BenchFigure.round(BenchFigure.percentile(samples, 0.5) * 1000)),
            "p99Milliseconds": .number(BenchFigure.round(BenchFigure.percentile(samples, 0.99) * 1000)),
            "maxMilliseconds": .number(BenchFigure.round((samples.max() ?? 0) * 1000)),
            "target": .string("p99 < 50 ms"),
        ])
    }

    /// How many signals each rule or health problem raised.
    private static func signalsBySource(_ log: any EventLog) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        try await log.forEachRecord(ofTypes: [SensingEvents.ruleSignal, SensingEvents.healthSignal], pageSize: 5_000) { record in
            guard case let .object(payload) = record.event.payload.jsonValue else { return }
            if case let .string(rule)? = payload["ruleID"] { counts[rule, default: 0] += 1 }
            if case let .string(problem)? = payload["problem"] { counts["health:" + problem, default: 0] += 1 }
        }
        return counts
    }

    /// Reads Server-Sent Events and books the arrival of every `trigger` firing.
    private static func readSignals(_ stream: AsyncThrowingStream<ByteBuffer, Error>, into book: SampleBook) async throws {
        var pending: [UInt8] = []
        for try await buffer in stream {
            pending += buffer.readableBytesView
            while let end = pending.firstRange(of: [10, 10]) {
                let frame = pending[..<end.lowerBound]
                pending.removeSubrange(..<end.upperBound)
                guard let dataLine = frame.split(separator: 10).first(where: { $0.starts(with: Array("data: ".utf8)) }),
                      let record = try? JSONParser.parse(Array(dataLine.dropFirst(6))),
                      case let .object(payload)? = record["payload"], payload["ruleID"] == .string("trigger"), payload["state"] == .string("fired"),
                      case let .string(subject)? = payload["subject"], case let .string(occurred)? = record["occurredAt"],
                      let time = Timestamp.parseRFC3339(occurred)
                else { continue }
                book.arrived(subject: subject, time: time, at: ContinuousClock.now)
            }
        }
    }

    private func emit(_ fields: [String: JSONValue]) {
        var line = fields
        line["bench"] = .string("sensing")
        printNow(String(decoding: JSONValue.object(line).canonicalBytes, as: UTF8.self))
    }
}

/// A clock that a replay sets to the time of the readings it has sent.
final class ReplayClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Timestamp

    init(_ start: Timestamp) { current = start }

    func now() -> Timestamp { lock.withLock { current } }
    func set(_ time: Timestamp) { lock.withLock { current = max(current, time) } }
}

/// Send and arrival instants of trigger readings, shared by the producer and the stream reader.
final class SampleBook: @unchecked Sendable {
    private let lock = NSLock()
    private var sentAt: [String: ContinuousClock.Instant] = [:]
    private var latencies: [Double] = []

    private static func key(_ subject: String, _ time: Timestamp) -> String { "\(subject)@\(time.millisecondsSince1970)" }

    func sent(subject: String, time: Timestamp, at instant: ContinuousClock.Instant) {
        lock.withLock { sentAt[Self.key(subject, time)] = instant }
    }

    func arrived(subject: String, time: Timestamp, at instant: ContinuousClock.Instant) {
        lock.withLock {
            if let sent = sentAt.removeValue(forKey: Self.key(subject, time)) { latencies.append((instant - sent).seconds) }
        }
    }

    func samples() -> [Double] { lock.withLock { latencies } }
    func missed() -> Int { lock.withLock { sentAt.count } }
}
