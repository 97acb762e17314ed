import PostgresNIO
import SafeCityCore

/// The notice outbox in PostgreSQL, drained by every node at once: each takes its notices with
/// `FOR UPDATE SKIP LOCKED` and marks them claimed until a deadline, so no two nodes send one together.
public struct PostgresNoticeOutbox: NoticeOutbox {
    public let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    public func plannedThrough() async throws -> Int64 {
        try await database.query("SELECT seq FROM notice_outbox_cursor WHERE id = 1").first?.decode(Int64.self) ?? 0
    }

    public func enqueue(_ records: [NoticeRecord], plannedThrough sequence: Int64) async throws {
        let logger = database.logger
        try await database.withTransaction { connection in
            if !records.isEmpty {
                try await connection.run("""
                    INSERT INTO notice_outbox (key, event_seq, request_id, reporter_request_id, channel, state, attempts, next_attempt_at, created_at)
                    SELECT * FROM unnest(\(records.map(\.key)), \(records.map(\.eventSequence)), \(records.map(\.requestID)),
                                         \(records.map(\.reporterRequestID)), \(records.map(\.channel)), \(records.map(\.state.rawValue)),
                                         \(records.map { Int64($0.attempts) })::int4[], \(records.map(\.nextAttemptAt.millisecondsSince1970)),
                                         \(records.map(\.createdAt.millisecondsSince1970)))
                    ON CONFLICT (key) DO NOTHING
                    """, logger: logger)
            }
            try await connection.run("""
                INSERT INTO notice_outbox_cursor (id, seq) VALUES (1, \(sequence))
                ON CONFLICT (id) DO UPDATE SET seq = GREATEST(notice_outbox_cursor.seq, excluded.seq)
                """, logger: logger)
        }
    }

    public func claim(channels: Set<String>, at now: Timestamp, limit: Int, owner: String, until: Timestamp) async throws -> [NoticeRecord] {
        guard !channels.isEmpty else { return [] }
        let time = now.millisecondsSince1970
        return try await database.query("""
            UPDATE notice_outbox o SET claimed_by = \(owner), claimed_until = \(until.millisecondsSince1970)
            FROM (SELECT key FROM notice_outbox
                  WHERE state = 'pending' AND next_attempt_at <= \(time) AND (claimed_until IS NULL OR claimed_until <= \(time))
                    AND channel = ANY(\(channels.sorted()))
                  ORDER BY next_attempt_at, event_seq, channel LIMIT \(Int64(limit)) FOR UPDATE SKIP LOCKED) due
            WHERE o.key = due.key
            RETURNING \(unescaped: Self.columns("o."))
            """).map(Self.record)
            .sorted { ($0.nextAttemptAt, $0.eventSequence, $0.channel) < ($1.nextAttemptAt, $1.eventSequence, $1.channel) }
    }

    public func nextDue(channels: Set<String>) async throws -> Timestamp? {
        guard !channels.isEmpty else { return nil }
        return try await database.query("""
            SELECT MIN(GREATEST(next_attempt_at, COALESCE(claimed_until, 0)))::int8 FROM notice_outbox
            WHERE state = 'pending' AND channel = ANY(\(channels.sorted()))
            """).first?.decode(Int64?.self).map(Timestamp.init(millisecondsSince1970:))
    }

    public func update(_ records: [NoticeRecord]) async throws {
        try await database.recordAttempts(records, in: "notice_outbox")
    }

    public func notices(ofRequest requestID: String) async throws -> [NoticeRecord] {
        try await database.query("""
            SELECT \(unescaped: Self.columns("")) FROM notice_outbox WHERE request_id = \(requestID) OR reporter_request_id = \(requestID)
            ORDER BY event_seq, channel
            """).map(Self.record)
    }

    public func recent(state: OutboxRecord.State?, limit: Int) async throws -> [NoticeRecord] {
        try await database.query("""
            SELECT \(unescaped: Self.columns("")) FROM notice_outbox WHERE (\(state?.rawValue)::text IS NULL OR state = \(state?.rawValue))
            ORDER BY event_seq DESC, channel LIMIT \(Int64(limit))
            """).map(Self.record)
    }

    public func counts() async throws -> [String: [OutboxRecord.State: Int]] {
        var counts: [String: [OutboxRecord.State: Int]] = [:]
        for row in try await database.query("SELECT channel, state, COUNT(*)::int8 FROM notice_outbox GROUP BY channel, state") {
            let (channel, state, count) = try row.decode((String, String, Int64).self)
            if let state = OutboxRecord.State(rawValue: state) { counts[channel, default: [:]][state] = Int(count) }
        }
        return counts
    }

    private static func columns(_ prefix: String) -> String {
        ["event_seq", "request_id", "reporter_request_id", "channel", "state", "attempts", "next_attempt_at", "created_at", "last_error"]
            .map { prefix + $0 }.joined(separator: ", ")
    }

    private static func record(_ row: PostgresRow) throws -> NoticeRecord {
        let (sequence, request, reporterRequest, channel, state, attempts, next, created, error) =
            try row.decode((Int64, String, String, String, String, Int32, Int64, Int64, String?).self)
        return NoticeRecord(eventSequence: sequence, requestID: request, reporterRequestID: reporterRequest, channel: channel,
                            state: OutboxRecord.State(rawValue: state) ?? .pending, attempts: Int(attempts),
                            nextAttemptAt: Timestamp(millisecondsSince1970: next), createdAt: Timestamp(millisecondsSince1970: created),
                            lastError: error.flatMap { $0.isEmpty ? nil : $0 })
    }
}
