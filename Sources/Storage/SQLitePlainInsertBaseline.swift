import Foundation
import GRDB
import SafeCityCore

/// The ingest benchmark's denominator: the same rows inserted by a plain prepared-statement
/// loop in one transaction, with no hashing, no chain lookup and no unique index.
public enum SQLitePlainInsertBaseline {
    /// Inserts the events into a scratch table and returns how many were written.
    public static func insert(_ events: [NewEvent], into database: SQLiteDatabase) throws -> Int {
        try database.pool.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS bench_plain (
                    seq INTEGER PRIMARY KEY, type TEXT, source TEXT, actor TEXT, occurred_at INTEGER,
                    latitude REAL, longitude REAL, payload BLOB)
                """)
            let statement = try db.cachedStatement(sql: """
                INSERT INTO bench_plain (type, source, actor, occurred_at, latitude, longitude, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for event in events {
                statement.setUncheckedArguments([
                    event.type.name, event.source, event.actor, event.occurredAt.millisecondsSince1970,
                    event.location?.latitude, event.location?.longitude, Data(event.payload.bytes),
                ])
                try statement.execute()
            }
            return events.count
        }
    }
}
