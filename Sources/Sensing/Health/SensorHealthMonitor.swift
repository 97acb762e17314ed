import Geo
import SafeCityCore

/// Watches sensors for staleness, stuck readings, impossible values and disagreement with their neighbours.
///
/// Feed it the registry's sensors (``replaceSensors(_:)``), every accepted observation (``record(_:)``)
/// and clock ticks (``advance(to:)``); each call returns the problems that began or ended. Outlier
/// judgement compares a reading with the latest readings of sensors measuring the same quantity within
/// ``SensorHealthConfiguration/neighbourRadiusMetres``, by the modified z-score of Iglewicz & Hoaglin:
/// 0.6745 · (x − median) / MAD of the neighbours' values.
///
/// - Note: Only readings newer than a series' latest feed the flat-line and outlier judgements; a late
///   (backfilled) reading still counts as a sign of life and is still checked against the physical range.
/// - Note: Neighbour lists are computed when the registry changes, never per observation.
public struct SensorHealthMonitor: Sendable {
    /// The thresholds in force.
    public let configuration: SensorHealthConfiguration

    private var sensors: [String: Sensor] = [:]
    private var lastObservation: [String: Timestamp] = [:]
    /// For sensors that never reported: the first instant the monitor watched them.
    private var watchedSince: [String: Timestamp] = [:]
    private var series: [SeriesKey: SeriesState] = [:]
    private var neighbourLists: [SeriesKey: [String]] = [:]
    private var open: [ProblemKey: SensorHealthStatus.OpenProblem] = [:]
    private var latestTick: Timestamp?

    /// A monitor watching `sensors`.
    public init(sensors: [Sensor] = [], configuration: SensorHealthConfiguration = SensorHealthConfiguration()) {
        self.configuration = configuration
        replaceSensors(sensors)
    }

    // MARK: Registry

    /// Takes the registry's current sensors, recomputing neighbour lists.
    ///
    /// Sensors no longer listed are forgotten together with their open problems (no change is reported
    /// for them); so are quantities a sensor no longer measures.
    public mutating func replaceSensors(_ newSensors: [Sensor]) {
        var byID: [String: Sensor] = [:]
        for sensor in newSensors { byID[sensor.id] = sensor }
        sensors = byID
        lastObservation = lastObservation.filter { byID[$0.key] != nil }
        watchedSince = watchedSince.filter { byID[$0.key] != nil }
        series = series.filter { byID[$0.key.sensorID]?.measures($0.key.quantity) == true }
        open = open.filter { key, _ in
            guard let sensor = byID[key.sensorID] else { return false }
            return key.quantity.map(sensor.measures) ?? true
        }
        neighbourLists = Self.neighbourLists(of: Array(byID.values), radiusMetres: configuration.neighbourRadiusMetres,
                                              limit: configuration.maximumNeighbours)
    }

    /// The IDs of the sensors measuring `quantity` within the neighbour radius of `sensorID`, sorted.
    public func neighbours(of sensorID: String, quantity: Quantity) -> [String] {
        neighbourLists[SeriesKey(sensorID: sensorID, quantity: quantity)] ?? []
    }

    private static func neighbourLists(of sensors: [Sensor], radiusMetres: Double, limit: Int) -> [SeriesKey: [String]] {
        var byQuantity: [Quantity: [Sensor]] = [:]
        for sensor in sensors {
            for quantity in Set(sensor.quantities) { byQuantity[quantity, default: []].append(sensor) }
        }
        // A degree of latitude is at least 110.5 km anywhere; only pairs this close in latitude can be neighbours.
        let latitudeSpanDegrees = radiusMetres / 110_500
        var candidates: [SeriesKey: [(distance: Double, id: String)]] = [:]
        for (quantity, members) in byQuantity {
            let sorted = members.sorted { ($0.location.latitude, $0.id) < ($1.location.latitude, $1.id) }
            for i in sorted.indices {
                var j = i + 1
                while j < sorted.count, sorted[j].location.latitude - sorted[i].location.latitude <= latitudeSpanDegrees {
                    let distance = GreatCircle.distanceMetres(sorted[i].location, sorted[j].location)
                    if distance <= radiusMetres {
                        candidates[SeriesKey(sensorID: sorted[i].id, quantity: quantity), default: []].append((distance, sorted[j].id))
                        candidates[SeriesKey(sensorID: sorted[j].id, quantity: quantity), default: []].append((distance, sorted[i].id))
                    }
                    j += 1
                }
            }
        }
        // The nearest few are the ones that share the sensor's air; more would only cost time on every reading.
        return candidates.mapValues { list in
            list.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }.prefix(limit).map(\.id).sorted()
        }
    }

    // MARK: Input

    /// Takes an accepted observation (canonical units) and returns the problems it raised or cleared.
    ///
    /// Observations of unregistered sensors or of quantities the sensor does not measure are ignored.
    public mutating func record(_ observation: Observation) -> [SensorHealthChange] {
        guard let sensor = sensors[observation.sensorID], sensor.measures(observation.quantity) else { return [] }
        var changes: [SensorHealthChange] = []
        let id = sensor.id
        let time = observation.time

        if lastObservation[id].map({ time > $0 }) ?? true {
            lastObservation[id] = time
            watchedSince[id] = nil
        }
        let staleKey = ProblemKey(sensorID: id, quantity: nil, problem: .stale)
        if open[staleKey] != nil, let last = lastObservation[id] {
            let stillSilent = latestTick.map { $0.millisecondsSince1970 - last.millisecondsSince1970 > staleLimitMilliseconds(sensor) } ?? false
            if !stillSilent {
                changes += close(staleKey, at: time, evidence: "observation at \(time) after a silence", values: [])
            }
        }

        let key = SeriesKey(sensorID: id, quantity: observation.quantity)
        var state = series[key] ?? SeriesState()
        let inRange = Quantity.known[observation.quantity].map { $0.range.contains(observation.value) } ?? true
        changes += judgeRange(observation, inRange: inRange)

        let isNewest = state.latestTime.map { time > $0 } ?? true
        guard isNewest else { return changes }
        state.latestTime = time
        state.latestValue = inRange ? observation.value : nil
        state.append(Reading(time: time, value: observation.value), keeping: configuration)
        series[key] = state

        changes += judgeFlatLine(key, state: state, at: time)
        if inRange { changes += judgeNeighbours(key, sensor: sensor, value: observation.value, at: time) }
        return changes
    }

    /// Moves the monitor's clock to `now` and returns the sensors that went stale.
    ///
    /// A sensor that has never reported is watched from the first tick after it was registered.
    public mutating func advance(to now: Timestamp) -> [SensorHealthChange] {
        latestTick = max(latestTick ?? now, now)
        var changes: [SensorHealthChange] = []
        for id in sensors.keys.sorted() {
            guard let sensor = sensors[id] else { continue }
            let key = ProblemKey(sensorID: id, quantity: nil, problem: .stale)
            guard open[key] == nil else { continue }
            guard let reference = lastObservation[id] ?? watchedSince[id] else {
                watchedSince[id] = now
                continue
            }
            let limit = staleLimitMilliseconds(sensor)
            guard now.millisecondsSince1970 - reference.millisecondsSince1970 > limit else { continue }
            let since = reference.adding(milliseconds: limit)
            let what = lastObservation[id] == nil ? "no observation since watching began at \(reference)" : "no observation since \(reference)"
            changes += raise(
                key, at: since,
                evidence: "\(what), more than \(formatted(configuration.staleIntervals)) intervals of \(sensor.reportIntervalSeconds) s",
                values: [Double(now.millisecondsSince1970 - reference.millisecondsSince1970) / 1_000])
        }
        return changes
    }

    private func staleLimitMilliseconds(_ sensor: Sensor) -> Int64 {
        Int64((configuration.staleIntervals * Double(sensor.reportIntervalSeconds) * 1_000).rounded())
    }

    // MARK: Judgements

    private mutating func judgeRange(_ observation: Observation, inRange: Bool) -> [SensorHealthChange] {
        let key = ProblemKey(sensorID: observation.sensorID, quantity: observation.quantity, problem: .outOfRange)
        guard let spec = Quantity.known[observation.quantity] else { return [] }
        let isOpen = open[key] != nil
        if !inRange && !isOpen {
            return raise(key, at: observation.time,
                         evidence: "\(formatted(observation.value)) \(spec.unit) is outside \(formatted(spec.range.lowerBound))…\(formatted(spec.range.upperBound)) \(spec.unit)",
                         values: [observation.value, spec.range.lowerBound, spec.range.upperBound])
        }
        if inRange && isOpen {
            return close(key, at: observation.time, evidence: "\(formatted(observation.value)) \(spec.unit) is within range", values: [observation.value])
        }
        return []
    }

    private mutating func judgeFlatLine(_ seriesKey: SeriesKey, state: SeriesState, at time: Timestamp) -> [SensorHealthChange] {
        guard !configuration.flatLineExempt.contains(seriesKey.quantity) else { return [] }
        let key = ProblemKey(sensorID: seriesKey.sensorID, quantity: seriesKey.quantity, problem: .flatLine)
        let run = state.trailingRun(tolerance: configuration.flatLineTolerance)
        let spanMilliseconds = time.millisecondsSince1970 - run.start.millisecondsSince1970
        let flat = run.count >= configuration.flatLineReadings && spanMilliseconds >= Int64(configuration.flatLineMinimumSeconds) * 1_000
        let isOpen = open[key] != nil
        if flat && !isOpen {
            return raise(key, at: time,
                         evidence: "\(run.count) readings of \(formatted(run.value)) since \(run.start)",
                         values: [run.value, Double(run.count)])
        }
        if !flat && isOpen {
            let latest = state.readings.last?.value ?? .nan
            return close(key, at: time, evidence: "reading changed to \(formatted(latest))", values: [latest])
        }
        return []
    }

    private mutating func judgeNeighbours(_ seriesKey: SeriesKey, sensor: Sensor, value: Double, at time: Timestamp) -> [SensorHealthChange] {
        var values: [Double] = []
        for neighbourID in neighbourLists[seriesKey] ?? [] {
            guard let neighbour = sensors[neighbourID],
                  let state = series[SeriesKey(sensorID: neighbourID, quantity: seriesKey.quantity)],
                  let latestValue = state.latestValue, let latestTime = state.latestTime else { continue }
            let recentMilliseconds = Int64(configuration.neighbourRecentIntervals * Double(neighbour.reportIntervalSeconds) * 1_000)
            guard time.millisecondsSince1970 - latestTime.millisecondsSince1970 <= recentMilliseconds else { continue }
            // A stale or stuck neighbour would drag the median towards its own fault.
            guard open[ProblemKey(sensorID: neighbourID, quantity: nil, problem: .stale)] == nil,
                  open[ProblemKey(sensorID: neighbourID, quantity: seriesKey.quantity, problem: .flatLine)] == nil else { continue }
            values.append(latestValue)
        }
        guard values.count >= configuration.minimumNeighbours,
              let score = RobustScore.modifiedZ(value, against: values) else { return [] }

        let key = ProblemKey(sensorID: seriesKey.sensorID, quantity: seriesKey.quantity, problem: .outlier)
        let isOpen = open[key] != nil
        let far = abs(score.z) > configuration.outlierThreshold
        let streak = far ? (series[seriesKey]?.farStreak ?? 0) + 1 : 0
        series[seriesKey]?.farStreak = streak
        let figures = [value, score.median, score.spread, score.z, Double(values.count)]
        if far && !isOpen && streak >= configuration.outlierConsecutiveReadings {
            return raise(key, at: time,
                         evidence: "\(streak) readings in a row far from \(values.count) neighbours: \(formatted(value)) against median \(formatted(score.median)), z = \(formatted(score.z))",
                         values: figures)
        }
        if !far && isOpen {
            return close(key, at: time,
                         evidence: "\(formatted(value)) is back in line with \(values.count) neighbours (median \(formatted(score.median)), z = \(formatted(score.z)))",
                         values: figures)
        }
        return []
    }

    private mutating func raise(_ key: ProblemKey, at time: Timestamp, evidence: String, values: [Double]) -> [SensorHealthChange] {
        open[key] = SensorHealthStatus.OpenProblem(problem: key.problem, quantity: key.quantity, since: time, evidence: evidence, values: values)
        return [SensorHealthChange(sensorID: key.sensorID, quantity: key.quantity, problem: key.problem, state: .raised, time: time, evidence: evidence, values: values)]
    }

    private mutating func close(_ key: ProblemKey, at time: Timestamp, evidence: String, values: [Double]) -> [SensorHealthChange] {
        guard open.removeValue(forKey: key) != nil else { return [] }
        return [SensorHealthChange(sensorID: key.sensorID, quantity: key.quantity, problem: key.problem, state: .cleared, time: time, evidence: evidence, values: values)]
    }

    // MARK: Output

    /// Sensors with at least one open problem; the lead leaves them out of area figures.
    public var unhealthySensors: Set<String> { Set(open.keys.map(\.sensorID)) }

    /// Sensors unfit to speak for `quantity`: stale, or with an open problem on that quantity.
    public func unhealthySensors(for quantity: Quantity) -> Set<String> {
        Set(open.keys.filter { $0.quantity == nil || $0.quantity == quantity }.map(\.sensorID))
    }

    /// The health of one registered sensor, nil when it is not registered.
    public func status(of sensorID: String) -> SensorHealthStatus? {
        guard sensors[sensorID] != nil else { return nil }
        let problems = open.filter { $0.key.sensorID == sensorID }
            .sorted { ($0.key.quantity?.name ?? "", $0.key.problem.rawValue) < ($1.key.quantity?.name ?? "", $1.key.problem.rawValue) }
            .map(\.value)
        return SensorHealthStatus(sensorID: sensorID, state: problems.isEmpty ? .ok : .unhealthy, problems: problems,
                                  lastObservation: lastObservation[sensorID])
    }

    /// The health of every registered sensor, by ID.
    public var statuses: [SensorHealthStatus] { sensors.keys.sorted().compactMap(status(of:)) }
}

private func formatted(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String((value * 1_000).rounded() / 1_000)
}

private struct SeriesKey: Hashable, Sendable {
    var sensorID: String
    var quantity: Quantity
}

private struct ProblemKey: Hashable, Sendable {
    var sensorID: String
    var quantity: Quantity?
    var problem: SensorProblem
}

private struct Reading: Sendable {
    var time: Timestamp
    var value: Double
}

private struct SeriesState: Sendable {
    var latestTime: Timestamp?
    /// The latest reading if within the physical range, the value neighbours are compared with.
    var latestValue: Double?
    /// The newest readings, enough to decide a flat line: at least the count needed and the span needed.
    var readings: [Reading] = []
    var farStreak = 0

    mutating func append(_ reading: Reading, keeping configuration: SensorHealthConfiguration) {
        readings.append(reading)
        let spanMilliseconds = Int64(configuration.flatLineMinimumSeconds) * 1_000
        var drop = 0
        while readings.count - drop > configuration.flatLineReadings,
              reading.time.millisecondsSince1970 - readings[drop + 1].time.millisecondsSince1970 >= spanMilliseconds {
            drop += 1
        }
        if drop > 0 { readings.removeFirst(drop) }
    }

    /// The longest run of readings ending at the newest whose spread is within `tolerance`.
    func trailingRun(tolerance: Double) -> (count: Int, start: Timestamp, value: Double) {
        guard let last = readings.last else { return (0, Timestamp(millisecondsSince1970: 0), .nan) }
        var low = last.value, high = last.value, start = last.time, count = 0
        for reading in readings.reversed() {
            let newLow = min(low, reading.value), newHigh = max(high, reading.value)
            guard newHigh - newLow <= tolerance else { break }
            low = newLow
            high = newHigh
            start = reading.time
            count += 1
        }
        return (count, start, last.value)
    }
}
