import SafeCityCore

/// One message waiting in the delivery outbox, or its outcome.
public struct OutboxRecord: Sendable, Equatable {
    /// Where a delivery is in its life.
    public enum State: String, Sendable {
        case pending, delivered, abandoned
    }

    /// The idempotency key: alert id and subscription id; unique in the outbox.
    public var key: String
    public var alertID: String
    public var subscriptionID: String
    /// The exact bytes to send.
    public var body: [UInt8]
    public var state: State
    /// Attempts made so far.
    public var attempts: Int
    public var nextAttemptAt: Timestamp
    public var createdAt: Timestamp
    public var lastError: String?

    public init(key: String, alertID: String, subscriptionID: String, body: [UInt8], state: State = .pending, attempts: Int = 0,
                nextAttemptAt: Timestamp, createdAt: Timestamp, lastError: String? = nil) {
        self.key = key
        self.alertID = alertID
        self.subscriptionID = subscriptionID
        self.body = body
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
        self.lastError = lastError
    }
}
