import Logging
import MQTT
import SafeCityCore
import Sensing

/// Subscribes to a broker and hands every message's observations to the sensing service.
///
/// A message holds one observation object, an array of them, or NDJSON lines. A payload that cannot
/// be read is counted under its reason in `/metrics` and logged without its content; nothing else is lost.
/// Messages are taken with QoS 1, so the broker resends any that arrived while SafeCity was down.
public actor MQTTIngest {
    private let source: MQTTSource
    private let sensing: SensingService
    private let metrics: ServerMetrics
    private let logger: Logger
    private let client: MQTTClient
    private var task: Task<Void, Never>?
    public private(set) var messagesReceived = 0
    public private(set) var messagesRefused = 0

    public init(source: MQTTSource, sensing: SensingService, metrics: ServerMetrics, logger: Logger) {
        self.source = source
        self.sensing = sensing
        self.metrics = metrics
        self.logger = logger
        self.client = MQTTClient()
    }

    /// Connects, subscribes and starts taking messages; throws when the broker cannot be reached at first.
    public func start(clientID: String = "safecity-\(EventID().description.prefix(8))") async throws {
        try await client.connect(host: source.host, port: source.port, clientID: clientID, keepAliveSeconds: 30, credentials: source.credentials)
        try await client.subscribe([source.filter: .atLeastOnce])
        let messages = client.messages
        task = Task { [weak self] in
            for await message in messages {
                guard let self else { return }
                await self.take(message)
            }
        }
    }

    private func take(_ message: MQTTMessage) async {
        messagesReceived += 1
        let sensorID = source.sensorID(inTopic: message.topic)
        do {
            let batch = try ObservationBatch.message(message.payload, defaultSensorID: sensorID)
            let report = try await sensing.ingest(batch, actor: "mqtt:\(source.host)")
            metrics.record(report)
        } catch let error as ObservationError {
            messagesRefused += 1
            metrics.recordObservationsRejected(reason: error.reasonLabel, count: 1)
            logger.warning("MQTT message refused", metadata: ["topic": .string(message.topic), "reason": .string(error.description)])
        } catch {
            messagesRefused += 1
            logger.error("MQTT observations not recorded", metadata: ["topic": .string(message.topic), "error": .string(String(describing: error))])
        }
    }

    public func stop() async {
        task?.cancel()
        await client.shutdown()
    }
}
