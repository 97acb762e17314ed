/// A WGS 84 position in decimal degrees.
public struct GeoPoint: Hashable, Sendable, Codable {
    /// Latitude in degrees, −90…90.
    public var latitude: Double
    /// Longitude in degrees, −180…180.
    public var longitude: Double

    /// Creates a point without validation; use ``validated(latitude:longitude:)`` for input.
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Whether both coordinates are finite and inside their ranges.
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite && abs(latitude) <= 90 && abs(longitude) <= 180
    }

    /// Creates a point from untrusted input, throwing when it is out of range.
    public static func validated(latitude: Double, longitude: Double) throws(GeoError) -> GeoPoint {
        let point = GeoPoint(latitude: latitude, longitude: longitude)
        guard point.isValid else { throw .coordinateOutOfRange(latitude: latitude, longitude: longitude) }
        return point
    }
}

/// Errors from geometric input.
public enum GeoError: Error, Equatable, Sendable, CustomStringConvertible {
    case coordinateOutOfRange(latitude: Double, longitude: Double)

    public var description: String {
        switch self {
        case let .coordinateOutOfRange(latitude, longitude):
            "coordinate (\(latitude), \(longitude)) is outside latitude −90…90 / longitude −180…180"
        }
    }
}
