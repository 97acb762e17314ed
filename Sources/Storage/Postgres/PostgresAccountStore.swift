import PostgresNIO
import SafeCityCore

/// Accounts and sessions in PostgreSQL.
public struct PostgresAccountStore: AccountStore {
    public let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    public func insert(_ account: AccountRecord) async throws {
        try await database.query("""
            INSERT INTO accounts (username, role, password_hash, totp_secret, totp_last_step, failed_logins, locked_until, created_at, created_by, disabled_at)
            VALUES (\(account.username), \(account.role.rawValue), \(account.passwordHash), \(account.sealedTOTPSecret), \(account.totpLastStep),
                    \(Int32(account.failedLogins)), \(account.lockedUntil?.millisecondsSince1970), \(account.createdAt.millisecondsSince1970),
                    \(account.createdBy), \(account.disabledAt?.millisecondsSince1970))
            """)
    }

    public func account(username: String) async throws -> AccountRecord? {
        try await database.query("SELECT \(unescaped: Self.accountColumns) FROM accounts WHERE username = \(username)").first.flatMap(Self.account)
    }

    public func allAccounts() async throws -> [AccountRecord] {
        try await database.query("SELECT \(unescaped: Self.accountColumns) FROM accounts ORDER BY username").compactMap(Self.account)
    }

    public func deleteSessions(endedBefore cutoff: Timestamp) async throws -> Int {
        let time = cutoff.millisecondsSince1970
        return try await database.query("""
            DELETE FROM sessions WHERE expires_at < \(time) OR (revoked_at IS NOT NULL AND revoked_at < \(time)) RETURNING id
            """).count
    }

    private static let accountColumns =
        "username, role, password_hash, totp_secret, totp_last_step, failed_logins, locked_until, created_at, created_by, disabled_at"

    private static func account(_ row: PostgresRow) throws -> AccountRecord? {
        let (username, role, hash, secret, step, failed, locked, created, createdBy, disabled) =
            try row.decode((String, String, String, String, Int64?, Int32, Int64?, Int64, String, Int64?).self)
        guard let role = Role(rawValue: role) else { return nil }
        return AccountRecord(username: username, role: role, passwordHash: hash, sealedTOTPSecret: secret, totpLastStep: step,
                             failedLogins: Int(failed), lockedUntil: locked.map(Timestamp.init(millisecondsSince1970:)),
                             createdAt: Timestamp(millisecondsSince1970: created), createdBy: createdBy,
                             disabledAt: disabled.map(Timestamp.init(millisecondsSince1970:)))
    }

    public func update(_ account: AccountRecord) async throws {
        try await database.query("""
            UPDATE accounts SET role = \(account.role.rawValue), password_hash = \(account.passwordHash), totp_secret = \(account.sealedTOTPSecret),
                totp_last_step = \(account.totpLastStep), failed_logins = \(Int32(account.failedLogins)),
                locked_until = \(account.lockedUntil?.millisecondsSince1970), disabled_at = \(account.disabledAt?.millisecondsSince1970)
            WHERE username = \(account.username)
            """)
    }

    public func insert(_ session: SessionRecord) async throws {
        try await database.query("""
            INSERT INTO sessions (id, username, role, created_at, expires_at, revoked_at)
            VALUES (\(session.id), \(session.username), \(session.role.rawValue), \(session.createdAt.millisecondsSince1970),
                    \(session.expiresAt.millisecondsSince1970), \(session.revokedAt?.millisecondsSince1970))
            """)
    }

    public func session(id: String) async throws -> SessionRecord? {
        try await database.query("SELECT id, username, role, created_at, expires_at, revoked_at FROM sessions WHERE id = \(id)").first.flatMap { row in
            let (id, username, role, created, expires, revoked) = try row.decode((String, String, String, Int64, Int64, Int64?).self)
            guard let role = Role(rawValue: role) else { return nil }
            return SessionRecord(id: id, username: username, role: role, createdAt: Timestamp(millisecondsSince1970: created),
                                 expiresAt: Timestamp(millisecondsSince1970: expires), revokedAt: revoked.map(Timestamp.init(millisecondsSince1970:)))
        }
    }

    public func revokeSession(id: String, at time: Timestamp) async throws -> Bool {
        try await !database.query("""
            UPDATE sessions SET revoked_at = \(time.millisecondsSince1970) WHERE id = \(id) AND revoked_at IS NULL RETURNING id
            """).isEmpty
    }

    public func revokeSessions(roles: Set<Role>?, username: String?, at time: Timestamp) async throws -> Int {
        let now = time.millisecondsSince1970
        // NULL filters mean "any": one statement serves every combination.
        return try await database.query("""
            UPDATE sessions SET revoked_at = \(now)
            WHERE revoked_at IS NULL AND expires_at > \(now)
              AND (\(roles == nil) OR role = ANY(\(roles.map { $0.map(\.rawValue).sorted() } ?? [])))
              AND (\(username == nil) OR username = \(username ?? ""))
            RETURNING id
            """).count
    }
}
