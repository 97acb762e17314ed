import RoadNetwork
import SafeCityDispatch

/// The dispatch desk routes on the live-traffic routers.
extension RoadRouter: RoutingProvider {
    public func withRoutingQuery<T>(_ body: (RoutingEngine, inout RouteQuery) throws -> T) rethrows -> T {
        try withQuery(body)
    }
}
