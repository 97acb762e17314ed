import Foundation
import Hummingbird
import SafeCityCore
import Sensing

/// `/v1/sensors`: the sensor registry — admins register and retire sensors, every role lists them.
enum SensorRoutes {
    static func register(in catalog: RouteCatalog, platform: Platform) {
        let sensing = platform.sensing
        catalog.secured(.post, "/v1/sensors", action: .sensorsManage) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let sensor = try await request.decodeJSON(Sensor.self, context: context)
            let record: EventRecord
            do { record = try await sensing.register(sensor, actor: identity.actorName) } catch let error as ValidationError {
                throw SafeCityError.invalid(error)
            }
            return try .json(encoding: Registered(sensor: sensor, sequence: record.sequence), status: .created)
        }

        catalog.secured(.get, "/v1/sensors", action: .sensorsRead) { _, _ in
            try .json(encoding: ["sensors": await sensing.sensors()])
        }

        catalog.secured(.get, "/v1/sensors/{id}", action: .sensorsRead) { _, context in
            let id = try context.parameters.require("id")
            guard let sensor = await sensing.sensor(id: id) else { throw notFound(id) }
            return try .json(encoding: SensorView(sensor: sensor, status: await platform.sensingDetector.status(of: id)))
        }

        catalog.secured(.get, "/v1/sensor-rules", action: .sensorsRead) { _, _ in
            let rules = await platform.sensingDetector.rules
            return try .json(encoding: RulesView(
                allowedLatenessSeconds: rules.allowedLatenessSeconds, cellMetres: rules.cellMetres,
                rules: rules.rules.map {
                    RulesView.Item(id: $0.id, quantity: $0.quantity?.name, summary: $0.summary, side: $0.valueLimit?.side.rawValue,
                                   limit: $0.valueLimit?.limit, clearAt: $0.valueLimit?.clearAt)
                }))
        }

        catalog.secured(.delete, "/v1/sensors/{id}", action: .sensorsManage) { _, context in
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            guard try await sensing.retire(sensorID: id, actor: identity.actorName) != nil else { throw notFound(id) }
            return Response(status: .noContent)
        }
    }

    static func notFound(_ id: String) -> SafeCityError {
        SafeCityError(.notFound, title: "Unknown sensor", detail: "no sensor \"\(id)\" is registered", field: "id")
    }

    struct Registered: Encodable {
        var sensor: Sensor
        var sequence: Int64
    }

    struct RulesView: Encodable {
        var allowedLatenessSeconds: Double
        var cellMetres: Double
        var rules: [Item]

        struct Item: Encodable {
            var id: String
            var quantity: String?
            var summary: String
            /// For threshold and aggregate rules: `above` or `below`, the limit and where it clears.
            var side: String?
            var limit: Double?
            var clearAt: Double?
        }
    }

    struct SensorView: Encodable {
        var sensor: Sensor
        var status: SensorStatus?
    }
}
