import Foundation
import Geo
import Hummingbird
import SafeCityCore
import SafeCityDispatch
import Security

/// `/v1/dispatch`: stations and units, enforced unit status, incidents from calls, recommendations and assignments.
enum DispatchRoutes {
    /// The body of `POST /v1/dispatch/stations`.
    struct StationRequest: Decodable { var id: String, agency: String, latitude: Double, longitude: Double }
    /// The body of `POST /v1/dispatch/units`.
    struct UnitRequest: Decodable { var id: String, agency: String, kind: String, stationID: String }
    /// The body of `POST /v1/dispatch/units/{id}/status`.
    struct StatusRequest: Decodable { var status: String, expected: String?, reason: String? }
    /// The body of `POST /v1/dispatch/incidents/{id}/assignments`.
    struct AssignRequest: Decodable { var units: [String] }
    /// The body of `POST /v1/dispatch/hospitals`.
    struct HospitalRequest: Decodable { var id: String, name: String, latitude: Double, longitude: Double }
    /// The body of `POST /v1/dispatch/hospitals/{id}/status`.
    struct HospitalStatusRequest: Decodable { var beds: [String: Int], diversion: Bool }
    /// The body of `POST /v1/dispatch/incidents/{id}/merge`: the incident this one duplicates.
    struct MergeRequest: Decodable { var into: String }
    /// The body of `POST /v1/dispatch/incidents/{id}/close`.
    struct CloseRequest: Decodable { var disposition: String }

    static func register(in catalog: RouteCatalog, platform: Platform) {
        let service = platform.dispatch

        catalog.secured(.get, "/v1/dispatch/incident-types", action: .dispatchRead) { _, _ in
            try .json(encoding: [
                "source": .string("names after APCO/NENA ANS 2.103.2 Common Incident Types; codes are SafeCity's"),
                "types": try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(IncidentType.all)),
                "dispositions": JSONValue.array(DispatchEvents.dispositions.sorted().map(JSONValue.string)),
                "unitStatusTransitions": .object(Dictionary(uniqueKeysWithValues: UnitStatus.transitions.map { from, to in
                    (from.rawValue, JSONValue.array(to.map(\.rawValue).sorted().map(JSONValue.string)))
                })),
            ] as [String: JSONValue])
        }

        catalog.secured(.get, "/v1/dispatch/board", action: .dispatchRead) { _, _ in
            let (board, sequence) = try await mapped { try await service.boardWithSequence() }
            var view = BoardView(board)
            view.sequence = sequence
            return try .json(encoding: view)
        }

        catalog.secured(.post, "/v1/dispatch/stations", action: .dispatchRegistry) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let body = try await request.decodeJSON(StationRequest.self, context: context)
            let point = try location(latitude: body.latitude, longitude: body.longitude)
            let station = try await mapped {
                try await service.registerStation(id: body.id, agency: body.agency, location: point, actor: identity.actorName)
            }
            return try .json(encoding: station, status: .created)
        }

        catalog.secured(.post, "/v1/dispatch/units", action: .dispatchRegistry) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let body = try await request.decodeJSON(UnitRequest.self, context: context)
            let unit = try await mapped {
                try await service.registerUnit(id: body.id, agency: body.agency, kind: body.kind, stationID: body.stationID,
                                               actor: identity.actorName)
            }
            return try .json(encoding: unit, status: .created)
        }

        catalog.secured(.get, "/v1/dispatch/units/{id}", action: .dispatchRead) { _, context in
            let id = try context.parameters.require("id")
            guard let unit = try await mapped({ try await service.board() }).units[id] else {
                throw problem(.notFound(kind: "unit", id: id))
            }
            return try .json(encoding: unit)
        }

        catalog.secured(.post, "/v1/dispatch/units/{id}/status", action: .unitStatusWrite) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            let body = try await request.decodeJSON(StatusRequest.self, context: context)
            let next = try status(body.status, field: "status")
            let expected = try body.expected.map { try status($0, field: "expected") }
            let unit = try await mapped(units: [id], service: service) {
                try await service.changeStatus(unitID: id, to: next, expected: expected, reason: body.reason, actor: identity.actorName)
            }
            return try .json(encoding: unit)
        }

        catalog.secured(.post, "/v1/dispatch/incidents", action: .dispatchWrite) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let form = try await request.decodeJSON(CallForm.self, context: context)
            let incident = try await mapped { try await service.openIncident(form, actor: identity.actorName) }
            return try .json(encoding: IncidentView(incident), status: .created)
        }

        catalog.secured(.get, "/v1/dispatch/incidents/{id}", action: .dispatchRead) { _, context in
            let id = try context.parameters.require("id")
            var view = IncidentView(try await mapped { try await service.incident(id) })
            view.responders = try await mapped { try await service.responders(incidentID: id) }
            return try .json(encoding: view)
        }

        catalog.secured(.get, "/v1/dispatch/incidents/{id}/caller", action: .callerRead) { _, context in
            let id = try context.parameters.require("id")
            let details = try await mapped { try await service.callerDetails(incidentID: id) }
            return try .json(encoding: ["incidentID": id, "caller": details ?? ""])
        }

        catalog.secured(.get, "/v1/dispatch/incidents/{id}/recommendation", action: .dispatchRead) { _, context in
            let id = try context.parameters.require("id")
            return try .json(encoding: try await mapped { try await service.recommend(incidentID: id) })
        }

        catalog.secured(.post, "/v1/dispatch/incidents/{id}/assignments", action: .dispatchWrite) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            let body = try await request.decodeJSON(AssignRequest.self, context: context)
            let assignments = try await mapped(units: body.units, service: service) {
                try await service.assign(incidentID: id, unitIDs: body.units, actor: identity.actorName)
            }
            return try .json(encoding: ["assignments": assignments.map(AssignmentView.init)], status: .created)
        }

        catalog.secured(.post, "/v1/dispatch/incidents/{id}/close", action: .dispatchWrite) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            let body = try await request.decodeJSON(CloseRequest.self, context: context)
            let incident = try await mapped { try await service.closeIncident(id, disposition: body.disposition, actor: identity.actorName) }
            return try .json(encoding: IncidentView(incident))
        }

        catalog.secured(.get, "/v1/dispatch/streets", action: .dispatchRead) { request, _ in
            let query = request.uri.queryParameters.get("q") ?? ""
            guard (2...200).contains(query.count) else {
                throw SafeCityError.invalid(ValidationError(field: "q", reason: "give 2–200 characters of a street name"))
            }
            let matches = platform.roads?.streets?.matches(for: query) ?? []
            return try .json(encoding: ["streets": matches.map { match in
                ["name": JSONValue.string(match.street.name), "location": geoJSONPoint(match.street.point),
                 "score": .number((match.score * 1000).rounded() / 1000)]
            }])
        }

        catalog.secured(.get, "/v1/dispatch/hospitals", action: .dispatchRead) { _, _ in
            let board = try await mapped { try await service.board() }
            return try .json(encoding: ["hospitals": board.hospitals.values.sorted { $0.id < $1.id }])
        }

        catalog.secured(.post, "/v1/dispatch/hospitals", action: .dispatchRegistry) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let body = try await request.decodeJSON(HospitalRequest.self, context: context)
            let point = try location(latitude: body.latitude, longitude: body.longitude)
            let hospital = try await mapped {
                try await service.registerHospital(id: body.id, name: body.name, location: point, actor: identity.actorName)
            }
            return try .json(encoding: hospital, status: .created)
        }

        catalog.secured(.post, "/v1/dispatch/hospitals/{id}/status", action: .hospitalStatusWrite) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            let body = try await request.decodeJSON(HospitalStatusRequest.self, context: context)
            let hospital = try await mapped {
                try await service.updateHospital(id: id, beds: body.beds, diversion: body.diversion, actor: identity.actorName)
            }
            return try .json(encoding: hospital)
        }

        catalog.secured(.get, "/v1/dispatch/incidents/{id}/destinations", action: .dispatchRead) { request, context in
            let id = try context.parameters.require("id")
            let bed = request.uri.queryParameters.get("bed") ?? "emergency"
            return try .json(encoding: ["destinations": try await mapped { try await service.destinations(incidentID: id, bedType: bed) }])
        }

        catalog.secured(.get, "/v1/dispatch/coverage", action: .dispatchRead) { request, _ in
            let parameters = request.uri.queryParameters
            let agency = parameters.get("agency") ?? "ems"
            let minutes = try parameters.integer("minutes", default: 8, range: 1...60)
            let report = try await mapped { try await service.coverage(agency: agency, minutes: Double(minutes)) }
            return try .json(encoding: CoverageView(report))
        }

        catalog.secured(.get, "/v1/dispatch/incidents/{id}/eido", action: .dispatchRead) { _, context in
            let id = try context.parameters.require("id")
            return try .json(encoding: try await mapped { try await service.exportEIDO(incidentID: id, system: "safecity") })
        }

        catalog.secured(.post, "/v1/dispatch/eido", action: .dispatchWrite) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let document = try await request.decodeJSON(EIDODocument.self, context: context)
            let incident = try await mapped { try await service.importEIDO(document, actor: identity.actorName) }
            return try .json(encoding: IncidentView(incident), status: .created)
        }

        catalog.secured(.post, "/v1/dispatch/incidents/{id}/merge", action: .dispatchWrite) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            let body = try await request.decodeJSON(MergeRequest.self, context: context)
            let primary = try await mapped { try await service.merge(id, into: body.into, actor: identity.actorName) }
            return try .json(encoding: IncidentView(primary))
        }
    }

    /// Coordinates from a request body, or a 422 problem naming `latitude`.
    static func location(latitude: Double, longitude: Double) throws -> GeoPoint {
        try RoutingRoutes.validated { () throws(ValidationError) in
            try GeoPoint(checkingLatitude: latitude, longitude: longitude, field: "latitude")
        }
    }

    /// A status name, or a 422 problem naming the field.
    static func status(_ name: String, field: String) throws -> UnitStatus {
        guard let status = UnitStatus(rawValue: name) else {
            let known = UnitStatus.allCases.map(\.rawValue).joined(separator: ", ")
            throw SafeCityError.invalid(ValidationError(field: field, reason: "must be one of \(known), got \"\(name)\""))
        }
        return status
    }

    /// Runs a service call, mapping its refusals to problems.
    static func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as DispatchError { throw problem(error) }
    }

    /// Runs a command on units; a 409 carries the units as they are now (`current.units`), so that a dispatcher
    /// who lost a race to another desk or node sees at once where the unit went.
    static func mapped<T>(units: [String], service: DispatchService, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as DispatchError {
            var problem = problem(error)
            if case .conflict = error, let board = try? await service.board() {
                let current = units.compactMap { board.units[$0] }.compactMap { try? EventPayload(encoding: $0).jsonValue }
                problem.extensions["current"] = .object(["units": .array(current)])
            }
            throw problem
        }
    }

    /// The problem+json for a dispatch refusal.
    static func problem(_ error: DispatchError) -> SafeCityError {
        switch error {
        case let .invalid(validation): .invalid(validation)
        case .notFound: SafeCityError(.notFound, title: "Not found", detail: error.description)
        case .conflict: SafeCityError(.conflict, title: "Conflicts with the current state", detail: error.description)
        case .noRoads: SafeCityError(.serviceUnavailable, title: "No road network", detail: error.description)
        }
    }
}

/// An incident as the API shows it: locations as GeoJSON points, caller details withheld.
struct IncidentView: Encodable {
    var id: String, typeCode: String, priority: Int, summary: String, address: String?, callID: String?
    var location: JSONValue, reportedLocation: JSONValue
    var hasCallerDetails: Bool
    var possibleDuplicates: [String]
    var openedAt: Timestamp, closedAt: Timestamp?, disposition: String?
    var mergedInto: String?, escalatedAt: Timestamp?
    var assignedUnits: [String]
    var timeline: [DispatchState.TimelineEntry]
    /// Units on the incident now with live ETAs (only on the single-incident view).
    var responders: [Responder]?

    init(_ incident: DispatchState.Incident) {
        id = incident.id
        typeCode = incident.typeCode
        priority = incident.priority
        summary = incident.summary
        address = incident.address
        callID = incident.callID
        location = geoJSONPoint(incident.location)
        reportedLocation = geoJSONPoint(incident.reportedLocation)
        hasCallerDetails = incident.callerSealed != nil
        possibleDuplicates = incident.possibleDuplicates
        openedAt = incident.openedAt
        closedAt = incident.closedAt
        disposition = incident.disposition
        mergedInto = incident.mergedInto
        escalatedAt = incident.escalatedAt
        assignedUnits = incident.assignedUnits
        timeline = incident.timeline
    }
}

/// A coverage report with the uncovered road nodes as a GeoJSON MultiPoint.
struct CoverageView: Encodable {
    var agency: String, minutes: Double, coveredShare: Double, plannedShare: Double, uncoveredCount: Int
    var uncovered: JSONValue
    var moveUp: CoverageAnalysis.MoveUp?

    init(_ report: CoverageAnalysis.Report) {
        agency = report.agency
        minutes = report.minutes
        coveredShare = report.coveredShare
        plannedShare = report.plannedShare
        uncoveredCount = report.uncoveredCount
        uncovered = .object(["type": .string("MultiPoint"), "coordinates": .array(report.uncoveredSample.map {
            .array([.number($0.longitude), .number($0.latitude)])
        })])
        moveUp = report.moveUp
    }
}

/// The unit board and the open incidents.
struct BoardView: Encodable {
    var units: [DispatchState.Unit]
    var stations: [DispatchState.Station]
    var hospitals: [DispatchState.Hospital]
    var openIncidents: [IncidentView]
    /// The last log sequence folded into this board, to line it up with `/v1/stream`.
    var sequence: Int64?

    init(_ board: DispatchState) {
        units = board.units.values.sorted { $0.id < $1.id }
        stations = board.stations.values.sorted { $0.id < $1.id }
        hospitals = board.hospitals.values.sorted { $0.id < $1.id }
        openIncidents = board.incidents.values.filter(\.isOpen).sorted { $0.openedAt < $1.openedAt }.map(IncidentView.init)
    }
}

/// An assignment with its route as a GeoJSON line.
struct AssignmentView: Encodable {
    var unitID: String, incidentID: String, etaSeconds: Double?, reason: String
    var route: JSONValue

    init(_ assignment: Assignment) {
        unitID = assignment.unitID
        incidentID = assignment.incidentID
        etaSeconds = assignment.etaSeconds
        reason = assignment.reason
        route = assignment.route.map { route in
            .object([
                "type": .string("Feature"),
                "geometry": .object(["type": .string("LineString"), "coordinates": .array(route.coordinates.map {
                    .array([.number($0.longitude), .number($0.latitude)])
                })]),
                "properties": .object(["durationSeconds": .number(route.durationSeconds), "distanceMetres": .number(route.distanceMetres)]),
            ])
        } ?? .null
    }
}

/// A GeoJSON point.
func geoJSONPoint(_ point: GeoPoint) -> JSONValue {
    .object(["type": .string("Point"), "coordinates": .array([.number(point.longitude), .number(point.latitude)])])
}
