import Foundation
import Geo
import SafeCityCore
import SafeCityTesting
import Sensing
import Storage
import Testing

/// The detector takes the intake's records in memory and reads the rest from the log; the reference is
/// the log alone: a ``SensingAnalyser`` folding every record of the finished log in order must raise
/// exactly the signals the detector recorded, each once.
@Suite(.timeLimit(.minutes(5))) struct SensingFeedTests {
    static let rules = try! RuleSet.load(json: Data(#"""
        {"rules":[{"id":"pm25-high","kind":"threshold","quantity":"pm25","above":35.5,"clearAt":30},
                  {"id":"pm25-mean","kind":"aggregate","quantity":"pm25","function":"mean","windowSeconds":120,"above":33,"clearAt":25}]}
        """#.utf8))
    static let t0 = Timestamp(millisecondsSince1970: 1_795_000_000_000)

    static func sensor(_ index: Int) -> Sensor {
        Sensor(id: "aq-\(index)", kind: .airQuality, name: "aq \(index)", location: GeoPoint(latitude: 43.73 + Double(index) * 0.001, longitude: 7.42),
               quantities: [.pm25], reportIntervalSeconds: 60, owner: "test")
    }

    /// Readings that cross the threshold up and down, one sensor after another, a minute apart.
    static func reading(_ step: Int, sensor: Int) -> ObservationInput {
        let value = (step / 3) % 2 == 0 ? 12.0 + Double(sensor) : 60.0 + Double(step % 3)
        return ObservationInput(sensorID: "aq-\(sensor)", time: t0.adding(milliseconds: Int64(step) * 60_000), quantity: .pm25, value: value, unit: "µg/m³")
    }

    static func replayedSignalKeys(_ log: SQLiteEventLog) async throws -> [String] {
        var analyser = SensingAnalyser(rules: rules)
        var keys: [String] = []
        try await log.forEachRecord(ofTypes: [SensingEvents.observation, SensingEvents.registered, SensingEvents.retired]) { record in
            keys += analyser.apply(record).map(\.key)
        }
        return keys
    }

    static func recordedSignalKeys(_ log: SQLiteEventLog) async throws -> [String] {
        var keys: [String] = []
        try await log.forEachRecord(ofTypes: [SensingEvents.ruleSignal, SensingEvents.healthSignal]) { record in
            if case let .object(payload) = record.event.payload.jsonValue, case let .string(key)? = payload["key"] { keys.append(key) }
        }
        return keys
    }

    @Test(arguments: [100_000, 2])
    func everyRecordIsJudgedOnceWhateverWroteIt(feedCapacity: Int) async throws {
        let directory = TemporaryDirectory(); defer { directory.remove() }
        let clock = ManualClock(Self.t0.adding(milliseconds: 3_600_000))
        let log = try SQLiteEventLog(database: try SQLiteDatabase(path: directory.path("log.sqlite")), clock: clock)
        let append: @Sendable ([NewEvent]) async throws -> [EventRecord] = { try await log.append($0) }
        let detector = SensingDetector(log: log, clock: clock, rules: Self.rules, feed: SensingFeed(capacity: feedCapacity), append: append)
        let service = SensingService(log: log, clock: clock, feed: detector.feed, append: append)
        try await service.start()
        try await detector.start(tickInterval: .seconds(3_600))
        for index in 0..<3 { try await service.register(Self.sensor(index), actor: "test") }

        var accepted = 0
        var last: Int64 = 0
        for step in 0..<30 {
            // Every fourth step an observation arrives past the intake (the events API, another node).
            if step % 4 == 3 {
                let observation = Observation(sensorID: "aq-2", time: Self.t0.adding(milliseconds: Int64(step) * 60_000 + 1), quantity: .pm25,
                                              value: step % 8 == 3 ? 80 : 10)
                let payload = EventPayload(.object(["sensorID": .string(observation.sensorID), "quantity": .string("pm25"),
                                                    "value": .number(observation.value), "unit": .string("µg/m³")]))
                let record = try await log.append([NewEvent(type: SensingEvents.observation, source: "sensor:aq-2", actor: "api",
                                                            occurredAt: observation.time, payload: payload)])
                accepted += 1
                last = record[0].sequence
            }
            let batch = ObservationBatch(items: (0..<3).map { .success(Self.reading(step, sensor: $0)) })
            let report = try await service.ingest(batch, actor: "test")
            accepted += report.accepted
            last = report.lastSequence ?? last
        }
        await detector.caughtUp(to: last, timeout: .seconds(30))
        #expect(await detector.observationsSeen == accepted)
        let fromLog = await detector.recordsFromLog
        #expect(fromLog >= 7, "the other writer's observations came from the log")
        if feedCapacity < 3 { #expect(detector.feed.droppedEntries > 0 && fromLog > 7, "batches of three do not fit: they come from the log") }
        await detector.stop()

        let recorded = try await Self.recordedSignalKeys(log)
        let replayed = try await Self.replayedSignalKeys(log)
        #expect(!replayed.isEmpty)
        #expect(recorded == replayed)
    }
}
