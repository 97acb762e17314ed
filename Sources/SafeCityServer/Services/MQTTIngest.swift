import Logging
import MQTT
import SafeCityCore
import Sensing

/// Subscribes to a broker and hands every message's observations to the sensing service.
///
/// A message holds one observation object, an array of them, or NDJSON lines. A payload that cannot
/// be read is counted under its reason in `/metrics` and logged without its content; nothing else is lost.
public enum MQTTIngest {
    /// A subscription whose messages are observations.
    public static func observations(from source: MQTTSource, sensing: SensingService, metrics: ServerMetrics, logger: Logger) -> MQTTSubscription {
        MQTTSubscription(source: source) { message in
            let sensorID = source.sensorID(inTopic: message.topic)
            do {
                let batch = try ObservationBatch.message(message.payload, defaultSensorID: sensorID)
                let report = try await sensing.ingest(batch, actor: "mqtt:\(source.host)")
                metrics.record(report)
            } catch let error as ObservationError {
                metrics.recordObservationsRejected(reason: error.reasonLabel, count: 1)
                logger.warning("MQTT message refused", metadata: ["topic": .string(message.topic), "reason": .string(error.description)])
            } catch {
                logger.error("MQTT observations not recorded", metadata: ["topic": .string(message.topic), "error": .string(String(describing: error))])
            }
        }
    }
}
