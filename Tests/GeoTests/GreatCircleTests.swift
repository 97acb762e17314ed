import Geo
import Testing

@Suite struct GreatCircleTests {
    @Test func oneDegreeOfLatitudeIsAbout111Kilometres() {
        let d = GreatCircle.distanceMetres(GeoPoint(latitude: 0, longitude: 0), GeoPoint(latitude: 1, longitude: 0))
        #expect(abs(d - 111_195) < 1)
    }

    @Test func parisToLondonMatchesThePublishedFigure() {
        // Haversine on a 6371.0088 km sphere: 343.5 km (a common reference value).
        let d = GreatCircle.distanceMetres(GeoPoint(latitude: 48.8566, longitude: 2.3522), GeoPoint(latitude: 51.5074, longitude: -0.1278))
        #expect(abs(d / 1000 - 343.5) < 0.5)
    }

    @Test func validationRejectsOutOfRangeCoordinates() {
        #expect(throws: GeoError.self) { try GeoPoint.validated(latitude: 91, longitude: 0) }
        #expect(throws: GeoError.self) { try GeoPoint.validated(latitude: 0, longitude: .nan) }
        #expect((try? GeoPoint.validated(latitude: 43.7, longitude: 7.4)) != nil)
    }

    @Test func boundingBoxEnclosesPoints() {
        let box = BoundingBox(enclosing: [GeoPoint(latitude: 1, longitude: 2), GeoPoint(latitude: -1, longitude: 5)])!
        #expect(box.contains(GeoPoint(latitude: 0, longitude: 3)))
        #expect(!box.contains(GeoPoint(latitude: 2, longitude: 3)))
        #expect(BoundingBox(enclosing: [GeoPoint]()) == nil)
    }
}
