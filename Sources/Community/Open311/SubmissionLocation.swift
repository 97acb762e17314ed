import Geo

/// Where a report is: Open311 needs at least one of a point, an address string or an address id.
public struct SubmissionLocation: Hashable, Sendable, Codable {
    /// `lat` and `long` (WGS 84), sent together.
    public var point: GeoPoint?
    /// `address_string`: the address as the resident typed it.
    public var addressString: String?
    /// `address_id`: an id in the city's master address repository.
    public var addressID: String?

    public init(point: GeoPoint? = nil, addressString: String? = nil, addressID: String? = nil) {
        self.point = point
        self.addressString = addressString
        self.addressID = addressID
    }
}
