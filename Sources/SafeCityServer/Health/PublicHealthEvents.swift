import Geo
import SafeCityCore

/// Event types of syndromic surveillance: reporting areas, weekly counts per syndrome and area, and
/// outbreak signals (an aberration in one area's series, or a space-time cluster over areas).
public enum PublicHealthEvents {
    /// A reporting area was registered (or its details changed).
    public static let areaRegistered: EventType = "health.area.registered"
    /// Weekly counts of one syndrome in one area (a batch of weeks).
    public static let countsRecorded: EventType = "health.counts.recorded"
    /// An outbreak signal was raised or cleared.
    public static let signal: EventType = "signal.outbreak"

    /// A reporting area: a district with a centroid and, when known, its population.
    public struct Area: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var latitude: Double
        public var longitude: Double
        public var population: Int?

        public init(id: String, name: String, centroid: GeoPoint, population: Int?) {
            self.id = id
            self.name = name
            latitude = centroid.latitude
            longitude = centroid.longitude
            self.population = population
        }

        public var centroid: GeoPoint { GeoPoint(latitude: latitude, longitude: longitude) }
    }

    /// One week's count; `week` is the Monday that starts it (YYYY-MM-DD).
    public struct WeekCount: Codable, Sendable, Equatable {
        public var week: String
        public var count: Int

        public init(week: String, count: Int) {
            self.week = week
            self.count = count
        }
    }

    /// Payload of ``countsRecorded``.
    public struct Counts: Codable, Sendable, Equatable {
        public var syndrome: String
        public var areaID: String
        public var counts: [WeekCount]
    }

    /// Payload of ``signal``.
    public struct Signal: Codable, Sendable, Equatable {
        /// `aberration` (one area's series above its threshold) or `cluster` (a space-time scan).
        public var kind: String
        /// `raised` or `cleared`.
        public var phase: String
        public var syndrome: String
        public var areaIDs: [String]
        public var areaNames: [String]
        /// First and last week of what was seen (the same week for an aberration).
        public var fromWeek: String
        public var toWeek: String
        /// The detector: an aberration method, or `space-time-permutation-scan`.
        public var method: String
        public var observed: Int
        /// The threshold (aberrations) or the expected count (clusters).
        public var threshold: Double?
        public var expected: Double?
        public var pValue: Double?
        public var summary: String
    }

    public static let registry = EventTypeRegistry([
        EventSchema(type: areaRegistered, fields: [
            .init("id", .string(maxLength: 64)), .init("name", .string(maxLength: 200)),
            .init("latitude", .number(range: -90...90)), .init("longitude", .number(range: -180...180)),
        ], submitters: []),
        EventSchema(type: countsRecorded, fields: [
            .init("syndrome", .string(maxLength: 64)), .init("areaID", .string(maxLength: 64)), .init("counts", .array),
        ], submitters: []),
        EventSchema(type: signal, fields: [
            .init("kind", .oneOf(["aberration", "cluster"])), .init("phase", .oneOf(["raised", "cleared"])),
            .init("syndrome", .string(maxLength: 64)), .init("areaIDs", .array), .init("summary", .string(maxLength: 2_000)),
        ], submitters: []),
    ])
}
