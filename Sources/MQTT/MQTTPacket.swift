/// One MQTT 3.1.1 control packet, as sent or received on the wire.
///
/// - Note: QoS 2 handshake packets (PUBREC, PUBREL, PUBCOMP) are not modelled; the decoder refuses them.
public enum MQTTPacket: Sendable, Hashable {
    /// CONNECT (type 1), client to broker.
    case connect(MQTTConnect)
    /// CONNACK (type 2), broker to client.
    case connack(MQTTConnAck)
    /// PUBLISH (type 3), either direction.
    case publish(MQTTPublish)
    /// PUBACK (type 4): acknowledges a QoS 1 PUBLISH.
    case puback(packetID: UInt16)
    /// SUBSCRIBE (type 8), client to broker.
    case subscribe(MQTTSubscribe)
    /// SUBACK (type 9), broker to client.
    case suback(MQTTSubAck)
    /// UNSUBSCRIBE (type 10), client to broker.
    case unsubscribe(MQTTUnsubscribe)
    /// UNSUBACK (type 11), broker to client.
    case unsuback(packetID: UInt16)
    /// PINGREQ (type 12), client to broker.
    case pingreq
    /// PINGRESP (type 13), broker to client.
    case pingresp
    /// DISCONNECT (type 14), client to broker: a clean goodbye.
    case disconnect

    /// The control packet type, the high nibble of the first fixed-header byte.
    public var typeCode: UInt8 {
        switch self {
        case .connect: 1
        case .connack: 2
        case .publish: 3
        case .puback: 4
        case .subscribe: 8
        case .suback: 9
        case .unsubscribe: 10
        case .unsuback: 11
        case .pingreq: 12
        case .pingresp: 13
        case .disconnect: 14
        }
    }
}
