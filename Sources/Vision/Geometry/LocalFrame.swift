import Foundation
import Geo

/// Ties a camera's ground plane to the globe: plane metres around a geographic origin, and back.
///
/// The mapping is equirectangular about the origin, which is within centimetres of the true
/// geodesic over the few hundred metres a camera sees.
public struct LocalFrame: Hashable, Sendable, Codable {
    /// The geographic position of the plane's origin.
    public let origin: GeoPoint
    /// Compass bearing of the plane's +y axis, degrees clockwise from true north; +x is 90° to its right.
    public let yAxisBearingDegrees: Double

    /// Creates a frame, checking the origin and bearing.
    public init(origin: GeoPoint, yAxisBearingDegrees: Double = 0) throws(VisionError) {
        guard origin.isValid, abs(origin.latitude) < 89 else {
            throw .invalidConfiguration("local frame origin (\(origin.latitude), \(origin.longitude)) must be a valid position below 89° latitude")
        }
        guard yAxisBearingDegrees.isFinite else { throw .invalidConfiguration("local frame bearing must be finite") }
        self.origin = origin
        self.yAxisBearingDegrees = yAxisBearingDegrees
    }

    private var metresPerDegreeLatitude: Double { GreatCircle.earthRadiusMetres * .pi / 180 }
    private var metresPerDegreeLongitude: Double { metresPerDegreeLatitude * cos(origin.latitude * .pi / 180) }

    /// The geographic position of a plane point.
    public func geoPoint(for point: PlanePoint) -> GeoPoint {
        let angle = yAxisBearingDegrees * .pi / 180
        let east = point.x * cos(angle) + point.y * sin(angle)
        let north = -point.x * sin(angle) + point.y * cos(angle)
        var longitude = origin.longitude + east / metresPerDegreeLongitude
        if longitude > 180 { longitude -= 360 } else if longitude < -180 { longitude += 360 }
        return GeoPoint(latitude: origin.latitude + north / metresPerDegreeLatitude, longitude: longitude)
    }

    /// The plane point of a geographic position.
    public func planePoint(for point: GeoPoint) -> PlanePoint {
        var dLon = point.longitude - origin.longitude
        if dLon > 180 { dLon -= 360 } else if dLon < -180 { dLon += 360 }
        let east = dLon * metresPerDegreeLongitude
        let north = (point.latitude - origin.latitude) * metresPerDegreeLatitude
        let angle = yAxisBearingDegrees * .pi / 180
        return PlanePoint(x: east * cos(angle) - north * sin(angle), y: east * sin(angle) + north * cos(angle))
    }
}
