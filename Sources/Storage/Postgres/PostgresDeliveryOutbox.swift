import NIOCore
import PostgresNIO
import SafeCityCore

/// The delivery outbox in PostgreSQL, drained by every node at once: each takes its deliveries with
/// `FOR UPDATE SKIP LOCKED` and marks them claimed until a deadline, so no two nodes send one together.
public struct PostgresDeliveryOutbox: DeliveryOutbox {
    public let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    public func plannedThrough() async throws -> Int64 {
        try await database.query("SELECT seq FROM alert_outbox_cursor WHERE id = 1").first?.decode(Int64.self) ?? 0
    }

    @discardableResult
    public func enqueue(_ records: [OutboxRecord], plannedThrough sequence: Int64, claim: OutboxClaim?) async throws -> Set<String> {
        let logger = database.logger
        return try await database.withTransaction { connection in
            var stored: Set<String> = []
            if !records.isEmpty {
                let rows = try await connection.query("""
                    INSERT INTO alert_outbox (key, alert_id, subscription_id, body, state, attempts, next_attempt_at, created_at, last_error,
                                              claimed_by, claimed_until)
                    SELECT *, \(claim?.owner), \(claim?.until.millisecondsSince1970)::int8
                    FROM unnest(\(records.map(\.key)), \(records.map(\.alertID)), \(records.map(\.subscriptionID)),
                                \(records.map { ByteBuffer(bytes: $0.body) }), \(records.map(\.state.rawValue)),
                                \(records.map { Int64($0.attempts) })::int4[], \(records.map(\.nextAttemptAt.millisecondsSince1970)),
                                \(records.map(\.createdAt.millisecondsSince1970)), \(records.map { $0.lastError ?? "" }))
                    ON CONFLICT (key) DO NOTHING
                    RETURNING key
                    """, logger: logger)
                // Read to the end: a server error shows only when the result is read (see PostgresConnection.run).
                for try await key in rows.decode(String.self) { stored.insert(key) }
            }
            try await connection.run("""
                INSERT INTO alert_outbox_cursor (id, seq) VALUES (1, \(sequence))
                ON CONFLICT (id) DO UPDATE SET seq = GREATEST(alert_outbox_cursor.seq, excluded.seq)
                """, logger: logger)
            return stored
        }
    }

    public func due(at now: Timestamp, limit: Int) async throws -> [OutboxRecord] {
        try await database.query("""
            SELECT \(unescaped: Self.columns) FROM alert_outbox
            WHERE state = 'pending' AND next_attempt_at <= \(now.millisecondsSince1970) ORDER BY next_attempt_at, key LIMIT \(Int64(limit))
            """).map(Self.record)
    }

    public func claim(at now: Timestamp, limit: Int, owner: String, until: Timestamp) async throws -> [OutboxRecord] {
        let time = now.millisecondsSince1970
        return try await database.query("""
            UPDATE alert_outbox o SET claimed_by = \(owner), claimed_until = \(until.millisecondsSince1970)
            FROM (SELECT key FROM alert_outbox
                  WHERE state = 'pending' AND next_attempt_at <= \(time) AND (claimed_until IS NULL OR claimed_until <= \(time))
                  ORDER BY next_attempt_at, key LIMIT \(Int64(limit)) FOR UPDATE SKIP LOCKED) due
            WHERE o.key = due.key
            RETURNING \(unescaped: Self.columns.split(separator: ",").map { "o." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            """).map(Self.record).sorted { ($0.nextAttemptAt, $0.key) < ($1.nextAttemptAt, $1.key) }
    }

    public func nextDue() async throws -> Timestamp? {
        // A claimed delivery is not due for anyone else before its claim runs out.
        try await database.query("""
            SELECT MIN(GREATEST(next_attempt_at, COALESCE(claimed_until, 0)))::int8 FROM alert_outbox WHERE state = 'pending'
            """).first?.decode(Int64?.self).map(Timestamp.init(millisecondsSince1970:))
    }

    public func update(_ records: [OutboxRecord]) async throws {
        try await database.recordAttempts(records, in: "alert_outbox")
    }

    public func deliveries(ofAlert alertID: String) async throws -> [OutboxRecord] {
        try await database.query("SELECT \(unescaped: Self.columns) FROM alert_outbox WHERE alert_id = \(alertID) ORDER BY key").map(Self.record)
    }

    public func counts() async throws -> [OutboxRecord.State: Int] {
        var counts: [OutboxRecord.State: Int] = [:]
        for row in try await database.query("SELECT state, COUNT(*)::int8 FROM alert_outbox GROUP BY state") {
            let (state, count) = try row.decode((String, Int64).self)
            if let state = OutboxRecord.State(rawValue: state) { counts[state] = Int(count) }
        }
        return counts
    }

    @discardableResult
    public func prune(finishedBefore time: Timestamp) async throws -> Int {
        let rows = try await database.query("""
            WITH gone AS (DELETE FROM alert_outbox WHERE state IN ('delivered', 'abandoned') AND next_attempt_at < \(time.millisecondsSince1970)
                          RETURNING 1)
            SELECT COUNT(*)::int8 FROM gone
            """)
        return Int(try rows.first?.decode(Int64.self) ?? 0)
    }

    private static let columns = "key, alert_id, subscription_id, body, state, attempts, next_attempt_at, created_at, last_error"

    private static func record(_ row: PostgresRow) throws -> OutboxRecord {
        let (key, alert, subscription, body, state, attempts, next, created, error) =
            try row.decode((String, String, String, ByteBuffer, String, Int32, Int64, Int64, String?).self)
        return OutboxRecord(key: key, alertID: alert, subscriptionID: subscription, body: Array(buffer: body),
                            state: OutboxRecord.State(rawValue: state) ?? .pending, attempts: Int(attempts),
                            nextAttemptAt: Timestamp(millisecondsSince1970: next), createdAt: Timestamp(millisecondsSince1970: created),
                            lastError: error.flatMap { $0.isEmpty ? nil : $0 })
    }
}
