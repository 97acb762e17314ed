/// The body of an UNSUBSCRIBE packet (MQTT 3.1.1 §3.10).
public struct MQTTUnsubscribe: Sendable, Hashable {
    /// The packet identifier the UNSUBACK will echo.
    public var packetID: UInt16
    /// The topic filters to remove, spelled exactly as subscribed.
    public var filters: [String]

    /// Creates an UNSUBSCRIBE body.
    public init(packetID: UInt16, filters: [String]) {
        self.packetID = packetID
        self.filters = filters
    }
}
