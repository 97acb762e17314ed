/// A virtual line segment A→B on the ground plane that counts objects crossing it, by direction.
///
/// - Note: The positive side is the left of A→B when x is east and y is north (counter-clockwise).
public struct TripLine: Hashable, Sendable, Codable {
    /// Name shown on events and counts; unique within a scene.
    public let name: String
    /// First end of the segment.
    public let start: PlanePoint
    /// Second end of the segment.
    public let end: PlanePoint

    /// Creates a line, checking that its ends are finite and distinct.
    public init(name: String, from start: PlanePoint, to end: PlanePoint) throws(VisionError) {
        guard !name.isEmpty else { throw .invalidConfiguration("trip line name must not be empty") }
        guard start.isFinite, end.isFinite else { throw .invalidConfiguration("trip line '\(name)': ends must be finite") }
        guard start.distance(to: end) > 1e-9 else {
            throw .invalidConfiguration("trip line '\(name)': its two ends are the same point")
        }
        self.name = name
        self.start = start
        self.end = end
    }

    /// Length of the segment in metres.
    public var lengthMetres: Double { start.distance(to: end) }

    /// Signed distance in metres from the (infinite) line: positive on the left of A→B.
    public func signedDistance(_ point: PlanePoint) -> Double {
        (end - start).cross(point - start) / lengthMetres
    }

    /// Where a step from `from` to `to` crosses the segment, and which way; nil if it does not cross it.
    ///
    /// A step that only touches the line, or crosses its extension beyond A or B, is not a crossing.
    public func crossing(from: PlanePoint, to: PlanePoint) -> (direction: CrossingDirection, point: PlanePoint)? {
        let before = signedDistance(from), after = signedDistance(to)
        guard (before < 0 && after > 0) || (before > 0 && after < 0) else { return nil }
        let fraction = before / (before - after)
        let point = from + (to - from) * fraction
        let along = (point - start).dot(end - start) / (lengthMetres * lengthMetres)
        guard along >= 0, along <= 1 else { return nil }
        return (after > 0 ? .negativeToPositive : .positiveToNegative, point)
    }

    private enum CodingKeys: String, CodingKey { case name, start, end }

    /// Decodes a line and checks it as the initialiser does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(name: container.decode(String.self, forKey: .name),
                      from: container.decode(PlanePoint.self, forKey: .start),
                      to: container.decode(PlanePoint.self, forKey: .end))
    }
}
