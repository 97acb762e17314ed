import Foundation
import HTTPTypes
import HummingbirdWebSocket
import SafeCityCore
import Security
import Vision

/// `GET /v1/cameras/{id}/detections/ws` upgraded to a WebSocket: an edge detector keeps one connection
/// open and sends frames as text messages (one frame object, `{"frames": [...]}`, an array, or NDJSON);
/// each message is answered with its report (frames taken, signals raised, frames refused and why).
///
/// The key is checked before the upgrade, as for observations.
enum CameraSocket {
    static let maxMessageBytes = 4 << 20

    /// The camera id when the path is a camera's detection socket.
    static func cameraID(inPath path: String?) -> String? {
        guard let path = path?.split(separator: "?").first else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0].isEmpty, parts[1] == "v1", parts[2] == "cameras", parts[4] == "detections", parts[5] == "ws",
              !parts[3].isEmpty else { return nil }
        return String(parts[3])
    }

    static func shouldUpgrade(_ request: HTTPRequest, platform: Platform) async -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        guard let camera = cameraID(inPath: request.path), let token = AuthMiddleware.presentedKey(request.headerFields),
              let identity = try? await platform.keys.authenticate(token), PermissionTable.allows(identity.role, .detectionsWrite),
              await platform.vision.configuration(id: camera) != nil
        else { return .dontUpgrade }
        let actor = identity.actorName
        return .upgrade([:]) { inbound, outbound, _ in
            for try await message in inbound.messages(maxSize: maxMessageBytes) {
                let data: Data = switch message {
                case let .text(text): Data(text.utf8)
                case let .binary(buffer): Data(buffer.readableBytesView)
                }
                let answer: Data
                do {
                    // A message of several lines is NDJSON; one line is a JSON frame, array or batch.
                    let lines = data.split(separator: UInt8(ascii: "\n")).filter { !$0.allSatisfy { $0 == 32 || $0 == 13 || $0 == 9 } }
                    let parsed = try DetectionFrameBatch.parse(data, ndjson: lines.count > 1)
                    var report = try await platform.vision.ingest(cameraID: camera, frames: parsed.frames, actor: actor)
                    report.rejected += parsed.rejected.map { .init(index: $0.index, reason: $0.reason) }
                    platform.metrics.record(report)
                    answer = try JSONEncoder().encode(report)
                } catch {
                    platform.metrics.recordFramesRejected(reason: "malformed", count: 1)
                    answer = Data(JSONValue.object(["error": .string(String(describing: error))]).canonicalBytes)
                }
                try await outbound.write(.text(String(decoding: answer, as: UTF8.self)))
            }
        }
    }
}
