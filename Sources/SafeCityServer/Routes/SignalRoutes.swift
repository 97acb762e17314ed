import Foundation
import Hummingbird
import SafeCityCore

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
            guard let sequence = Int64(try context.parameters.require("sequence")), sequence > 0 else {
                throw SafeCityError.invalid(ValidationError(field: "sequence", reason: "must be the sequence number of the signal's event"))
            }
            let body = request.headers[.contentLength] == "0" ? AcknowledgementRequest() : try await request.decodeJSON(AcknowledgementRequest.self, context: context)
            if let note = body.note, note.count > 2_000 {
                throw SafeCityError.invalid(ValidationError(field: "note", reason: "must be at most 2000 characters"))
            }
            // Never wait for a sequence the log has not reached: it names no signal.
            let head = try await platform.log.lastSequence()
            let (state, _) = await platform.signalBoard.snapshot(atLeast: min(sequence, head))
            guard sequence <= head, let (_, entry) = state.entry(sequence: sequence) else {
                throw SafeCityError(.notFound, title: "No open signal", detail: "no open signal was raised by event \(sequence); it may have cleared", field: "sequence")
            }
            if let by = entry.acknowledgedBy {
                throw SafeCityError(.conflict, title: "Already acknowledged", detail: "signal \(sequence) was acknowledged by \(by)")
            }
            let event = NewEvent(type: SignalBoard.acknowledged, source: "operations", actor: identity.actorName, occurredAt: platform.clock.now(),
                                 payload: try EventPayload(encoding: SignalBoard.Acknowledged(signalSequence: sequence, note: body.note)))
            let record = try await platform.append([event])[0]
            return try .json(encoding: ["acknowledged": sequence, "sequence": record.sequence], status: .created)
        }
    }
}
