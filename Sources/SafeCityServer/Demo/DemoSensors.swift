import Geo
import SafeCityCore
import Sensing
import Simulation

/// Puts the simulated city's sensors in the registry and gives them the last hours of readings.
public enum DemoSensors {
    /// Registers every sensor of the plan, as the city's sensor administrator would.
    public static func register(_ plan: CityPlan, streets: StreetNetwork, with sensing: SensingService, actor: String) async throws {
        for sensor in plan.sensors {
            let kind = SensorKind(rawValue: sensor.kind) ?? .airQuality
            let registered = Sensor(
                id: sensor.id, kind: kind, name: "\(sensor.quantity) sensor \(sensor.id)",
                location: streets.coordinates[Int(sensor.node)], quantities: [Quantity(sensor.quantity)],
                reportIntervalSeconds: Int(sensor.reportEverySeconds), owner: owner(of: kind))
            try await sensing.register(registered, actor: actor)
        }
    }

    /// Appends `hours` of past readings from a fault-free copy of the city, in batches.
    @discardableResult
    public static func backfill(_ plan: CityPlan, streets: StreetNetwork, seed: UInt64, hours: Int, until now: Timestamp,
                                append: ([NewEvent]) async throws -> Void) async throws -> Int {
        let start = now.adding(milliseconds: -Int64(hours) * 3_600_000)
        var past = CitySimulation(streets: streets, plan: plan.withoutSensorFaults, seed: seed ^ 0xBAC0_F111, start: start)
        let events = past.advanceSensorsOnly(to: now.adding(milliseconds: -1_000))
        var index = 0
        while index < events.count {
            let batch = Array(events[index..<min(events.count, index + 5_000)])
            try await append(batch)
            index += batch.count
        }
        return events.count
    }

    static func owner(of kind: SensorKind) -> String {
        switch kind {
        case .airQuality: "Monaco Environment Directorate"
        case .noise: "City noise office"
        case .weather: "Met service"
        case .trafficCounter: "Traffic management centre"
        case .floodGauge: "Port authority"
        case .acoustic: "Police technical unit"
        }
    }
}
