import Foundation
import GRDB
import GRDBSQLite
import Geo
import SafeCityCore

/// The event log on SQLite: batched appends in one transaction, hash-chained records.
public final class SQLiteEventLog: EventLog {
    public let database: SQLiteDatabase
    public let headSignal: HeadSignal
    private let clock: any WallClock
    /// The newest committed records, for readers that follow the head.
    private let recent = RecentRecords()

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
        try await append(events, filter: nil)
    }

    public func append(_ events: [NewEvent], unlessAnyOf types: Set<EventType>, after sequence: Int64) async throws -> [EventRecord] {
        let names = types.map(\.name).sorted()
        return try await append(events) { db, events in
            guard !names.isEmpty else { return events }
            let changed = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM events WHERE seq > ? AND type IN (\(names.map { _ in "?" }.joined(separator: ","))))
                """, arguments: StatementArguments([sequence]) + StatementArguments(names)) ?? false
            if changed { throw EventLogError.conflict(after: sequence) }
            return events
        }
    }

    public func appendNew(_ events: [NewEvent]) async throws -> [EventRecord] {
        try await append(events) { db, events in
            let statement = try db.cachedStatement(sql: "SELECT 1 FROM events WHERE id = ?")
            var seen = Set<EventID>()
            return try events.filter { event in
                guard seen.insert(event.id).inserted else { return false }
                return try Bool.fetchOne(statement, arguments: [Self.idBytes(event.id)]) == nil
            }
        }
    }

    /// Appends in one transaction what `filter` keeps of `events` (it may also throw to append nothing).
    private func append(_ events: [NewEvent], filter: (@Sendable (Database, [NewEvent]) throws -> [NewEvent])?) async throws -> [EventRecord] {
        guard !events.isEmpty else { return [] }
        let recordedAt = clock.now()
        let records: [EventRecord]
        let recent = self.recent
        do {
            records = try await database.pool.writeWithoutTransaction { db in
                var inserted: [EventRecord] = []
                try db.inTransaction {
                    let kept = try filter?(db, events) ?? events
                    inserted = kept.isEmpty ? [] : try Self.insert(kept, recordedAt: recordedAt, in: db)
                    return .commit
                }
                // Committed, and still on the serialized writer: memory receives batches in commit order.
                recent.add(inserted)
                return inserted
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw try await duplicateError(for: events)
        } catch let error as EventLogError {
            throw error
        } catch {
            throw EventLogError.storage("\(error)")
        }
        if let last = records.last { await headSignal.advance(to: last.sequence) }
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
        // Bound by hand: GRDB's `StatementArguments` boxes each value in an existential and copies blobs
        // into `Data`, which cost more than SQLite's own insert. The statement is marked bound once so that
        // `execute()` only resets it and keeps these bindings.
        statement.setUncheckedArguments(StatementArguments())
        let handle = statement.sqliteStatement
        var records: [EventRecord] = []
        records.reserveCapacity(events.count)
        for event in events {
            sequence += 1
            let record = EventRecord.seal(event, sequence: sequence, recordedAt: recordedAt, previousHash: previous)
            // GRDB resets a statement before its next run, not after; SQLite refuses bindings to a stepped one.
            sqlite3_reset(handle)
            sqlite3_bind_int64(handle, 1, sequence)
            _ = withUnsafeBytes(of: event.id.uuid.uuid) { sqlite3_bind_blob(handle, 2, $0.baseAddress, 16, sqliteTransient) }
            Self.bindText(event.type.name, handle, 3)
            Self.bindText(event.source, handle, 4)
            Self.bindText(event.actor, handle, 5)
            sqlite3_bind_int64(handle, 6, event.occurredAt.millisecondsSince1970)
            sqlite3_bind_int64(handle, 7, recordedAt.millisecondsSince1970)
            if let location = event.location {
                sqlite3_bind_double(handle, 8, location.latitude)
                sqlite3_bind_double(handle, 9, location.longitude)
            } else {
                sqlite3_bind_null(handle, 8)
                sqlite3_bind_null(handle, 9)
            }
            sqlite3_bind_int64(handle, 10, Int64(event.schemaVersion))
            Self.bindBlob(event.payload.bytes, handle, 11)
            Self.bindBlob(previous, handle, 12)
            Self.bindBlob(record.hash, handle, 13)
            try statement.execute()
            previous = record.hash
            records.append(record)
        }
        return records
    }

    private static func bindText(_ text: String, _ handle: SQLiteStatement, _ index: Int32) {
        var text = text
        text.withUTF8 { utf8 in
            _ = utf8.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(handle, index, $0.baseAddress, Int32(utf8.count), sqliteTransient) }
        }
    }

    private static func bindBlob(_ bytes: [UInt8], _ handle: SQLiteStatement, _ index: Int32) {
        // A zero-length blob still needs a non-null pointer, or SQLite stores NULL (the column is NOT NULL).
        _ = bytes.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32($0.count), sqliteTransient) }
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

    /// Answers from the records committed lately when it can (see ``RecentRecords``), else from SQLite.
    public func page(after sequence: Int64, limit: Int, types: Set<EventType>?) async throws -> EventPage {
        if types?.isEmpty != true, let page = recent.read(after: sequence, limit: limit, types: types) { return page }
        guard let types else {
            let records = try await read(after: sequence, limit: limit)
            return EventPage(records: records, scannedThrough: records.last?.sequence ?? sequence)
        }
        return try await read(after: sequence, limit: limit, types: types)
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

/// SQLite copies the bound bytes before the call returns (`SQLITE_TRANSIENT`).
private let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
