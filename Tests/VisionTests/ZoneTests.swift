import Foundation
import Testing
@testable import Vision

@Suite struct ZoneTests {
    /// An L made of a 4 × 2 bar and a 2 × 2 leg: 8 + 4 = 12 m², centroid by composite areas.
    let lShape = [PlanePoint(x: 0, y: 0), PlanePoint(x: 4, y: 0), PlanePoint(x: 4, y: 2), PlanePoint(x: 2, y: 2),
                  PlanePoint(x: 2, y: 4), PlanePoint(x: 0, y: 4)]

    @Test func areaCentroidAndContainmentOfAConcavePolygon() throws {
        let zone = try Zone(name: "L", vertices: lShape)
        #expect(abs(zone.areaSquareMetres - 12) < 1e-12)
        // (8 · (2, 1) + 4 · (1, 3)) / 12
        #expect(zone.centroid.distance(to: PlanePoint(x: 20.0 / 12, y: 20.0 / 12)) < 1e-12)
        #expect(zone.contains(PlanePoint(x: 1, y: 1)))
        #expect(zone.contains(PlanePoint(x: 3.9, y: 0.1)))
        #expect(zone.contains(PlanePoint(x: 1, y: 3.9)))
        #expect(!zone.contains(PlanePoint(x: 3, y: 3)))   // the notch
        #expect(!zone.contains(PlanePoint(x: -0.1, y: 1)))
        #expect(!zone.contains(PlanePoint(x: 5, y: 1)))
        let reversed = try Zone(name: "L", vertices: lShape.reversed())
        #expect(reversed.areaSquareMetres == zone.areaSquareMetres)
        #expect(reversed.centroid.distance(to: zone.centroid) < 1e-12)
    }

    @Test func containmentAgreesWithARectangleTestOnAGrid() throws {
        let zone = try Zone.rectangle(name: "r", from: PlanePoint(x: -3.3, y: -10.5), to: PlanePoint(x: 2.5, y: -5.5))
        #expect(abs(zone.areaSquareMetres - 5.8 * 5) < 1e-9)
        for i in 0..<80 {
            for j in 0..<80 {
                let p = PlanePoint(x: -5 + Double(i) * 0.1 + 0.013, y: -12 + Double(j) * 0.1 + 0.017)
                #expect(zone.contains(p) == (p.x > -3.3 && p.x < 2.5 && p.y > -10.5 && p.y < -5.5))
            }
        }
    }

    @Test func badPolygonsAreRejectedWithTheirReason() {
        #expect(throws: VisionError.invalidConfiguration("zone 'z': a polygon needs at least 3 vertices, found 2")) {
            try Zone(name: "z", vertices: [.zero, PlanePoint(x: 1, y: 0)])
        }
        #expect(throws: VisionError.invalidConfiguration("zone 'z': the polygon encloses no area")) {
            try Zone(name: "z", vertices: [.zero, PlanePoint(x: 1, y: 1), PlanePoint(x: 2, y: 2)])
        }
        #expect(throws: VisionError.invalidConfiguration("zone 'bow': edges 1 and 3 cross; the polygon must be simple")) {
            try Zone(name: "bow", vertices: [.zero, PlanePoint(x: 2, y: 2), PlanePoint(x: 2, y: 0), PlanePoint(x: 0, y: 2)])
        }
        #expect(throws: VisionError.invalidConfiguration("zone 'z': vertex 2 is not finite")) {
            try Zone(name: "z", vertices: [.zero, PlanePoint(x: .infinity, y: 0), PlanePoint(x: 0, y: 1)])
        }
        #expect(throws: VisionError.invalidConfiguration("zone name must not be empty")) {
            try Zone(name: "", vertices: [.zero, PlanePoint(x: 1, y: 0), PlanePoint(x: 0, y: 1)])
        }
    }

    @Test func decodingChecksThePolygonToo() throws {
        let zone = try Zone(name: "L", vertices: lShape, kind: .waitingArea, sensitivity: .high)
        let data = try JSONEncoder().encode(zone)
        #expect(try JSONDecoder().decode(Zone.self, from: data) == zone)
        let bad = Data(#"{"name":"x","vertices":[{"x":0,"y":0},{"x":1,"y":1}]}"#.utf8)
        #expect(throws: VisionError.invalidConfiguration("zone 'x': a polygon needs at least 3 vertices, found 2")) {
            try JSONDecoder().decode(Zone.self, from: bad)
        }
    }
}

@Suite struct TripLineTests {
    @Test func positiveSideIsTheLeftOfAToB() throws {
        // A line pointing north: its left is the west (negative x).
        let line = try TripLine(name: "gate", from: PlanePoint(x: 0, y: -5), to: PlanePoint(x: 0, y: 5))
        #expect(line.signedDistance(PlanePoint(x: -2, y: 0)) == 2)
        #expect(line.signedDistance(PlanePoint(x: 3, y: 100)) == -3)
        let westward = try #require(line.crossing(from: PlanePoint(x: 1, y: 1), to: PlanePoint(x: -3, y: 3)))
        #expect(westward.direction == .negativeToPositive)
        #expect(westward.point.distance(to: PlanePoint(x: 0, y: 1.5)) < 1e-12)
        #expect(line.crossing(from: PlanePoint(x: -1, y: 0), to: PlanePoint(x: 1, y: 0))?.direction == .positiveToNegative)
        #expect(line.crossing(from: PlanePoint(x: 1, y: 6), to: PlanePoint(x: -1, y: 6)) == nil)   // beyond B
        #expect(line.crossing(from: PlanePoint(x: 1, y: 0), to: PlanePoint(x: 0, y: 0)) == nil)    // touches only
        #expect(line.crossing(from: PlanePoint(x: 1, y: 0), to: PlanePoint(x: 2, y: 0)) == nil)
    }

    @Test func aLineNeedsTwoDistinctEnds() {
        #expect(throws: VisionError.invalidConfiguration("trip line 'l': its two ends are the same point")) {
            try TripLine(name: "l", from: PlanePoint(x: 1, y: 1), to: PlanePoint(x: 1, y: 1))
        }
    }
}

@Suite struct LocalFrameTests {
    let zurich = GeoPointFixture.hauptbahnhof

    @Test func planeMetresAgreeWithGreatCircleDistanceAndBearing() throws {
        let frame = try LocalFrame(origin: zurich)
        let geo = frame.geoPoint(for: PlanePoint(x: 300, y: 400))
        #expect(abs(GreatCircleDistance.metres(zurich, geo) - 500) < 0.05)
        #expect(abs(GreatCircleDistance.bearing(zurich, geo) - atan2(300.0, 400) * 180 / .pi) < 0.01)
        let back = frame.planePoint(for: geo)
        #expect(back.distance(to: PlanePoint(x: 300, y: 400)) < 1e-6)
    }

    @Test func aRotatedPlaneKeepsDistancesAndTurnsBearings() throws {
        // The plane's +y points east, so its +x points south.
        let frame = try LocalFrame(origin: zurich, yAxisBearingDegrees: 90)
        let ahead = frame.geoPoint(for: PlanePoint(x: 0, y: 100))
        #expect(abs(GreatCircleDistance.bearing(zurich, ahead) - 90) < 0.01)
        #expect(abs(GreatCircleDistance.metres(zurich, ahead) - 100) < 0.01)
        let right = frame.geoPoint(for: PlanePoint(x: 100, y: 0))
        #expect(abs(GreatCircleDistance.bearing(zurich, right) - 180) < 0.01)
        for point in [PlanePoint(x: -250, y: 80), PlanePoint(x: 12.5, y: -400)] {
            #expect(frame.planePoint(for: frame.geoPoint(for: point)).distance(to: point) < 1e-6)
        }
    }

    @Test func anOriginNearThePoleIsRejected() {
        #expect(throws: VisionError.self) { try LocalFrame(origin: .init(latitude: 89.5, longitude: 0)) }
    }
}
