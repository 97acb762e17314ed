import Alerting
import Geo
import SafeCityCore
import Testing

@Suite struct SubscriberTargetingTests {
    /// Random circles and triangles over about 50 × 50 km, seeded.
    static func areas(_ count: Int, seed: UInt64) -> [AreaShape] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { i in
            let p = GeoPoint(latitude: 43.5 + Double.random(in: 0..<0.45, using: &random), longitude: 7.1 + Double.random(in: 0..<0.6, using: &random))
            if i % 3 == 0 {
                let d = Double.random(in: 0.001..<0.02, using: &random)
                return .polygon([p, GeoPoint(latitude: p.latitude, longitude: p.longitude + d), GeoPoint(latitude: p.latitude + d, longitude: p.longitude), p])
            }
            return .circle(center: p, radiusMetres: Double.random(in: 10..<3000, using: &random))
        }
    }

    @Test func theIndexFindsExactlyWhatTestingEveryAreaFinds() {
        let areas = Self.areas(5000, seed: 1)
        let targeting = SubscriberTargeting(areas: areas)
        for alert in Self.areas(40, seed: 2) {
            let brute = areas.indices.filter { AreaIntersection.intersects(alert, areas[$0]) }
            #expect(targeting.targets(of: [alert]) == brute)
            #expect(targeting.targetsByLinearScan(of: [alert]) == brute)
        }
    }

    @Test func theIndexReturnsEveryBoxThatMeetsTheQuery() {
        let areas = Self.areas(2000, seed: 3)
        let boxes = areas.map(\.boundingBox)
        let index = AreaIndex(boxes: boxes, nodeSize: 4)
        #expect(index.count == 2000)
        let query = BoundingBox(minLatitude: 43.6, minLongitude: 7.2, maxLatitude: 43.7, maxLongitude: 7.3)
        let expected = boxes.indices.filter {
            boxes[$0].minLatitude <= query.maxLatitude && boxes[$0].maxLatitude >= query.minLatitude
                && boxes[$0].minLongitude <= query.maxLongitude && boxes[$0].maxLongitude >= query.minLongitude
        }
        #expect(!expected.isEmpty)
        #expect(index.search(query) == expected)
        #expect(AreaIndex(boxes: []).search(query).isEmpty)
    }
}
