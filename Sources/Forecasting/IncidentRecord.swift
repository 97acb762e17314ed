import Geo
import SafeCityCore

/// One reported incident: when, where and what kind — never who.
public struct IncidentRecord: Hashable, Sendable, Codable {
    /// When the incident happened (UTC).
    public var time: Timestamp
    /// Where it happened.
    public var location: GeoPoint
    /// The reported type, upper-cased as imported (e.g. `BURGLARY`); empty when the source has none.
    public var type: String

    public init(time: Timestamp, location: GeoPoint, type: String = "") {
        self.time = time
        self.location = location
        self.type = type
    }
}
