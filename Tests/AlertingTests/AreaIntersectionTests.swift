import Alerting
import Foundation
import Geo
import Testing

@Suite struct AreaIntersectionTests {
    /// Metres per degree of latitude, for placing shapes a known distance apart.
    static let degree = LocalProjection.metresPerDegree
    static let origin = GeoPoint(latitude: 43.73, longitude: 7.42)

    static func north(_ metres: Double, of p: GeoPoint = origin) -> GeoPoint {
        GeoPoint(latitude: p.latitude + metres / degree, longitude: p.longitude)
    }

    /// A square of side `side` metres with its south-west corner at `corner`.
    static func square(_ corner: GeoPoint, side: Double) -> AreaShape {
        let dLat = side / degree, dLon = side / (degree * cos(corner.latitude * .pi / 180))
        let a = corner, b = GeoPoint(latitude: a.latitude, longitude: a.longitude + dLon)
        let c = GeoPoint(latitude: a.latitude + dLat, longitude: a.longitude + dLon), d = GeoPoint(latitude: a.latitude + dLat, longitude: a.longitude)
        return .polygon([a, b, c, d, a])
    }

    @Test func circlesMeetWhenCentresAreWithinTheSumOfRadii() {
        let a = AreaShape.circle(center: Self.origin, radiusMetres: 500)
        #expect(AreaIntersection.intersects(a, .circle(center: Self.north(900), radiusMetres: 500)))
        #expect(!AreaIntersection.intersects(a, .circle(center: Self.north(1100), radiusMetres: 500)))
    }

    @Test func aCircleMeetsAPolygonThatHoldsItsCentreOrComesWithinItsRadius() {
        let block = Self.square(Self.origin, side: 1000)
        #expect(AreaIntersection.intersects(.circle(center: Self.north(500, of: GeoPoint(latitude: Self.origin.latitude, longitude: Self.origin.longitude + 0.005)), radiusMetres: 1), block))
        #expect(AreaIntersection.intersects(block, .circle(center: Self.north(-300), radiusMetres: 350)), "edge within the radius")
        #expect(!AreaIntersection.intersects(block, .circle(center: Self.north(-300), radiusMetres: 250)))
    }

    @Test func polygonsMeetWhenEdgesCrossOrOneHoldsTheOther() {
        let big = Self.square(Self.origin, side: 2000)
        let inside = Self.square(Self.north(500), side: 100)
        let crossing = Self.square(Self.north(1900), side: 500)
        let apart = Self.square(Self.north(2500), side: 100)
        #expect(AreaIntersection.intersects(big, inside))
        #expect(AreaIntersection.intersects(inside, big))
        #expect(AreaIntersection.intersects(big, crossing))
        #expect(!AreaIntersection.intersects(big, apart))
    }

    @Test func capAreasBecomeShapesWithClearErrors() throws {
        let area = CAPArea(areaDesc: "x", polygons: ["43.7,7.4 43.8,7.4 43.8,7.5 43.7,7.4"], circles: ["43.73,7.42 1.5"])
        let shapes = try AreaShape.shapes(of: area)
        #expect(shapes.count == 2)
        #expect(shapes[1] == .circle(center: GeoPoint(latitude: 43.73, longitude: 7.42), radiusMetres: 1500))
        #expect(throws: CAPParseError.self) { try AreaShape.shapes(of: CAPArea(areaDesc: "x", polygons: ["43.7,7.4 43.8,7.4 43.8,7.5"])) }
    }
}
