import Forecasting
import SafeCityCore

/// Event types of place-based forecasting: recorded incidents imported from a records system (a CSV
/// export) or a simulation, in batches. Closed dispatch incidents are read from the dispatch events.
public enum ForecastEvents {
    /// A batch of recorded incidents (time, place, type; never a person).
    public static let incidentsImported: EventType = "forecast.incidents.imported"

    /// One recorded incident.
    public struct Incident: Codable, Sendable, Equatable {
        public var time: Timestamp
        public var latitude: Double
        public var longitude: Double
        public var type: String

        public init(_ record: IncidentRecord) {
            time = record.time
            latitude = record.location.latitude
            longitude = record.location.longitude
            type = record.type
        }
    }

    /// Payload of ``incidentsImported``.
    public struct Imported: Codable, Sendable, Equatable {
        /// Where they came from, e.g. `csv:chicago_sample.csv` or `simulation`.
        public var source: String
        public var incidents: [Incident]
    }

    public static let registry = EventTypeRegistry([
        EventSchema(type: incidentsImported, fields: [.init("source", .string(maxLength: 200)), .init("incidents", .array)], submitters: []),
    ])
}
