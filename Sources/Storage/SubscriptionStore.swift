/// Where alert subscriptions are kept (SQLite now; PostgreSQL can implement the same protocol).
public protocol SubscriptionStore: Sendable {
    /// Stores new subscriptions, all or none.
    func insert(_ subscriptions: [SubscriptionRecord]) async throws
    /// Removes a subscription; false when there was none.
    func delete(id: String) async throws -> Bool
    func all() async throws -> [SubscriptionRecord]
    /// Replaces a subscription's sealed endpoint and secret (re-encryption under a new key); false when it is gone.
    func updateSealed(id: String, sealedEndpoint: String, sealedSecret: String) async throws -> Bool
}
