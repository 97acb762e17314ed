/// The delivery guarantee of an MQTT message (MQTT 3.1.1 §4.3).
public enum MQTTQoS: UInt8, Sendable, Hashable, Comparable, CaseIterable {
    /// QoS 0: fire and forget; the message may be lost.
    case atMostOnce = 0
    /// QoS 1: acknowledged with PUBACK; the message may arrive more than once.
    case atLeastOnce = 1
    /// QoS 2: four-step handshake. Decoded by the codec, but `MQTTClient` neither requests nor sends it.
    case exactlyOnce = 2

    /// Orders by strength of guarantee.
    public static func < (lhs: MQTTQoS, rhs: MQTTQoS) -> Bool { lhs.rawValue < rhs.rawValue }
}
