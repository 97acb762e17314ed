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

    /// Registered sensors by dense index, in ID order (ticks walk them in that order).
    private var sensors: [SensorSlot] = []
    private var sensorIndex: [String: Int32] = [:]
    /// One entry per (sensor, measured quantity); neighbour lists hold indices into it.
    private var series: [SeriesState] = []
    private var open: [ProblemKey: SensorHealthStatus.OpenProblem] = [:]
    private var latestTick: Timestamp?
    /// Reused buffers for the neighbour judgement, which runs on every reading.
    private var scratch = RobustScore.Scratch()

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
        var oldSeries: [SeriesKey: SeriesState] = [:]
        for state in series { oldSeries[SeriesKey(sensorID: sensors[Int(state.sensor)].sensor.id, quantity: state.quantity)] = state }
        var oldSensors: [String: SensorSlot] = [:]
        for slot in sensors { oldSensors[slot.sensor.id] = slot }

        sensors = []
        sensorIndex = [:]
        series = []
        for (index, id) in byID.keys.sorted().enumerated() {
            let sensor = byID[id]!
            var slot = SensorSlot(sensor: sensor)
            if let old = oldSensors[id] {
                slot.lastObservation = old.lastObservation
                slot.watchedSince = old.watchedSince
            }
            slot.staleLimitMilliseconds = Int64((configuration.staleIntervals * Double(sensor.reportIntervalSeconds) * 1_000).rounded())
            var seen = Set<Quantity>()
            for quantity in sensor.quantities where seen.insert(quantity).inserted {
                var state = oldSeries[SeriesKey(sensorID: id, quantity: quantity)] ?? SeriesState(sensor: Int32(index), quantity: quantity)
                state.sensor = Int32(index)
                state.range = Quantity.known[quantity]?.range
                state.judgedFlat = !configuration.flatLineExempt.contains(quantity)
                state.recentMilliseconds = Int64(configuration.neighbourRecentIntervals * Double(sensor.reportIntervalSeconds) * 1_000)
                state.neighbours = []
                slot.series.append((quantity, Int32(series.count)))
                series.append(state)
            }
            sensors.append(slot)
            sensorIndex[id] = Int32(index)
        }
        open = open.filter { key, _ in
            guard let sensor = byID[key.sensorID] else { return false }
            return key.quantity.map(sensor.measures) ?? true
        }
        for key in open.keys { setFlag(key, open: true) }
        computeNeighbours()
    }

    /// The IDs of the sensors measuring `quantity` within the neighbour radius of `sensorID`, sorted.
    public func neighbours(of sensorID: String, quantity: Quantity) -> [String] {
        guard let s = sensorIndex[sensorID], let q = seriesIndex(s, quantity) else { return [] }
        return series[Int(q)].neighbours.map { sensors[Int(series[Int($0)].sensor)].sensor.id }
    }

    private func seriesIndex(_ sensor: Int32, _ quantity: Quantity) -> Int32? {
        for entry in sensors[Int(sensor)].series where entry.quantity == quantity { return entry.index }
        return nil
    }

    private mutating func computeNeighbours() {
        var byQuantity: [Quantity: [Int32]] = [:]
        for (index, state) in series.enumerated() { byQuantity[state.quantity, default: []].append(Int32(index)) }
        let radiusMetres = configuration.neighbourRadiusMetres
        // A degree of latitude is at least 110.5 km anywhere; only pairs this close in latitude can be neighbours.
        let latitudeSpanDegrees = radiusMetres / 110_500
        var candidates: [[(distance: Double, id: String, series: Int32)]] = Array(repeating: [], count: series.count)
        for members in byQuantity.values {
            let located = members.map { (series: $0, sensor: sensors[Int(series[Int($0)].sensor)].sensor) }
            let sorted = located.sorted { ($0.sensor.location.latitude, $0.sensor.id) < ($1.sensor.location.latitude, $1.sensor.id) }
            for i in sorted.indices {
                var j = i + 1
                while j < sorted.count, sorted[j].sensor.location.latitude - sorted[i].sensor.location.latitude <= latitudeSpanDegrees {
                    let distance = GreatCircle.distanceMetres(sorted[i].sensor.location, sorted[j].sensor.location)
                    if distance <= radiusMetres {
                        candidates[Int(sorted[i].series)].append((distance, sorted[j].sensor.id, sorted[j].series))
                        candidates[Int(sorted[j].series)].append((distance, sorted[i].sensor.id, sorted[i].series))
                    }
                    j += 1
                }
            }
        }
        // The nearest few are the ones that share the sensor's air; more would only cost time on every reading.
        for index in series.indices {
            series[index].neighbours = candidates[index].sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }
                .prefix(configuration.maximumNeighbours).sorted { $0.id < $1.id }.map(\.series)
        }
    }

    // MARK: Input

    /// Takes an accepted observation (canonical units) and returns the problems it raised or cleared.
    ///
    /// Observations of unregistered sensors or of quantities the sensor does not measure are ignored.
    public mutating func record(_ observation: Observation) -> [SensorHealthChange] {
        guard let s = sensorIndex[observation.sensorID], let q = seriesIndex(s, observation.quantity) else { return [] }
        var changes: [SensorHealthChange] = []
        let sensor = Int(s), index = Int(q)
        let time = observation.time

        if sensors[sensor].lastObservation.map({ time > $0 }) ?? true {
            sensors[sensor].lastObservation = time
            sensors[sensor].watchedSince = nil
        }
        if sensors[sensor].staleOpen, let last = sensors[sensor].lastObservation {
            let stillSilent = latestTick.map { $0.millisecondsSince1970 - last.millisecondsSince1970 > sensors[sensor].staleLimitMilliseconds } ?? false
            if !stillSilent {
                let staleKey = ProblemKey(sensorID: observation.sensorID, quantity: nil, problem: .stale)
                changes += close(staleKey, at: time, evidence: "observation at \(time) after a silence", values: [])
            }
        }

        let inRange = series[index].range.map { $0.contains(observation.value) } ?? true
        if series[index].range != nil, inRange == series[index].outOfRangeOpen {
            changes += judgeRange(observation, inRange: inRange)
        }

        let isNewest = series[index].latestTime.map { time > $0 } ?? true
        guard isNewest else { return changes }
        series[index].latestTime = time
        series[index].latestValue = inRange ? observation.value : nil
        series[index].append(Reading(time: time, value: observation.value), keeping: configuration)

        if series[index].judgedFlat { changes += judgeFlatLine(index, at: time) }
        if inRange { changes += judgeNeighbours(index, value: observation.value, at: time) }
        return changes
    }

    /// Moves the monitor's clock to `now` and returns the sensors that went stale.
    ///
    /// A sensor that has never reported is watched from the first tick after it was registered.
    public mutating func advance(to now: Timestamp) -> [SensorHealthChange] {
        latestTick = max(latestTick ?? now, now)
        var changes: [SensorHealthChange] = []
        for index in sensors.indices {
            guard !sensors[index].staleOpen else { continue }
            let sensor = sensors[index].sensor
            guard let reference = sensors[index].lastObservation ?? sensors[index].watchedSince else {
                sensors[index].watchedSince = now
                continue
            }
            let limit = sensors[index].staleLimitMilliseconds
            guard now.millisecondsSince1970 - reference.millisecondsSince1970 > limit else { continue }
            let since = reference.adding(milliseconds: limit)
            let what = sensors[index].lastObservation == nil ? "no observation since watching began at \(reference)" : "no observation since \(reference)"
            changes += raise(
                ProblemKey(sensorID: sensor.id, quantity: nil, problem: .stale), at: since,
                evidence: "\(what), more than \(formatted(configuration.staleIntervals)) intervals of \(sensor.reportIntervalSeconds) s",
                values: [Double(now.millisecondsSince1970 - reference.millisecondsSince1970) / 1_000])
        }
        return changes
    }

    // MARK: Judgements

    /// Raises or clears out-of-range; called only when the reading disagrees with the open state.
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

    private mutating func judgeFlatLine(_ index: Int, at time: Timestamp) -> [SensorHealthChange] {
        let run = series[index].trailingRun(tolerance: configuration.flatLineTolerance)
        let spanMilliseconds = time.millisecondsSince1970 - run.start.millisecondsSince1970
        let flat = run.count >= configuration.flatLineReadings && spanMilliseconds >= Int64(configuration.flatLineMinimumSeconds) * 1_000
        let isOpen = series[index].flatLineOpen
        guard flat != isOpen else { return [] }
        let key = ProblemKey(sensorID: sensors[Int(series[index].sensor)].sensor.id, quantity: series[index].quantity, problem: .flatLine)
        if flat {
            return raise(key, at: time,
                         evidence: "\(run.count) readings of \(formatted(run.value)) since \(run.start)",
                         values: [run.value, Double(run.count)])
        }
        let latest = series[index].newestValue ?? .nan
        return close(key, at: time, evidence: "reading changed to \(formatted(latest))", values: [latest])
    }

    private mutating func judgeNeighbours(_ index: Int, value: Double, at time: Timestamp) -> [SensorHealthChange] {
        scratch.sample.removeAll(keepingCapacity: true)
        for neighbour in series[index].neighbours {
            let state = series[Int(neighbour)]
            guard let latestValue = state.latestValue, let latestTime = state.latestTime,
                  time.millisecondsSince1970 - latestTime.millisecondsSince1970 <= state.recentMilliseconds else { continue }
            // A stale or stuck neighbour would drag the median towards its own fault.
            guard !sensors[Int(state.sensor)].staleOpen, !state.flatLineOpen else { continue }
            scratch.sample.append(latestValue)
        }
        let count = scratch.sample.count
        guard count >= configuration.minimumNeighbours, let score = RobustScore.modifiedZ(value, scratch: &scratch) else { return [] }

        let isOpen = series[index].outlierOpen
        let far = abs(score.z) > configuration.outlierThreshold
        let streak = far ? series[index].farStreak + 1 : 0
        series[index].farStreak = streak
        let raising = far && !isOpen && streak >= configuration.outlierConsecutiveReadings
        guard raising || (!far && isOpen) else { return [] }
        let key = ProblemKey(sensorID: sensors[Int(series[index].sensor)].sensor.id, quantity: series[index].quantity, problem: .outlier)
        let figures = [value, score.median, score.spread, score.z, Double(count)]
        if raising {
            return raise(key, at: time,
                         evidence: "\(streak) readings in a row far from \(count) neighbours: \(formatted(value)) against median \(formatted(score.median)), z = \(formatted(score.z))",
                         values: figures)
        }
        return close(key, at: time,
                     evidence: "\(formatted(value)) is back in line with \(count) neighbours (median \(formatted(score.median)), z = \(formatted(score.z)))",
                     values: figures)
    }

    private mutating func raise(_ key: ProblemKey, at time: Timestamp, evidence: String, values: [Double]) -> [SensorHealthChange] {
        open[key] = SensorHealthStatus.OpenProblem(problem: key.problem, quantity: key.quantity, since: time, evidence: evidence, values: values)
        setFlag(key, open: true)
        return [SensorHealthChange(sensorID: key.sensorID, quantity: key.quantity, problem: key.problem, state: .raised, time: time, evidence: evidence, values: values)]
    }

    private mutating func close(_ key: ProblemKey, at time: Timestamp, evidence: String, values: [Double]) -> [SensorHealthChange] {
        guard open.removeValue(forKey: key) != nil else { return [] }
        setFlag(key, open: false)
        return [SensorHealthChange(sensorID: key.sensorID, quantity: key.quantity, problem: key.problem, state: .cleared, time: time, evidence: evidence, values: values)]
    }

    /// Mirrors `open` in the per-sensor and per-series flags that the per-reading judgements read.
    private mutating func setFlag(_ key: ProblemKey, open isOpen: Bool) {
        guard let s = sensorIndex[key.sensorID] else { return }
        guard let quantity = key.quantity else {
            if key.problem == .stale { sensors[Int(s)].staleOpen = isOpen }
            return
        }
        guard let q = seriesIndex(s, quantity) else { return }
        switch key.problem {
        case .outOfRange: series[Int(q)].outOfRangeOpen = isOpen
        case .flatLine: series[Int(q)].flatLineOpen = isOpen
        case .outlier: series[Int(q)].outlierOpen = isOpen
        case .stale: break
        }
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
        guard let s = sensorIndex[sensorID] else { return nil }
        let problems = open.filter { $0.key.sensorID == sensorID }
            .sorted { ($0.key.quantity?.name ?? "", $0.key.problem.rawValue) < ($1.key.quantity?.name ?? "", $1.key.problem.rawValue) }
            .map(\.value)
        return SensorHealthStatus(sensorID: sensorID, state: problems.isEmpty ? .ok : .unhealthy, problems: problems,
                                  lastObservation: sensors[Int(s)].lastObservation)
    }

    /// The health of every registered sensor, by ID.
    public var statuses: [SensorHealthStatus] { sensors.compactMap { status(of: $0.sensor.id) } }
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

/// A registered sensor and what the monitor knows of it as a whole.
private struct SensorSlot: Sendable {
    var sensor: Sensor
    var lastObservation: Timestamp?
    /// For a sensor that never reported: the first instant the monitor watched it.
    var watchedSince: Timestamp?
    var staleOpen = false
    var staleLimitMilliseconds: Int64 = 0
    /// The sensor's series: quantity and index into the monitor's series.
    var series: [(quantity: Quantity, index: Int32)] = []
}

private struct Reading: Sendable {
    var time: Timestamp
    var value: Double
}

private struct SeriesState: Sendable {
    var sensor: Int32
    var quantity: Quantity
    /// The quantity's physical range, nil for a quantity SafeCity does not know.
    var range: ClosedRange<Double>?
    /// False for quantities exempt from the flat-line judgement.
    var judgedFlat = true
    /// How old this series' latest reading may be and still count for its neighbours.
    var recentMilliseconds: Int64 = 0
    /// Indices of the neighbouring series (same quantity), in sensor ID order.
    var neighbours: [Int32] = []
    var latestTime: Timestamp?
    /// The latest reading if within the physical range, the value neighbours are compared with.
    var latestValue: Double?
    /// The newest readings, enough to decide a flat line: at least the count needed and the span needed;
    /// those before `first` are dropped and are compacted away now and then rather than on every reading.
    var readings: [Reading] = []
    var first = 0
    var farStreak = 0
    var outOfRangeOpen = false
    var flatLineOpen = false
    var outlierOpen = false

    init(sensor: Int32, quantity: Quantity) {
        self.sensor = sensor
        self.quantity = quantity
    }

    var newestValue: Double? { readings.count > first ? readings[readings.count - 1].value : nil }

    mutating func append(_ reading: Reading, keeping configuration: SensorHealthConfiguration) {
        readings.append(reading)
        let spanMilliseconds = Int64(configuration.flatLineMinimumSeconds) * 1_000
        while readings.count - first > configuration.flatLineReadings,
              reading.time.millisecondsSince1970 - readings[first + 1].time.millisecondsSince1970 >= spanMilliseconds {
            first += 1
        }
        if first > 64 && first * 2 > readings.count {
            readings.removeFirst(first)
            first = 0
        }
    }

    /// The longest run of readings ending at the newest whose spread is within `tolerance`.
    func trailingRun(tolerance: Double) -> (count: Int, start: Timestamp, value: Double) {
        guard readings.count > first else { return (0, Timestamp(millisecondsSince1970: 0), .nan) }
        let last = readings[readings.count - 1]
        var low = last.value, high = last.value, start = last.time, count = 0
        var i = readings.count - 1
        while i >= first {
            let reading = readings[i]
            let newLow = min(low, reading.value), newHigh = max(high, reading.value)
            guard newHigh - newLow <= tolerance else { break }
            low = newLow
            high = newHigh
            start = reading.time
            count += 1
            i -= 1
        }
        return (count, start, last.value)
    }
}
