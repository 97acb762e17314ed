/// The convex hull of points in the longitude–latitude plane (fine at city scale).
public enum ConvexHull {
    /// The hull as a closed ring, counter-clockwise, first point repeated last; empty for fewer than three
    /// points not all on one line.
    public static func of(_ points: [GeoPoint]) -> [GeoPoint] {
        let sorted = Set(points.map { Pair(x: $0.longitude, y: $0.latitude) }).sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        guard sorted.count >= 3 else { return [] }
        func cross(_ o: Pair, _ a: Pair, _ b: Pair) -> Double { (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x) }
        var lower: [Pair] = []
        for point in sorted {
            while lower.count >= 2, cross(lower[lower.count - 2], lower[lower.count - 1], point) <= 0 { lower.removeLast() }
            lower.append(point)
        }
        var upper: [Pair] = []
        for point in sorted.reversed() {
            while upper.count >= 2, cross(upper[upper.count - 2], upper[upper.count - 1], point) <= 0 { upper.removeLast() }
            upper.append(point)
        }
        let ring = lower.dropLast() + upper.dropLast()
        guard ring.count >= 3 else { return [] }
        return (ring + [ring[ring.startIndex]]).map { GeoPoint(latitude: $0.y, longitude: $0.x) }
    }

    private struct Pair: Hashable {
        var x: Double, y: Double
    }
}
