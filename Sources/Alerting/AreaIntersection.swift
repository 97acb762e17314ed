import Geo

/// The exact test whether two areas share at least one point (touching counts), on a local plane.
public enum AreaIntersection {
    /// Whether `a` and `b` overlap or touch.
    public static func intersects(_ a: AreaShape, _ b: AreaShape) -> Bool {
        let projection = LocalProjection(origin: a.anchor)
        switch (a, b) {
        case let (.circle(c1, r1), .circle(c2, r2)):
            let p = projection.project(c1), q = projection.project(c2)
            let dx = p.x - q.x, dy = p.y - q.y
            return dx * dx + dy * dy <= (r1 + r2) * (r1 + r2)
        case let (.circle(c, r), .polygon(ring)), let (.polygon(ring), .circle(c, r)):
            return circleMeetsRing(projection.project(c), r, ring.map(projection.project))
        case let (.polygon(r1), .polygon(r2)):
            return ringsMeet(r1.map(projection.project), r2.map(projection.project))
        }
    }

    /// Whether any of `shapes` meets `area`.
    public static func intersects(any shapes: [AreaShape], _ area: AreaShape) -> Bool {
        shapes.contains { intersects($0, area) }
    }

    static func circleMeetsRing(_ centre: PlanarPoint, _ radius: Double, _ ring: [PlanarPoint]) -> Bool {
        if contains(ring, centre) { return true }
        let limit = radius * radius
        for i in 0..<(ring.count - 1) where squaredDistance(centre, ring[i], ring[i + 1]) <= limit { return true }
        return false
    }

    static func ringsMeet(_ a: [PlanarPoint], _ b: [PlanarPoint]) -> Bool {
        for i in 0..<(a.count - 1) {
            for j in 0..<(b.count - 1) where segmentsMeet(a[i], a[i + 1], b[j], b[j + 1]) { return true }
        }
        return contains(a, b[0]) || contains(b, a[0])
    }

    /// Even-odd point-in-ring test; points on an edge may go either way, edges are tested separately.
    static func contains(_ ring: [PlanarPoint], _ p: PlanarPoint) -> Bool {
        var inside = false
        var j = ring.count - 2
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    static func squaredDistance(_ p: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length = dx * dx + dy * dy
        let t = length == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length))
        let ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y
        return ex * ex + ey * ey
    }

    /// Whether two closed segments share a point, collinear overlaps included.
    static func segmentsMeet(_ p1: PlanarPoint, _ p2: PlanarPoint, _ q1: PlanarPoint, _ q2: PlanarPoint) -> Bool {
        func orient(_ a: PlanarPoint, _ b: PlanarPoint, _ c: PlanarPoint) -> Double { (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x) }
        func within(_ a: PlanarPoint, _ b: PlanarPoint, _ c: PlanarPoint) -> Bool {
            min(a.x, b.x) <= c.x && c.x <= max(a.x, b.x) && min(a.y, b.y) <= c.y && c.y <= max(a.y, b.y)
        }
        let d1 = orient(q1, q2, p1), d2 = orient(q1, q2, p2), d3 = orient(p1, p2, q1), d4 = orient(p1, p2, q2)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        return (d1 == 0 && within(q1, q2, p1)) || (d2 == 0 && within(q1, q2, p2))
            || (d3 == 0 && within(p1, p2, q1)) || (d4 == 0 && within(p1, p2, q2))
    }
}
