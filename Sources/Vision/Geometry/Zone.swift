/// A named polygon on a camera's ground plane, in metres.
///
/// - Note: The polygon must be simple (no crossing edges) with at least three vertices and a
///   positive area; ``init(name:vertices:kind:sensitivity:)`` checks this, and decoding does too.
public struct Zone: Hashable, Sendable, Codable {
    /// Name shown on events; unique within a scene.
    public let name: String
    /// Vertices in order, either winding; the last joins the first.
    public let vertices: [PlanePoint]
    /// What the zone is.
    public let kind: ZoneKind
    /// How much an event here matters.
    public let sensitivity: ZoneSensitivity
    /// Enclosed area in square metres.
    public let areaSquareMetres: Double
    /// Centre of area.
    public let centroid: PlanePoint
    private let minimum: PlanePoint
    private let maximum: PlanePoint

    /// Creates a zone, checking that the polygon is simple and encloses an area.
    public init(name: String, vertices: [PlanePoint], kind: ZoneKind = .general,
                sensitivity: ZoneSensitivity = .normal) throws(VisionError) {
        guard !name.isEmpty else { throw .invalidConfiguration("zone name must not be empty") }
        guard vertices.count >= 3 else {
            throw .invalidConfiguration("zone '\(name)': a polygon needs at least 3 vertices, found \(vertices.count)")
        }
        if let bad = vertices.firstIndex(where: { !$0.isFinite }) {
            throw .invalidConfiguration("zone '\(name)': vertex \(bad + 1) is not finite")
        }
        if let (i, j) = Zone.firstCrossingEdges(vertices) {
            throw .invalidConfiguration("zone '\(name)': edges \(i + 1) and \(j + 1) cross; the polygon must be simple")
        }
        var twiceArea = 0.0, cx = 0.0, cy = 0.0
        for i in vertices.indices {
            let a = vertices[i], b = vertices[(i + 1) % vertices.count]
            let cross = a.cross(b)
            twiceArea += cross
            cx += (a.x + b.x) * cross
            cy += (a.y + b.y) * cross
        }
        let scale = vertices.map { $0.squaredDistance(to: vertices[0]) }.max() ?? 0
        guard abs(twiceArea) > 1e-12 * max(scale, 1e-300), abs(twiceArea) > 0 else {
            throw .invalidConfiguration("zone '\(name)': the polygon encloses no area")
        }
        self.name = name
        self.vertices = vertices
        self.kind = kind
        self.sensitivity = sensitivity
        self.areaSquareMetres = abs(twiceArea) / 2
        self.centroid = PlanePoint(x: cx / (3 * twiceArea), y: cy / (3 * twiceArea))
        self.minimum = PlanePoint(x: vertices.map(\.x).min()!, y: vertices.map(\.y).min()!)
        self.maximum = PlanePoint(x: vertices.map(\.x).max()!, y: vertices.map(\.y).max()!)
    }

    /// An axis-aligned rectangle zone between two corners.
    public static func rectangle(name: String, from a: PlanePoint, to b: PlanePoint, kind: ZoneKind = .general,
                                 sensitivity: ZoneSensitivity = .normal) throws(VisionError) -> Zone {
        try Zone(name: name, vertices: [a, PlanePoint(x: b.x, y: a.y), b, PlanePoint(x: a.x, y: b.y)],
                 kind: kind, sensitivity: sensitivity)
    }

    /// Whether a point lies inside the polygon (even-odd rule; points exactly on an edge may go either way).
    public func contains(_ point: PlanePoint) -> Bool {
        guard point.x >= minimum.x, point.x <= maximum.x, point.y >= minimum.y, point.y <= maximum.y else { return false }
        var inside = false
        var j = vertices.count - 1
        for i in vertices.indices {
            let a = vertices[i], b = vertices[j]
            if (a.y > point.y) != (b.y > point.y) {
                let xCross = a.x + (point.y - a.y) * (b.x - a.x) / (b.y - a.y)
                if point.x < xCross { inside.toggle() }
            }
            j = i
        }
        return inside
    }

    private enum CodingKeys: String, CodingKey { case name, vertices, kind, sensitivity }

    /// Decodes a zone and checks it as the initialiser does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(name: container.decode(String.self, forKey: .name),
                      vertices: container.decode([PlanePoint].self, forKey: .vertices),
                      kind: container.decodeIfPresent(ZoneKind.self, forKey: .kind) ?? .general,
                      sensitivity: container.decodeIfPresent(ZoneSensitivity.self, forKey: .sensitivity) ?? .normal)
    }

    /// Encodes the defining fields; derived ones are recomputed on decoding.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(vertices, forKey: .vertices)
        try container.encode(kind, forKey: .kind)
        try container.encode(sensitivity, forKey: .sensitivity)
    }

    /// The first pair of non-adjacent edges that touch or cross; configuration-time only, so O(n²) is fine.
    private static func firstCrossingEdges(_ vertices: [PlanePoint]) -> (Int, Int)? {
        let n = vertices.count
        for i in 0..<n {
            for j in (i + 1)..<n where j != i + 1 && !(i == 0 && j == n - 1) {
                if segmentsIntersect(vertices[i], vertices[(i + 1) % n], vertices[j], vertices[(j + 1) % n]) {
                    return (i, j)
                }
            }
        }
        return nil
    }

    static func segmentsIntersect(_ p1: PlanePoint, _ p2: PlanePoint, _ q1: PlanePoint, _ q2: PlanePoint) -> Bool {
        func orientation(_ a: PlanePoint, _ b: PlanePoint, _ c: PlanePoint) -> Double { (b - a).cross(c - a) }
        func onSegment(_ a: PlanePoint, _ b: PlanePoint, _ c: PlanePoint) -> Bool {
            min(a.x, b.x) <= c.x && c.x <= max(a.x, b.x) && min(a.y, b.y) <= c.y && c.y <= max(a.y, b.y)
        }
        let d1 = orientation(q1, q2, p1), d2 = orientation(q1, q2, p2)
        let d3 = orientation(p1, p2, q1), d4 = orientation(p1, p2, q2)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        if d1 == 0 && onSegment(q1, q2, p1) { return true }
        if d2 == 0 && onSegment(q1, q2, p2) { return true }
        if d3 == 0 && onSegment(p1, p2, q1) { return true }
        if d4 == 0 && onSegment(p1, p2, q2) { return true }
        return false
    }
}
