import Geo
import SafeCityCore

/// Folds the log's sensor records into live state — latest readings, history, rule firings, sensor
/// health and air quality — and says which signals to raise.
///
/// - Note: Pure and deterministic: the same records and the same `advance(to:)` instants give the
///   same signals, which is what lets ``SensingDetector`` rebuild it from the log after a restart.
public struct SensingAnalyser: Sendable {
    public private(set) var registry: [String: Sensor] = [:]
    public let rules: RuleSet
    private var engine: RuleEngine
    private var health: SensorHealthMonitor
    /// Each series' history and latest reading, under one key so that a reading costs one lookup.
    private var series: [SeriesKey: SeriesEntry] = [:]
    /// The quantities each sensor has reported, in the order they first came.
    private var quantitiesBySensor: [String: [Quantity]] = [:]
    private var healthNeedsRegistry = false
    /// Observations folded in, for progress and metrics.
    public private(set) var observationsSeen = 0

    struct SeriesKey: Hashable, Sendable {
        var sensorID: String
        var quantity: Quantity
    }

    struct SeriesEntry: Sendable {
        var history = SeriesHistory()
        var latest: SensorStatus.Reading?

        /// Adds a reading; true when it is the series' first.
        mutating func add(_ observation: Observation) -> Bool {
            let first = latest == nil
            history.add(observation.value, at: observation.time)
            if latest.map({ $0.time <= observation.time }) ?? true {
                latest = SensorStatus.Reading(quantity: observation.quantity, value: observation.value,
                                              unit: observation.quantity.canonicalUnit ?? "", time: observation.time)
            }
            return first
        }
    }

    public init(rules: RuleSet) {
        self.rules = rules
        self.engine = RuleEngine(rules: rules, sensors: [])
        self.health = SensorHealthMonitor()
    }

    /// Folds one record; returns the signals it raises (none for records of other types).
    public mutating func apply(_ record: EventRecord) -> [SensingSignal] {
        switch record.event.type {
        case SensingEvents.registered, SensingEvents.retired:
            SensorRegistry.apply(record, to: &registry)
            if record.event.type == SensingEvents.registered, let sensor = try? record.event.payload.decode(Sensor.self) {
                engine.update(sensor: sensor)
            }
            // Neighbour lists are rebuilt once before the next reading, not once per registration.
            healthNeedsRegistry = true
            return []
        case SensingEvents.observation:
            guard let observation = Observation(record: record) else { return [] }
            return apply(recorded: observation)
        default:
            return []
        }
    }

    /// Folds the observation a `sensor.observation` record carries, already read out of it (the
    /// detector's in-memory feed); the same as ``apply(_:)`` on the record.
    public mutating func apply(recorded observation: Observation) -> [SensingSignal] {
        guard registry[observation.sensorID] != nil else { return [] }
        return observe(observation)
    }

    /// Folds one observation already in canonical units.
    public mutating func observe(_ observation: Observation) -> [SensingSignal] {
        refreshHealthRegistry()
        observationsSeen += 1
        let key = SeriesKey(sensorID: observation.sensorID, quantity: observation.quantity)
        if series[key, default: SeriesEntry()].add(observation) {
            quantitiesBySensor[observation.sensorID, default: []].append(observation.quantity)
        }
        let changes = health.record(observation)
        let firings = engine.ingest(observation)
        return changes.map(SensingSignal.health) + firings.map(SensingSignal.rule)
    }

    /// Moves the clock on: absence rules and staleness are judged against `now`.
    public mutating func advance(to now: Timestamp) -> [SensingSignal] {
        refreshHealthRegistry()
        return health.advance(to: now).map(SensingSignal.health) + engine.advance(to: now).map(SensingSignal.rule)
    }

    private mutating func refreshHealthRegistry() {
        guard healthNeedsRegistry else { return }
        health.replaceSensors(Array(registry.values))
        healthNeedsRegistry = false
    }

    /// Sensors currently unhealthy, left out of area figures.
    public var unhealthySensors: Set<String> { health.unhealthySensors }

    /// A sensor's latest readings, air quality and health.
    public func status(of sensorID: String, now: Timestamp) -> SensorStatus? {
        guard registry[sensorID] != nil else { return nil }
        let readings = latestReadings(of: sensorID).sorted { $0.quantity.name < $1.quantity.name }
        return SensorStatus(sensorID: sensorID, readings: readings, airQuality: airQuality(of: sensorID, now: now), health: health.status(of: sensorID))
    }

    /// A series' minute and hour means, for trends, baselines and correlations.
    public func history(of sensorID: String, quantity: Quantity) -> SeriesHistory? {
        series[SeriesKey(sensorID: sensorID, quantity: quantity)]?.history
    }

    private func latestReadings(of sensorID: String) -> [SensorStatus.Reading] {
        (quantitiesBySensor[sensorID] ?? []).compactMap { series[SeriesKey(sensorID: sensorID, quantity: $0)]?.latest }
    }

    // MARK: - Air quality

    /// The pollutants with a NowCast, the quantity that feeds each, and the factor from canonical unit to the table's unit.
    static let nowCastPollutants: [(pollutant: AQIPollutant, quantity: Quantity, factor: Double)] = [
        (.pm25, .pm25, 1), (.pm10, .pm10, 1), (.o3EightHour, .ozone, 0.001),
    ]

    func airQuality(of sensorID: String, now: Timestamp) -> [SensorStatus.PollutantAQI] {
        Self.nowCastPollutants.compactMap { entry in
            guard let past = series[SeriesKey(sensorID: sensorID, quantity: entry.quantity)]?.history else { return nil }
            let hours = (try? NowCast.windowHours(entry.pollutant)) ?? 12
            let hourly = past.hourlyMostRecentFirst(count: hours, endingAt: now).map { $0.map { $0 * entry.factor } }
            if let nowcast = try? NowCast.compute(entry.pollutant, hourlyMostRecentFirst: hourly), let aqi = nowcast.aqi {
                return view(aqi, concentration: nowcast.concentration, method: "nowcast")
            }
            guard let current = hourly.first ?? nil, let aqi = try? AQICalculator.aqi(entry.pollutant, current) else { return nil }
            return view(aqi, concentration: current, method: "provisional")
        }
    }

    private func view(_ result: AQIResult, concentration: Double, method: String) -> SensorStatus.PollutantAQI {
        SensorStatus.PollutantAQI(pollutant: result.pollutant.rawValue, aqi: result.aqi, category: result.category.name,
                                  colour: result.category.colourHex, concentration: concentration, unit: result.pollutant.unit, method: method)
    }

    /// Every air sensor's worst pollutant AQI for area figures, counting only the pollutants whose
    /// readings are healthy (a sensor with a stuck PM10 channel still counts for PM2.5).
    public func sensorAQIs(now: Timestamp) -> [SensorAQI] {
        registry.values.sorted { $0.id < $1.id }.compactMap { sensor in
            let healthy = airQuality(of: sensor.id, now: now).filter { entry in
                let quantity = Self.nowCastPollutants.first { $0.pollutant.rawValue == entry.pollutant }?.quantity
                return quantity.map { !health.unhealthySensors(for: $0).contains(sensor.id) } ?? true
            }
            guard let worst = healthy.max(by: { $0.aqi < $1.aqi }) else { return nil }
            let observedAt = latestReadings(of: sensor.id).map(\.time).max() ?? now
            return SensorAQI(sensorID: sensor.id, location: sensor.location, aqi: worst.aqi, pollutant: AQIPollutant(rawValue: worst.pollutant),
                             observedAt: observedAt)
        }
    }
}
