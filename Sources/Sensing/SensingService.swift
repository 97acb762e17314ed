import Geo
import SafeCityCore

/// The sensor desk: the registry of sensors and the intake of their observations.
///
/// Observations are checked against the registry, converted to their quantity's canonical unit,
/// stripped of duplicates and appended to the log as `sensor.observation` events. Rules, health and
/// air quality are worked out by ``SensingDetector`` in log order; what this service commits reaches
/// it in memory through the ``SensingFeed``, while observations that arrive any other way (the events
/// API, another node) are read from the log and judged the same.
public actor SensingService {
    public typealias Append = @Sendable ([NewEvent]) async throws -> [EventRecord]

    /// Settings of the intake.
    public struct Settings: Sendable {
        /// How far behind a series' newest observation a late one is still taken.
        public var maxLatenessSeconds: Int64 = 6 * 3_600
        /// How far ahead of the clock an observation may be stamped (sensor clocks drift).
        public var maxFutureSeconds: Int64 = 300
        public init() {}
    }

    private let log: any EventLog
    private let clock: any WallClock
    private let append: Append
    private let settings: Settings
    private let feed: SensingFeed?
    private var registry: [String: Sensor] = [:]
    /// How far, and when, the registry was read from the log: other nodes register sensors too.
    private var registryThrough: Int64 = 0
    private var registryReadAt: Int64 = 0
    private var deduplicator: ObservationDeduplicator
    /// Refusals by reason, for `/metrics`.
    public private(set) var rejectedByReason: [String: Int] = [:]
    public private(set) var acceptedTotal = 0
    public private(set) var duplicatesTotal = 0

    /// `feed`, when given, receives every record this service commits (the detector's in-memory path).
    public init(log: any EventLog, clock: any WallClock, settings: Settings = Settings(), feed: SensingFeed? = nil, append: @escaping Append) {
        self.log = log
        self.clock = clock
        self.settings = settings
        self.feed = feed
        self.append = append
        self.deduplicator = ObservationDeduplicator(windowMilliseconds: settings.maxLatenessSeconds * 1_000)
    }

    /// Reads the registry from the log.
    public func start() async throws {
        try await catchUpRegistry()
    }

    /// Reads the sensors registered or retired since the last look, by this node or another one.
    private func catchUpRegistry() async throws {
        while true {
            let page = try await log.read(after: registryThrough, limit: 1_000, types: [SensingEvents.registered, SensingEvents.retired])
            for record in page.records { SensorRegistry.apply(record, to: &registry) }
            guard page.scannedThrough > registryThrough else { break }
            registryThrough = page.scannedThrough
        }
        registryReadAt = clock.now().millisecondsSince1970
    }

    /// Registers a sensor, or replaces the registration of one with the same id.
    @discardableResult
    public func register(_ sensor: Sensor, actor: String) async throws -> EventRecord {
        let sensor = try sensor.validated()
        let event = NewEvent(type: SensingEvents.registered, source: "sensing", actor: actor, occurredAt: clock.now(),
                             location: sensor.location, payload: try EventPayload(encoding: sensor))
        let record = try await appendRecord(event)
        registry[sensor.id] = sensor
        return record
    }

    /// Takes a sensor out of service; its later observations are refused.
    public func retire(sensorID: String, actor: String) async throws -> EventRecord? {
        guard registry[sensorID] != nil else { return nil }
        let event = NewEvent(type: SensingEvents.retired, source: "sensing", actor: actor, occurredAt: clock.now(),
                             payload: try EventPayload(encoding: SensingEvents.Retired(sensorID: sensorID)))
        let record = try await appendRecord(event)
        registry[sensorID] = nil
        return record
    }

    private func appendRecord(_ event: NewEvent) async throws -> EventRecord {
        feed?.beginAppend()
        do {
            let record = try await append([event])[0]
            feed?.endAppend(SensingFeed.Chunk(firstSequence: record.sequence, entries: [.record(record)]))
            return record
        } catch {
            feed?.endAppend(nil)
            throw error
        }
    }

    /// Every registered sensor, by id.
    public func sensors() -> [Sensor] { registry.values.sorted { $0.id < $1.id } }

    public func sensor(id: String) -> Sensor? { registry[id] }

    /// Checks, converts, de-duplicates and records a batch; one bad item refuses only itself.
    public func ingest(_ batch: ObservationBatch, actor: String) async throws -> IngestReport {
        var report = IngestReport()
        var events: [NewEvent] = []
        var keys: [ObservationKey] = []
        var observations: [SensingFeed.Chunk.Entry] = []
        events.reserveCapacity(batch.items.count)
        observations.reserveCapacity(batch.items.count)
        let now = clock.now().millisecondsSince1970
        // Retirements on other nodes reach this one within a second; a sensor it has not heard of yet, at once (below).
        if now - registryReadAt > 1_000 { try await catchUpRegistry() }
        var registryRead = false
        for (index, item) in batch.items.enumerated() {
            var checked = item.flatMap { input in check(input, now: now).map { (input, $0.observation, $0.location) } }
            if case .failure(.unknownSensor) = checked, !registryRead {
                // It may have been registered on another node since the last look.
                try await catchUpRegistry()
                registryRead = true
                checked = item.flatMap { input in check(input, now: now).map { (input, $0.observation, $0.location) } }
            }
            switch checked {
            case let .failure(error):
                report.rejected.append(.init(index: index, error: error))
                rejectedByReason[error.reasonLabel, default: 0] += 1
            case let .success((input, observation, location)):
                guard deduplicator.insert(observation.key) else {
                    report.duplicates += 1
                    continue
                }
                keys.append(observation.key)
                events.append(event(for: observation, unit: input.quantity.canonicalUnit ?? input.unit, location: location, actor: actor))
                // As the log path would read it back: JSON has no negative zero.
                observations.append(.observation(Observation(sensorID: observation.sensorID, time: observation.time,
                                                             quantity: observation.quantity, value: observation.value + 0)))
            }
        }
        if !events.isEmpty {
            feed?.beginAppend()
            do {
                let records = try await appendSkippingRecorded(events[...])
                // Only an append taken whole is one run of sequence numbers; after a split the detector reads the log.
                let whole = records.count == events.count && !records.isEmpty
                    && records[records.count - 1].sequence - records[0].sequence == Int64(records.count - 1)
                feed?.endAppend(whole ? SensingFeed.Chunk(firstSequence: records[0].sequence, entries: observations) : nil)
                report.accepted = records.count
                report.duplicates += events.count - records.count
                report.lastSequence = records.last?.sequence
            } catch {
                feed?.endAppend(nil)
                for key in keys { deduplicator.remove(key) }
                throw error
            }
        }
        acceptedTotal += report.accepted
        duplicatesTotal += report.duplicates
        return report
    }

    /// The observation in canonical units, and where its sensor stands.
    private func check(_ input: ObservationInput, now: Int64) -> Result<(observation: Observation, location: GeoPoint), ObservationError> {
        guard let sensor = registry[input.sensorID] else { return .failure(.unknownSensor(input.sensorID)) }
        guard sensor.measures(input.quantity) else { return .failure(.quantityNotMeasured(sensorID: input.sensorID, quantity: input.quantity)) }
        let value: Double
        do { value = try UnitConversion.normalise(input.value, unit: input.unit, quantity: input.quantity) } catch { return .failure(error) }
        let observation = Observation(sensorID: input.sensorID, time: input.time, quantity: input.quantity, value: value)
        guard input.time.millisecondsSince1970 <= now + settings.maxFutureSeconds * 1_000 else {
            return .failure(.malformed("time \(input.time) is more than \(settings.maxFutureSeconds) s ahead of the server clock"))
        }
        guard !deduplicator.isTooOld(observation.key) else { return .failure(.tooLate(maxLatenessSeconds: settings.maxLatenessSeconds)) }
        return .success((observation, sensor.location))
    }

    private func event(for observation: Observation, unit: String, location: GeoPoint, actor: String) -> NewEvent {
        NewEvent(id: observation.eventID, type: SensingEvents.observation, source: "sensor:" + observation.sensorID, actor: actor,
                 occurredAt: observation.time, location: location, payload: observation.payload(unit: unit))
    }

    /// Appends, dropping events whose id the log already holds (recorded before a restart or by another node).
    ///
    /// A refused batch is split in halves until each duplicate stands alone, so a resent batch costs
    /// a few transactions per duplicate rather than one per event.
    private func appendSkippingRecorded(_ events: ArraySlice<NewEvent>) async throws -> [EventRecord] {
        guard !events.isEmpty else { return [] }
        do {
            return try await append(Array(events))
        } catch EventLogError.duplicateEventID {
            guard events.count > 1 else { return [] }
            let middle = events.startIndex + events.count / 2
            let first = try await appendSkippingRecorded(events[..<middle])
            return try await first + appendSkippingRecorded(events[middle...])
        }
    }
}
