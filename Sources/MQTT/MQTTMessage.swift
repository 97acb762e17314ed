/// An application message delivered to a subscriber.
public struct MQTTMessage: Sendable, Hashable {
    /// The topic the message was published on (a name, never a filter).
    public var topic: String
    /// The payload bytes, exactly as published.
    public var payload: [UInt8]
    /// The QoS this copy was delivered with (the lower of publish and subscription QoS).
    public var qos: MQTTQoS
    /// Whether the broker sent this as a retained message when the subscription was made.
    public var retain: Bool

    /// Creates a message.
    public init(topic: String, payload: [UInt8], qos: MQTTQoS, retain: Bool) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
    }
}
