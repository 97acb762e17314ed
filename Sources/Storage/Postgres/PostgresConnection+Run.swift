import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs a statement and reads its whole result: a server error (a unique violation, say) arrives with the
    /// result, so a statement whose result is never read would leave its transaction aborted unnoticed, and
    /// the COMMIT after it would quietly roll back.
    func run(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }
}
