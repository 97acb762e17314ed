import Foundation
import GRDB
import Geo
import SafeCityCore

/// The event log on SQLite: batched appends in one transaction, hash-chained records.
public final class SQLiteEventLog: EventLog {
    public let database: SQLiteDatabase
    public let headSignal: HeadSignal
    private let clock: any WallClock

    /// Opens the log in a database; the head signal starts at the stored head.
    public init(database: SQLiteDatabase, clock: any WallClock = SystemClock()) throws {
        self.database = database
        self.clock = clock
        let head = try database.pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM events") ?? 0
        }
        self.headSignal = HeadSignal(head: head)
    }

    public func append(_ events: [NewEvent]) async throws -> [EventRecord] {
        guard !events.isEmpty else { return [] }
        let recordedAt = clock.now()
        let records: [EventRecord]
        do {
            records = try await database.pool.write { db in
                try Self.insert(events, recordedAt: recordedAt, in: db)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw try await duplicateError(for: events)
        } catch let error as EventLogError {
            throw error
        } catch {
            throw EventLogError.storage("\(error)")
        }
        await headSignal.advance(to: records[records.count - 1].sequence)
        return records
    }

    private static func insert(_ events: [NewEvent], recordedAt: Timestamp, in db: Database) throws -> [EventRecord] {
        var sequence: Int64 = 0
        var previous = HashChain.genesis
        if let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1") {
            sequence = row[0]
            previous = Array(row[1] as Data)
        }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO events (seq, id, type, source, actor, occurred_at, recorded_at, latitude, longitude,
                                schema_version, payload, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var records: [EventRecord] = []
        records.reserveCapacity(events.count)
        for event in events {
            sequence += 1
            let record = EventRecord.seal(event, sequence: sequence, recordedAt: recordedAt, previousHash: previous)
            statement.setUncheckedArguments([
                sequence, Self.idBytes(event.id), event.type.name, event.source, event.actor,
                event.occurredAt.millisecondsSince1970, recordedAt.millisecondsSince1970,
                event.location?.latitude, event.location?.longitude, event.schemaVersion,
                Data(event.payload.bytes), Data(previous), Data(record.hash),
            ])
            try statement.execute()
            previous = record.hash
            records.append(record)
        }
        return records
    }

    public func read(after sequence: Int64, limit: Int) async throws -> [EventRecord] {
        do {
            return try await database.pool.read { db in
                try Self.fetch(db, after: sequence, limit: limit)
            }
        } catch {
            throw EventLogError.storage("\(error)")
        }
    }

    public func read(after sequence: Int64, limit: Int, types: Set<EventType>) async throws -> EventPage {
        do {
            return try await database.pool.read { db in
                let records = try Self.fetch(db, after: sequence, limit: limit, types: types)
                // A short page covered everything committed when this read transaction began.
                let through = records.count == limit
                    ? records[records.count - 1].sequence
                    : max(sequence, try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM events") ?? 0)
                return EventPage(records: records, scannedThrough: through)
            }
        } catch {
            throw EventLogError.storage("\(error)")
        }
    }

    /// Reads synchronously (for the CLI and verification of a database opened read-only); `types` filters by event type.
    static func fetch(_ db: Database, after sequence: Int64, limit: Int, types: Set<EventType>? = nil) throws -> [EventRecord] {
        var arguments: StatementArguments = [sequence]
        var filter = ""
        if let types, types.isEmpty {
            filter = " AND 0"
        } else if let types {
            let names = types.map(\.name).sorted()
            filter = " AND type IN (\(Array(repeating: "?", count: names.count).joined(separator: ",")))"
            arguments += StatementArguments(names)
        }
        arguments += [limit]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT seq, id, type, source, actor, occurred_at, recorded_at, latitude, longitude,
                   schema_version, payload, prev_hash, hash
            FROM events WHERE seq > ?\(filter) ORDER BY seq LIMIT ?
            """, arguments: arguments)
        var records: [EventRecord] = []
        while let row = try rows.next() {
            let latitude: Double? = row[7]
            let longitude: Double? = row[8]
            let location = latitude.flatMap { lat in longitude.map { GeoPoint(latitude: lat, longitude: $0) } }
            let event = NewEvent(
                id: Self.eventID(row[1] as Data), type: EventType(row[2] as String), source: row[3], actor: row[4],
                occurredAt: Timestamp(millisecondsSince1970: row[5]), location: location, schemaVersion: row[9],
                payload: EventPayload(trustedBytes: Array(row[10] as Data)))
            records.append(EventRecord(
                sequence: row[0], recordedAt: Timestamp(millisecondsSince1970: row[6]), event: event,
                previousHash: Array(row[11] as Data), hash: Array(row[12] as Data)))
        }
        return records
    }

    public func lastSequence() async throws -> Int64 {
        try await database.pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM events") ?? 0
        }
    }

    /// Total bytes of stored payloads, for the log-size metric.
    public func payloadBytes() async throws -> Int64 {
        try await database.pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(LENGTH(payload)), 0) FROM events") ?? 0
        }
    }

    private func duplicateError(for events: [NewEvent]) async throws -> EventLogError {
        var seen = Set<EventID>()
        for event in events where !seen.insert(event.id).inserted {
            return .duplicateEventID(event.id, existingSequence: 0)
        }
        let ids = events.map { Self.idBytes($0.id) }
        return try await database.pool.read { db in
            for id in ids {
                if let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM events WHERE id = ?", arguments: [id]) {
                    return .duplicateEventID(Self.eventID(id), existingSequence: seq)
                }
            }
            return .storage("unique constraint failed")
        }
    }

    static func idBytes(_ id: EventID) -> Data {
        withUnsafeBytes(of: id.uuid.uuid) { Data($0) }
    }

    static func eventID(_ data: Data) -> EventID {
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &raw) { buffer in
            _ = data.prefix(16).copyBytes(to: buffer)
        }
        return EventID(UUID(uuid: raw))
    }
}
