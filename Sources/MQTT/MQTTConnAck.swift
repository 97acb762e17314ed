/// The body of a CONNACK packet (MQTT 3.1.1 §3.2).
public struct MQTTConnAck: Sendable, Hashable {
    /// Whether the broker resumed a stored session for this client.
    public var sessionPresent: Bool
    /// The broker's verdict on the connection.
    public var returnCode: MQTTConnectReturnCode

    /// Creates a CONNACK body.
    public init(sessionPresent: Bool, returnCode: MQTTConnectReturnCode) {
        self.sessionPresent = sessionPresent
        self.returnCode = returnCode
    }
}
