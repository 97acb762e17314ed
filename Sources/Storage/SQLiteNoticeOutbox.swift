import GRDB
import SafeCityCore

/// The notice outbox in the SQLite database; one process drains it, claims are still recorded so the rules
/// are the same as on PostgreSQL.
public struct SQLiteNoticeOutbox: NoticeOutbox {
    public let database: SQLiteDatabase

    public init(database: SQLiteDatabase) { self.database = database }

    public func plannedThrough() async throws -> Int64 {
        try await database.pool.read { db in try Int64.fetchOne(db, sql: "SELECT seq FROM notice_outbox_cursor WHERE id = 1") ?? 0 }
    }

    public func enqueue(_ records: [NoticeRecord], plannedThrough sequence: Int64) async throws {
        try await database.pool.write { db in
            let insert = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO notice_outbox (key, event_seq, request_id, reporter_request_id, channel, state, attempts, next_attempt_at,
                                                     created_at, last_error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for r in records {
                try insert.execute(arguments: [r.key, r.eventSequence, r.requestID, r.reporterRequestID, r.channel, r.state.rawValue, r.attempts,
                                               r.nextAttemptAt.millisecondsSince1970, r.createdAt.millisecondsSince1970, r.lastError])
            }
            try db.execute(sql: "INSERT INTO notice_outbox_cursor (id, seq) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET seq = MAX(seq, excluded.seq)",
                           arguments: [sequence])
        }
    }

    public func claim(channels: Set<String>, at now: Timestamp, limit: Int, owner: String, until: Timestamp) async throws -> [NoticeRecord] {
        guard !channels.isEmpty else { return [] }
        let time = now.millisecondsSince1970
        return try await database.pool.write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM notice_outbox
                WHERE state = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
                  AND channel IN (\(channels.map { _ in "?" }.joined(separator: ",")))
                ORDER BY next_attempt_at, event_seq, channel LIMIT ?
                """, arguments: StatementArguments([time, time] + channels.sorted().map { $0 as any DatabaseValueConvertible } + [limit]))
            let records = rows.map(Self.record)
            let mark = try db.makeStatement(sql: "UPDATE notice_outbox SET claimed_by = ?, claimed_until = ? WHERE key = ?")
            for r in records { try mark.execute(arguments: [owner, until.millisecondsSince1970, r.key]) }
            return records
        }
    }

    public func nextDue(channels: Set<String>) async throws -> Timestamp? {
        guard !channels.isEmpty else { return nil }
        return try await database.pool.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT MIN(MAX(next_attempt_at, COALESCE(claimed_until, 0))) FROM notice_outbox
                WHERE state = 'pending' AND channel IN (\(channels.map { _ in "?" }.joined(separator: ",")))
                """, arguments: StatementArguments(channels.sorted())).map { Timestamp(millisecondsSince1970: $0) }
        }
    }

    public func update(_ records: [NoticeRecord]) async throws {
        guard !records.isEmpty else { return }
        try await database.pool.write { db in
            let update = try db.makeStatement(sql: """
                UPDATE notice_outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL
                WHERE key = ?
                """)
            for r in records {
                try update.execute(arguments: [r.state.rawValue, r.attempts, r.nextAttemptAt.millisecondsSince1970, r.lastError, r.key])
            }
        }
    }

    public func notices(ofRequest requestID: String) async throws -> [NoticeRecord] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notice_outbox WHERE request_id = ? OR reporter_request_id = ? ORDER BY event_seq, channel",
                             arguments: [requestID, requestID]).map(Self.record)
        }
    }

    public func recent(state: OutboxRecord.State?, limit: Int) async throws -> [NoticeRecord] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM notice_outbox WHERE (? IS NULL OR state = ?) ORDER BY event_seq DESC, channel LIMIT ?
                """, arguments: [state?.rawValue, state?.rawValue, limit]).map(Self.record)
        }
    }

    public func counts() async throws -> [String: [OutboxRecord.State: Int]] {
        try await database.pool.read { db in
            var counts: [String: [OutboxRecord.State: Int]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT channel, state, COUNT(*) AS n FROM notice_outbox GROUP BY channel, state") {
                if let state = OutboxRecord.State(rawValue: row["state"]) { counts[row["channel"], default: [:]][state] = row["n"] }
            }
            return counts
        }
    }

    private static func record(_ row: Row) -> NoticeRecord {
        NoticeRecord(eventSequence: row["event_seq"], requestID: row["request_id"], reporterRequestID: row["reporter_request_id"], channel: row["channel"],
                     state: OutboxRecord.State(rawValue: row["state"]) ?? .pending, attempts: row["attempts"],
                     nextAttemptAt: Timestamp(millisecondsSince1970: row["next_attempt_at"]),
                     createdAt: Timestamp(millisecondsSince1970: row["created_at"]), lastError: row["last_error"])
    }
}
