import SafeCityCore

/// Event types the road network writes; none can be submitted over the API.
public enum RoadEvents {
    public static let trafficUpdated: EventType = "traffic.updated"

    /// Payload of ``trafficUpdated``: which roads changed speed, and how many edges that touched.
    public struct TrafficUpdated: Codable, Sendable, Equatable {
        public var way: Int64?
        public var edge: Int64?
        public var speedFactor: Double
        public var edgesChanged: Int
        public var profiles: [String]
    }

    /// The schemas of the road event types.
    public static let registry = EventTypeRegistry([
        EventSchema(type: trafficUpdated, fields: [
            .init("way", .integer(range: nil), required: false),
            .init("edge", .integer(range: 0...Int64(UInt32.max)), required: false),
            .init("speedFactor", .number(range: 0...1)),
            .init("edgesChanged", .integer(range: 0...Int64.max)),
            .init("profiles", .array),
        ], submitters: []),
    ])
}
