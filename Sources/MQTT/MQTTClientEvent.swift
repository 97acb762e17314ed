/// A change in the client's connection, published on `MQTTClient.events` for logging and health checks.
public enum MQTTClientEvent: Sendable, Hashable {
    /// Connected (or reconnected) and, after a reconnect, every subscription has been renewed.
    case connected(sessionPresent: Bool)
    /// The connection was lost (`reason` set) or closed by `disconnect()` (`reason` nil).
    case disconnected(reason: String?)
    /// Reconnection attempt `attempt` (from 1) will start after `delaySeconds`.
    case reconnecting(attempt: Int, delaySeconds: Double)
    /// Reconnection attempt `attempt` failed for `reason`; another follows.
    case reconnectFailed(attempt: Int, reason: String)
    /// After a reconnect the broker refused these filters again; they were dropped.
    case resubscribeFailed(filters: [String])
}
