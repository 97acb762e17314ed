import SafeCityCore

/// One notice to a reporter waiting in the notice outbox, or its outcome. Holds no personal data: the address is
/// looked up when the notice is sent.
public struct NoticeRecord: Sendable, Equatable {
    /// The idempotency key: the notification event's log sequence and the channel, e.g. `42-email`; unique.
    public var key: String
    /// The `report.notification` event this notice carries out.
    public var eventSequence: Int64
    /// The request whose step is told (the primary after a merge).
    public var requestID: String
    /// The request the reporter filed, whose contact is used.
    public var reporterRequestID: String
    /// `email` or `sms`.
    public var channel: String
    public var state: OutboxRecord.State
    /// Attempts made so far.
    public var attempts: Int
    public var nextAttemptAt: Timestamp
    public var createdAt: Timestamp
    /// Why the last attempt failed, or why the notice was given up; never an address.
    public var lastError: String?

    public init(eventSequence: Int64, requestID: String, reporterRequestID: String, channel: String, state: OutboxRecord.State = .pending,
                attempts: Int = 0, nextAttemptAt: Timestamp, createdAt: Timestamp, lastError: String? = nil) {
        self.key = Self.key(eventSequence: eventSequence, channel: channel)
        self.eventSequence = eventSequence
        self.requestID = requestID
        self.reporterRequestID = reporterRequestID
        self.channel = channel
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
        self.lastError = lastError
    }

    /// The key of the notice of an event on a channel.
    public static func key(eventSequence: Int64, channel: String) -> String { "\(eventSequence)-\(channel)" }
}
