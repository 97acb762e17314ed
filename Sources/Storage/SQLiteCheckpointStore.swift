import Foundation
import GRDB
import SafeCityCore

/// Projection checkpoints in the SQLite database.
public struct SQLiteCheckpointStore: CheckpointStore {
    public let database: SQLiteDatabase

    public init(database: SQLiteDatabase) { self.database = database }

    public func loadCheckpoint(name: String) async throws -> ProjectionCheckpoint? {
        try await database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT version, seq, state FROM projection_checkpoints WHERE name = ?", arguments: [name])
                .map { ProjectionCheckpoint(name: name, version: $0[0], sequence: $0[1], state: Array($0[2] as Data)) }
        }
    }

    public func saveCheckpoint(_ checkpoint: ProjectionCheckpoint) async throws {
        try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO projection_checkpoints (name, version, seq, state) VALUES (?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET version = excluded.version, seq = excluded.seq, state = excluded.state
                WHERE excluded.seq >= projection_checkpoints.seq OR excluded.version != projection_checkpoints.version
                """, arguments: [checkpoint.name, checkpoint.version, checkpoint.sequence, Data(checkpoint.state)])
        }
    }
}
