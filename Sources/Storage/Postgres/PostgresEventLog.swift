import Foundation
import Geo
import NIOCore
import PostgresNIO
import SafeCityCore

/// The event log on PostgreSQL, shared by every node: gap-free sequence numbers and one hash chain
/// whichever node appends, and a `NOTIFY` on each commit so that every node's tail readers wake.
///
/// - Note: An append locks the single `log_head` row, reads the previous hash, inserts the batch and
///   moves the head, in one transaction; appends from all nodes therefore commit one after another, in
///   sequence order, and a reader never sees a record before one with a lower number. The head signal
///   advances on this node's own commits at once and on other nodes' through ``PostgresHeadListener``.
public final class PostgresEventLog: EventLog {
    public let database: PostgresDatabase
    public let headSignal: HeadSignal
    private let clock: any WallClock
    private let recent = RecentRecords()
    /// The channel every append notifies with its last sequence number.
    public static let channel = "safecity_log"

    /// Opens the log in `database`; the head signal starts at the stored head.
    public init(database: PostgresDatabase, clock: any WallClock = SystemClock()) async throws {
        self.database = database
        self.clock = clock
        let head = try await database.query("SELECT seq FROM log_head WHERE id = 1").first?.decode(Int64.self) ?? 0
        headSignal = HeadSignal(head: head)
    }

    public func append(_ events: [NewEvent]) async throws -> [EventRecord] {
        try await append(events, filter: nil)
    }

    public func append(_ events: [NewEvent], unlessAnyOf types: Set<EventType>, after sequence: Int64) async throws -> [EventRecord] {
        let names = types.map(\.name).sorted()
        let logger = database.logger
        return try await append(events) { connection, events in
            guard !names.isEmpty else { return events }
            // Runs with the head locked: nothing can be committed between this look and the insert.
            let rows = try await connection.query(
                "SELECT EXISTS (SELECT 1 FROM events WHERE seq > \(sequence) AND type = ANY(\(names)))", logger: logger)
            for try await changed in rows.decode(Bool.self) where changed { throw EventLogError.conflict(after: sequence) }
            return events
        }
    }

    public func appendNew(_ events: [NewEvent]) async throws -> [EventRecord] {
        let logger = database.logger
        return try await append(events) { connection, events in
            var present = Set<UUID>()
            let rows = try await connection.query("SELECT id FROM event_ids WHERE id = ANY(\(events.map(\.id.uuid)))", logger: logger)
            for try await id in rows.decode(UUID.self) { present.insert(id) }
            var seen = Set<EventID>()
            return events.filter { !present.contains($0.id.uuid) && seen.insert($0.id).inserted }
        }
    }

    /// Appends in one transaction, with the head locked, what `filter` keeps of `events` (it may throw to append nothing).
    private func append(_ events: [NewEvent],
                        filter: ((PostgresConnection, [NewEvent]) async throws -> [NewEvent])?) async throws -> [EventRecord] {
        guard !events.isEmpty else { return [] }
        let recordedAt = clock.now()
        let logger = database.logger
        let recent = self.recent
        let records: [EventRecord]
        do {
            records = try await database.withTransaction { connection in
                let head = try await connection.query("SELECT seq, hash FROM log_head WHERE id = 1 FOR UPDATE", logger: logger)
                var sequence: Int64 = 0
                var previous = HashChain.genesis
                for try await (seq, hash) in head.decode((Int64, ByteBuffer).self) {
                    sequence = seq
                    previous = Array(buffer: hash)
                }
                let kept = try await filter?(connection, events) ?? events
                guard !kept.isEmpty else { return [] }
                var sealed: [EventRecord] = []
                sealed.reserveCapacity(kept.count)
                for event in kept {
                    sequence += 1
                    let record = EventRecord.seal(event, sequence: sequence, recordedAt: recordedAt, previousHash: previous)
                    previous = record.hash
                    sealed.append(record)
                }
                do {
                    try await connection.run(Self.insert(sealed), logger: logger)
                } catch where PostgresDatabase.sqlState(of: error) == "23505" {
                    throw DuplicateID()
                }
                return sealed
            }
        } catch is DuplicateID {
            throw try await duplicateError(for: events)
        }
        guard let last = records.last else { return [] }
        recent.add(records)
        await headSignal.advance(to: last.sequence)
        return records
    }

    /// An id of the batch is in the log already (the transaction is rolled back; which one is looked up after).
    private struct DuplicateID: PostgresRefusal {}

    /// One statement that stores the batch, its ids, the new head and the notification.
    private static func insert(_ records: [EventRecord]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: 16)
        bindings.append(records.map(\.sequence))
        bindings.append(records.map(\.event.id.uuid))
        bindings.append(records.map(\.event.type.name))
        bindings.append(records.map(\.event.source))
        bindings.append(records.map(\.event.actor))
        bindings.append(records.map(\.event.occurredAt.millisecondsSince1970))
        bindings.append(records[0].recordedAt.millisecondsSince1970)
        // NaN stands for "no location" in the arrays; NULLIF turns it back into NULL.
        bindings.append(records.map { $0.event.location?.latitude ?? .nan })
        bindings.append(records.map { $0.event.location?.longitude ?? .nan })
        bindings.append(records.map { Int64($0.event.schemaVersion) })
        bindings.append(records.map { ByteBuffer(bytes: $0.event.payload.bytes) })
        bindings.append(records.map { ByteBuffer(bytes: $0.previousHash) })
        bindings.append(records.map { ByteBuffer(bytes: $0.hash) })
        let last = records[records.count - 1]
        bindings.append(last.sequence)
        bindings.append(ByteBuffer(bytes: last.hash))
        bindings.append(String(last.sequence))
        return PostgresQuery(unsafeSQL: """
            WITH ids AS (
                INSERT INTO event_ids (id, seq) SELECT * FROM unnest($2::uuid[], $1::int8[])
            ), stored AS (
                INSERT INTO events (seq, id, type, source, actor, occurred_at, recorded_at, latitude, longitude,
                                    schema_version, payload, prev_hash, hash)
                SELECT s, i, t, so, a, o, $7, NULLIF(la, 'NaN'), NULLIF(lo, 'NaN'), v, p, ph, h
                FROM unnest($1::int8[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int8[], $8::float8[], $9::float8[],
                            $10::int8[], $11::bytea[], $12::bytea[], $13::bytea[]) AS u(s, i, t, so, a, o, la, lo, v, p, ph, h)
            ), head AS (
                UPDATE log_head SET seq = $14, hash = $15 WHERE id = 1
            )
            SELECT pg_notify('\(channel)', $16)
            """, binds: bindings)
    }

    public func read(after sequence: Int64, limit: Int) async throws -> [EventRecord] {
        try await database.withConnection { connection in
            let rows = try await connection.query(
                "SELECT \(unescaped: Self.columns) FROM events WHERE seq > \(sequence) ORDER BY seq LIMIT \(Int64(limit))", logger: database.logger)
            var records: [EventRecord] = []
            for try await row in rows { records.append(try Self.record(row)) }
            return records
        }
    }

    public func read(after sequence: Int64, limit: Int, types: Set<EventType>) async throws -> EventPage {
        if types.isEmpty { return EventPage(records: [], scannedThrough: try await lastSequence()) }
        let names = types.map(\.name).sorted()
        return try await database.withConnection { connection in
            // The head comes from the same statement, hence the same snapshot, as the records.
            let rows = try await connection.query("""
                SELECT h.seq, e.* FROM log_head h LEFT JOIN LATERAL (
                    SELECT \(unescaped: Self.columns) FROM events
                    WHERE seq > \(sequence) AND seq <= h.seq AND type = ANY(\(names)) ORDER BY seq LIMIT \(Int64(limit))
                ) e ON true WHERE h.id = 1
                """, logger: database.logger)
            var records: [EventRecord] = []
            var head = sequence
            for try await row in rows {
                var cells = row.makeRandomAccess()
                head = try cells[0].decode(Int64.self)
                if try cells[1].decode(Int64?.self) != nil { records.append(try Self.record(row, from: 1)) }
            }
            let through = records.count == limit ? records[records.count - 1].sequence : max(sequence, head)
            return EventPage(records: records, scannedThrough: through)
        }
    }

    /// Answers from this node's recent commits when it can, else from the database.
    public func page(after sequence: Int64, limit: Int, types: Set<EventType>?) async throws -> EventPage {
        if types?.isEmpty != true, let page = recent.read(after: sequence, limit: limit, types: types) { return page }
        guard let types else {
            let records = try await read(after: sequence, limit: limit)
            // Other nodes' records, read once here, serve this node's other readers from memory.
            recent.add(records)
            return EventPage(records: records, scannedThrough: records.last?.sequence ?? sequence)
        }
        return try await read(after: sequence, limit: limit, types: types)
    }

    public func lastSequence() async throws -> Int64 {
        try await database.query("SELECT seq FROM log_head WHERE id = 1").first?.decode(Int64.self) ?? 0
    }

    /// Total bytes of stored payloads, for the log-size metric.
    public func payloadBytes() async throws -> Int64 {
        try await database.query("SELECT COALESCE(SUM(octet_length(payload)), 0)::int8 FROM events").first?.decode(Int64.self) ?? 0
    }

    private func duplicateError(for events: [NewEvent]) async throws -> EventLogError {
        var seen = Set<EventID>()
        for event in events where !seen.insert(event.id).inserted {
            return .duplicateEventID(event.id, existingSequence: 0)
        }
        let rows = try await database.query("SELECT id, seq FROM event_ids WHERE id = ANY(\(events.map(\.id.uuid))) ORDER BY seq LIMIT 1")
        guard let (id, sequence) = try rows.first?.decode((UUID, Int64).self) else { return .storage("unique constraint failed") }
        return .duplicateEventID(EventID(id), existingSequence: sequence)
    }

    static let columns = "seq, id, type, source, actor, occurred_at, recorded_at, latitude, longitude, schema_version, payload, prev_hash, hash"

    private static func record(_ row: PostgresRow, from first: Int = 0) throws -> EventRecord {
        let cells = row.makeRandomAccess()
        let latitude = try cells[first + 7].decode(Double?.self)
        let longitude = try cells[first + 8].decode(Double?.self)
        let location = latitude.flatMap { lat in longitude.map { GeoPoint(latitude: lat, longitude: $0) } }
        let event = NewEvent(
            id: EventID(try cells[first + 1].decode(UUID.self)), type: EventType(try cells[first + 2].decode(String.self)),
            source: try cells[first + 3].decode(String.self), actor: try cells[first + 4].decode(String.self),
            occurredAt: Timestamp(millisecondsSince1970: try cells[first + 5].decode(Int64.self)), location: location,
            schemaVersion: Int(try cells[first + 9].decode(Int32.self)),
            payload: EventPayload(trustedBytes: Array(buffer: try cells[first + 10].decode(ByteBuffer.self))))
        return EventRecord(
            sequence: try cells[first].decode(Int64.self), recordedAt: Timestamp(millisecondsSince1970: try cells[first + 6].decode(Int64.self)),
            event: event, previousHash: Array(buffer: try cells[first + 11].decode(ByteBuffer.self)),
            hash: Array(buffer: try cells[first + 12].decode(ByteBuffer.self)))
    }
}
