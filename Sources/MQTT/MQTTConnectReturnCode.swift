/// The CONNACK return code (MQTT 3.1.1 §3.2.2.3, Table 3.1).
public enum MQTTConnectReturnCode: UInt8, Sendable, Hashable, CustomStringConvertible {
    /// 0x00: connection accepted.
    case accepted = 0
    /// 0x01: the broker does not speak protocol level 4 (MQTT 3.1.1).
    case unacceptableProtocolVersion = 1
    /// 0x02: the client identifier is well-formed UTF-8 but the broker does not allow it.
    case identifierRejected = 2
    /// 0x03: the network connection is up but the MQTT service is unavailable.
    case serverUnavailable = 3
    /// 0x04: the user name or password is malformed or wrong.
    case badUsernameOrPassword = 4
    /// 0x05: the client is not authorised to connect.
    case notAuthorized = 5

    /// A sentence naming the refusal, for error messages.
    public var description: String {
        switch self {
        case .accepted: "connection accepted"
        case .unacceptableProtocolVersion: "the broker does not support MQTT 3.1.1 (protocol level 4)"
        case .identifierRejected: "the broker rejected the client identifier"
        case .serverUnavailable: "the MQTT service is unavailable"
        case .badUsernameOrPassword: "bad user name or password"
        case .notAuthorized: "the client is not authorised to connect"
        }
    }
}
