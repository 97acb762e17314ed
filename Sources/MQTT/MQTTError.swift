/// Everything that can go wrong in the MQTT codec and client, each with a sentence naming the cause.
public enum MQTTError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The remaining-length field ran past its 4-byte limit (MQTT 3.1.1 §2.2.3).
    case malformedRemainingLength
    /// A length was too large to encode: `field` names it, `bytes` is its size, `limit` the most allowed.
    case valueTooLong(field: String, bytes: Int, limit: Int)
    /// A packet's announced size exceeds the configured maximum.
    case packetTooLarge(bytes: Int, maxBytes: Int)
    /// A packet's body is inconsistent: `packet` names the packet type, `reason` what is wrong.
    case malformedPacket(packet: String, reason: String)
    /// The stream ended partway through a packet.
    case truncatedPacket(receivedBytes: Int)
    /// A string field is not valid MQTT UTF-8 (§1.5.3): invalid bytes or U+0000.
    case invalidUTF8(field: String)
    /// A topic name is empty, too long or contains a wildcard.
    case invalidTopicName(String, reason: String)
    /// A topic filter breaks the wildcard rules of §4.7.1.
    case invalidTopicFilter(String, reason: String)
    /// The broker refused the connection with the given CONNACK return code.
    case connectionRefused(MQTTConnectReturnCode)
    /// The broker answered SUBSCRIBE with failure (0x80) for these filters.
    case subscriptionFailed(filters: [String])
    /// The client asked for a QoS it does not implement (QoS 2).
    case unsupportedQoS(MQTTQoS)
    /// A broker sent a packet the client did not expect at this point.
    case unexpectedPacket(String)
    /// The broker did not answer in time: `waitingFor` names what was awaited.
    case timeout(waitingFor: String)
    /// The operation needs a connection and there is none (not yet connected, or reconnecting).
    case notConnected
    /// The connection closed before the operation completed.
    case connectionClosed
    /// `connect` was called while connected or connecting.
    case alreadyConnected
    /// The client was shut down.
    case shutDown
    /// 65 535 packet identifiers are in flight.
    case packetIDsExhausted

    /// A sentence describing the error.
    public var description: String {
        switch self {
        case .malformedRemainingLength:
            "malformed remaining length: more than 4 bytes of continuation"
        case let .valueTooLong(field, bytes, limit):
            "\(field) is \(bytes) bytes, more than the \(limit) allowed"
        case let .packetTooLarge(bytes, maxBytes):
            "packet of \(bytes) bytes exceeds the maximum of \(maxBytes) bytes"
        case let .malformedPacket(packet, reason):
            "malformed \(packet) packet: \(reason)"
        case let .truncatedPacket(receivedBytes):
            "connection closed partway through a packet (\(receivedBytes) bytes received)"
        case let .invalidUTF8(field):
            "\(field) is not valid UTF-8 (or contains U+0000)"
        case let .invalidTopicName(topic, reason):
            "invalid topic name \"\(topic)\": \(reason)"
        case let .invalidTopicFilter(filter, reason):
            "invalid topic filter \"\(filter)\": \(reason)"
        case let .connectionRefused(code):
            "broker refused the connection: \(code) (return code \(code.rawValue))"
        case let .subscriptionFailed(filters):
            "broker refused the subscription to \(filters.joined(separator: ", "))"
        case let .unsupportedQoS(qos):
            "QoS \(qos.rawValue) is not supported by this client"
        case let .unexpectedPacket(what):
            "unexpected packet from broker: \(what)"
        case let .timeout(waitingFor):
            "timed out waiting for \(waitingFor)"
        case .notConnected:
            "not connected to the broker"
        case .connectionClosed:
            "the connection to the broker closed"
        case .alreadyConnected:
            "already connected or connecting"
        case .shutDown:
            "the client was shut down"
        case .packetIDsExhausted:
            "all 65535 packet identifiers are in use"
        }
    }
}
