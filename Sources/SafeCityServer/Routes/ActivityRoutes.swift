import Hummingbird
import SafeCityCore

/// `GET /v1/activity`: the city-activity projection (counts and each source's last position).
enum ActivityRoutes {
    static func register(in catalog: RouteCatalog, platform: Platform) {
        catalog.secured(.get, "/v1/activity", action: .activityRead) { request, _ in
            let atLeast = try request.uri.queryParameters.integer("atLeast", default: 0, range: 0...Int64.max)
            let (state, sequence) = await platform.activity.snapshot(atLeast: atLeast)
            struct Body: Encodable {
                var sequence: Int64
                var activity: CityActivity.State
            }
            return try .json(encoding: Body(sequence: sequence, activity: state))
        }
    }
}
