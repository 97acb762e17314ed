import Foundation

/// Great-circle distances on a spherical Earth.
public enum GreatCircle {
    /// Mean Earth radius in metres (IUGG).
    public static let earthRadiusMetres = 6_371_008.8

    /// Haversine distance between two points, in metres.
    public static func distanceMetres(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let lat1 = a.latitude * .pi / 180, lat2 = b.latitude * .pi / 180
        let dLat = lat2 - lat1
        let dLon = (b.longitude - a.longitude) * .pi / 180
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(lat1) * cos(lat2) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusMetres * asin(min(1, h.squareRoot()))
    }

    /// Initial bearing from `a` towards `b`, in degrees clockwise from north (0 ..< 360).
    public static func bearingDegrees(from a: GeoPoint, to b: GeoPoint) -> Double {
        let lat1 = a.latitude * .pi / 180, lat2 = b.latitude * .pi / 180
        let dLon = (b.longitude - a.longitude) * .pi / 180
        let y = sin(dLon) * cos(lat2)
        let x = cos(lat1) * sin(lat2) - sin(lat1) * cos(lat2) * cos(dLon)
        let degrees = atan2(y, x) * 180 / .pi
        return degrees < 0 ? degrees + 360 : degrees
    }

    /// The point a `fraction` (0…1) of the way from `a` to `b`, interpolated linearly,
    /// which is exact enough along one road segment.
    public static func interpolate(_ a: GeoPoint, _ b: GeoPoint, fraction: Double) -> GeoPoint {
        GeoPoint(latitude: a.latitude + (b.latitude - a.latitude) * fraction,
                 longitude: a.longitude + (b.longitude - a.longitude) * fraction)
    }
}
