import Foundation
import Geo

/// An equirectangular metric frame about an origin, x metres east and y metres north, in which forecast grids are laid.
///
/// - Note: x = R·cos(φ₀)·Δλ and y = R·Δφ (radians, R = ``GreatCircle/earthRadiusMetres``). Over a
///   city (tens of kilometres) the distance error against the great circle stays well under 1 %,
///   which is far below the size of a forecast cell.
public struct GridFrame: Hashable, Sendable, Codable {
    /// The point mapped to (0, 0).
    public var origin: GeoPoint
    private let metresPerDegreeLatitude: Double
    private let metresPerDegreeLongitude: Double

    public init(origin: GeoPoint) {
        self.origin = origin
        metresPerDegreeLatitude = GreatCircle.earthRadiusMetres * Double.pi / 180
        metresPerDegreeLongitude = metresPerDegreeLatitude * cos(origin.latitude * Double.pi / 180)
    }

    /// Metres east (`x`) and north (`y`) of the origin.
    public func metres(of point: GeoPoint) -> (x: Double, y: Double) {
        ((point.longitude - origin.longitude) * metresPerDegreeLongitude,
         (point.latitude - origin.latitude) * metresPerDegreeLatitude)
    }

    /// The point `x` metres east and `y` metres north of the origin.
    public func point(x: Double, y: Double) -> GeoPoint {
        GeoPoint(latitude: origin.latitude + y / metresPerDegreeLatitude,
                 longitude: origin.longitude + x / metresPerDegreeLongitude)
    }
}
