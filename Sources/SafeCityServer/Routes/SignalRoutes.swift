import Foundation
import Hummingbird
import SafeCityCore
import SafeCityDispatch

/// `GET /v1/signals`: what still needs an operator's eye; `POST /v1/signals/{sequence}/acknowledgement`: someone has it.
enum SignalRoutes {
    struct AcknowledgementRequest: Decodable {
        var note: String?
    }

    static func register(in catalog: RouteCatalog, platform: Platform) {
        catalog.secured(.get, "/v1/signals", action: .signalsRead) { request, _ in
            let atLeast = try request.uri.queryParameters.integer("atLeast", default: 0, range: 0...Int64.max)
            let (state, sequence) = await platform.signalBoard.snapshot(atLeast: atLeast)
            struct Body: Encodable {
                var sequence: Int64
                var signals: [SignalBoard.Entry]
            }
            return try .json(encoding: Body(sequence: sequence, signals: state.entries))
        }

        catalog.secured(.post, "/v1/signals/{sequence}/acknowledgement", action: .signalsAcknowledge) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let sequence = try signalSequence(context)
            let body = request.headers[.contentLength] == "0" ? AcknowledgementRequest() : try await request.decodeJSON(AcknowledgementRequest.self, context: context)
            if let note = body.note, note.count > 2_000 {
                throw SafeCityError.invalid(ValidationError(field: "note", reason: "must be at most 2000 characters"))
            }
            _ = try await unacknowledged(sequence, platform: platform)
            let record = try await acknowledge(sequence, note: body.note, actor: identity.actorName, platform: platform)
            return try .json(encoding: ["acknowledged": sequence, "sequence": record.sequence], status: .created)
        }

        // The person's confirmation that a signal is an incident: it opens one where the signal is and acknowledges the signal.
        catalog.secured(.post, "/v1/signals/{sequence}/incident", action: .dispatchWrite) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let sequence = try signalSequence(context)
            let body = request.headers[.contentLength] == "0" ? IncidentRequest() : try await request.decodeJSON(IncidentRequest.self, context: context)
            let entry = try await unacknowledged(sequence, platform: platform)
            guard let latitude = entry.latitude, let longitude = entry.longitude else {
                throw SafeCityError(.unprocessableContent, title: "Signal has no location", detail: "signal \(sequence) has no location to send units to; open the incident by hand")
            }
            let suggested = SignalIncidentDefaults.suggestion(for: entry)
            guard let typeCode = body.typeCode ?? suggested?.typeCode else {
                throw SafeCityError.invalid(ValidationError(field: "typeCode", reason: "is required for this kind of signal (see GET /v1/dispatch/incident-types)"))
            }
            let summary = [body.summary, "From signal #\(sequence): \(entry.summary)"].compactMap { $0 }.joined(separator: " — ")
            let form = CallForm(typeCode: typeCode, priority: body.priority ?? suggested?.priority ?? 3, latitude: latitude, longitude: longitude,
                                summary: String(summary.prefix(1_000)))
            let incident = try await DispatchRoutes.mapped { try await platform.dispatch.openIncident(form, actor: identity.actorName) }
            _ = try await acknowledge(sequence, note: "incident \(incident.id) opened", actor: identity.actorName, platform: platform)
            return try .json(encoding: IncidentView(incident), status: .created)
        }
    }

    struct IncidentRequest: Decodable {
        var typeCode: String?
        var priority: Int?
        var summary: String?
    }

    private static func signalSequence(_ context: AppRequestContext) throws -> Int64 {
        guard let sequence = Int64(try context.parameters.require("sequence")), sequence > 0 else {
            throw SafeCityError.invalid(ValidationError(field: "sequence", reason: "must be the sequence number of the signal's event"))
        }
        return sequence
    }

    /// The open signal raised by event `sequence` that nobody has acknowledged yet.
    private static func unacknowledged(_ sequence: Int64, platform: Platform) async throws -> SignalBoard.Entry {
        // Never wait for a sequence the log has not reached: it names no signal.
        let head = try await platform.log.lastSequence()
        let (state, _) = await platform.signalBoard.snapshot(atLeast: min(sequence, head))
        guard sequence <= head, let (_, entry) = state.entry(sequence: sequence) else {
            throw SafeCityError(.notFound, title: "No open signal", detail: "no open signal was raised by event \(sequence); it may have cleared", field: "sequence")
        }
        if let by = entry.acknowledgedBy {
            throw SafeCityError(.conflict, title: "Already acknowledged", detail: "signal \(sequence) was acknowledged by \(by)")
        }
        return entry
    }

    private static func acknowledge(_ sequence: Int64, note: String?, actor: String, platform: Platform) async throws -> EventRecord {
        let event = NewEvent(type: SignalBoard.acknowledged, source: "operations", actor: actor, occurredAt: platform.clock.now(),
                             payload: try EventPayload(encoding: SignalBoard.Acknowledged(signalSequence: sequence, note: note)))
        return try await platform.append([event])[0]
    }
}
