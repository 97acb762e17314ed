import Foundation
import PostgresNIO
import SafeCityCore

/// The PostgreSQL schema, as numbered migrations recorded in `schema_migrations`.
///
/// - Note: The same tables as SQLite's, with two differences that matter for several nodes:
///   - the log's head (sequence and hash) is one row, `log_head`, that every append locks, so that
///     sequence numbers are gap-free and the hash chain has one order however many nodes write;
///   - `events` is partitioned by month of `recorded_at` (milliseconds), so that old months can be
///     detached for retention; event ids are kept unique in `event_ids`, since a unique index on a
///     partitioned table must include the partition key.
enum PostgresMigrations {
    struct Migration {
        var name: String
        var sql: [String]
    }

    static let all: [Migration] = [
        Migration(name: "v1-event-log", sql: [
            """
            CREATE TABLE events (
                seq BIGINT NOT NULL,
                id UUID NOT NULL,
                type TEXT NOT NULL,
                source TEXT NOT NULL,
                actor TEXT NOT NULL,
                occurred_at BIGINT NOT NULL,
                recorded_at BIGINT NOT NULL,
                latitude DOUBLE PRECISION,
                longitude DOUBLE PRECISION,
                schema_version INTEGER NOT NULL,
                payload BYTEA NOT NULL,
                prev_hash BYTEA NOT NULL,
                hash BYTEA NOT NULL,
                PRIMARY KEY (seq, recorded_at)
            ) PARTITION BY RANGE (recorded_at)
            """,
            "CREATE TABLE events_default PARTITION OF events DEFAULT",
            "CREATE INDEX events_type_seq ON events (type, seq)",
            "CREATE TABLE event_ids (id UUID PRIMARY KEY, seq BIGINT NOT NULL)",
            "CREATE TABLE log_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL, hash BYTEA NOT NULL)",
            "INSERT INTO log_head (id, seq, hash) VALUES (1, 0, '\\x\(HashChain.genesis.map { String(format: "%02x", $0) }.joined())')",
            """
            CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$
            """,
            "CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only()",
            "CREATE TRIGGER event_ids_no_update BEFORE UPDATE OR DELETE ON event_ids FOR EACH ROW EXECUTE FUNCTION events_append_only()",
            """
            CREATE TABLE projection_checkpoints (name TEXT PRIMARY KEY, version INTEGER NOT NULL, seq BIGINT NOT NULL, state BYTEA NOT NULL)
            """,
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, secret_hash BYTEA NOT NULL,
                created_at BIGINT NOT NULL, created_by TEXT NOT NULL, revoked_at BIGINT)
            """,
        ]),
        Migration(name: "v2-alert-delivery", sql: [
            """
            CREATE TABLE alert_subscriptions (
                id TEXT PRIMARY KEY, definition BYTEA NOT NULL, sealed_endpoint TEXT NOT NULL, sealed_secret TEXT NOT NULL,
                owner TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE alert_outbox (
                key TEXT PRIMARY KEY, alert_id TEXT NOT NULL, subscription_id TEXT NOT NULL, body BYTEA NOT NULL,
                state TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at BIGINT NOT NULL, created_at BIGINT NOT NULL,
                last_error TEXT, claimed_by TEXT, claimed_until BIGINT)
            """,
            "CREATE INDEX alert_outbox_due ON alert_outbox (state, next_attempt_at)",
            "CREATE INDEX alert_outbox_alert ON alert_outbox (alert_id)",
            "CREATE TABLE alert_outbox_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL)",
        ]),
        Migration(name: "v3-accounts", sql: [
            """
            CREATE TABLE accounts (
                username TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, totp_secret TEXT NOT NULL,
                totp_last_step BIGINT, failed_logins INTEGER NOT NULL DEFAULT 0, locked_until BIGINT,
                created_at BIGINT NOT NULL, created_by TEXT NOT NULL, disabled_at BIGINT)
            """,
            """
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY, username TEXT NOT NULL, role TEXT NOT NULL, created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL, revoked_at BIGINT)
            """,
            "CREATE INDEX sessions_username ON sessions (username)",
        ]),
        // Envelope encryption: data keys for personal fields, wrapped by the field key (the key-encryption key).
        Migration(name: "v4-privacy-field-keys", sql: [
            """
            CREATE TABLE field_keys (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, period TEXT NOT NULL, wrapped_key BYTEA NOT NULL, kek_id TEXT NOT NULL,
                created_at BIGINT NOT NULL, UNIQUE (kind, period))
            """,
        ]),
        // Notices to reporters: no addresses here, only which notification event, which request and which channel.
        Migration(name: "v5-reporter-notices", sql: [
            """
            CREATE TABLE notice_outbox (
                key TEXT PRIMARY KEY, event_seq BIGINT NOT NULL, request_id TEXT NOT NULL, reporter_request_id TEXT NOT NULL,
                channel TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL, last_error TEXT, claimed_by TEXT, claimed_until BIGINT)
            """,
            "CREATE INDEX notice_outbox_due ON notice_outbox (state, next_attempt_at)",
            "CREATE INDEX notice_outbox_request ON notice_outbox (request_id)",
            "CREATE INDEX notice_outbox_reporter_request ON notice_outbox (reporter_request_id)",
            "CREATE TABLE notice_outbox_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL)",
        ]),
    ]

    /// Applies the migrations not yet recorded, each in its own transaction, under an advisory lock.
    static func apply(to database: PostgresDatabase) async throws {
        try await database.withTransaction { connection in
            // Transaction-scoped: released at COMMIT, and by the server if this node dies.
            try await connection.run("SELECT pg_advisory_xact_lock(\(lockKey))", logger: database.logger)
            try await connection.run("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                                       logger: database.logger)
            var applied = Set<String>()
            for try await name in try await connection.query("SELECT name FROM schema_migrations", logger: database.logger).decode(String.self) {
                applied.insert(name)
            }
            for migration in all where !applied.contains(migration.name) {
                for statement in migration.sql {
                    try await connection.run(PostgresQuery(unsafeSQL: statement), logger: database.logger)
                }
                try await connection.run("INSERT INTO schema_migrations (name) VALUES (\(migration.name))", logger: database.logger)
            }
        }
        try await PostgresPartitions.ensure(in: database, around: SystemClock().now())
    }

    /// The migrations recorded in the database, in the order applied.
    static func applied(in database: PostgresDatabase) async throws -> [String] {
        try await database.query("SELECT name FROM schema_migrations ORDER BY applied_at, name").map { try $0.decode(String.self) }
    }

    /// The advisory lock key of schema changes ("SCMIGRAT" in ASCII).
    static let lockKey: Int64 = 0x5343_4D49_4752_4154
}
