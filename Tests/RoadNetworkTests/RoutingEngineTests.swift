import Geo
import Testing
@testable import RoadNetwork

@Suite struct RoutingEngineTests {
    @Test func routesBetweenCoordinates() throws {
        let engine = RoutingEngine(graph: RoadGraphTests.monacoCar)
        var query = engine.makeQuery()
        // Monaco-Ville (the Rock) to Monte-Carlo casino.
        let maybeRoute = engine.route(from: GeoPoint(latitude: 43.7310, longitude: 7.4200),
                                      to: GeoPoint(latitude: 43.7394, longitude: 7.4280), using: &query)
        let route = try #require(maybeRoute)
        #expect(route.lengthMetres > 900 && route.lengthMetres < 5_000)
        #expect(route.travelTimeSeconds > 60)
        #expect(route.coordinates(in: engine.graph).count == route.nodes.count)
        #expect(engine.route(from: GeoPoint(latitude: 0, longitude: 0), to: GeoPoint(latitude: 43.74, longitude: 7.42),
                             using: &query) == nil)
    }
}
