import Foundation
import Hummingbird
import SafeCityCore
import Sensing

/// `POST /v1/observations`: sensor readings as a JSON array (or one object) or as NDJSON.
///
/// Each item is judged on its own: the answer counts what was recorded and what were duplicates, and
/// lists each refused item with its position and reason. Only a body that cannot be read at all is refused whole.
enum ObservationRoutes {
    static func register(in catalog: RouteCatalog, platform: Platform) {
        let sensing = platform.sensing
        catalog.secured(.post, "/v1/observations", action: .observationsWrite) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let buffer: ByteBuffer
            do { buffer = try await request.collectBody(upTo: context.maxUploadSize) } catch {
                throw SafeCityError.tooLarge(limit: context.maxUploadSize)
            }
            guard buffer.readableBytes > 0 else { throw SafeCityError.badRequest("the request body is empty; send observations as JSON or NDJSON") }
            let bytes = Array(buffer.readableBytesView)
            let isNDJSON = request.headers[.contentType].map { $0.hasPrefix("application/x-ndjson") || $0.hasPrefix("application/ndjson") } ?? false
            let batch: ObservationBatch
            do { batch = isNDJSON ? try ObservationBatch.ndjson(bytes) : try ObservationBatch.json(bytes) } catch let error as ObservationError {
                platform.metrics.recordObservationsRejected(reason: error.reasonLabel, count: 1)
                throw SafeCityError.badRequest(error.description)
            }
            let report = try await sensing.ingest(batch, actor: identity.actorName)
            platform.metrics.record(report)
            let status: HTTPResponse.Status = report.accepted == 0 && report.duplicates == 0 && !report.rejected.isEmpty ? .unprocessableContent : .ok
            return try .json(encoding: IngestReportView(report), status: status)
        }

        // A plain GET of the WebSocket path means the client did not ask for an upgrade.
        catalog.secured(.get, "/v1/observations/ws", action: .observationsWrite) { _, _ in
            throw SafeCityError(.upgradeRequired, title: "WebSocket upgrade required",
                                detail: "open this path as a WebSocket (Upgrade: websocket) and send observations as text frames")
        }
    }
}

/// The JSON answer to a batch of observations.
struct IngestReportView: Encodable {
    var accepted: Int
    var duplicates: Int
    var rejected: [Item]
    var lastSequence: Int64?

    struct Item: Encodable {
        var index: Int
        var reason: String
        var detail: String
    }

    init(_ report: IngestReport) {
        accepted = report.accepted
        duplicates = report.duplicates
        rejected = report.rejected.map { Item(index: $0.index, reason: $0.error.reasonLabel, detail: $0.error.description) }
        lastSequence = report.lastSequence
    }
}
