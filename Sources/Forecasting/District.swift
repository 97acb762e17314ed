import Geo

/// An area a forecast is audited over (a police district, ward or neighbourhood).
public struct District: Hashable, Sendable, Codable {
    /// Display name.
    public var name: String
    /// Outline as latitude/longitude points (closed or not; holes are not supported).
    public var polygon: [GeoPoint]
    /// Residents, when known.
    public var population: Double?

    public init(name: String, polygon: [GeoPoint], population: Double? = nil) {
        self.name = name
        self.polygon = polygon
        self.population = population
    }

    /// Whether a point lies inside the outline (even–odd rule on latitude/longitude).
    public func contains(_ point: GeoPoint) -> Bool {
        guard polygon.count >= 3 else { return false }
        var inside = false
        var j = polygon.count - 1
        for i in polygon.indices {
            let a = polygon[i], b = polygon[j]
            if (a.latitude > point.latitude) != (b.latitude > point.latitude) {
                let crossing = a.longitude + (point.latitude - a.latitude) / (b.latitude - a.latitude) * (b.longitude - a.longitude)
                if point.longitude < crossing { inside.toggle() }
            }
            j = i
        }
        return inside
    }
}
