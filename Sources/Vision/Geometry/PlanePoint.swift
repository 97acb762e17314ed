import Foundation

/// A point, or a displacement, on a camera's local ground plane, in metres.
///
/// - Note: By convention x points east (or to the right on a map) and y north (or up), so the plane
///   is right-handed and headings are compass bearings: 0° is +y, 90° is +x.
public struct PlanePoint: Hashable, Sendable, Codable {
    /// Metres along the plane's x axis (east).
    public var x: Double
    /// Metres along the plane's y axis (north).
    public var y: Double

    /// Creates a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The origin of the plane.
    public static let zero = PlanePoint(x: 0, y: 0)

    /// Whether both coordinates are finite.
    public var isFinite: Bool { x.isFinite && y.isFinite }

    /// Length of the point seen as a vector from the origin, in metres.
    public var length: Double { (x * x + y * y).squareRoot() }

    /// Straight-line distance to another point, in metres.
    public func distance(to other: PlanePoint) -> Double { (self - other).length }

    /// Squared distance to another point, for comparisons without a square root.
    public func squaredDistance(to other: PlanePoint) -> Double {
        let dx = x - other.x, dy = y - other.y
        return dx * dx + dy * dy
    }

    /// Dot product with another vector.
    public func dot(_ other: PlanePoint) -> Double { x * other.x + y * other.y }

    /// z component of the cross product: positive when `other` lies counter-clockwise of `self`.
    public func cross(_ other: PlanePoint) -> Double { x * other.y - y * other.x }

    /// Compass bearing of this vector in degrees, 0 ..< 360 clockwise from +y; nil for the zero vector.
    public var headingDegrees: Double? {
        guard x != 0 || y != 0 else { return nil }
        let degrees = atan2(x, y) * 180 / .pi
        return degrees < 0 ? degrees + 360 : degrees
    }

    /// The unit vector along a compass bearing in degrees clockwise from +y.
    public static func unit(headingDegrees: Double) -> PlanePoint {
        let radians = headingDegrees * .pi / 180
        return PlanePoint(x: sin(radians), y: cos(radians))
    }

    /// Component-wise sum.
    public static func + (a: PlanePoint, b: PlanePoint) -> PlanePoint { PlanePoint(x: a.x + b.x, y: a.y + b.y) }
    /// Component-wise difference.
    public static func - (a: PlanePoint, b: PlanePoint) -> PlanePoint { PlanePoint(x: a.x - b.x, y: a.y - b.y) }
    /// Scales a vector.
    public static func * (a: PlanePoint, factor: Double) -> PlanePoint { PlanePoint(x: a.x * factor, y: a.y * factor) }

    /// Smallest absolute difference between two compass bearings, 0…180 degrees.
    public static func headingDifferenceDegrees(_ a: Double, _ b: Double) -> Double {
        let difference = abs((a - b).truncatingRemainder(dividingBy: 360))
        return difference > 180 ? 360 - difference : difference
    }
}
