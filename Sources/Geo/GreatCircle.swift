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
}
