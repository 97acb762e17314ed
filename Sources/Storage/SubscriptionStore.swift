/// Where alert subscriptions are kept (SQLite now; PostgreSQL can implement the same protocol).
public protocol SubscriptionStore: Sendable {
    /// Stores new subscriptions, all or none.
    func insert(_ subscriptions: [SubscriptionRecord]) async throws
    /// Removes a subscription; false when there was none.
    func delete(id: String) async throws -> Bool
    func all() async throws -> [SubscriptionRecord]
}
