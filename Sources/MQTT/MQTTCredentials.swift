/// A user name and optional password sent in CONNECT (MQTT 3.1.1 §3.1.3.4–5).
public struct MQTTCredentials: Sendable, Hashable {
    /// The user name, a UTF-8 string of at most 65 535 bytes.
    public var username: String
    /// The password, binary data of at most 65 535 bytes; `nil` sends none.
    public var password: [UInt8]?

    /// Creates credentials from a user name and an optional binary password.
    public init(username: String, password: [UInt8]? = nil) {
        self.username = username
        self.password = password
    }

    /// Creates credentials from a user name and a UTF-8 password.
    public init(username: String, password: String) {
        self.init(username: username, password: Array(password.utf8))
    }
}
