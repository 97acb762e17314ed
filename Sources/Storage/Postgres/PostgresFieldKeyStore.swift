import NIOCore
import PostgresNIO
import SafeCityCore

/// Wrapped data keys in PostgreSQL: every node seals and opens with the same keys.
public struct PostgresFieldKeyStore: FieldKeyStore {
    public let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    public func all() async throws -> [FieldKeyRecord] {
        try await database.query("SELECT id, kind, period, wrapped_key, kek_id, created_at FROM field_keys ORDER BY created_at, id").map(Self.record)
    }

    public func insert(_ record: FieldKeyRecord) async throws -> FieldKeyRecord {
        // Two nodes making the key of one month at once: the first stands, and both get it back.
        try await database.query("""
            INSERT INTO field_keys (id, kind, period, wrapped_key, kek_id, created_at)
            VALUES (\(record.id), \(record.kind), \(record.period), \(ByteBuffer(bytes: record.wrappedKey)), \(record.kekID),
                    \(record.createdAt.millisecondsSince1970))
            ON CONFLICT (kind, period) DO NOTHING
            """)
        let rows = try await database.query("""
            SELECT id, kind, period, wrapped_key, kek_id, created_at FROM field_keys WHERE kind = \(record.kind) AND period = \(record.period)
            """)
        guard let row = rows.first else { throw EventLogError.storage("the field key \(record.kind)/\(record.period) vanished") }
        return try Self.record(row)
    }

    public func rewrap(id: String, wrappedKey: [UInt8], kekID: String) async throws -> Bool {
        try await !database.query("""
            UPDATE field_keys SET wrapped_key = \(ByteBuffer(bytes: wrappedKey)), kek_id = \(kekID) WHERE id = \(id) RETURNING id
            """).isEmpty
    }

    public func delete(ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await database.query("DELETE FROM field_keys WHERE id = ANY(\(ids)) RETURNING id").count
    }

    private static func record(_ row: PostgresRow) throws -> FieldKeyRecord {
        let (id, kind, period, wrapped, kekID, created) = try row.decode((String, String, String, ByteBuffer, String, Int64).self)
        return FieldKeyRecord(id: id, kind: kind, period: period, wrappedKey: Array(buffer: wrapped), kekID: kekID,
                              createdAt: Timestamp(millisecondsSince1970: created))
    }
}
