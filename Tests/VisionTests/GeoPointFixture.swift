import Geo

/// Positions and distance helpers for the geometry tests, going through the Geo module's own formulas.
enum GeoPointFixture {
    /// Zürich Hauptbahnhof, near where the ETH sequences were filmed.
    static let hauptbahnhof = GeoPoint(latitude: 47.3779, longitude: 8.5403)
}

enum GreatCircleDistance {
    static func metres(_ a: GeoPoint, _ b: GeoPoint) -> Double { GreatCircle.distanceMetres(a, b) }
    static func bearing(_ a: GeoPoint, _ b: GeoPoint) -> Double { GreatCircle.bearingDegrees(from: a, to: b) }
}
