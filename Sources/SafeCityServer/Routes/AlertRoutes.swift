import Foundation
import Alerting
import Geo
import Hummingbird
import SafeCityDispatch
import SafeCityCore

/// `/v1/alerts`: public-information officers draft, supervisors approve, updates and cancels
/// reference the original; `/v1/alerts/feed` (alias `/alerts.atom`), `/v1/alerts/stream` and
/// `/alerts/{id}.xml` publish issued CAP to everyone.
enum AlertRoutes {
    /// An alert with the message chain it belongs to.
    struct AlertView: Encodable {
        var alert: AlertEntry
        var chain: [Link]
        var capURL: String?
    }

    /// An issued alert on the public live stream.
    struct PublicAlert: Encodable {
        var alertID: String
        var capURL: String
        var cap: CAPAlert
    }

    /// One message of a chain.
    struct Link: Encodable {
        var id: String
        var msgType: CAPAlert.MessageType
        var status: AlertEntry.Status
        var references: String?
        var draftedBy: String
        var approvedBy: String?
    }

    /// The body of `POST /v1/alerts/{id}/reject`.
    struct RejectBody: Decodable {
        var reason: String?
    }

    /// The body of `POST /v1/alerts/incidents/{id}`: a ready-worded warning around an incident, to edit or approve.
    /// The area is a circle (`radiusMetres`, default 400) or what a `profile` vehicle reaches by road from the
    /// incident in `isochroneMinutes` (e.g. where a vehicle that left the scene can be by now).
    struct IncidentWarningRequest: Decodable {
        /// `fire`, `gasLeak` or `hazardousMaterials`.
        var hazard: String
        var radiusMetres: Double?
        var isochroneMinutes: Int?
        /// The road profile of the isochrone (`car` unless given).
        var profile: String?
        var hours: Int64?

        func draft(for incidentID: String, platform: Platform, now: Timestamp) async throws -> AlertDraft {
            guard let kind = AlertDraft.IncidentHazard(rawValue: hazard) else {
                let known = AlertDraft.IncidentHazard.allCases.map(\.rawValue).joined(separator: ", ")
                throw SafeCityError.invalid(ValidationError(field: "hazard", reason: "must be one of \(known), got \"\(hazard)\""))
            }
            if radiusMetres != nil, isochroneMinutes != nil {
                throw SafeCityError.invalid(ValidationError(field: "isochroneMinutes", reason: "give radiusMetres or isochroneMinutes, not both"))
            }
            let radius = radiusMetres ?? 400
            guard radius.isFinite, (50...20_000).contains(radius) else {
                throw SafeCityError.invalid(ValidationError(field: "radiusMetres", reason: "must be within 50…20000, got \(radius)"))
            }
            let validity = hours ?? 2
            guard (1...48).contains(validity) else {
                throw SafeCityError.invalid(ValidationError(field: "hours", reason: "must be within 1…48, got \(validity)"))
            }
            let incident = try await DispatchRoutes.mapped { try await platform.dispatch.incident(incidentID) }
            guard incident.isOpen else {
                throw SafeCityError(.conflict, title: "Incident closed", detail: "incident \(incidentID) is closed; warn about open incidents only")
            }
            let reach = try isochroneMinutes.map { try travelReach(minutes: $0, from: incident.location, platform: platform) }
                ?? .radius(metres: radius)
            return AlertDraft.incidentWarning(kind, incidentID: incidentID, at: incident.location, reach: reach, now: now, hours: validity)
        }

        /// The outline of what the profile reaches from `location` in `minutes`, or a problem naming `isochroneMinutes`.
        private func travelReach(minutes: Int, from location: GeoPoint, platform: Platform) throws -> AlertDraft.IncidentReach {
            guard (1...30).contains(minutes) else {
                throw SafeCityError.invalid(ValidationError(field: "isochroneMinutes", reason: "must be within 1…30, got \(minutes)"))
            }
            let router = try RoutingRoutes.roads(of: platform).router(for: try RoutingRoutes.vehicle(profile))
            let isochrone: RoadIsochrone
            do {
                isochrone = try router.isochrone(from: location, seconds: Double(minutes) * 60)
            } catch {
                throw SafeCityError.invalid(ValidationError(field: "isochroneMinutes", reason: "no isochrone from the incident: \(error)"))
            }
            guard isochrone.hull.count >= 4 else {
                throw SafeCityError.invalid(ValidationError(
                    field: "isochroneMinutes", reason: "too few roads are reached in \(minutes) min to outline an area; give radiusMetres instead"))
            }
            return .travel(minutes: minutes, ring: isochrone.hull)
        }
    }

    static func register(in catalog: RouteCatalog, platform: Platform) {
        let service = platform.alerts

        catalog.secured(.post, "/v1/alerts", action: .alertsDraft) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let draft = try await request.decodeJSON(AlertDraft.self, context: context)
            return try await view(mapped { try await service.draft(draft, by: identity.actorName) }, service: service, status: .created)
        }

        catalog.secured(.post, "/v1/alerts/incidents/{id}", action: .alertsDraft) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let incidentID = try context.parameters.require("id")
            let body = try await request.decodeJSON(IncidentWarningRequest.self, context: context)
            let draft = try await body.draft(for: incidentID, platform: platform, now: platform.clock.now())
            return try await view(mapped { try await service.draft(draft, by: identity.actorName) }, service: service, status: .created)
        }

        for (verb, msgType) in [("update", CAPAlert.MessageType.update), ("cancel", .cancel)] {
            catalog.secured(.post, RouterPath("/v1/alerts/{id}/\(verb)"), action: .alertsDraft) { request, context in
                var request = request
                let identity = try context.requireIdentity()
                let id = try context.parameters.require("id")
                let draft = msgType == .update ? try await request.decodeJSON(AlertDraft.self, context: context) : nil
                return try await view(mapped { try await service.followUp(msgType, of: id, draft: draft, by: identity.actorName) },
                                      service: service, status: .created)
            }
        }

        catalog.secured(.post, "/v1/alerts/{id}/approve", action: .alertsApprove) { _, context in
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            return try await view(mapped { try await service.approve(id, by: identity.actorName) }, service: service)
        }

        // A supervisor turns a draft down, with the reason the drafter reads on the desk.
        catalog.secured(.post, "/v1/alerts/{id}/reject", action: .alertsApprove) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            let body = try await request.decodeJSON(RejectBody.self, context: context)
            return try await view(mapped { try await service.reject(id, reason: body.reason ?? "", by: identity.actorName) }, service: service)
        }

        catalog.secured(.get, "/v1/alerts", action: .alertsRead) { _, _ in
            try .json(encoding: ["alerts": await service.all()])
        }

        catalog.secured(.get, "/v1/alerts/{id}", action: .alertsRead) { _, context in
            let id = try context.parameters.require("id")
            let chain = try await mapped { try await service.chain(of: id) }
            guard let entry = chain.first(where: { $0.id == id }) else { throw problem(.notFound(id)) }
            return try await view(entry, service: service)
        }

        // The public Atom index of issued CAP, as alert aggregators read it; `/alerts.atom` is the older alias.
        for path in ["/v1/alerts/feed", "/alerts.atom"] {
            catalog.publicRoute(.get, RouterPath(path)) { _, _ in
                let feed = AtomFeedWriter.write(
                    await service.published(), title: "SafeCity public alerts", feedID: "urn:safecity:alerts", selfURL: path,
                    capURL: { "/alerts/\($0).xml" })
                return xml(feed, contentType: "application/atom+xml")
            }
        }

        // The live stream of issued alerts for everyone (residents' apps, sirens, signage): one SSE event per
        // approved message, with its CAP as JSON; `Last-Event-ID` resumes without loss.
        catalog.publicRoute(.get, "/v1/alerts/stream") { request, _ in
            let start = try await StreamRoutes.startSequence(of: request, log: platform.log)
            return StreamRoutes.eventStream(log: platform.log, metrics: platform.metrics, after: start) { record in
                guard record.event.type == AlertEvents.approved, let approved = try? record.event.payload.decode(AlertEvents.Approved.self) else { return nil }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                guard let data = try? encoder.encode(PublicAlert(alertID: approved.alertID, capURL: "/alerts/\(approved.alertID).xml", cap: approved.cap)) else { return nil }
                return ("alert", Array(data))
            }
        }

        catalog.publicRoute(.get, "/alerts/{file}") { _, context in
            let file = try context.parameters.require("file")
            guard file.hasSuffix(".xml") else { throw problem(.notFound(file)) }
            let id = String(file.dropLast(4))
            guard let alert = await service.published().first(where: { $0.identifier == id }) else { throw problem(.notFound(id)) }
            return xml(CAPWriter.write(alert), contentType: "application/cap+xml")
        }
    }

    private static func view(_ entry: AlertEntry, service: AlertService, status: HTTPResponse.Status = .ok) async throws -> Response {
        let chain = try await mapped { try await service.chain(of: entry.id) }.map {
            Link(id: $0.id, msgType: $0.msgType, status: $0.status, references: $0.references, draftedBy: $0.draftedBy, approvedBy: $0.approvedBy)
        }
        return try .json(encoding: AlertView(alert: entry, chain: chain, capURL: entry.cap.map { "/alerts/\($0.identifier).xml" }), status: status)
    }

    static func xml(_ text: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Runs a service call, turning its refusal into a problem.
    static func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as AlertError { throw problem(error) }
    }

    static func problem(_ error: AlertError) -> SafeCityError {
        switch error {
        case let .invalid(validation): .invalid(validation)
        case let .notFound(id): SafeCityError(.notFound, title: "Not found", detail: error.description, field: id.isEmpty ? nil : "id")
        case .conflict: SafeCityError(.conflict, title: "Alert state conflict", detail: error.description)
        case .unavailable: SafeCityError(.serviceUnavailable, title: "Alert not recorded", detail: error.description)
        }
    }
}
