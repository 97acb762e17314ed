import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import SafeCityCore
import Synchronization

/// An error a caller throws from inside a database operation on purpose, handed back to it unchanged.
protocol PostgresRefusal: Error {}

/// A PostgreSQL database shared by every SafeCity node: a connection pool, the schema migrations, and
/// counts of the pool's use for the metrics.
///
/// - Note: The pool runs until ``close()``. Migrations are applied at open under an advisory lock, so
///   nodes started together apply each one once.
public final class PostgresDatabase: Sendable {
    public let location: PostgresLocation
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>
    private let usage = Mutex(PoolUsage())
    /// The most connections the pool opens.
    public let maximumConnections: Int

    /// How the pool has been used, for the metrics.
    public struct PoolUsage: Sendable, Equatable {
        /// Operations running now (each holds one connection).
        public var inUse = 0
        public var peakInUse = 0
        public var operations = 0
        public var failures = 0
        /// Total time operations waited for and held a connection, in microseconds.
        public var busyMicroseconds: Int64 = 0
    }

    /// Connects to `location` (the pool connects lazily) and applies the migrations.
    public init(location: PostgresLocation, maximumConnections: Int = 16, logger: Logger = PostgresDatabase.defaultLogger) async throws {
        self.location = location
        self.logger = logger
        self.maximumConnections = maximumConnections
        client = PostgresClient(configuration: Self.configuration(location, maximumConnections: maximumConnections), backgroundLogger: logger)
        let client = self.client
        runner = Task { await client.run() }
        // One connection first: an unreachable server or a refused login fails here at once, with the server's reason,
        // rather than after the pool's reconnection back-off.
        do {
            try await Self.dedicatedConnection(to: location, id: 0, logger: logger).close()
        } catch {
            runner.cancel()
            throw EventLogError.storage("cannot connect to \(location): \(Self.describe(error))")
        }
        do {
            try await PostgresMigrations.apply(to: self)
        } catch {
            runner.cancel()
            throw EventLogError.storage("cannot migrate \(location): \(Self.describe(error))")
        }
    }

    /// Opens the database named by a `postgres://` URL.
    public convenience init(url: String, maximumConnections: Int = 16) async throws {
        try await self.init(location: PostgresLocation(url: url), maximumConnections: maximumConnections)
    }

    /// Closes the pool; operations after this fail.
    public func close() {
        runner.cancel()
    }

    /// A snapshot of the pool's use.
    public var poolUsage: PoolUsage { usage.withLock { $0 } }

    /// Runs `body` on a pooled connection, counting its use; errors become ``EventLogError/storage(_:)``
    /// unless they are already the log's own.
    func withConnection<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await measured { try await client.withConnection(body) }
    }

    /// Runs `body` in a transaction (BEGIN … COMMIT, ROLLBACK on error).
    func withTransaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await measured {
            try await client.withConnection { connection in
                try await connection.run("BEGIN", logger: logger)
                do {
                    let result = try await body(connection)
                    try await connection.run("COMMIT", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.run("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    /// Runs one statement and collects its rows.
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await withConnection { connection in
            var rows: [PostgresRow] = []
            for try await row in try await connection.query(query, logger: logger) { rows.append(row) }
            return rows
        }
    }

    private func measured<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        let start = ContinuousClock.now
        usage.withLock {
            $0.inUse += 1
            $0.peakInUse = max($0.peakInUse, $0.inUse)
        }
        defer {
            let elapsed = ContinuousClock.now - start
            usage.withLock {
                $0.inUse -= 1
                $0.operations += 1
                $0.busyMicroseconds += elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
            }
        }
        do {
            return try await body()
        } catch {
            usage.withLock { $0.failures += 1 }
            // The log's own refusals keep their type; the driver's failures become storage errors.
            if error is EventLogError || error is any PostgresRefusal { throw error }
            throw Self.storageError(error)
        }
    }

    /// The SQLSTATE of a server error (e.g. `23505` for a unique violation), if `error` is one.
    static func sqlState(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    static func storageError(_ error: any Error) -> EventLogError {
        if let error = error as? EventLogError { return error }
        return .storage(describe(error))
    }

    /// A one-line description: the server's message when there is one (PSQLError's own text hides it).
    static func describe(_ error: any Error) -> String {
        if case let .storage(message)? = error as? EventLogError { return message }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return "\(message) (SQLSTATE \(error.serverInfo?[.sqlState] ?? "?"))"
            }
            return error.underlying.map { "\(error.code): \($0)" } ?? "\(error.code)"
        }
        return String(describing: error)
    }

    static func configuration(_ location: PostgresLocation, maximumConnections: Int) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = location.requiresTLS ? .require(.makeClientConfiguration()) : .disable
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.minimumConnections = 1
        return configuration
    }

    /// Creates an empty database `name` on the server of `server` (tests make one per case; operators use `createdb`).
    public static func createDatabase(_ name: String, on server: PostgresLocation) async throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw EventLogError.storage("a database name is letters, digits and '_', got \(name)")
        }
        let connection = try await dedicatedConnection(to: server, id: 0, logger: defaultLogger)
        defer { Task { try? await connection.close() } }
        do {
            try await connection.run(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: defaultLogger)
        } catch {
            throw EventLogError.storage("cannot create database \(name): \(describe(error))")
        }
    }

    /// Creates an empty database with a fresh name beginning with `prefix` (benches and tests) and returns where it is.
    public static func createFreshDatabase(prefix: String, on server: PostgresLocation) async throws -> PostgresLocation {
        let name = prefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await createDatabase(name, on: server)
        return server.database(name)
    }

    /// Logs the pool's warnings only: a connection retry is not news at info level.
    public static var defaultLogger: Logger {
        var logger = Logger(label: "safecity.postgres")
        logger.logLevel = .warning
        return logger
    }

    /// A connection of its own, outside the pool, for LISTEN and session advisory locks.
    func dedicatedConnection(id: Int) async throws -> PostgresConnection {
        try await Self.dedicatedConnection(to: location, id: id, logger: logger)
    }

    private static func dedicatedConnection(to location: PostgresLocation, id: Int, logger: Logger) async throws -> PostgresConnection {
        let tls: PostgresConnection.Configuration.TLS = location.requiresTLS ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
        let configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: tls)
        return try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
    }
}
