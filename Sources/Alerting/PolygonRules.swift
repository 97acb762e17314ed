import Geo

/// Shape rules the CAP schema does not check: ring closure, size, coordinate ranges, self-crossing.
public enum PolygonRules {
    /// Checks a ring given as points (first equal to last).
    public static func check(_ ring: [GeoPoint], field: String) throws(CAPParseError) {
        guard ring.count >= 4 else { throw CAPParseError(field: field, reason: "needs at least 4 points (a closed ring), got \(ring.count)") }
        if let bad = ring.firstIndex(where: { !$0.isValid }) {
            throw CAPParseError(field: field, reason: "point \(bad) is outside latitude −90…90 / longitude −180…180")
        }
        guard ring.first == ring.last else { throw CAPParseError(field: field, reason: "is not closed: the first and last points must be equal") }
        let n = ring.count - 1
        for i in 0..<n {
            for j in (i + 1)..<n where j != i + 1 && !(i == 0 && j == n - 1) {
                if segmentsCross(ring[i], ring[i + 1], ring[j], ring[j + 1]) {
                    throw CAPParseError(field: field, reason: "crosses itself (edge \(i) and edge \(j))")
                }
            }
        }
    }

    /// Parses CAP polygon text (`lat,lon lat,lon …`) and checks it.
    public static func parse(_ text: String, field: String) throws(CAPParseError) -> [GeoPoint] {
        var points: [GeoPoint] = []
        for pair in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            let parts = pair.split(separator: ",")
            guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]) else {
                throw CAPParseError(field: field, reason: "\"\(pair)\" is not a lat,lon pair")
            }
            points.append(GeoPoint(latitude: lat, longitude: lon))
        }
        try check(points, field: field)
        return points
    }

    /// Checks CAP circle text: `lat,lon radius` with a radius in kilometres.
    public static func checkCircle(_ text: String, field: String) throws(CAPParseError) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        let centre = parts.first?.split(separator: ",") ?? []
        guard parts.count == 2, centre.count == 2, let lat = Double(centre[0]), let lon = Double(centre[1]),
              GeoPoint(latitude: lat, longitude: lon).isValid, let radius = Double(parts[1]), radius >= 0, radius.isFinite
        else { throw CAPParseError(field: field, reason: "must be \"lat,lon radiusKm\" with a valid centre, got \"\(text)\"") }
    }

    private static func segmentsCross(_ a: GeoPoint, _ b: GeoPoint, _ c: GeoPoint, _ d: GeoPoint) -> Bool {
        func orient(_ p: GeoPoint, _ q: GeoPoint, _ r: GeoPoint) -> Double {
            (q.longitude - p.longitude) * (r.latitude - p.latitude) - (q.latitude - p.latitude) * (r.longitude - p.longitude)
        }
        let d1 = orient(c, d, a), d2 = orient(c, d, b), d3 = orient(a, b, c), d4 = orient(a, b, d)
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
    }
}
