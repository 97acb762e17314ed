import NIOCore
import PostgresNIO
import SafeCityCore

/// API keys in PostgreSQL.
public struct PostgresAPIKeyStore: APIKeyStore {
    public let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    public func insert(_ key: APIKeyRecord) async throws {
        try await database.query("""
            INSERT INTO api_keys (id, name, role, secret_hash, created_at, created_by, revoked_at)
            VALUES (\(key.id), \(key.name), \(key.role.rawValue), \(ByteBuffer(bytes: key.secretHash)), \(key.createdAt.millisecondsSince1970),
                    \(key.createdBy), \(key.revokedAt?.millisecondsSince1970))
            """)
    }

    public func key(id: String) async throws -> APIKeyRecord? {
        try await database.query("SELECT \(unescaped: Self.columns) FROM api_keys WHERE id = \(id)").first.flatMap(Self.record)
    }

    public func revoke(id: String, at time: Timestamp) async throws -> Bool {
        try await !database.query("""
            UPDATE api_keys SET revoked_at = \(time.millisecondsSince1970) WHERE id = \(id) AND revoked_at IS NULL RETURNING id
            """).isEmpty
    }

    public func all() async throws -> [APIKeyRecord] {
        try await database.query("SELECT \(unescaped: Self.columns) FROM api_keys ORDER BY created_at, id").compactMap(Self.record)
    }

    private static let columns = "id, name, role, secret_hash, created_at, created_by, revoked_at"

    private static func record(_ row: PostgresRow) throws -> APIKeyRecord? {
        let (id, name, role, hash, created, createdBy, revoked) = try row.decode((String, String, String, ByteBuffer, Int64, String, Int64?).self)
        guard let role = Role(rawValue: role) else { return nil }
        return APIKeyRecord(id: id, name: name, role: role, secretHash: Array(buffer: hash), createdAt: Timestamp(millisecondsSince1970: created),
                            createdBy: createdBy, revokedAt: revoked.map { Timestamp(millisecondsSince1970: $0) })
    }
}
