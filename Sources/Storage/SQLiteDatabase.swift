import Foundation
import GRDB
import SafeCityCore

/// The embedded SQLite database: one file in WAL mode holding the log, checkpoints and stores.
///
/// - Note: `synchronous = FULL` makes every commit durable on power loss, not only on a
///   process crash; an acknowledged event is never lost.
public final class SQLiteDatabase: Sendable {
    /// The underlying GRDB pool: one writer, concurrent readers.
    public let pool: DatabasePool
    /// The database file.
    public let path: String

    /// Opens (creating if needed) the database at `path` and applies migrations.
    public init(path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // 64 MiB of page cache per connection keeps the log's indexes in memory while it grows.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        configuration.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw EventLogError.storage("cannot open \(path): \(error)")
        }
        self.path = path
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-event-log") { db in
            try db.execute(sql: """
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY,
                    id BLOB NOT NULL UNIQUE,
                    type TEXT NOT NULL,
                    source TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    recorded_at INTEGER NOT NULL,
                    latitude REAL,
                    longitude REAL,
                    schema_version INTEGER NOT NULL,
                    payload BLOB NOT NULL,
                    prev_hash BLOB NOT NULL,
                    hash BLOB NOT NULL
                );
                CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                CREATE TABLE projection_checkpoints (
                    name TEXT PRIMARY KEY,
                    version INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    state BLOB NOT NULL
                );
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    secret_hash BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    created_by TEXT NOT NULL,
                    revoked_at INTEGER
                );
                """)
        }
        migrator.registerMigration("v2-alert-delivery") { db in
            try db.execute(sql: """
                CREATE TABLE alert_subscriptions (
                    id TEXT PRIMARY KEY,
                    definition BLOB NOT NULL,
                    sealed_endpoint TEXT NOT NULL,
                    sealed_secret TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE alert_outbox (
                    key TEXT PRIMARY KEY,
                    alert_id TEXT NOT NULL,
                    subscription_id TEXT NOT NULL,
                    body BLOB NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    next_attempt_at INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    last_error TEXT
                );
                CREATE INDEX alert_outbox_due ON alert_outbox (state, next_attempt_at);
                CREATE INDEX alert_outbox_alert ON alert_outbox (alert_id);
                CREATE TABLE alert_outbox_cursor (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    seq INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v3-accounts") { db in
            try db.execute(sql: """
                CREATE TABLE accounts (
                    username TEXT PRIMARY KEY,
                    role TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    totp_secret TEXT NOT NULL,
                    totp_last_step INTEGER,
                    failed_logins INTEGER NOT NULL DEFAULT 0,
                    locked_until INTEGER,
                    created_at INTEGER NOT NULL,
                    created_by TEXT NOT NULL,
                    disabled_at INTEGER
                );
                CREATE TABLE sessions (
                    id TEXT PRIMARY KEY,
                    username TEXT NOT NULL,
                    role TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                CREATE INDEX sessions_username ON sessions (username);
                """)
        }
        // Envelope encryption: data keys for personal fields, wrapped by the field key (the key-encryption key).
        migrator.registerMigration("v4-privacy-field-keys") { db in
            try db.execute(sql: """
                CREATE TABLE field_keys (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    period TEXT NOT NULL,
                    wrapped_key BLOB NOT NULL,
                    kek_id TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    UNIQUE (kind, period)
                );
                """)
        }
        // Notices to reporters: no addresses here, only which notification event, which request and which channel.
        migrator.registerMigration("v5-reporter-notices") { db in
            try db.execute(sql: """
                CREATE TABLE notice_outbox (
                    key TEXT PRIMARY KEY,
                    event_seq INTEGER NOT NULL,
                    request_id TEXT NOT NULL,
                    reporter_request_id TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    next_attempt_at INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    last_error TEXT,
                    claimed_by TEXT,
                    claimed_until INTEGER
                );
                CREATE INDEX notice_outbox_due ON notice_outbox (state, next_attempt_at);
                CREATE INDEX notice_outbox_request ON notice_outbox (request_id);
                CREATE INDEX notice_outbox_reporter_request ON notice_outbox (reporter_request_id);
                CREATE TABLE notice_outbox_cursor (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    seq INTEGER NOT NULL
                );
                """)
        }
        return migrator
    }
}
