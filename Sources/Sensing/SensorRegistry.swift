import SafeCityCore

/// Folds registrations and retirements into the set of sensors in service.
public enum SensorRegistry {
    /// The registry after one record; records of other types change nothing.
    public static func apply(_ record: EventRecord, to registry: inout [String: Sensor]) {
        switch record.event.type {
        case SensingEvents.registered:
            if let sensor = try? record.event.payload.decode(Sensor.self) { registry[sensor.id] = sensor }
        case SensingEvents.retired:
            if let retired = try? record.event.payload.decode(SensingEvents.Retired.self) { registry[retired.sensorID] = nil }
        default: break
        }
    }
}
