import Community
import Foundation
import Geo
import Hummingbird
import SafeCityCore

/// `/v1/drills`: exercises run through the live system, marked as such, with an after-action report.
enum DrillRoutes {
    struct StartRequest: Decodable {
        var scenario: String
        var latitude: Double
        var longitude: Double
    }

    struct DrillView: Encodable {
        var drill: DrillService.Drill
        var report: AfterActionReport?
    }

    static func register(in catalog: RouteCatalog, platform: Platform) {
        let drills = platform.drills
        catalog.secured(.get, "/v1/drills/scenarios", action: .drillsRead) { _, _ in
            try .json(encoding: ["scenarios": DrillScenario.catalogue])
        }

        catalog.secured(.post, "/v1/drills", action: .drillsRun) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let body = try await request.decodeJSON(StartRequest.self, context: context)
            guard let scenario = DrillScenario.named(body.scenario) else {
                throw SafeCityError.invalid(ValidationError(field: "scenario", reason: "is not one of \(DrillScenario.catalogue.map(\.id).joined(separator: ", "))"))
            }
            let location: GeoPoint
            do { location = try GeoPoint.validated(latitude: body.latitude, longitude: body.longitude) } catch {
                throw SafeCityError.invalid(ValidationError(field: "latitude", reason: "\(error)"))
            }
            let drill = try await drills.start(scenario, at: location, actor: identity.actorName)
            return try .json(encoding: DrillView(drill: drill, report: nil), status: .created)
        }

        catalog.secured(.get, "/v1/drills", action: .drillsRead) { _, _ in
            try .json(encoding: ["drills": await drills.all()])
        }

        catalog.secured(.get, "/v1/drills/{id}", action: .drillsRead) { _, context in
            let id = try context.parameters.require("id")
            guard let drill = await drills.drill(id) else { throw notFound(id) }
            return try .json(encoding: DrillView(drill: drill, report: try await drills.report(id)))
        }

        catalog.secured(.post, "/v1/drills/{id}/end", action: .drillsRun) { _, context in
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            guard let drill = await drills.drill(id) else { throw notFound(id) }
            guard let report = try await drills.end(id, actor: identity.actorName) else {
                throw SafeCityError(.conflict, title: "Drill already ended", detail: "drill \(id) has ended; its report is at GET /v1/drills/\(id)")
            }
            return try .json(encoding: DrillView(drill: drill, report: report))
        }
    }

    static func notFound(_ id: String) -> SafeCityError {
        SafeCityError(.notFound, title: "Unknown drill", detail: "no drill \"\(id)\" was started by this server", field: "id")
    }
}
