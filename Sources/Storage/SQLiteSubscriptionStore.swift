import Foundation
import GRDB
import SafeCityCore

/// Alert subscriptions in the SQLite database.
public struct SQLiteSubscriptionStore: SubscriptionStore {
    public let database: SQLiteDatabase

    public init(database: SQLiteDatabase) { self.database = database }

    public func insert(_ subscriptions: [SubscriptionRecord]) async throws {
        try await database.pool.write { db in
            let insert = try db.makeStatement(sql: """
                INSERT INTO alert_subscriptions (id, definition, sealed_endpoint, sealed_secret, owner, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            for s in subscriptions {
                try insert.execute(arguments: [s.id, Data(s.definition), s.sealedEndpoint, s.sealedSecret, s.owner, s.createdAt.millisecondsSince1970])
            }
        }
    }

    public func delete(id: String) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(sql: "DELETE FROM alert_subscriptions WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    public func all() async throws -> [SubscriptionRecord] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alert_subscriptions ORDER BY created_at, id").map { row in
                SubscriptionRecord(id: row["id"], definition: Array(row["definition"] as Data), sealedEndpoint: row["sealed_endpoint"],
                                   sealedSecret: row["sealed_secret"], owner: row["owner"],
                                   createdAt: Timestamp(millisecondsSince1970: row["created_at"]))
            }
        }
    }

    public func updateSealed(id: String, sealedEndpoint: String, sealedSecret: String) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(sql: "UPDATE alert_subscriptions SET sealed_endpoint = ?, sealed_secret = ? WHERE id = ?",
                           arguments: [sealedEndpoint, sealedSecret, id])
            return db.changesCount > 0
        }
    }
}
