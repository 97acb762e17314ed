/// Settings of an `MQTTClient` that are not per connection.
public struct MQTTClientConfiguration: Sendable {
    /// The largest inbound packet accepted; larger ones close the connection with `MQTTError.packetTooLarge`.
    public var maxPacketBytes: Int
    /// How long to wait for the TCP connection and then for CONNACK, in seconds.
    public var connectTimeoutSeconds: Double
    /// Whether a lost connection is re-established automatically (with `backoff`).
    public var reconnects: Bool
    /// Delays between reconnection attempts.
    public var backoff: MQTTBackoff

    /// Creates a configuration: 1 MiB packets, 10 s connect timeout, reconnecting from 0.5 s up to 30 s.
    public init(
        maxPacketBytes: Int = MQTTPacketDecoder.defaultMaxPacketBytes,
        connectTimeoutSeconds: Double = 10,
        reconnects: Bool = true,
        backoff: MQTTBackoff = MQTTBackoff()
    ) {
        self.maxPacketBytes = maxPacketBytes
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.reconnects = reconnects
        self.backoff = backoff
    }
}
