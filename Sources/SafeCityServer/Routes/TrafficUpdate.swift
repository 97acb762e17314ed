import RoadNetwork
import SafeCityCore

/// The body of `POST /v1/traffic`: a speed factor for one OSM way (all profiles) or one edge of a profile.
struct TrafficRequest: Decodable {
    var way: Int64?
    var edge: Int64?
    var speedFactor: Double
    var profile: String?
}

/// A validated traffic change: checked completely before anything is written, then applied.
struct TrafficUpdate {
    let payload: RoadEvents.TrafficUpdated
    private let routers: [RoadRouter]
    private let target: Target

    private enum Target { case way(Int64), edge(EdgeID) }

    init(_ request: TrafficRequest, roads: CityRoads) throws {
        guard request.speedFactor.isFinite, (0...1).contains(request.speedFactor) else {
            throw SafeCityError.invalid(ValidationError(field: "speedFactor", reason: "must be within 0…1 (0 closes the road), got \(request.speedFactor)"))
        }
        let chosen = try request.profile.map { [roads.router(for: try RoutingRoutes.vehicle($0))] }
            ?? [roads.car, roads.emergency]
        var routers: [RoadRouter] = []
        for router in chosen where !routers.contains(where: { $0 === router }) { routers.append(router) }
        switch (request.way, request.edge) {
        case let (way?, nil):
            let counts = routers.map { $0.graph.wayID.lazy.filter { $0 == way }.count }
            guard counts.contains(where: { $0 > 0 }) else {
                throw SafeCityError.invalid(ValidationError(field: "way", reason: "no road of way \(way) is in the network"))
            }
            target = .way(way)
            payload = .init(way: way, edge: nil, speedFactor: request.speedFactor, edgesChanged: counts.reduce(0, +),
                            profiles: routers.map(\.profile.vehicle.rawValue))
        case let (nil, edge?):
            guard request.profile != nil || roads.car === roads.emergency else {
                throw SafeCityError.invalid(ValidationError(field: "profile", reason: "is required with edge: edge ids differ between profiles"))
            }
            guard edge >= 0, edge < routers[0].graph.edgeCount else {
                throw SafeCityError.invalid(ValidationError(field: "edge", reason: "must be within 0…\(routers[0].graph.edgeCount - 1), got \(edge)"))
            }
            target = .edge(EdgeID(Int(edge)))
            payload = .init(way: nil, edge: edge, speedFactor: request.speedFactor, edgesChanged: 1,
                            profiles: routers.map(\.profile.vehicle.rawValue))
        default:
            throw SafeCityError.invalid(ValidationError(field: "way", reason: "give exactly one of way (an OSM way id) or edge"))
        }
        self.routers = routers
    }

    /// Re-customizes each chosen profile with the change.
    func apply() throws {
        for router in routers {
            switch target {
            case let .way(way): _ = try router.setSpeedFactor(payload.speedFactor, way: way)
            case let .edge(edge): try router.setSpeedFactor(payload.speedFactor, edge: edge)
            }
        }
    }
}
