import Foundation
import Geo
import SafeCityCore

/// Where an alert applies: a circle (e.g. around an incident) or a polygon.
public struct AlertArea: Hashable, Sendable, Codable {
    /// A centre and radius.
    public struct Circle: Hashable, Sendable, Codable {
        public var center: GeoPoint
        public var radiusMetres: Double

        public init(center: GeoPoint, radiusMetres: Double) {
            self.center = center
            self.radiusMetres = radiusMetres
        }
    }

    public var description: String
    public var circle: Circle?
    /// A closed ring: first point equal to the last, at least 4 points.
    public var polygon: [GeoPoint]?

    public init(description: String, circle: Circle? = nil, polygon: [GeoPoint]? = nil) {
        self.description = description
        self.circle = circle
        self.polygon = polygon
    }

    /// A circle around an incident's location.
    public static func around(_ location: GeoPoint, radiusMetres: Double, description: String) -> AlertArea {
        AlertArea(description: description, circle: Circle(center: location, radiusMetres: radiusMetres))
    }

    /// Throws when the area is empty, ambiguous or malformed.
    public func validate(field: String) throws(ValidationError) {
        guard !description.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError(field: "\(field).description", reason: "is required") }
        switch (circle, polygon) {
        case (nil, nil), (.some, .some):
            throw ValidationError(field: field, reason: "give exactly one of circle or polygon")
        case let (.some(circle), nil):
            guard circle.center.isValid else { throw ValidationError(field: "\(field).circle.center", reason: "is outside latitude −90…90 / longitude −180…180") }
            guard circle.radiusMetres.isFinite, circle.radiusMetres > 0, circle.radiusMetres <= 500_000 else {
                throw ValidationError(field: "\(field).circle.radiusMetres", reason: "must be within 0…500000, got \(circle.radiusMetres)")
            }
        case let (nil, .some(ring)):
            do { try PolygonRules.check(ring, field: "\(field).polygon") } catch { throw ValidationError(field: error.field, reason: error.reason) }
        }
    }

    /// The area as a CAP `<area>`.
    public var cap: CAPArea {
        var area = CAPArea(areaDesc: description)
        if let circle {
            area.circles = ["\(Self.coordinate(circle.center)) \(Self.number(circle.radiusMetres / 1000))"]
        }
        if let polygon { area.polygons = [polygon.map(Self.coordinate).joined(separator: " ")] }
        return area
    }

    private static func coordinate(_ point: GeoPoint) -> String { "\(number(point.latitude)),\(number(point.longitude))" }

    private static func number(_ value: Double) -> String {
        String(format: "%.6f", value).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
    }
}
