import Foundation
import Geo
import Hummingbird
import RoadNetwork
import SafeCityCore
import Security

/// Routes, ETAs, isochrones, live traffic and the road drawing over the platform's ``CityRoads``.
enum RoutingRoutes {
    /// The most sources one `POST /v1/eta` may ask about.
    static let maxETASources = 1_000

    static func register(in catalog: RouteCatalog, platform: Platform) {
        catalog.secured(.get, "/v1/map/roads", action: .routingRead) { _, _ in
            var response = Response.json(try roads(of: platform).mapJSON)
            response.headers[.cacheControl] = "private, max-age=300"
            return response
        }

        catalog.secured(.get, "/v1/route", action: .routingRead) { request, _ in
            let parameters = request.uri.queryParameters
            let router = try roads(of: platform).router(for: try parameters.vehicle())
            let from = try parameters.point("from"), to = try parameters.point("to")
            let metric = try parameters.routeMetric()
            let route = try answer { () throws(RoadQueryError) in try router.route(from: from, to: to, metric: metric) }
            return .json(RoadGeoJSON.feature(route).canonicalBytes)
        }

        catalog.secured(.post, "/v1/eta", action: .routingRead) { request, context in
            var request = request
            let body = try await request.decodeJSON(ETARequest.self, context: context)
            let router = try roads(of: platform).router(for: try vehicle(body.profile))
            let target = try validated { () throws(ValidationError) in
                try GeoPoint(checkingLatitude: body.to.latitude, longitude: body.to.longitude, field: "to")
            }
            guard body.from.count <= maxETASources else {
                throw SafeCityError.invalid(ValidationError(field: "from", reason: "at most \(maxETASources) sources, got \(body.from.count)"))
            }
            let sources = try body.from.enumerated().map { index, source in
                (id: source.id, point: try validated { () throws(ValidationError) in
                    try GeoPoint(checkingLatitude: source.latitude, longitude: source.longitude, field: "from[\(index)]")
                })
            }
            let etas = try answer { () throws(RoadQueryError) in try router.etas(from: sources, to: target) }
            let sorted = etas.enumerated().sorted { a, b in
                switch (a.element.seconds, b.element.seconds) {
                case let (x?, y?): (x, a.offset) < (y, b.offset)
                case (.some, nil): true
                case (nil, .some): false
                case (nil, nil): a.offset < b.offset
                }
            }.map(\.element)
            return .json(JSONValue.object([
                "profile": .string(router.profile.vehicle.rawValue),
                "etas": .array(sorted.map { eta in
                    .object(["id": .string(eta.id), "durationSeconds": eta.seconds.map(JSONValue.number) ?? .null])
                }),
            ]).canonicalBytes)
        }

        catalog.secured(.get, "/v1/isochrone", action: .routingRead) { request, _ in
            let parameters = request.uri.queryParameters
            let vehicle = try parameters.vehicle()
            let router = try roads(of: platform).router(for: vehicle)
            let from = try parameters.point("from")
            let minutes = try parameters.integer("minutes", default: 5, range: 1...60)
            let isochrone = try answer { () throws(RoadQueryError) in
                try router.isochrone(from: from, seconds: Double(minutes) * 60)
            }
            return .json(RoadGeoJSON.feature(isochrone, minutes: Double(minutes), profile: vehicle.rawValue).canonicalBytes)
        }

        catalog.secured(.post, "/v1/traffic", action: .trafficWrite) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let body = try await request.decodeJSON(TrafficRequest.self, context: context)
            let roads = try roads(of: platform)
            let update = try TrafficUpdate(body, roads: roads)
            let records = try await platform.append([NewEvent(
                type: RoadEvents.trafficUpdated, source: "roads", actor: identity.actorName,
                occurredAt: platform.clock.now(), payload: try EventPayload(encoding: update.payload))])
            try update.apply()
            return .json(JSONValue.object([
                "edgesChanged": .number(Double(update.payload.edgesChanged)),
                "profiles": .array(update.payload.profiles.map(JSONValue.string)),
                "sequence": .number(Double(records[0].sequence)),
            ]).canonicalBytes)
        }
    }

    /// The platform's roads, or a 503 problem when it runs without.
    static func roads(of platform: Platform) throws -> CityRoads {
        guard let roads = platform.roads else {
            throw SafeCityError(.serviceUnavailable, title: "No road network", detail: "this server was started without roads")
        }
        return roads
    }

    /// A profile name, or a 422 problem naming `profile`.
    static func vehicle(_ name: String?) throws -> RoadProfile.Vehicle {
        guard let name else { return .car }
        guard let vehicle = RoadProfile.Vehicle(rawValue: name) else {
            let known = RoadProfile.Vehicle.allCases.map(\.rawValue).joined(separator: ", ")
            throw SafeCityError.invalid(ValidationError(field: "profile", reason: "must be one of \(known), got \"\(name)\""))
        }
        return vehicle
    }

    /// Runs a validation, mapping its failure to a 422 problem.
    static func validated<T>(_ body: () throws(ValidationError) -> T) throws -> T {
        do { return try body() } catch { throw SafeCityError.invalid(error) }
    }

    /// Runs a road query, mapping off-road points to 422 and no route to 404.
    static func answer<T>(_ body: () throws(RoadQueryError) -> T) throws -> T {
        do {
            return try body()
        } catch let error {
            switch error {
            case let .notOnRoad(field, _):
                throw SafeCityError(.unprocessableContent, title: "Not on a road", detail: error.description, field: field)
            case .unreachable:
                throw SafeCityError(.notFound, title: "No route", detail: error.description)
            }
        }
    }
}

/// The body of `POST /v1/eta`.
struct ETARequest: Decodable {
    struct Target: Decodable { var latitude: Double, longitude: Double }
    struct Source: Decodable { var id: String, latitude: Double, longitude: Double }
    var to: Target
    var from: [Source]
    var profile: String?
}

extension Parameters {
    /// A required `lat,lon` query parameter, or a 422 problem naming it.
    func point(_ name: String) throws -> GeoPoint {
        guard let text = self.get(name) else {
            throw SafeCityError.invalid(ValidationError(field: name, reason: "is required (\"lat,lon\")"))
        }
        return try RoutingRoutes.validated { () throws(ValidationError) in try GeoPoint(parsing: text, field: name) }
    }

    /// The `profile` query parameter (default car), or a 422 problem.
    func vehicle() throws -> RoadProfile.Vehicle {
        try RoutingRoutes.vehicle(self.get("profile"))
    }

    /// The `metric` query parameter, `duration` (default, fastest) or `distance` (shortest), or a 422 problem.
    func routeMetric() throws -> RouteMetric {
        guard let name = self.get("metric") else { return .duration }
        guard let metric = RouteMetric(rawValue: name) else {
            let known = RouteMetric.allCases.map(\.rawValue).joined(separator: ", ")
            throw SafeCityError.invalid(ValidationError(field: "metric", reason: "must be one of \(known), got \"\(name)\""))
        }
        return metric
    }
}
