import Foundation
import Logging
import MQTT
import Vision

extension Platform {
    /// Takes camera detections from an MQTT broker until ``shutdown()``.
    ///
    /// Two kinds of message are understood: Frigate's `frigate/events` messages (the camera is named in
    /// them), and SafeCity detection frames on a topic whose `+` level names the camera, e.g.
    /// `city/cameras/+/detections`. A message that cannot be read is counted in `/metrics` and logged
    /// without its content.
    public func startCameraMQTT(_ source: MQTTSource, logger: Logger) async throws {
        let vision = self.vision, metrics = self.metrics
        try await subscribe(MQTTSubscription(source: source) { message in
            let data = Data(message.payload)
            let actor = "mqtt:\(source.host)"
            do {
                let report: VisionIngestReport
                if (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["after"] != nil {
                    report = try await vision.ingest(frigate: try FrigateEvent.parse(data), actor: actor)
                } else {
                    guard let camera = source.sensorID(inTopic: message.topic) else {
                        throw VisionError.invalidConfiguration("topic \(message.topic) names no camera (expected a '+' level in \(source.filter))")
                    }
                    let parsed = try DetectionFrameBatch.parse(data, ndjson: false)
                    var frames = try await vision.ingest(cameraID: camera, frames: parsed.frames, actor: actor)
                    frames.rejected += parsed.rejected.map { .init(index: $0.index, reason: $0.reason) }
                    report = frames
                }
                metrics.record(report)
            } catch let error as VisionError {
                metrics.recordFramesRejected(reason: { if case .unknownCamera = error { "unknown_camera" } else { "malformed" } }(), count: 1)
                logger.warning("MQTT camera message refused", metadata: ["topic": .string(message.topic), "reason": .string(error.description)])
            } catch {
                logger.error("MQTT camera message not recorded", metadata: ["topic": .string(message.topic), "error": .string(String(describing: error))])
            }
        })
    }
}
