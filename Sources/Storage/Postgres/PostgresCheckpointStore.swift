import NIOCore
import PostgresNIO
import SafeCityCore

/// Projection checkpoints in PostgreSQL; every node folds the same log, so they share them.
public struct PostgresCheckpointStore: CheckpointStore {
    public let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    public func loadCheckpoint(name: String) async throws -> ProjectionCheckpoint? {
        try await database.query("SELECT version, seq, state FROM projection_checkpoints WHERE name = \(name)").first.map { row in
            let (version, sequence, state) = try row.decode((Int32, Int64, ByteBuffer).self)
            return ProjectionCheckpoint(name: name, version: Int(version), sequence: sequence, state: Array(buffer: state))
        }
    }

    public func saveCheckpoint(_ checkpoint: ProjectionCheckpoint) async throws {
        try await database.query("""
            INSERT INTO projection_checkpoints (name, version, seq, state)
            VALUES (\(checkpoint.name), \(Int32(checkpoint.version)), \(checkpoint.sequence), \(ByteBuffer(bytes: checkpoint.state)))
            ON CONFLICT (name) DO UPDATE SET version = excluded.version, seq = excluded.seq, state = excluded.state
            WHERE excluded.seq >= projection_checkpoints.seq OR excluded.version != projection_checkpoints.version
            """)
    }
}
