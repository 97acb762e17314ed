import Foundation
import GRDB
import SafeCityCore

/// The delivery outbox in the SQLite database.
public struct SQLiteDeliveryOutbox: DeliveryOutbox {
    public let database: SQLiteDatabase

    public init(database: SQLiteDatabase) { self.database = database }

    public func plannedThrough() async throws -> Int64 {
        try await database.pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT seq FROM alert_outbox_cursor WHERE id = 1") ?? 0
        }
    }

    /// One process drains this store, so `claim` needs no marking: the caller holds what it stored until it stores outcomes.
    @discardableResult
    public func enqueue(_ records: [OutboxRecord], plannedThrough sequence: Int64, claim: OutboxClaim?) async throws -> Set<String> {
        try await database.pool.write { db in
            var stored: Set<String> = []
            let insert = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO alert_outbox (key, alert_id, subscription_id, body, state, attempts, next_attempt_at, created_at, last_error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for r in records {
                try insert.execute(arguments: [r.key, r.alertID, r.subscriptionID, Data(r.body), r.state.rawValue, r.attempts,
                                               r.nextAttemptAt.millisecondsSince1970, r.createdAt.millisecondsSince1970, r.lastError])
                if db.changesCount > 0 { stored.insert(r.key) }
            }
            try db.execute(sql: "INSERT INTO alert_outbox_cursor (id, seq) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET seq = MAX(seq, excluded.seq)",
                           arguments: [sequence])
            return stored
        }
    }

    public func due(at now: Timestamp, limit: Int) async throws -> [OutboxRecord] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM alert_outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, key LIMIT ?
                """, arguments: [now.millisecondsSince1970, limit]).map(Self.record)
        }
    }

    public func nextDue() async throws -> Timestamp? {
        try await database.pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT MIN(next_attempt_at) FROM alert_outbox WHERE state = 'pending'")
                .map { Timestamp(millisecondsSince1970: $0) }
        }
    }

    public func update(_ records: [OutboxRecord]) async throws {
        guard !records.isEmpty else { return }
        try await database.pool.write { db in
            let update = try db.makeStatement(sql: "UPDATE alert_outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE key = ?")
            for r in records {
                try update.execute(arguments: [r.state.rawValue, r.attempts, r.nextAttemptAt.millisecondsSince1970, r.lastError, r.key])
            }
        }
    }

    public func deliveries(ofAlert alertID: String) async throws -> [OutboxRecord] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alert_outbox WHERE alert_id = ? ORDER BY key", arguments: [alertID]).map(Self.record)
        }
    }

    public func counts() async throws -> [OutboxRecord.State: Int] {
        try await database.pool.read { db in
            var counts: [OutboxRecord.State: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM alert_outbox GROUP BY state") {
                if let state = OutboxRecord.State(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    @discardableResult
    public func prune(finishedBefore time: Timestamp) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(sql: "DELETE FROM alert_outbox WHERE state IN ('delivered', 'abandoned') AND next_attempt_at < ?",
                           arguments: [time.millisecondsSince1970])
            return db.changesCount
        }
    }

    private static func record(_ row: Row) -> OutboxRecord {
        OutboxRecord(key: row["key"], alertID: row["alert_id"], subscriptionID: row["subscription_id"], body: Array(row["body"] as Data),
                     state: OutboxRecord.State(rawValue: row["state"]) ?? .pending, attempts: row["attempts"],
                     nextAttemptAt: Timestamp(millisecondsSince1970: row["next_attempt_at"]),
                     createdAt: Timestamp(millisecondsSince1970: row["created_at"]), lastError: row["last_error"])
    }
}
