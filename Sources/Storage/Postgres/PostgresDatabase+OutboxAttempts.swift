import PostgresNIO

extension PostgresDatabase {
    /// Writes attempts' outcomes back to the outbox `table` in one statement and releases the rows' claims.
    ///
    /// - Parameter table: a table name of SafeCity's own schema (it is put in the SQL as it is).
    func recordAttempts(_ records: [some OutboxAttempt], in table: String) async throws {
        guard !records.isEmpty else { return }
        try await query("""
            UPDATE \(unescaped: table) o SET state = u.state, attempts = u.attempts, next_attempt_at = u.next_attempt_at,
                last_error = NULLIF(u.last_error, ''), claimed_by = NULL, claimed_until = NULL
            FROM unnest(\(records.map(\.key)), \(records.map(\.state.rawValue)), \(records.map { Int64($0.attempts) })::int4[],
                        \(records.map(\.nextAttemptAt.millisecondsSince1970)), \(records.map { $0.lastError ?? "" }))
                 AS u(key, state, attempts, next_attempt_at, last_error)
            WHERE o.key = u.key
            """)
    }
}
