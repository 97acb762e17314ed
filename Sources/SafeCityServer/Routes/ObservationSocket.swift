import Foundation
import HTTPTypes
import HummingbirdWebSocket
import Logging
import SafeCityCore
import Security
import Sensing

/// `GET /v1/observations/ws` upgraded to a WebSocket: a device keeps one connection open and sends
/// observations as text frames (one object, an array, or NDJSON lines); each frame is answered with
/// its ingest report as JSON, so the device knows what was recorded.
///
/// The key is checked before the upgrade; a request without one, or with a role that may not report,
/// is not upgraded and gets the route's problem+json answer instead.
enum ObservationSocket {
    static let path = "/v1/observations/ws"
    static let maxMessageBytes = 4 << 20

    static func shouldUpgrade(_ request: HTTPRequest, platform: Platform) async -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        guard request.path?.split(separator: "?").first.map(String.init) == path, let token = AuthMiddleware.presentedKey(request.headerFields),
              let identity = try? await platform.keys.authenticate(token), PermissionTable.allows(identity.role, .observationsWrite)
        else { return .dontUpgrade }
        let actor = identity.actorName
        return .upgrade([:]) { inbound, outbound, _ in
            for try await message in inbound.messages(maxSize: maxMessageBytes) {
                let bytes: [UInt8] = switch message {
                case let .text(text): Array(text.utf8)
                case let .binary(buffer): Array(buffer.readableBytesView)
                }
                let answer: [UInt8]
                do {
                    let batch = try ObservationBatch.message(bytes)
                    let report = try await platform.sensing.ingest(batch, actor: actor)
                    platform.metrics.record(report)
                    answer = try JSONEncoder().encode(IngestReportView(report)).map { $0 }
                } catch let error as ObservationError {
                    platform.metrics.recordObservationsRejected(reason: error.reasonLabel, count: 1)
                    answer = JSONValue.object(["error": .string(error.description)]).canonicalBytes
                } catch {
                    answer = JSONValue.object(["error": .string("the observations could not be recorded; send them again")]).canonicalBytes
                }
                try await outbound.write(.text(String(decoding: answer, as: UTF8.self)))
            }
        }
    }
}
