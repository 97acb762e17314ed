import Foundation
import Geo

/// An equirectangular projection around an origin, giving planar metres east (x) and north (y).
public struct LocalProjection: Sendable {
    /// Metres along a meridian per degree of latitude on the mean Earth sphere.
    public static let metresPerDegree = GreatCircle.earthRadiusMetres * .pi / 180

    /// The point that maps to (0, 0).
    public let origin: GeoPoint
    private let metresPerDegreeLongitude: Double

    public init(origin: GeoPoint) {
        self.origin = origin
        metresPerDegreeLongitude = Self.metresPerDegree * cos(origin.latitude * .pi / 180)
    }

    /// The point in metres from the origin.
    public func project(_ point: GeoPoint) -> PlanarPoint {
        PlanarPoint(x: (point.longitude - origin.longitude) * metresPerDegreeLongitude,
                    y: (point.latitude - origin.latitude) * Self.metresPerDegree)
    }
}

/// A point on a local plane, in metres.
public struct PlanarPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
