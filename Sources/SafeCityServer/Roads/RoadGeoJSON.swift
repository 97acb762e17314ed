import Geo
import SafeCityCore

/// GeoJSON renderings of road answers, shared by the HTTP API and the CLI.
public enum RoadGeoJSON {
    /// A position `[lon, lat]` rounded to 6 decimals.
    static func position(_ point: GeoPoint) -> JSONValue {
        .array([.number(rounded(point.longitude)), .number(rounded(point.latitude))])
    }

    static func rounded(_ value: Double, places: Double = 1_000_000) -> Double { (value * places).rounded() / places }

    /// A route as a Feature with a LineString geometry.
    public static func feature(_ route: RoadRoute) -> JSONValue {
        .object([
            "type": .string("Feature"),
            "geometry": .object(["type": .string("LineString"), "coordinates": .array(route.coordinates.map(position))]),
            "properties": .object([
                "profile": .string(route.profile.rawValue),
                "metric": .string(route.metric.rawValue),
                "durationSeconds": .number(rounded(route.durationSeconds, places: 10)),
                "distanceMetres": .number(rounded(route.distanceMetres, places: 10)),
                "startSnapMetres": .number(rounded(route.startSnapMetres, places: 10)),
                "endSnapMetres": .number(rounded(route.endSnapMetres, places: 10)),
            ]),
        ])
    }

    /// An isochrone as a Feature: the hull Polygon, or a MultiPoint when too few nodes are reachable for one.
    public static func feature(_ isochrone: RoadIsochrone, minutes: Double, profile: String) -> JSONValue {
        let geometry: JSONValue = isochrone.hull.isEmpty
            ? .object(["type": .string("MultiPoint"), "coordinates": .array(isochrone.points.map(position))])
            : .object(["type": .string("Polygon"), "coordinates": .array([.array(isochrone.hull.map(position))])])
        return .object([
            "type": .string("Feature"), "geometry": geometry,
            "properties": .object([
                "minutes": .number(minutes), "profile": .string(profile),
                "reachableNodes": .number(Double(isochrone.points.count)),
            ]),
        ])
    }
}
