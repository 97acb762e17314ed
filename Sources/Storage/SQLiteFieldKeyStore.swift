import Foundation
import GRDB
import SafeCityCore

/// Wrapped data keys in the SQLite database (`field_keys`).
public struct SQLiteFieldKeyStore: FieldKeyStore {
    public let database: SQLiteDatabase

    public init(database: SQLiteDatabase) { self.database = database }

    public func all() async throws -> [FieldKeyRecord] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM field_keys ORDER BY created_at, id").map(Self.record)
        }
    }

    public func insert(_ record: FieldKeyRecord) async throws -> FieldKeyRecord {
        try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO field_keys (id, kind, period, wrapped_key, kek_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (kind, period) DO NOTHING
                """, arguments: [record.id, record.kind, record.period, Data(record.wrappedKey), record.kekID, record.createdAt.millisecondsSince1970])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM field_keys WHERE kind = ? AND period = ?", arguments: [record.kind, record.period]) else {
                throw EventLogError.storage("field key \(record.kind)/\(record.period) vanished after insert")
            }
            return Self.record(row)
        }
    }

    public func rewrap(id: String, wrappedKey: [UInt8], kekID: String) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(sql: "UPDATE field_keys SET wrapped_key = ?, kek_id = ? WHERE id = ?", arguments: [Data(wrappedKey), kekID, id])
            return db.changesCount > 0
        }
    }

    public func delete(ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await database.pool.write { db in
            var deleted = 0
            for id in ids {
                try db.execute(sql: "DELETE FROM field_keys WHERE id = ?", arguments: [id])
                deleted += db.changesCount
            }
            return deleted
        }
    }

    private static func record(_ row: Row) -> FieldKeyRecord {
        FieldKeyRecord(id: row["id"], kind: row["kind"], period: row["period"], wrappedKey: Array(row["wrapped_key"] as Data),
                       kekID: row["kek_id"], createdAt: Timestamp(millisecondsSince1970: row["created_at"]))
    }
}
