import Foundation
import SafeCityCore

/// One database's log and stores: the embedded SQLite file (one node) or a PostgreSQL server that several
/// nodes share. Everything above storage sees only the protocols.
public struct StorageBackend: Sendable {
    /// Which kind of database, and its handle.
    public enum Database: Sendable {
        case sqlite(SQLiteDatabase)
        case postgres(PostgresDatabase, PostgresHeadListener)
    }

    public let database: Database
    public let log: any EventLog
    public let checkpoints: any CheckpointStore
    public let apiKeys: any APIKeyStore
    public let accounts: any AccountStore
    public let subscriptions: any SubscriptionStore
    public let outbox: any DeliveryOutbox
    /// Notices to reporters (email, SMS), without their addresses.
    public let notices: any NoticeOutbox
    /// Wrapped data keys of the personal fields.
    public let fieldKeys: any FieldKeyStore

    /// Opens `location`: a `postgres://` URL, or else the path of a SQLite file (created with its folder if missing).
    public static func open(_ location: String, clock: any WallClock = SystemClock(), maximumConnections: Int = 16) async throws -> StorageBackend {
        if PostgresLocation.isURL(location) {
            return try await postgres(PostgresDatabase(location: PostgresLocation(url: location), maximumConnections: maximumConnections), clock: clock)
        }
        return try sqlite(SQLiteDatabase(path: location), clock: clock)
    }

    /// The stores of a SQLite database.
    public static func sqlite(_ database: SQLiteDatabase, clock: any WallClock = SystemClock()) throws -> StorageBackend {
        StorageBackend(
            database: .sqlite(database), log: try SQLiteEventLog(database: database, clock: clock), checkpoints: SQLiteCheckpointStore(database: database),
            apiKeys: SQLiteAPIKeyStore(database: database), accounts: SQLiteAccountStore(database: database),
            subscriptions: SQLiteSubscriptionStore(database: database), outbox: SQLiteDeliveryOutbox(database: database),
            notices: SQLiteNoticeOutbox(database: database), fieldKeys: SQLiteFieldKeyStore(database: database))
    }

    /// The stores of a PostgreSQL database, with a listener that wakes this node's readers on other nodes' commits.
    public static func postgres(_ database: PostgresDatabase, clock: any WallClock = SystemClock()) async throws -> StorageBackend {
        let log = try await PostgresEventLog(database: database, clock: clock)
        let listener = PostgresHeadListener(log: log)
        await listener.start()
        await listener.maintain { try await PostgresPartitions.ensure(in: database, around: clock.now()) }
        return StorageBackend(
            database: .postgres(database, listener), log: log, checkpoints: PostgresCheckpointStore(database: database),
            apiKeys: PostgresAPIKeyStore(database: database), accounts: PostgresAccountStore(database: database),
            subscriptions: PostgresSubscriptionStore(database: database), outbox: PostgresDeliveryOutbox(database: database),
            notices: PostgresNoticeOutbox(database: database), fieldKeys: PostgresFieldKeyStore(database: database))
    }

    /// "sqlite" or "postgres", for metrics and readiness.
    public var kind: String {
        switch database {
        case .sqlite: "sqlite"
        case .postgres: "postgres"
        }
    }

    /// Where the data lives, without secrets.
    public var location: String {
        switch database {
        case let .sqlite(database): database.path
        case let .postgres(database, _): database.location.description
        }
    }

    /// The folder of a SQLite file (where its field key is kept by default); nil for PostgreSQL.
    public var localFolder: URL? {
        if case let .sqlite(database) = database { return URL(fileURLWithPath: database.path).deletingLastPathComponent() }
        return nil
    }

    /// The PostgreSQL pool's use; nil on SQLite.
    public var poolUsage: PostgresDatabase.PoolUsage? {
        if case let .postgres(database, _) = database { return database.poolUsage }
        return nil
    }

    /// The most connections the PostgreSQL pool opens; nil on SQLite.
    public var maximumConnections: Int? {
        if case let .postgres(database, _) = database { return database.maximumConnections }
        return nil
    }

    /// Migrations recorded in the database, in order.
    public func appliedMigrations() async throws -> [String] {
        switch database {
        case let .sqlite(database): try await database.pool.read { try SQLiteDatabase.migrator.appliedIdentifiers($0) }.sorted()
        case let .postgres(database, _): try await PostgresMigrations.applied(in: database)
        }
    }

    /// Stops listening and closes connections.
    public func close() async {
        if case let .postgres(database, listener) = database {
            await listener.stop()
            database.close()
        }
    }
}
