/// The body of a SUBACK packet (MQTT 3.1.1 §3.9).
public struct MQTTSubAck: Sendable, Hashable {
    /// The identifier of the SUBSCRIBE being answered.
    public var packetID: UInt16
    /// One result per requested filter, in request order: the granted QoS, or `nil` for failure (0x80).
    public var grantedQoS: [MQTTQoS?]

    /// Creates a SUBACK body.
    public init(packetID: UInt16, grantedQoS: [MQTTQoS?]) {
        self.packetID = packetID
        self.grantedQoS = grantedQoS
    }
}
