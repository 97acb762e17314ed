import Foundation
import Geo
import SafeCityCore

/// A geometry an alert or a subscription covers: a circle in metres or a closed polygon ring.
///
/// - Note: Geometry is planar on a local equirectangular projection (``LocalProjection``), which is
///   exact enough for city- and region-sized areas; areas crossing the antimeridian are not supported.
public enum AreaShape: Hashable, Sendable {
    case circle(center: GeoPoint, radiusMetres: Double)
    /// A closed ring: first point equal to the last.
    case polygon([GeoPoint])

    /// The latitude/longitude box that holds the whole shape.
    public var boundingBox: BoundingBox {
        switch self {
        case let .circle(center, radius):
            let dLat = radius / LocalProjection.metresPerDegree
            let dLon = radius / (LocalProjection.metresPerDegree * max(cos(center.latitude * .pi / 180), 1e-6))
            return BoundingBox(minLatitude: center.latitude - dLat, minLongitude: center.longitude - dLon,
                               maxLatitude: center.latitude + dLat, maxLongitude: center.longitude + dLon)
        case let .polygon(ring):
            return BoundingBox(enclosing: ring) ?? BoundingBox(minLatitude: 0, minLongitude: 0, maxLatitude: 0, maxLongitude: 0)
        }
    }

    /// A point of the shape, used as the origin of the planar projection.
    var anchor: GeoPoint {
        switch self {
        case let .circle(center, _): center
        case let .polygon(ring): ring[0]
        }
    }

    /// Checks the shape: coordinates in range, a positive radius, a closed ring that does not cross itself.
    public func validate(field: String) throws(ValidationError) {
        switch self {
        case let .circle(center, radius):
            guard center.isValid else { throw ValidationError(field: "\(field).center", reason: "is outside latitude −90…90 / longitude −180…180") }
            guard radius.isFinite, radius > 0, radius <= 500_000 else {
                throw ValidationError(field: "\(field).radiusMetres", reason: "must be within 0…500000, got \(radius)")
            }
        case let .polygon(ring):
            do { try PolygonRules.check(ring, field: field) } catch { throw ValidationError(field: error.field, reason: error.reason) }
        }
    }

    /// The shapes of a CAP `<area>`: its polygons and circles (geocodes alone give none).
    public static func shapes(of area: CAPArea, field: String = "area") throws(CAPParseError) -> [AreaShape] {
        var shapes: [AreaShape] = []
        for (i, text) in area.polygons.enumerated() {
            shapes.append(.polygon(try PolygonRules.parse(text, field: "\(field).polygon[\(i)]")))
        }
        for (i, text) in area.circles.enumerated() {
            try PolygonRules.checkCircle(text, field: "\(field).circle[\(i)]")
            let parts = text.split(separator: " ", omittingEmptySubsequences: true)
            let centre = parts[0].split(separator: ",")
            let point = GeoPoint(latitude: Double(centre[0])!, longitude: Double(centre[1])!)
            // CAP radii are kilometres; a zero radius is a point, kept as a one-metre circle.
            shapes.append(.circle(center: point, radiusMetres: max(Double(parts[1])! * 1000, 1)))
        }
        return shapes
    }

    /// Every shape an issued alert covers, over all its infos and areas.
    public static func shapes(of alert: CAPAlert) throws(CAPParseError) -> [AreaShape] {
        var shapes: [AreaShape] = []
        for (i, info) in alert.infos.enumerated() {
            for (j, area) in info.areas.enumerated() { shapes += try Self.shapes(of: area, field: "info[\(i)].area[\(j)]") }
        }
        return shapes
    }
}
