import Foundation
import GRDB
import SafeCityCore

/// A stored API key: never the secret, only its SHA-256.
public struct APIKeyRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var role: Role
    public var secretHash: [UInt8]
    public var createdAt: Timestamp
    public var createdBy: String
    public var revokedAt: Timestamp?

    public init(id: String, name: String, role: Role, secretHash: [UInt8], createdAt: Timestamp, createdBy: String, revokedAt: Timestamp? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.revokedAt = revokedAt
    }
}

/// Where API keys are kept.
public protocol APIKeyStore: Sendable {
    func insert(_ key: APIKeyRecord) async throws
    func key(id: String) async throws -> APIKeyRecord?
    func revoke(id: String, at: Timestamp) async throws -> Bool
    func all() async throws -> [APIKeyRecord]
}

/// API keys in the SQLite database.
public struct SQLiteAPIKeyStore: APIKeyStore {
    public let database: SQLiteDatabase

    public init(database: SQLiteDatabase) { self.database = database }

    public func insert(_ key: APIKeyRecord) async throws {
        try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO api_keys (id, name, role, secret_hash, created_at, created_by, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [key.id, key.name, key.role.rawValue, Data(key.secretHash),
                                 key.createdAt.millisecondsSince1970, key.createdBy, key.revokedAt?.millisecondsSince1970])
        }
    }

    public func key(id: String) async throws -> APIKeyRecord? {
        try await database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ?", arguments: [id]).flatMap(Self.record)
        }
    }

    public func revoke(id: String, at: Timestamp) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [at.millisecondsSince1970, id])
            return db.changesCount > 0
        }
    }

    public func all() async throws -> [APIKeyRecord] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at").compactMap(Self.record)
        }
    }

    private static func record(_ row: Row) -> APIKeyRecord? {
        guard let role = Role(rawValue: row["role"]) else { return nil }
        let revoked: Int64? = row["revoked_at"]
        return APIKeyRecord(
            id: row["id"], name: row["name"], role: role, secretHash: Array(row["secret_hash"] as Data),
            createdAt: Timestamp(millisecondsSince1970: row["created_at"]), createdBy: row["created_by"],
            revokedAt: revoked.map { Timestamp(millisecondsSince1970: $0) })
    }
}
