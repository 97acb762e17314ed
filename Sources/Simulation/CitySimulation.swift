import Foundation
import Geo
import SafeCityCore

/// The simulated city over time: patrols driving the streets, units reporting their
/// position, sensors reporting readings, residents calling for help.
///
/// A pure state machine: `advance(to:)` returns the events that happened up to that
/// instant. Same seed and same instants give the same events.
public struct CitySimulation: Sendable {
    public static let actor = "system:simulation"

    struct UnitState: Sendable {
        var from: Int32
        var to: Int32
        var metresAlong: Double
        var patrols: Bool
        var speedKmh: Double
        var nextReport: Timestamp
        /// A drive along a given path (to an incident, or home), which overrides patrolling while it lasts.
        var mission: Mission?
    }

    struct SensorState: Sendable {
        var noise: Double = 0
        var episode: Double = 0
        var nextReport: Timestamp
        var lastValue: Double?
    }

    /// Smoke from a fire, raising particle readings downwind for a while.
    struct SmokePlume: Sendable {
        var location: GeoPoint
        var start: Timestamp
        var peakMicrogramsPerCubicMetre: Double
    }

    public let streets: StreetNetwork
    public let plan: CityPlan
    private var rng: SplitMix64
    private var units: [UnitState]
    private let unitIndex: [String: Int]
    private var sensors: [SensorState]
    private var plumes: [SmokePlume] = []
    private let start: Timestamp
    private var now: Timestamp
    private var nextCall: Timestamp
    private var callCount = 0
    /// Mean seconds between calls for service.
    public var meanSecondsBetweenCalls: Double = 45
    /// Seconds between AVL reports of a unit.
    public var unitReportSeconds: Int64 = 5

    public init(streets: StreetNetwork, plan: CityPlan, seed: UInt64, start: Timestamp) {
        self.streets = streets
        self.plan = plan
        self.rng = SplitMix64(seed: seed ^ 0x5AFE_C17E)
        self.now = start
        self.start = start
        self.nextCall = start
        self.units = []
        self.sensors = []
        self.unitIndex = Dictionary(uniqueKeysWithValues: plan.units.enumerated().map { ($1.id, $0) })
        for (index, unit) in plan.units.enumerated() {
            let next = streets.neighbours[Int(unit.homeNode)].first ?? unit.homeNode
            let patrols = unit.agency == "police"
            units.append(UnitState(
                from: unit.homeNode, to: next, metresAlong: 0, patrols: patrols, speedKmh: patrols ? 32 : 0,
                nextReport: start.adding(milliseconds: Int64(index) * 397 % (unitReportSeconds * 1000))))
        }
        for (index, sensor) in plan.sensors.enumerated() {
            sensors.append(SensorState(nextReport: start.adding(milliseconds: Int64(index) * 1_733 % (sensor.reportEverySeconds * 1000))))
        }
        // The first call comes soon, so that someone who just started the city sees the desk at work.
        nextCall = start.adding(milliseconds: Self.firstCallAfterMilliseconds)
    }

    /// When the first call of a simulation comes; later gaps are random with ``meanSecondsBetweenCalls``.
    public static let firstCallAfterMilliseconds: Int64 = 10_000

    /// Moves the city forward to `target` and returns what happened, in time order.
    public mutating func advance(to target: Timestamp) -> [NewEvent] {
        guard target > now else { return [] }
        var events: [NewEvent] = []
        let stepMilliseconds: Int64 = 1_000
        while now < target {
            let next = min(target, now.adding(milliseconds: stepMilliseconds))
            let seconds = Double(next.millisecondsSince1970 - now.millisecondsSince1970) / 1000
            now = next
            for index in units.indices {
                drive(unit: index, seconds: seconds)
                if units[index].nextReport <= now {
                    events.append(positionEvent(unit: index))
                    units[index].nextReport = now.adding(milliseconds: unitReportSeconds * 1000)
                }
            }
            for index in sensors.indices where sensors[index].nextReport <= now {
                if let event = observationEvent(sensor: index) { events.append(event) }
                sensors[index].nextReport = now.adding(milliseconds: plan.sensors[index].reportEverySeconds * 1000)
            }
            var calls: [NewEvent] = []
            while nextCall <= now {
                calls.append(callEvent(at: nextCall))
                nextCall = nextCall.adding(milliseconds: nextCallGapMilliseconds())
            }
            if !calls.isEmpty {
                // A call falls between two ticks; keep the tick's events in time order.
                let tickStart = events.firstIndex { $0.occurredAt == now } ?? events.endIndex
                let merged = (events[tickStart...] + calls).sorted { $0.occurredAt < $1.occurredAt }
                events.replaceSubrange(tickStart..., with: merged)
            }
        }
        return events
    }

    /// Moves only the sensors forward to `target`: the city's recent past, so that a demo opens with
    /// hours of readings behind it (NowCast needs hours, trends need history). Units and calls stand still.
    public mutating func advanceSensorsOnly(to target: Timestamp, stepMilliseconds: Int64 = 10_000) -> [NewEvent] {
        var events: [NewEvent] = []
        while now < target {
            now = min(target, now.adding(milliseconds: stepMilliseconds))
            for index in sensors.indices where sensors[index].nextReport <= now {
                if let event = observationEvent(sensor: index) { events.append(event) }
                sensors[index].nextReport = now.adding(milliseconds: plan.sensors[index].reportEverySeconds * 1000)
            }
        }
        return events
    }

    // MARK: - Units

    private mutating func drive(unit index: Int, seconds: Double) {
        if units[index].mission != nil {
            units[index].mission!.advance(metres: units[index].speedKmh / 3.6 * seconds)
            if units[index].mission!.isComplete, units[index].mission!.parksAtEnd {
                units[index].speedKmh = 0
            }
            return
        }
        guard units[index].patrols else { return }
        var remaining = units[index].speedKmh / 3.6 * seconds
        while remaining > 0 {
            let state = units[index]
            let length = GreatCircle.distanceMetres(streets.coordinates[Int(state.from)], streets.coordinates[Int(state.to)])
            if state.metresAlong + remaining < length {
                units[index].metresAlong += remaining
                return
            }
            remaining -= max(0, length - state.metresAlong)
            let choices = streets.neighbours[Int(state.to)]
            // Avoid U-turns unless the street is a dead end.
            let forward = choices.filter { $0 != state.from }
            let pool = forward.isEmpty ? choices : forward
            guard let next = pool.randomElement(using: &rng) else {
                units[index].metresAlong = length
                return
            }
            units[index].from = state.to
            units[index].to = next
            units[index].metresAlong = 0
            if length == 0 && remaining <= 0 { return }
        }
    }

    // MARK: - Orders

    /// Sends a unit along `path` (e.g. its route to an incident) at `speedKmh`; it waits at the end for orders.
    /// Returns false for an unknown unit or a path of fewer than two points.
    @discardableResult
    public mutating func send(unitID: String, along path: [GeoPoint], speedKmh: Double) -> Bool {
        order(unitID, Mission(path: path, parksAtEnd: false), speedKmh: speedKmh)
    }

    /// Sends a unit back to its station along `path`, where it parks.
    @discardableResult
    public mutating func sendHome(unitID: String, along path: [GeoPoint], speedKmh: Double) -> Bool {
        order(unitID, Mission(path: path, parksAtEnd: true), speedKmh: speedKmh)
    }

    /// Whether the unit has reached the end of the path it was sent along.
    public func hasArrived(unitID: String) -> Bool {
        unitIndex[unitID].flatMap { units[$0].mission?.isComplete } ?? false
    }

    /// Where a unit is now.
    public func position(unitID: String) -> GeoPoint? {
        unitIndex[unitID].map { position(of: $0).0 }
    }

    /// Ends a unit's mission: a patrol car resumes patrolling from the street node nearest to where it is.
    public mutating func resumePatrol(unitID: String) {
        guard let index = unitIndex[unitID], let here = units[index].mission?.position else { return }
        var best = units[index].from, bestDistance = Double.infinity
        for node in streets.drivableNodes {
            let distance = GreatCircle.distanceMetres(here, streets.coordinates[Int(node)])
            if distance < bestDistance { (best, bestDistance) = (node, distance) }
        }
        units[index].mission = nil
        units[index].from = best
        units[index].to = streets.neighbours[Int(best)].first ?? best
        units[index].metresAlong = 0
        units[index].patrols = true
        units[index].speedKmh = 32
    }

    private mutating func order(_ unitID: String, _ mission: Mission, speedKmh: Double) -> Bool {
        guard let index = unitIndex[unitID], mission.path.count >= 2, speedKmh > 0 else { return false }
        units[index].mission = mission
        units[index].speedKmh = speedKmh
        return true
    }

    private func position(of index: Int) -> (GeoPoint, Double) {
        let state = units[index]
        if let mission = state.mission { return (mission.position, mission.headingDegrees) }
        let a = streets.coordinates[Int(state.from)], b = streets.coordinates[Int(state.to)]
        let length = GreatCircle.distanceMetres(a, b)
        let f = length > 0 ? min(1, state.metresAlong / length) : 0
        return (GreatCircle.interpolate(a, b, fraction: f), (GreatCircle.bearingDegrees(from: a, to: b) * 10).rounded() / 10)
    }

    private mutating func positionEvent(unit index: Int) -> NewEvent {
        let unit = plan.units[index]
        let (point, heading) = position(of: index)
        let payload = CityEventTypes.UnitPosition(
            unitID: unit.id, agency: unit.agency, kind: unit.kind, speedKmh: units[index].speedKmh, headingDegrees: heading)
        return event(CityEventTypes.unitPosition, source: "unit:\(unit.id)", at: now, location: point, payload: payload)
    }

    // MARK: - Sensors

    private mutating func observationEvent(sensor index: Int) -> NewEvent? {
        let sensor = plan.sensors[index]
        let elapsedSeconds = (now.millisecondsSince1970 - start.millisecondsSince1970) / 1000
        if case let .silentAfter(seconds)? = sensor.fault, elapsedSeconds >= seconds { return nil }
        let location = streets.coordinates[Int(sensor.node)]
        var value = reading(sensor: index, at: location)
        if case let .stuckAfter(seconds)? = sensor.fault, elapsedSeconds >= seconds, let last = sensors[index].lastValue { value = last }
        if case let .offset(amount)? = sensor.fault { value += amount }
        sensors[index].lastValue = value
        let payload = CityEventTypes.SensorObservation(sensorID: sensor.id, quantity: sensor.quantity, value: value, unit: sensor.unit)
        return event(CityEventTypes.sensorObservation, source: "sensor:\(sensor.id)", at: now, location: location, payload: payload)
    }

    /// What a healthy sensor reads now: daily cycles, noise, rare episodes and smoke from fires.
    private mutating func reading(sensor index: Int, at location: GeoPoint) -> Double {
        let sensor = plan.sensors[index]
        let hour = Self.localHour(now)
        // Morning and evening rush hours, quiet nights.
        let rush = exp(-pow((hour - 8.5) / 1.5, 2)) + exp(-pow((hour - 18) / 2, 2))
        let daytime = max(0, sin((hour - 6) / 16 * .pi))
        sensors[index].noise = 0.8 * sensors[index].noise + Double.random(in: -1...1, using: &rng)
        if sensors[index].episode > 0.5 {
            sensors[index].episode *= 0.97
        } else if Double.random(in: 0..<1, using: &rng) < 0.002 {
            sensors[index].episode = Double.random(in: 30...80, using: &rng)
        } else {
            sensors[index].episode = 0
        }
        let noise = sensors[index].noise, episode = sensors[index].episode
        let value: Double = switch sensor.quantity {
        case "pm25": max(0, 6 + 8 * rush + 1.5 * noise + episode + smoke(at: location))
        case "pm10": max(0, 14 + 12 * rush + 2.5 * noise + episode + 1.3 * smoke(at: location))
        case "no2": max(0, 12 + 25 * rush + 3 * noise + episode / 2)
        case "o3": max(0, 20 + 25 * daytime - 8 * rush + 2 * noise)
        case "noise": max(30, 50 + 12 * daytime + 6 * rush + 2 * noise)
        case "traffic_flow": max(0, (60 + 500 * daytime + 700 * rush) * (1 + 0.08 * noise))
        case "water_level": 1.2 + 0.15 * sin(Double(now.millisecondsSince1970) / 1000 / 44_712 * 2 * .pi) + 0.02 * noise + episode / 40
        case "temperature": 9 + 6 * daytime + 0.3 * noise
        case "gunshot": Double.random(in: 0..<1, using: &rng) < 0.0015 ? Double(Int.random(in: 2...5, using: &rng)) : 0
        default: max(0, 10 + noise)
        }
        // Gauges read to the millimetre; the others to a tenth, as such sensors report.
        let resolution = sensor.quantity == "water_level" ? 1_000.0 : 10
        return (value * resolution).rounded() / resolution
    }

    /// Particles from fires near a point: a 20-minute plume that fades with distance (300 m scale).
    private func smoke(at location: GeoPoint) -> Double {
        plumes.reduce(0) { total, plume in
            let ageSeconds = Double(now.millisecondsSince1970 - plume.start.millisecondsSince1970) / 1000
            guard ageSeconds >= 0, ageSeconds < 1_200 else { return total }
            let distance = GreatCircle.distanceMetres(location, plume.location)
            return total + plume.peakMicrogramsPerCubicMetre * exp(-distance / 300) * sin(ageSeconds / 1_200 * .pi)
        }
    }

    // MARK: - Calls

    private mutating func callEvent(at time: Timestamp) -> NewEvent {
        callCount += 1
        let roll = Double.random(in: 0..<1, using: &rng)
        let (category, priority, summaries): (String, ClosedRange<Int>, [String]) = switch roll {
        case ..<0.4: ("medical", 1...3, ["Person collapsed in the street", "Fall with head injury", "Breathing difficulty", "Chest pain"])
        case ..<0.7: ("police", 2...4, ["Shoplifting in progress", "Noise complaint", "Suspicious package reported", "Fight outside a bar"])
        case ..<0.85: ("traffic", 2...4, ["Collision between two cars", "Scooter rider down", "Vehicle blocking tunnel lane"])
        case ..<0.95: ("fire", 1...2, ["Smoke from an apartment window", "Kitchen fire", "Car on fire"])
        default: ("hazard", 2...3, ["Fuel spill on the road", "Fallen tree blocking street", "Gas smell reported"])
        }
        let nodes = streets.drivableNodes
        let node = nodes.isEmpty ? 0 : nodes[Int.random(in: 0..<nodes.count, using: &rng)]
        if category == "fire" {
            plumes.removeAll { time.millisecondsSince1970 - $0.start.millisecondsSince1970 > 1_200_000 }
            plumes.append(SmokePlume(location: streets.coordinates[Int(node)], start: time, peakMicrogramsPerCubicMetre: 160))
        }
        let payload = CityEventTypes.CallReceived(
            callID: "call-\(callCount)", category: category, priority: Int.random(in: priority, using: &rng),
            summary: summaries.randomElement(using: &rng)!)
        return event(CityEventTypes.callReceived, source: "call-intake", at: time, location: streets.coordinates[Int(node)], payload: payload)
    }

    // MARK: - Helpers

    private mutating func event(_ type: EventType, source: String, at time: Timestamp, location: GeoPoint, payload: some Encodable) -> NewEvent {
        NewEvent(id: EventID.timeOrdered(at: time, using: &rng), type: type, source: source, actor: Self.actor, occurredAt: time,
                 location: location, payload: (try? EventPayload(encoding: payload)) ?? EventPayload(.null))
    }

    private mutating func nextCallGapMilliseconds() -> Int64 {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &rng)
        return Int64(-log(u) * meanSecondsBetweenCalls * 1000)
    }

    /// Hour of day in Monaco (UTC+1; summer time is ignored for the simulation).
    static func localHour(_ time: Timestamp) -> Double {
        let seconds = Double(time.millisecondsSince1970) / 1000 + 3600
        return seconds.truncatingRemainder(dividingBy: 86_400) / 3600
    }
}
