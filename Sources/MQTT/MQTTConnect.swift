/// The body of a CONNECT packet (MQTT 3.1.1 §3.1); wills are not supported.
public struct MQTTConnect: Sendable, Hashable {
    /// The client identifier; empty asks the broker to assign one (needs `cleanSession`).
    public var clientID: String
    /// Whether the broker discards any previous session and starts a new one.
    public var cleanSession: Bool
    /// Longest silence, in seconds, the client promises between its packets; 0 turns keep-alive off.
    public var keepAliveSeconds: UInt16
    /// Optional user name and password.
    public var credentials: MQTTCredentials?

    /// Creates a CONNECT body.
    public init(clientID: String, cleanSession: Bool = true, keepAliveSeconds: UInt16 = 60, credentials: MQTTCredentials? = nil) {
        self.clientID = clientID
        self.cleanSession = cleanSession
        self.keepAliveSeconds = keepAliveSeconds
        self.credentials = credentials
    }
}
