import Logging
import MQTT
import SafeCityCore

/// One subscription to a broker, handing each message to a handler until stopped.
///
/// Messages are taken with QoS 1, so the broker resends any that arrived while SafeCity was down;
/// the client reconnects and re-subscribes by itself.
public actor MQTTSubscription {
    public typealias Handler = @Sendable (MQTTMessage) async -> Void

    private let source: MQTTSource
    private let client = MQTTClient()
    private let handler: Handler
    private var task: Task<Void, Never>?
    public private(set) var messagesReceived = 0

    public init(source: MQTTSource, handler: @escaping Handler) {
        self.source = source
        self.handler = handler
    }

    /// Connects, subscribes and starts taking messages; throws when the broker cannot be reached at first.
    ///
    /// The default client id ends with the random part of a UUIDv7: its first digits are a timestamp, and
    /// two subscriptions sharing an id would keep disconnecting each other at the broker.
    public func start(clientID: String = "safecity-\(EventID().description.suffix(12))") async throws {
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
        await handler(message)
    }

    public func stop() async {
        task?.cancel()
        await client.shutdown()
    }
}
