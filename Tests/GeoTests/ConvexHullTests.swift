import Geo
import Testing

@Suite struct ConvexHullTests {
    @Test func hullOfASquareWithInnerPointsIsTheSquareClosed() {
        let corners = [(0.0, 0.0), (0, 1), (1, 1), (1, 0)].map { GeoPoint(latitude: $0.0, longitude: $0.1) }
        let inner = [GeoPoint(latitude: 0.5, longitude: 0.5), GeoPoint(latitude: 0.2, longitude: 0.7)]
        let hull = ConvexHull.of(inner + corners + [corners[0]])
        #expect(hull.count == 5)
        #expect(hull.first == hull.last)
        #expect(Set(hull) == Set(corners))
    }

    @Test func tooFewOrCollinearPointsHaveNoHull() {
        #expect(ConvexHull.of([GeoPoint(latitude: 1, longitude: 1), GeoPoint(latitude: 2, longitude: 2)]).isEmpty)
        #expect(ConvexHull.of((0..<5).map { GeoPoint(latitude: Double($0), longitude: Double($0)) }).isEmpty)
    }
}
