import NIOCore
import PostgresNIO
import SafeCityCore

/// Alert subscriptions in PostgreSQL.
public struct PostgresSubscriptionStore: SubscriptionStore {
    public let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    public func insert(_ subscriptions: [SubscriptionRecord]) async throws {
        guard !subscriptions.isEmpty else { return }
        try await database.query("""
            INSERT INTO alert_subscriptions (id, definition, sealed_endpoint, sealed_secret, owner, created_at)
            SELECT * FROM unnest(\(subscriptions.map(\.id)), \(subscriptions.map { ByteBuffer(bytes: $0.definition) }),
                                 \(subscriptions.map(\.sealedEndpoint)), \(subscriptions.map(\.sealedSecret)), \(subscriptions.map(\.owner)),
                                 \(subscriptions.map(\.createdAt.millisecondsSince1970)))
            """)
    }

    public func delete(id: String) async throws -> Bool {
        try await !database.query("DELETE FROM alert_subscriptions WHERE id = \(id) RETURNING id").isEmpty
    }

    public func updateSealed(id: String, sealedEndpoint: String, sealedSecret: String) async throws -> Bool {
        try await !database.query("""
            UPDATE alert_subscriptions SET sealed_endpoint = \(sealedEndpoint), sealed_secret = \(sealedSecret) WHERE id = \(id) RETURNING id
            """).isEmpty
    }

    public func all() async throws -> [SubscriptionRecord] {
        try await database.query("""
            SELECT id, definition, sealed_endpoint, sealed_secret, owner, created_at FROM alert_subscriptions ORDER BY created_at, id
            """).map { row in
            let (id, definition, endpoint, secret, owner, created) = try row.decode((String, ByteBuffer, String, String, String, Int64).self)
            return SubscriptionRecord(id: id, definition: Array(buffer: definition), sealedEndpoint: endpoint, sealedSecret: secret, owner: owner,
                                      createdAt: Timestamp(millisecondsSince1970: created))
        }
    }
}
