import Geo
import SafeCityCore

/// The area a subscriber wants alerts for: a point with a radius (e.g. a home), or a polygon (e.g. a district).
public struct SubscriptionArea: Hashable, Sendable, Codable {
    public var point: GeoPoint?
    public var radiusMetres: Double?
    /// A closed ring: first point equal to the last, at least 4 points, not crossing itself.
    public var polygon: [GeoPoint]?

    public init(point: GeoPoint? = nil, radiusMetres: Double? = nil, polygon: [GeoPoint]? = nil) {
        self.point = point
        self.radiusMetres = radiusMetres
        self.polygon = polygon
    }

    /// The area as a shape; throws naming the field when it is empty, ambiguous or malformed.
    public func shape(field: String) throws(ValidationError) -> AreaShape {
        let shape: AreaShape
        switch (point, polygon) {
        case (nil, nil), (.some, .some):
            throw ValidationError(field: field, reason: "give exactly one of point (with radiusMetres) or polygon")
        case let (.some(point), nil):
            guard let radiusMetres else { throw ValidationError(field: "\(field).radiusMetres", reason: "is required with a point") }
            shape = .circle(center: point, radiusMetres: radiusMetres)
            try shape.validate(field: field)
        case let (nil, .some(ring)):
            guard radiusMetres == nil else { throw ValidationError(field: "\(field).radiusMetres", reason: "applies to a point, not a polygon") }
            shape = .polygon(ring)
            try shape.validate(field: "\(field).polygon")
        }
        return shape
    }
}
