/// The body of a PUBLISH packet (MQTT 3.1.1 §3.3).
public struct MQTTPublish: Sendable, Hashable {
    /// The topic name; never contains wildcards.
    public var topic: String
    /// The application payload, opaque bytes.
    public var payload: [UInt8]
    /// The delivery guarantee of this copy of the message.
    public var qos: MQTTQoS
    /// Whether the broker keeps this message as the topic's retained message (or, inbound, whether it was retained).
    public var retain: Bool
    /// Whether this is a re-delivery of an earlier attempt (QoS > 0 only).
    public var dup: Bool
    /// The packet identifier; present exactly when `qos` is above 0.
    public var packetID: UInt16?

    /// Creates a PUBLISH body.
    public init(topic: String, payload: [UInt8], qos: MQTTQoS = .atMostOnce, retain: Bool = false, dup: Bool = false, packetID: UInt16? = nil) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.dup = dup
        self.packetID = packetID
    }
}
