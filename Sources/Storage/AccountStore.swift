import Foundation
import GRDB
import SafeCityCore

/// A person's account: never the password, only its scrypt hash; the TOTP secret sealed with the field key.
public struct AccountRecord: Sendable, Equatable {
    public var username: String
    public var role: Role
    public var passwordHash: String
    /// The TOTP secret, sealed (AES-GCM) by the caller before it is stored.
    public var sealedTOTPSecret: String
    /// The last TOTP step accepted: a code is good once.
    public var totpLastStep: Int64?
    public var failedLogins: Int
    public var lockedUntil: Timestamp?
    public var createdAt: Timestamp
    public var createdBy: String
    public var disabledAt: Timestamp?

    public init(username: String, role: Role, passwordHash: String, sealedTOTPSecret: String, totpLastStep: Int64? = nil, failedLogins: Int = 0,
                lockedUntil: Timestamp? = nil, createdAt: Timestamp, createdBy: String, disabledAt: Timestamp? = nil) {
        self.username = username
        self.role = role
        self.passwordHash = passwordHash
        self.sealedTOTPSecret = sealedTOTPSecret
        self.totpLastStep = totpLastStep
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.disabledAt = disabledAt
    }
}

/// A signed-in session; the token's MAC is checked by the caller, the row says whether it still stands.
public struct SessionRecord: Sendable, Equatable {
    public var id: String
    public var username: String
    public var role: Role
    public var createdAt: Timestamp
    public var expiresAt: Timestamp
    public var revokedAt: Timestamp?

    public init(id: String, username: String, role: Role, createdAt: Timestamp, expiresAt: Timestamp, revokedAt: Timestamp? = nil) {
        (self.id, self.username, self.role, self.createdAt, self.expiresAt, self.revokedAt) = (id, username, role, createdAt, expiresAt, revokedAt)
    }
}

/// Where accounts and sessions are kept.
public protocol AccountStore: Sendable {
    func insert(_ account: AccountRecord) async throws
    func account(username: String) async throws -> AccountRecord?
    /// Writes the login bookkeeping (failures, lock, last TOTP step) of an account.
    func update(_ account: AccountRecord) async throws
    func insert(_ session: SessionRecord) async throws
    func session(id: String) async throws -> SessionRecord?
    /// Revokes one session; false when it was not open.
    func revokeSession(id: String, at: Timestamp) async throws -> Bool
    /// Revokes every open session of the given roles (or of one user); returns how many.
    func revokeSessions(roles: Set<Role>?, username: String?, at: Timestamp) async throws -> Int
    /// Every account, by username (for re-encrypting sealed secrets).
    func allAccounts() async throws -> [AccountRecord]
    /// Deletes sessions that expired or were revoked before `cutoff`; returns how many (retention).
    func deleteSessions(endedBefore cutoff: Timestamp) async throws -> Int
}

/// Accounts and sessions in the SQLite database.
public struct SQLiteAccountStore: AccountStore {
    public let database: SQLiteDatabase

    public init(database: SQLiteDatabase) { self.database = database }

    public func insert(_ account: AccountRecord) async throws {
        try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO accounts (username, role, password_hash, totp_secret, totp_last_step, failed_logins, locked_until, created_at, created_by, disabled_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: Self.arguments(account))
        }
    }

    public func account(username: String) async throws -> AccountRecord? {
        try await database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE username = ?", arguments: [username]).flatMap(Self.account)
        }
    }

    public func update(_ account: AccountRecord) async throws {
        try await database.pool.write { db in
            try db.execute(sql: """
                UPDATE accounts SET role = ?, password_hash = ?, totp_secret = ?, totp_last_step = ?, failed_logins = ?, locked_until = ?,
                    disabled_at = ? WHERE username = ?
                """, arguments: [account.role.rawValue, account.passwordHash, account.sealedTOTPSecret, account.totpLastStep, account.failedLogins,
                                 account.lockedUntil?.millisecondsSince1970, account.disabledAt?.millisecondsSince1970, account.username])
        }
    }

    public func insert(_ session: SessionRecord) async throws {
        try await database.pool.write { db in
            try db.execute(sql: "INSERT INTO sessions (id, username, role, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [session.id, session.username, session.role.rawValue, session.createdAt.millisecondsSince1970,
                                       session.expiresAt.millisecondsSince1970, session.revokedAt?.millisecondsSince1970])
        }
    }

    public func session(id: String) async throws -> SessionRecord? {
        try await database.pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sessions WHERE id = ?", arguments: [id]),
                  let role = Role(rawValue: row["role"]) else { return nil }
            return SessionRecord(id: row["id"], username: row["username"], role: role, createdAt: Timestamp(millisecondsSince1970: row["created_at"]),
                                 expiresAt: Timestamp(millisecondsSince1970: row["expires_at"]),
                                 revokedAt: (row["revoked_at"] as Int64?).map { Timestamp(millisecondsSince1970: $0) })
        }
    }

    public func revokeSession(id: String, at: Timestamp) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [at.millisecondsSince1970, id])
            return db.changesCount > 0
        }
    }

    public func revokeSessions(roles: Set<Role>?, username: String?, at: Timestamp) async throws -> Int {
        try await database.pool.write { db in
            var sql = "UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL AND expires_at > ?"
            var arguments: [any DatabaseValueConvertible] = [at.millisecondsSince1970, at.millisecondsSince1970]
            if let roles {
                sql += " AND role IN (\(roles.map { _ in "?" }.joined(separator: ", ")))"
                arguments += roles.map(\.rawValue)
            }
            if let username {
                sql += " AND username = ?"
                arguments.append(username)
            }
            try db.execute(sql: sql, arguments: StatementArguments(arguments))
            return db.changesCount
        }
    }

    static func arguments(_ account: AccountRecord) -> StatementArguments {
        [account.username, account.role.rawValue, account.passwordHash, account.sealedTOTPSecret, account.totpLastStep, account.failedLogins,
         account.lockedUntil?.millisecondsSince1970, account.createdAt.millisecondsSince1970, account.createdBy, account.disabledAt?.millisecondsSince1970]
    }

    public func allAccounts() async throws -> [AccountRecord] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY username").compactMap(Self.account)
        }
    }

    public func deleteSessions(endedBefore cutoff: Timestamp) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at < ? OR (revoked_at IS NOT NULL AND revoked_at < ?)",
                           arguments: [cutoff.millisecondsSince1970, cutoff.millisecondsSince1970])
            return db.changesCount
        }
    }

    static func account(_ row: Row) -> AccountRecord? {
        guard let role = Role(rawValue: row["role"]) else { return nil }
        return AccountRecord(
            username: row["username"], role: role, passwordHash: row["password_hash"], sealedTOTPSecret: row["totp_secret"],
            totpLastStep: row["totp_last_step"], failedLogins: row["failed_logins"],
            lockedUntil: (row["locked_until"] as Int64?).map { Timestamp(millisecondsSince1970: $0) },
            createdAt: Timestamp(millisecondsSince1970: row["created_at"]), createdBy: row["created_by"],
            disabledAt: (row["disabled_at"] as Int64?).map { Timestamp(millisecondsSince1970: $0) })
    }
}
