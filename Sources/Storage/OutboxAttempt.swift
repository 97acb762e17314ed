import SafeCityCore

/// What an attempt changes in an outbox row: the part that both outboxes (alert deliveries, reporter notices) write
/// back alike after sending.
public protocol OutboxAttempt: Sendable {
    var key: String { get }
    var state: OutboxRecord.State { get }
    var attempts: Int { get }
    var nextAttemptAt: Timestamp { get }
    var lastError: String? { get }
}

extension OutboxRecord: OutboxAttempt {}
extension NoticeRecord: OutboxAttempt {}
