import Alerting
import Foundation
import Hummingbird
import SafeCityCore

/// `POST /v1/alerts/ingest`: external CAP 1.2 XML (e.g. a national weather service's warning) recorded as a signal.
enum AlertIngestRoutes {
    /// What was recorded.
    struct Ingested: Encodable {
        var identifier: String
        var sender: String
        var msgType: CAPAlert.MessageType
        var sequence: Int64
        var duplicate: Bool
    }

    static func register(in catalog: RouteCatalog, platform: Platform) {
        let ingest = platform.capIngest
        catalog.secured(.post, "/v1/alerts/ingest", action: .alertsIngest) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let buffer: ByteBuffer
            do { buffer = try await request.collectBody(upTo: context.maxUploadSize) } catch {
                throw SafeCityError.tooLarge(limit: context.maxUploadSize)
            }
            guard buffer.readableBytes > 0 else { throw SafeCityError.badRequest("the request body is empty; send CAP 1.2 XML") }
            let (alert, outcome) = try await AlertRoutes.mapped { try await ingest.ingest(Data(buffer.readableBytesView), by: identity.actorName) }
            let view: Ingested = switch outcome {
            case let .recorded(sequence): Ingested(identifier: alert.identifier, sender: alert.sender, msgType: alert.msgType, sequence: sequence, duplicate: false)
            case let .duplicate(sequence): Ingested(identifier: alert.identifier, sender: alert.sender, msgType: alert.msgType, sequence: sequence, duplicate: true)
            }
            return try .json(encoding: view, status: view.duplicate ? .ok : .created)
        }
    }
}
