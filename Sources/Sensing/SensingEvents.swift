import SafeCityCore

/// Event types the sensing service writes. Observations themselves are `sensor.observation`
/// events (``observation``), which field devices may also submit over the events API.
public enum SensingEvents {
    public static let observation: EventType = "sensor.observation"
    public static let registered: EventType = "sensor.registered"
    public static let retired: EventType = "sensor.retired"
    /// A stream rule fired or cleared; the payload carries the observations that caused it.
    public static let ruleSignal: EventType = "signal.sensor-rule"
    /// A sensor became unhealthy (stale, flat-lined, out of range, off its neighbours) or recovered.
    public static let healthSignal: EventType = "signal.sensor-health"

    /// Payload of ``observation``: the event's `occurredAt` is the observation time and its location the sensor's.
    public struct ObservationPayload: Codable, Sendable, Equatable {
        public var sensorID: String
        public var quantity: String
        public var value: Double
        public var unit: String
    }

    /// Payload of ``retired``.
    public struct Retired: Codable, Sendable, Equatable {
        public var sensorID: String
    }

    /// The schemas of the events the service writes; none can be submitted over the events API.
    public static let registry = EventTypeRegistry([
        EventSchema(type: registered, fields: [
            .init("id", .string(maxLength: 64)), .init("kind", .oneOf(Set(SensorKind.allCases.map(\.rawValue)))),
            .init("name", .string(maxLength: 200)), .init("location", .object), .init("quantities", .array),
            .init("reportIntervalSeconds", .integer(range: 1...86_400)), .init("owner", .string(maxLength: 200)),
        ], submitters: []),
        EventSchema(type: retired, fields: [.init("sensorID", .string(maxLength: 64))], submitters: []),
        EventSchema(type: ruleSignal, fields: [
            .init("ruleID", .string(maxLength: 64)), .init("subject", .string(maxLength: 64)), .init("state", .oneOf(["fired", "cleared"])),
        ], submitters: []),
        EventSchema(type: healthSignal, fields: [
            .init("sensorID", .string(maxLength: 64)), .init("problem", .string(maxLength: 64)), .init("state", .oneOf(["raised", "cleared"])),
        ], submitters: []),
    ])
}
