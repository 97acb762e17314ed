/// The body of a SUBSCRIBE packet (MQTT 3.1.1 §3.8): filters in order, each with its requested QoS.
public struct MQTTSubscribe: Sendable, Hashable {
    /// The packet identifier the SUBACK will echo.
    public var packetID: UInt16
    /// Topic filters and the maximum QoS asked for each, in the order the SUBACK answers them.
    public var subscriptions: [MQTTSubscription]

    /// Creates a SUBSCRIBE body.
    public init(packetID: UInt16, subscriptions: [MQTTSubscription]) {
        self.packetID = packetID
        self.subscriptions = subscriptions
    }
}

/// One topic filter and the maximum QoS requested for it.
public struct MQTTSubscription: Sendable, Hashable {
    /// The topic filter, possibly with `+` and `#` wildcards.
    public var filter: String
    /// The highest QoS the client wants to receive on this filter.
    public var qos: MQTTQoS

    /// Creates a subscription request.
    public init(filter: String, qos: MQTTQoS) {
        self.filter = filter
        self.qos = qos
    }
}
