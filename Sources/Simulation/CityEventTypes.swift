import SafeCityCore

/// The field event types the simulated city (and real feeds) submit.
///
/// - Note: These move to the Sensing and Dispatch modules when those land; the type
///   names and payloads stay the same.
public enum CityEventTypes {
    public static let unitPosition: EventType = "unit.position"
    public static let sensorObservation: EventType = "sensor.observation"
    public static let callReceived: EventType = "call.received"

    /// Agencies a unit can belong to.
    public static let agencies: Set<String> = ["police", "fire", "ems"]
    /// Call categories a call-taker can choose.
    public static let callCategories: Set<String> = ["fire", "medical", "police", "traffic", "hazard"]

    /// AVL report: where a unit is, how fast it goes.
    public struct UnitPosition: Codable, Sendable, Equatable {
        public var unitID: String
        public var agency: String
        public var kind: String
        public var speedKmh: Double
        public var headingDegrees: Double
    }

    /// One sensor reading.
    public struct SensorObservation: Codable, Sendable, Equatable {
        public var sensorID: String
        public var quantity: String
        public var value: Double
        public var unit: String
    }

    /// A call for service as the call-taker records it.
    public struct CallReceived: Codable, Sendable, Equatable {
        public var callID: String
        public var category: String
        public var priority: Int
        public var summary: String

        public init(callID: String, category: String, priority: Int, summary: String) {
            self.callID = callID
            self.category = category
            self.priority = priority
            self.summary = summary
        }
    }

    /// The schemas of the field event types.
    public static let registry = EventTypeRegistry([
        EventSchema(type: unitPosition, fields: [
            .init("unitID", .string(maxLength: 64)), .init("agency", .oneOf(agencies)), .init("kind", .string(maxLength: 64)),
            .init("speedKmh", .number(range: 0...400)), .init("headingDegrees", .number(range: 0...360)),
        ], submitters: [.admin, .fieldUnit], requiresLocation: true),
        EventSchema(type: sensorObservation, fields: [
            .init("sensorID", .string(maxLength: 64)), .init("quantity", .string(maxLength: 64)),
            .init("value", .number(range: nil)), .init("unit", .string(maxLength: 32)),
        ], submitters: [.admin, .sensor]),
        EventSchema(type: callReceived, fields: [
            .init("callID", .string(maxLength: 64)), .init("category", .oneOf(callCategories)),
            .init("priority", .integer(range: 1...5)), .init("summary", .string(maxLength: 2000)),
        ], submitters: [.admin, .dispatcher], requiresLocation: true),
    ])
}
