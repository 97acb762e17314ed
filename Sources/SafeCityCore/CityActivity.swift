import Geo

/// A projection of what the city's sources last did: counts per event type and each
/// source's latest position, the live picture the dashboard opens with.
public enum CityActivity: Projection {
    /// The last thing a source reported.
    public struct SourceState: Codable, Sendable, Equatable {
        public var lastType: String
        public var lastSequence: Int64
        public var occurredAt: Timestamp
        public var location: GeoPoint?
    }

    public struct State: Codable, Sendable, Equatable {
        public var countsByType: [String: Int64] = [:]
        public var sources: [String: SourceState] = [:]
        public var total: Int64 = 0
    }

    public static let name = "city-activity"
    public static let version = 1

    public static func initialState() -> State { State() }

    public static func apply(_ record: EventRecord, to state: inout State) {
        let event = record.event
        state.total += 1
        state.countsByType[event.type.name, default: 0] += 1
        let previousLocation = state.sources[event.source]?.location
        state.sources[event.source] = SourceState(
            lastType: event.type.name, lastSequence: record.sequence, occurredAt: event.occurredAt,
            location: event.location ?? previousLocation)
    }
}
