import SafeCityCore

/// The durable queue of notices to reporters (email, SMS), with the log position through which
/// `report.notification` events were planned.
///
/// - Note: ``enqueue(_:plannedThrough:)`` stores the notices and the position together, so a restart plans each
///   event once; a key enqueued again changes nothing. Claims work as in ``DeliveryOutbox``: several nodes may drain
///   one outbox, and a claim that runs out is taken again (at-least-once; the key makes repeats recognisable).
public protocol NoticeOutbox: Sendable {
    /// The log sequence through which notification events have been planned.
    func plannedThrough() async throws -> Int64
    /// Stores new notices and advances the planned position, all or nothing.
    func enqueue(_ records: [NoticeRecord], plannedThrough sequence: Int64) async throws
    /// Takes up to `limit` pending notices of the given channels due at `now`, for `owner` until `until`,
    /// earliest first, then in log order (so a reporter's notices go out in the order of the steps).
    func claim(channels: Set<String>, at now: Timestamp, limit: Int, owner: String, until: Timestamp) async throws -> [NoticeRecord]
    /// The earliest time a pending notice of the given channels may be taken.
    func nextDue(channels: Set<String>) async throws -> Timestamp?
    /// Stores attempts' outcomes (state, attempts, next attempt, last error) and releases their claims, in one transaction.
    func update(_ records: [NoticeRecord]) async throws
    /// The notices of a request (as primary or as the reporter's own), by key.
    func notices(ofRequest requestID: String) async throws -> [NoticeRecord]
    /// The latest notices, newest first; only those in `state` when given.
    func recent(state: OutboxRecord.State?, limit: Int) async throws -> [NoticeRecord]
    /// How many notices are in each state, per channel.
    func counts() async throws -> [String: [OutboxRecord.State: Int]]
}
